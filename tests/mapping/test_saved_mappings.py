"""Mappings are plain JSON in the database, found again by the columns of the next file."""

import json

import pytest

from pac_core.mapping import Mapping, Measure, TableMapping, apply, mapping_problems, read_foreign, suggest
from pac_core.store import StoreError
from tests.files.foreign.make_foreign import ad_export, crm_export


def sample() -> Mapping:
    return Mapping([TableMapping("results", {"period": "Date", "action_id": "Canal"},
                                 [Measure("cout", "Dépense (€)"), Measure("nouveaux_clients", None, "count")],
                                 row_filter={"Étape": ["gagne"]})],
                   value_maps={"Canal": {"meta": "A1", "bing": ""}}, signature="canal|date|depense €")


def test_a_mapping_round_trips_through_json():
    mapping = sample()
    text = mapping.to_json()
    assert json.loads(text)["value_maps"]["Canal"]["meta"] == "A1"
    assert Mapping.from_json(text) == mapping


def test_saved_mappings_are_listed_replaced_by_name_and_deleted(store):
    assert store.mappings().empty and store.mapping_for("canal|date|depense €") is None
    store.save_mapping("Meta", sample(), user="marketing")
    changed = sample()
    changed.value_maps["Canal"]["meta"] = "A2"
    store.save_mapping("Meta", changed, user="marketing")
    store.save_mapping("Autre", Mapping([TableMapping("targets")], signature="x|y"))
    listed = store.mappings()
    assert sorted(listed["name"]) == ["Autre", "Meta"] and len(listed) == 2
    found = store.mapping_for("canal|date|depense €")
    assert found.name == "Meta" and found.value_maps["Canal"]["meta"] == "A2"
    assert store.mapping_named("Autre").tables[0].table == "targets"
    stored = store.scalar("SELECT mapping FROM history.column_mappings WHERE mapping_id = 1")
    assert json.loads(stored)["tables"][0]["table"] == "results"  # JSON text, readable by anyone
    store.delete_mapping("Meta")
    assert store.mapping_for("canal|date|depense €") is None and list(store.mappings()["name"]) == ["Autre"]
    with pytest.raises(StoreError, match="Donnez un nom"):
        store.save_mapping("  ", sample())


def test_the_crm_mapping_is_found_for_a_new_export_with_the_same_columns(tmp_path, store, actions):
    first, = read_foreign(crm_export(tmp_path / "crm-mars.csv"))
    store.save_mapping("CRM opportunités", suggest(first, actions))
    second, = read_foreign(crm_export(tmp_path / "crm-avril.csv", [
        ["OPP-010", "Nouveau client", "Gagné", "1 000", "Salon", "01/04/2026", "15/04/2026", "Paul Martin"]]))
    saved = store.mapping_for(second.signature)
    assert saved.name == "CRM opportunités"
    validation = apply(second, saved, store.context(), actions)
    assert validation.ok
    store.import_batch(validation.batch)
    assert store.scalar("SELECT stage FROM opportunities WHERE opportunity_id = 'OPP-010'") == "Signature de devis"


def test_what_a_mapping_lacks_is_said_before_any_row_is_read(tmp_path):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    incomplete = Mapping([TableMapping("results", {"action_id": "Plateforme"},
                                       [Measure("cout", "Dépense (€)"), Measure("cout", "Clics")]),
                          TableMapping("targets", {"period": "Date"}, [Measure("ca", "Dépense (€)")])])
    assert mapping_problems(table, incomplete) == [
        "Réalisé : la colonne « Plateforme » n'existe pas dans ce fichier.",
        "Réalisé : choisissez la colonne qui donne la date ou le mois de chaque ligne.",
        "Réalisé : deux colonnes alimentent l'indicateur « Coût » : gardez-en une seule.",
        "Objectifs : chaque objectif porte sur une action : choisissez la colonne qui la donne, ou une action pour "
        "tout le fichier.",
    ]
    validation = apply(table, incomplete)
    assert not validation.ok and len(validation.errors) == 4


def test_one_fixed_action_for_the_whole_file(tmp_path, store, actions):
    table, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    mapping = suggest(table, actions)
    part = mapping.tables[0]
    del part.columns["action_id"]
    part.action_id = "A1"
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok
    store.import_batch(validation.batch)
    january = store.scalar("SELECT value FROM results WHERE action_id = 'A1' AND metric = 'cout' "
                           "AND month = DATE '2026-01-01'")
    assert january == 120.5 + 80 + 99.5 + 1020


def test_a_stock_keeps_its_latest_value_of_the_month_and_no_action_means_company_wide(tmp_path, store, actions):
    from tests.builders import csv_file

    path = csv_file(tmp_path / "suivi-clients.csv", "Date;Clients actifs\n"
                    "31/01/2026;152\n03/01/2026;140\n15/02/2026;155\n02/02/2026;150\n", encoding="cp1252")
    table, = read_foreign(path)
    mapping = suggest(table, actions)
    assert mapping.tables[0].measures == [Measure("clients_actifs", "Clients actifs")]
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, [i.message for i in validation.errors]
    store.import_batch(validation.batch)
    frame = store.query("SELECT action_id, strftime(month, '%m') AS m, value FROM results ORDER BY m")
    assert frame.values.tolist() == [[None, "01", 152.0], [None, "02", 155.0]]  # by date, not by row order
