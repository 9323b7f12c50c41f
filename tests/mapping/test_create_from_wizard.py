"""An export naming a platform the plan lacks (LinkedIn) and a figure the catalogue lacks (video views): the
wizard creates the action and the indicator with the import, next month's file uses them, and undoing the
import takes them away. Creating them changes the plan, so it needs an admin."""

import datetime as dt
import json

import openpyxl
import pytest

from pac_core import accounts, catalogue
from pac_core.access import WriteRefused, import_mapped
from pac_core.accounts import ADMIN, EDITEUR, Principal
from pac_core.catalogue import LAST, METRICS_BY_CODE, new_metric
from pac_core.display import metric_label, metric_value
from pac_core.import_preview import preview_import
from pac_core.mapping import Mapping, Measure, TableMapping, apply, known_actions, read_foreign
from pac_core.mapping.create import action_spec, metric_spec, next_action_id
from pac_core.store import Store, StoreError
from tests.mapping.conftest import figures, messages

HEADERS = ["Date", "Plateforme", "Clics", "Dépense (€)", "Vues vidéo"]
JANUARY_FEBRUARY = [
    [dt.datetime(2026, 1, 5), "META", 300, 120.5, 1000],
    [dt.datetime(2026, 1, 12), "LinkedIn", 40, 210, 0],
    [dt.datetime(2026, 1, 20), "LinkedIn", 60, 190.5, 500],
    [dt.datetime(2026, 2, 3), "LinkedIn", 25, 99.9, 250],
    [dt.datetime(2026, 2, 10), "META", 100, 50, 300],
]
MARCH = [[dt.datetime(2026, 3, 2), "LinkedIn", 80, 300, 1200], [dt.datetime(2026, 3, 9), "LinkedIn", 20, 45.5, 100]]
# By hand: LinkedIn (the new action A8) spends 210 + 190,5 = 400,5 in January and 99,9 in February; its video
# views are 0 + 500 = 500 and 250; in March 300 + 45,5 = 345,5 spent and 1 200 + 100 = 1 300 views.
COST = {("A1", "cout", "2026-01"): 120.5, ("A1", "cout", "2026-02"): 50.0,
        ("A8", "cout", "2026-01"): 400.5, ("A8", "cout", "2026-02"): 99.9}
VIEWS = {("A1", "vues_video", "2026-01"): 1000.0, ("A1", "vues_video", "2026-02"): 300.0,
         ("A8", "vues_video", "2026-01"): 500.0, ("A8", "vues_video", "2026-02"): 250.0}


def export(path, rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    table, = read_foreign(path)
    return table


def creating_mapping() -> Mapping:
    """What the wizard's form gives when the user creates « LinkedIn Ads » and « Vues vidéo »."""
    views = new_metric("Vues vidéo", aliases=("Vues vidéo",))
    mapping = Mapping([TableMapping("results", columns={"period": "Date", "action_id": "Plateforme"},
                                    measures=[Measure("clics", "Clics"), Measure("cout", "Dépense (€)"),
                                              Measure(views.code, "Vues vidéo")])])
    mapping.set_value("Plateforme", "META", "A1")
    mapping.set_value("Plateforme", "LinkedIn", "A8")
    mapping.new_actions["A8"] = action_spec("LinkedIn Ads", "Réseaux sociaux", "Léa Martin")
    mapping.new_metrics.append(metric_spec(views))
    return mapping


def test_the_new_action_and_indicator_are_said_before_the_import_then_created_with_it(tmp_path, store, actions):
    table = export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY)
    validation = apply(table, creating_mapping(), store.context(), actions)
    assert validation.ok, messages(validation)
    preview = preview_import(store, validation.batch)
    assert preview.created == ["Nouvel indicateur : Vues vidéo (nombre, activité, additionné sur les mois)",
                               "Nouvelle action : A8 — LinkedIn Ads (canal Réseaux sociaux, responsable Léa Martin)"]
    outcome = store.import_batch(validation.batch, user="test")
    assert outcome.row_counts == preview.row_counts()
    assert "1 indicateur créé" in outcome.message
    action = store.query("SELECT name, channel, owner, strftime(start_date, '%d/%m/%Y'), "
                         "strftime(end_date, '%d/%m/%Y'), status FROM actions WHERE action_id = 'A8'")
    assert action.iloc[0].tolist() == ["LinkedIn Ads", "Réseaux sociaux", "Léa Martin", "01/01/2026", "31/12/2026",
                                       "En cours"]
    assert figures(store, metric="cout") == COST
    assert figures(store, metric="vues_video") == VIEWS
    assert metric_label("vues_video") == "Vues vidéo" and metric_value(1300, "vues_video") == "1\u202f300"


def test_the_new_indicator_is_the_companys_for_good(tmp_path, store, actions):
    """Reopened, the database brings its indicator back: our own workbook may then use it by name."""
    table = export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY)
    store.import_batch(apply(table, creating_mapping(), store.context(), actions).batch, user="test")
    path = store.path
    store.close()
    assert "vues_video" not in METRICS_BY_CODE  # the defaults back once the company's database is closed
    with Store(path):
        assert METRICS_BY_CODE["vues_video"].label_fr == "Vues vidéo"
        assert catalogue.MetricLookup().code_for("vues video") == "vues_video"


def test_next_months_file_uses_what_the_first_created_and_creates_nothing(tmp_path, store, actions):
    mapping = creating_mapping()
    store.import_batch(apply(export(tmp_path / "jan.xlsx", JANUARY_FEBRUARY), mapping, store.context(),
                             actions).batch, user="test")
    actions = known_actions(store)
    validation = apply(export(tmp_path / "mars.xlsx", MARCH), mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert "actions" not in validation.batch.tables and validation.batch.new_metrics == ()
    assert preview_import(store, validation.batch).created == []
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="vues_video")[("A8", "vues_video", "2026-03")] == 1300
    assert figures(store, metric="cout")[("A8", "cout", "2026-03")] == 345.5
    assert store.scalar("SELECT count(*) FROM actions WHERE action_id = 'A8'") == 1


def test_undoing_the_import_takes_the_action_and_the_indicator_away(tmp_path, store, actions):
    outcome = store.import_batch(apply(export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY), creating_mapping(),
                                       store.context(), actions).batch, user="test")
    store.undo(outcome.import_id, user="test")
    assert store.scalar("SELECT count(*) FROM actions WHERE action_id = 'A8'") == 0
    assert "vues_video" not in METRICS_BY_CODE and figures(store, metric="vues_video") == {}
    # Imported again, it is created again.
    validation = apply(export(tmp_path / "pub2.xlsx", JANUARY_FEBRUARY), creating_mapping(), store.context(),
                       known_actions(store))
    assert [m.code for m in validation.batch.new_metrics] == ["vues_video"]
    store.import_batch(validation.batch, user="test")
    assert METRICS_BY_CODE["vues_video"].label_fr == "Vues vidéo" and figures(store, metric="vues_video") == VIEWS


def test_an_undo_that_would_leave_a_later_imports_figures_without_their_indicator_is_refused(tmp_path, store, actions):
    mapping = creating_mapping()
    first = store.import_batch(apply(export(tmp_path / "jan.xlsx", JANUARY_FEBRUARY), mapping, store.context(),
                                     actions).batch, user="test")
    later = store.import_batch(apply(export(tmp_path / "mars.xlsx", MARCH), mapping, store.context(),
                                     known_actions(store)).batch, user="test")
    with pytest.raises(StoreError, match=f"n° {later.import_id} : annulez-les d'abord"):
        store.undo(first.import_id, user="test")
    store.undo(later.import_id, user="test")
    store.undo(first.import_id, user="test")
    assert "vues_video" not in METRICS_BY_CODE


def test_a_new_indicator_is_summed_or_keeps_its_last_value_as_the_user_said(tmp_path, store, actions):
    mapping = creating_mapping()
    mapping.new_metrics[0]["aggregation"] = LAST  # views as a running total: the month's latest figure
    validation = apply(export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY), mapping, store.context(), actions)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="vues_video")[("A8", "vues_video", "2026-01")] == 500  # 20 January's, not 0 + 500


@pytest.mark.parametrize("label, said", [
    ("Clics", "« Clics » désigne déjà l'indicateur « Clics »"),
    ("CA", "« CA » désigne déjà l'indicateur « Chiffre d'affaires »"),
    ("", "donnez un nom à l'indicateur"),
])
def test_a_new_indicator_must_have_a_name_of_its_own(tmp_path, store, actions, label, said):
    mapping = creating_mapping()
    mapping.new_metrics[0].update(label_fr=label, code="autre_code")
    validation = apply(export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY), mapping, store.context(), actions)
    assert not validation.ok
    assert any(said.lower() in message.lower() and message.startswith("Nouvel indicateur")
               for message in messages(validation)), messages(validation)
    assert store.scalar("SELECT count(*) FROM metrics WHERE code = 'autre_code'") == 0


def test_a_new_action_needs_a_name_and_an_id_of_its_own(tmp_path, store, actions):
    mapping = creating_mapping()
    mapping.new_actions["A8"]["name"] = ""
    mapping.new_actions["A3"] = action_spec("Webinaire")  # A3 is the plan's « Salon Lyon »
    validation = apply(export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY), mapping, store.context(), actions)
    assert messages(validation)[:2] == ["Nouvelle action A8 : donnez-lui un nom.",
                                        "Nouvelle action : l'ID A3 est déjà celui de l'action « Salon Lyon »."]


def test_creating_needs_the_rights_of_a_plan_change(tmp_path, store, actions):
    accounts.add_account(store, "direction", ADMIN, "un mot de passe long", by="test")
    accounts.add_account(store, "claire", EDITEUR, "un mot de passe long", by="test")
    mapping = creating_mapping()
    validation = apply(export(tmp_path / "pub.xlsx", JANUARY_FEBRUARY), mapping, store.context(), actions)
    with pytest.raises(WriteRefused, match="il faut le rôle admin"):
        import_mapped(store, validation, mapping, "Pub", Principal("claire", EDITEUR, "password"))
    assert store.scalar("SELECT count(*) FROM actions WHERE action_id = 'A8'") == 0
    import_mapped(store, validation, mapping, "Pub", Principal("direction", ADMIN, "password"))
    assert store.scalar("SELECT count(*) FROM actions WHERE action_id = 'A8'") == 1
    # Next month, nothing is created: the éditeur imports it.
    march = apply(export(tmp_path / "mars.xlsx", MARCH), mapping, store.context(), known_actions(store))
    import_mapped(store, march, mapping, "Pub", Principal("claire", EDITEUR, "password"))


@pytest.mark.parametrize("taken, label, expected", [
    ({"A1", "A2", "A7"}, "LinkedIn", "A8"),
    ({"A01", "A09", "A12"}, "LinkedIn", "A13"),
    ({"ACT-9", "ACT-10"}, "x", "ACT-11"),
    ({"SALON", "WEB"}, "LinkedIn Ads", "LINKEDIN-ADS"),
    ({"SAL1", "SAL2", "SAL3", "WEB", "RS", "BDD", "TEL"}, "Bing", "BING"),  # the demo's: mostly not numbered
    ({"LINKEDIN-ADS"}, "LinkedIn Ads", "LINKEDIN-ADS-2"),
    (set(), "Émailing été", "EMAILING-ETE"),
])
def test_a_new_action_gets_an_id_in_the_plans_own_style(taken, label, expected):
    assert next_action_id(label, taken) == expected


def test_the_saved_mapping_keeps_what_it_creates(tmp_path, store, actions):
    mapping = creating_mapping()
    again = Mapping.from_json(mapping.to_json())
    assert again.new_actions == {"A8": {"name": "LinkedIn Ads", "channel": "Réseaux sociaux", "owner": "Léa Martin"}}
    assert again.new_metrics[0]["label_fr"] == "Vues vidéo" and again.new_metrics[0]["code"] == "vues_video"
    # A mapping saved before creations existed reads as creating nothing.
    saved = json.loads(mapping.to_json())
    del saved["new_actions"], saved["new_metrics"]
    old = Mapping.from_json(json.dumps(saved))
    assert old.new_actions == {} and old.new_metrics == []
