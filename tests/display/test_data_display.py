"""The texts of the Données screen: the one-line verdict, the report table, the import log in French."""

import pandas as pd

from pac_core.display.data import (counts_text, history_frame, imported_text, issues_frame, scope_text, upload_limit,
                                   verdict)
from pac_core.store import ImportOutcome
from pac_core.validate import ERROR, WARNING, Issue, Validation

NNBSP = "\u202f"
ERR = Issue(ERROR, "plan.xlsx", "Réalisé", 12, "D (Réalisé)", "=1+1", "Nombre illisible.")
WARN = Issue(WARNING, "b.csv", "b.csv", 1, None, None, "Colonnes ignorées : Canal.")


def test_the_verdict_is_one_line():
    assert verdict(Validation([], batch=object()), 1) == "Fichier valide : prêt à importer."
    assert verdict(Validation([WARN], batch=object()), 2) == \
        "Les 2 fichiers sont valides, avec 1 avertissement : prêt à importer."
    assert verdict(Validation([ERR, ERR, WARN], batch=None), 1) == "Fichier refusé : 2 erreurs, avec 1 avertissement."


def test_the_report_table_keeps_values_as_written_and_hides_a_csv_sheet_name():
    table = issues_frame([ERR, WARN])
    assert list(table.columns) == ["Fichier", "Feuille", "Ligne", "Colonne", "Valeur", "Message"]
    assert table.iloc[0].tolist() == ["plan.xlsx", "Réalisé", "12", "D (Réalisé)", "=1+1", "Nombre illisible."]
    assert table.iloc[1]["Feuille"] is None


def test_scope_and_history_in_french(monkeypatch):
    monkeypatch.setenv("PAC_TZ", "Europe/Paris")  # stored times are UTC, read at the company's time
    scope = {"results": {"actions": ["A1", "A2"], "entreprise": True, "indicateurs": ["ca"],
                         "mois": ["2026-01", "2026-02", "2026-03"]},
             "actions": {"ids": ["A1", "A2", "A3", "A4", "A5"]}}
    assert scope_text(scope) == ("Réalisé : 2 actions, toute l'entreprise, 1 indicateur, janv. 2026 – mars 2026 ; "
                                 "Actions : A1, A2, A3 et 2 autres")
    log = pd.DataFrame([{"import_id": 2, "imported_at": pd.Timestamp("2026-11-03 09:05"), "imported_by": "claire",
                         "origin": "app", "file_names": "realise.xlsx", "scope": scope,
                         "row_counts": {"results": {"lignes": 1200, "ajoutées": 1200}},
                         "undone_at": pd.Timestamp("2026-11-04 10:00"), "undone_by": "paul"}])
    row = history_frame(log).iloc[0].to_dict()
    assert row["Quand"] == "03/11/2026 10:05" and row["Depuis"] == "application"
    assert row["Lignes"] == f"1{NNBSP}200 lignes de réalisé (1{NNBSP}200 ajoutées)"
    assert row["État"] == "annulé le 04/11/2026 11:00 par paul"


def test_counts_in_french_numbers_and_grammar():
    counts = {"actions": {"lignes": 1, "ajoutées": 0, "remplacées": 1},
              "results": {"lignes": 1200, "ajoutées": 1180, "remplacées": 20, "retirées": 0}}
    assert counts_text(counts) == (f"1 ligne d'actions (1 remplacée) ; 1{NNBSP}200 lignes de réalisé "
                                   f"(1{NNBSP}180 ajoutées, 20 remplacées)")
    assert imported_text(ImportOutcome(7, False, counts, "…")) == f"Import n° 7 enregistré : {counts_text(counts)}."
    assert imported_text(ImportOutcome(None, True, {}, "Ces fichiers ont déjà été importés…")) == \
        "Ces fichiers ont déjà été importés…"


def test_the_upload_limit_is_said_in_french():
    assert upload_limit(1024) == f"Taille maximale : 1{NNBSP}024 Mo par fichier."
