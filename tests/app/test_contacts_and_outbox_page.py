"""Comptes: an admin gives an owner's e-mail address and reads the outbox (issue 22)."""

from pac_core.notify import outbox
from pac_core.notify.outbox import Queued
from pac_core.notify.transport import Message
from tests.app.conftest import texts


def test_an_admin_gives_an_owners_address_and_sees_the_messages_queued(app):
    app.switch_page("screens/comptes.py")
    app.run()
    assert "Rien n'a encore été mis dans la file." in texts(app)
    owner = next(box for box in app.selectbox if box.label == "Responsable ou compte")
    assert "Service marketing" in owner.options and "Directeur commercial" in owner.options
    owner.set_value("Service marketing")
    next(box for box in app.text_input if box.label == "Adresse (vide : la retirer)").input("marketing@exemple.fr")
    next(button for button in app.button if button.label == "Enregistrer l'adresse").click()
    app.run()
    assert not app.exception
    assert "« Service marketing » : marketing@exemple.fr." in texts(app)
    direction = next(box for box in app.multiselect if box.label.startswith("La direction"))
    assert direction.options == ["Service marketing"]
    direction.set_value(["Service marketing"])
    next(button for button in app.button if button.label == "Enregistrer les destinataires").click()
    app.run()
    assert "Destinataires enregistrés." in texts(app) and not app.exception
    store = app.session_state["store"]
    from pac_core.notify.reminders import addresses_of
    assert addresses_of(store, "direction") == ("marketing@exemple.fr",) and addresses_of(store, "revue") == ()
    outbox.queue(store, Queued("relance 2026-10 Service marketing 1", "relance", "email", ("marketing@exemple.fr",),
                               Message(("marketing@exemple.fr",), "PAC Pilot : vos chiffres d'octobre", "Bonjour")))
    app.run()
    assert "Rien n'a encore été mis dans la file." not in texts(app) and not app.exception
