"""The metric catalogue: any name people type finds its metric; an unknown one gets a suggestion."""

import pytest

from pac_core.catalogue import DEFAULT_METRICS, LAST, SUM, MetricLookup
from pac_core.tables import RESULTS, TARGETS, column_for_header, table_for_sheet


@pytest.mark.parametrize("typed, code", [
    ("ca", "ca"), ("CA signé", "ca"), ("Chiffre d’affaires", "ca"), ("chiffre d'affaires", "ca"), ("Revenue", "ca"),
    ("RDV", "rdv"), ("rendez-vous obtenus", "rdv"), ("Rendez vous", "rdv"),
    ("nouveaux_clients", "nouveaux_clients"), ("Nouveaux clients", "nouveaux_clients"),
    ("Coût réel", "cout"), ("COUT", "cout"), ("dépensé", "cout"),
    ("clients actifs", "clients_actifs"), ("Grands comptes signés", "grands_comptes"),
    ("Clicks", "clics"), ("clics", "clics"), ("Impr.", "impressions"), ("Impressions", "impressions"),
    ("Leads", "leads"), ("lead", "leads"), ("Conversions", "contacts"), ("contacts recueillis", "contacts"),
])
def test_any_label_code_or_alias_finds_its_metric(typed, code):
    assert MetricLookup().code_for(typed) == code


def test_an_unknown_label_gets_the_closest_known_name():
    lookup = MetricLookup()
    assert lookup.code_for("Rendez vou") is None
    assert lookup.closest("Rendez vou") == "Rendez-vous"
    assert lookup.closest("nouveau client") == "Nouveaux clients"
    assert lookup.closest("météo") is None


def test_flows_are_summed_and_stocks_take_the_last_value():
    aggregation = {metric.code: metric.aggregation for metric in DEFAULT_METRICS}
    assert aggregation["ca"] == aggregation["appels"] == aggregation["cout"] == SUM
    assert aggregation["clients_actifs"] == aggregation["grands_comptes"] == LAST


def test_sheets_and_headers_in_any_case_with_or_without_accents():
    assert table_for_sheet("REALISE") is RESULTS
    assert table_for_sheet("Objectifs") is TARGETS
    assert column_for_header(RESULTS, " période ").name == "period"
    assert column_for_header(RESULTS, "Actual").name == "value"
    assert column_for_header(TARGETS, "id action").name == "action_id"
