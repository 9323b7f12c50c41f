"""Creating from the Données page's mapping: the demo's ad export names « Bing », which the plan lacks, and
counts conversions, which the catalogue has no indicator for apart from contacts. The manager creates the
action and the indicator in the wizard, sees them in the preview, imports, and next month's export uses them.
Figures by hand from tests/files/foreign/demo_ads.py."""

import pytest

from pac_core.catalogue import METRICS_BY_CODE
from tests.app.test_data_page import click, open_data, upload
from tests.app.test_data_page_mapping import IMPORT, choose, export_bytes, label_list, monthly, unescape
from tests.files.foreign.demo_ads import NOVEMBER

pytestmark = pytest.mark.usefixtures("story_day")


def field(widgets, suffix: str):
    found = [widget for widget in widgets if widget.key and widget.key.endswith(suffix)]
    assert len(found) == 1, [widget.key for widget in widgets]
    return found[0]


def results(app, metric: str, month: str) -> dict:
    frame = app.session_state["store"].query(
        "SELECT action_id, value FROM results WHERE metric = ? AND strftime(month, '%Y-%m') = ?", [metric, month])
    return {row.action_id: round(row.value, 2) for row in frame.itertuples(index=False)}


def test_an_action_and_an_indicator_created_in_the_wizard_come_with_the_import(app, tmp_path):
    open_data(app)
    upload(app, export_bytes(tmp_path))
    choose(app, "Google Ads", "WEB")
    choose(app, "Bing", "+")  # « + Nouvelle action… »
    field(app.text_input, "-nouvelle-nom").set_value("Bing Ads")
    field(app.selectbox, "-nouvelle-canal").set_value("Site web / SEO")
    field(app.selectbox, "-nouvelle-responsable").set_value("Service marketing")
    app.run()
    assert "Nouvelle action BING" in " ".join(caption.value for caption in app.caption)

    field(app.selectbox, "-mesure-Conversions").set_value("+")  # « + Nouvel indicateur… »
    app.run()
    missing = unescape(app.warning[0].value)  # its name, the column's, is already an alias of Contacts
    assert "Nouvel indicateur « Conversions » : « Conversions » désigne déjà l'indicateur « Contacts »" in missing
    assert IMPORT not in [button.key for button in app.button]
    field(app.text_input, "-mesure-Conversions-nouveau-nom").set_value("Conversions publicitaires")
    app.run()
    assert not app.exception and not app.warning, unescape(app.warning[0].value)

    said = " ".join(unescape(element.value) for element in app.markdown)
    assert "Nouvel indicateur : Conversions publicitaires (nombre, activité, additionné sur les mois)" in said
    assert "Nouvelle action : BING — Bing Ads (canal Site web / SEO, responsable Service marketing)" in said
    assert "Réalisé d'octobre 2026 : Conversions publicitaires — → 16" in said  # RS 6 + WEB 10 + BING 0, as below
    figures = monthly(app)  # under its new name, before anything is written
    rows = set(map(tuple, figures.values.tolist()))
    assert ("RS — Réseaux sociaux (LinkedIn, Facebook, Instagram)", "Conversions publicitaires", "6") in rows
    assert ("BING — Bing Ads", "Conversions publicitaires", "0") in rows
    click(app, IMPORT)
    assert any("1 indicateur créé" in unescape(message.value) for message in app.success)
    store = app.session_state["store"]
    assert store.query("SELECT name, channel, owner FROM actions WHERE action_id = 'BING'").iloc[0].tolist() == [
        "Bing Ads", "Site web / SEO", "Service marketing"]
    assert METRICS_BY_CODE["conversions_publicitaires"].label_fr == "Conversions publicitaires"
    # October by hand: Bing spent 35 € for 0 conversions; RS 3 + 1 + 2 = 6 conversions, WEB 4 + 6 = 10.
    assert results(app, "cout", "2026-10")["BING"] == 35
    assert results(app, "conversions_publicitaires", "2026-10") == {"BING": 0, "RS": 6, "WEB": 10}

    # November's export: one click, nothing created again, the new indicator read by itself.
    upload(app, export_bytes(tmp_path, "Export pub novembre 2026.xlsx", NOVEMBER, "01/11/2026 - 30/11/2026"))
    assert label_list(app, "Google Ads").value == "WEB"
    assert "Nouvelle action" not in " ".join(unescape(element.value) for element in app.markdown)
    click(app, IMPORT)
    # November by hand: Facebook 2, Google Ads 3, Instagram 1.
    assert results(app, "conversions_publicitaires", "2026-11") == {"RS": 3, "WEB": 3}
    assert store.scalar("SELECT count(*) FROM metrics WHERE code = 'conversions_publicitaires'") == 1
