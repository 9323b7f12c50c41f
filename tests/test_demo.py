"""The demo data set: its headline figures, computed by hand (see pac_core/demo.py), its workbook, and how it
follows the clock (a newcomer on any day sees the plan of the year up to the last closed month)."""

import datetime as dt

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from pac_core.demo import STORY, DemoPeriod, demo_period, demo_tables, write_demo_workbook
from pac_core.demo_loader import load_demo
from pac_core.freshness import freshness
from pac_core.kpi.summary import summary
from pac_core.store import Store
from pac_core.tables import LOST_STAGE, PIPELINE_STAGES, TABLES, TABLES_BY_NAME
from pac_core.validate import Context, validate_files

D = dt.date
DEMO_YEAR, DEMO_LAST_MONTH = STORY.year, STORY.last_month  # the hand-computed totals: 2026, up to October
FRENCH_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
ODD_DAYS = ["2027-01-15", "2027-02-28", "2028-02-29", "2027-07-01", "2027-12-31", "2026-12-04"]


@pytest.fixture(scope="module")
def tables():
    return demo_tables(STORY)


def total(frame, metric, *, last_month=12, action_id=None):
    rows = frame[(frame.metric == metric) & frame.period.map(lambda period: period.month <= last_month)]
    if action_id is not None:
        rows = rows[rows.action_id == action_id]
    return rows.value.sum()


def stock(frame, metric, month, year=DEMO_YEAR):
    rows = frame[(frame.metric == metric) & frame.action_id.isna() & (frame.period == D(year, month, 1))]
    value, = rows.value
    return value


def test_headline_figures_computed_by_hand(tables):
    targets, results = tables["targets"], tables["results"]
    assert total(targets, "ca") == 250_000
    assert total(targets, "ca", last_month=10) == 182_500
    assert total(results, "ca") == 146_800
    assert tables["actions"].budget.sum() == 35_500
    assert total(results, "cout") == 35_050
    assert total(targets, "contacts", last_month=10) == 1_967
    assert total(results, "contacts") == 1_934
    assert total(results, "nouveaux_clients") == 22
    assert stock(results, "clients_actifs", 10) == 165
    assert stock(results, "grands_comptes", 10) == 2


def test_the_story_of_each_action(tables):
    targets, results = tables["targets"], tables["results"]
    budget = tables["actions"].set_index("action_id").budget
    assert total(results, "cout", action_id="SAL2") == 9_200 > budget["SAL2"] == 8_000
    assert total(results, "contacts", action_id="SAL2") == 118 < total(targets, "contacts", action_id="SAL2") == 130
    assert total(results, "ca", action_id="SAL1") == 32_500 > total(targets, "ca", action_id="SAL1") == 30_000
    assert total(results, "ca", action_id="WEB") == 39_500 > total(targets, "ca", action_id="WEB", last_month=10) \
        == 32_500
    # telemarketing: calls roughly on plan, almost no meeting nor client
    assert total(results, "appels", action_id="TEL") == 1_116 and total(targets, "appels", action_id="TEL") == 1_200
    assert total(results, "rdv", action_id="TEL") == 6 and total(targets, "rdv", action_id="TEL") == 30
    assert total(results, "ca", action_id="TEL") == 4_200 and total(targets, "ca", action_id="TEL") == 40_000
    assert total(results, "publications", action_id="RS") == 71 and total(targets, "publications",
                                                                         action_id="RS", last_month=10) == 90
    assert total(results, "cout", action_id="TEL") == 6_000
    assert total(results, "cout", action_id="WEB") == 8_700 and total(results, "cout", action_id="RS") == 4_900


def test_budgets_follow_the_seed(tables):
    actions = tables["actions"].set_index("action_id")
    assert actions.budget.to_dict() == {"SAL1": 2_000, "SAL2": 8_000, "SAL3": 3_500, "WEB": 9_000, "RS": 6_000,
                                        "BDD": 1_000, "TEL": 6_000}
    assert actions.loc["SAL1", "owner"] == "Responsable partenariats"
    assert actions.loc["SAL3", "owner"] == "Directeur marketing"
    assert set(actions.loc[["WEB", "RS"], "owner"]) == {"Service marketing"}
    assert set(actions.loc[["SAL2", "BDD", "TEL"], "owner"]) == {"Directeur commercial"}


def test_strategic_objectives(tables):
    objectives = tables["strategic_objectives"].set_index("objective_id")
    assert objectives[["metric", "baseline", "target"]].to_dict("index") == {
        "OS1": {"metric": "clients_actifs", "baseline": 150, "target": 180},
        "OS2": {"metric": "grands_comptes", "baseline": 0, "target": 3},
        "OS3": {"metric": "ca", "baseline": 0, "target": 250_000},
    }
    assert set(objectives.due_date) == {D(2026, 12, 31)}


def test_references_periods_and_statuses_are_coherent(tables):
    actions = tables["actions"].set_index("action_id")
    objective_ids = set(tables["strategic_objectives"].objective_id)
    for ids in actions.objective_ids:
        assert set(ids.split(";")) <= objective_ids
    as_of = D(DEMO_YEAR, DEMO_LAST_MONTH, 31)
    for action_id, action in actions.iterrows():
        assert action.status == ("Terminée" if action.end_date <= as_of else "En cours"), action_id
    targets, results = tables["targets"], tables["results"]
    assert set(targets.action_id) == set(actions.index)
    assert set(results.action_id.dropna()) == set(actions.index)
    for frame in (targets, results):
        for row in frame.itertuples():
            assert row.period.year == DEMO_YEAR and row.period.day == 1 and row.value >= 0
            if isinstance(row.action_id, str):  # targets and actions' results fall within the action
                start, end = actions.loc[row.action_id, ["start_date", "end_date"]]
                assert start.replace(day=1) <= row.period <= end, row
    assert results.period.max() == D(DEMO_YEAR, DEMO_LAST_MONTH, 1)
    assert "cout" not in set(targets.metric)
    company_wide = results[results.action_id.isna()]
    assert list(company_wide.action_id.unique()) == [None]
    assert set(company_wide.metric) == {"clients_actifs", "grands_comptes"}
    assert not targets.duplicated(["action_id", "metric", "period"]).any()
    assert not results.duplicated(["action_id", "metric", "period"]).any()


def test_won_opportunities_add_up_to_the_revenue_results(tables):
    opportunities, results = tables["opportunities"], tables["results"]
    won = opportunities[opportunities.status == "Gagnée"]
    won_by_month = won.groupby([won.action_id, won.closed_on.map(lambda day: day.replace(day=1))]).amount
    revenue = results[(results.metric == "ca") & (results.value > 0)].set_index(["action_id", "period"]).value
    assert won_by_month.sum().to_dict() == revenue.to_dict()
    clients = results[(results.metric == "nouveaux_clients") & (results.value > 0)]
    assert won_by_month.size().to_dict() == clients.set_index(["action_id", "period"]).value.to_dict()
    assert len(won) == 22 and won.amount.sum() == 146_800


def test_pipeline(tables):
    opportunities = tables["opportunities"]
    actions = tables["actions"].set_index("action_id")
    assert len(opportunities) == 300
    assert opportunities.opportunity_id.is_unique and opportunities.account.is_unique
    assert opportunities.status.value_counts().to_dict() == {"En cours": 150, "Perdue": 128, "Gagnée": 22}
    assert set(opportunities.stage) == {*PIPELINE_STAGES, LOST_STAGE}
    for row in opportunities.itertuples():
        assert row.channel == actions.loc[row.action_id, "channel"]
        assert row.amount > 0 and isinstance(row.amount, int) and D(2026, 1, 1) <= row.created_on
        if row.status == "En cours":
            assert row.closed_on is None and row.stage in PIPELINE_STAGES[:-1]
        else:
            assert row.created_on <= row.closed_on <= D(2026, 10, 31)
            assert row.stage == (PIPELINE_STAGES[-1] if row.status == "Gagnée" else LOST_STAGE)


def test_the_data_set_is_deterministic(tables):
    again = demo_tables(STORY)
    assert list(again) == list(tables)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(again[name], frame)


def read_committed_workbook():
    workbook = CalamineWorkbook.from_path(str(COMMITTED_WORKBOOK))
    sheets = {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}
    workbook.close()
    return sheets


def records_from_sheet(table, rows, *, wide):
    """What a sheet says, as sorted tuples in the internal columns (numbers as floats, blanks as None)."""
    header, body = rows[0], rows[1:]
    label_to_code = {"Contacts": "contacts", "Appels": "appels", "Rendez-vous": "rdv",
                     "Publications": "publications", "Chiffre d'affaires": "ca", "Nouveaux clients": "nouveaux_clients",
                     "Grands comptes": "grands_comptes", "Clients actifs": "clients_actifs", "Coût": "cout"}

    def clean(value):
        if value == "":
            return None
        return float(value) if isinstance(value, (int, float)) else value

    records = []
    if wide:
        months = {index: D(int(text.split()[1]), FRENCH_MONTHS.index(text.split()[0]) + 1, 1)
                  for index, text in enumerate(header) if index >= 2}
        for row in body:
            for index, month in months.items():
                if row[index] != "":
                    records.append((clean(row[0]), label_to_code[row[1]], month, float(row[index])))
    else:
        assert header == [column.header for column in table.columns]
        metric_index = header.index("Indicateur") if "Indicateur" in header else None
        for row in body:
            values = [clean(value) for value in row]
            if metric_index is not None:
                values[metric_index] = label_to_code[values[metric_index]]
            records.append(tuple(values))
    return sorted(records, key=repr)


def records_from_frame(frame):
    def clean(value):
        if value is None or (isinstance(value, float) and value != value):
            return None
        return float(value) if isinstance(value, (int, float)) else value

    return sorted((tuple(clean(value) for value in row) for row in frame.astype(object).itertuples(index=False)),
                  key=repr)



@pytest.fixture(scope="module")
def workbook_sheets(tmp_path_factory):
    path = write_demo_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx", STORY)
    workbook = CalamineWorkbook.from_path(str(path))
    sheets = {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}
    workbook.close()
    return path, sheets


def test_the_workbook_holds_the_demo_data_set(tables, workbook_sheets):
    _, sheets = workbook_sheets
    assert list(sheets) == ["Instructions", "Actions", "Objectifs", "Réalisé", "Objectifs stratégiques",
                            "Pipeline", "Listes"]
    assert sheets["Actions"][0] == ["ID action", "Levier", "Action", "Canal", "Type", "Cible", "Responsable",
                                    "Début", "Fin", "Budget", "Statut", "Objectif stratégique"]
    assert sheets["Objectifs"][0] == ["ID action", "Indicateur", *(f"{month} 2026" for month in FRENCH_MONTHS)]
    assert sheets["Réalisé"][0] == ["ID action", "Indicateur", *(f"{month} 2026" for month in FRENCH_MONTHS[:10])]
    assert sheets["Pipeline"][0] == ["ID opportunité", "Compte", "ID action", "Canal", "Étape", "Montant",
                                     "Création", "Clôture", "Statut"]
    assert "Le réalisé est connu de janvier à octobre 2026." in sheets["Instructions"][3][0]
    sal2_cost, = [row for row in sheets["Réalisé"] if row[:2] == ["SAL2", "Coût"]]
    assert sal2_cost[2:] == ["", "", "", "", 9200, "", "", "", "", ""]
    for table in TABLES:
        wide = table.name in ("targets", "results")
        assert records_from_sheet(table, sheets[table.sheet], wide=wide) == records_from_frame(tables[table.name]), \
            table.sheet


def test_the_workbook_imports_without_error(tables, workbook_sheets):
    path, _ = workbook_sheets
    validation = validate_files([path], Context())
    assert validation.ok, [(issue.where(), issue.message) for issue in validation.errors]
    batch = validation.batch.tables
    assert {name: len(frame) for name, frame in batch.items()} == {name: len(frame) for name, frame in tables.items()}
    assert batch["results"].value.sum() == tables["results"].value.sum()
    assert TABLES_BY_NAME.keys() == batch.keys()


# -- the demo follows the clock --------------------------------------------------------------------------------

@pytest.mark.parametrize("today, year, last_month", [
    ("2026-11-15", 2026, 10), ("2026-12-04", 2026, 11), ("2027-01-15", 2026, 12), ("2027-01-01", 2026, 12),
    ("2027-02-28", 2027, 1), ("2028-02-29", 2028, 1), ("2027-03-15", 2027, 2), ("2027-07-01", 2027, 6),
    ("2027-12-31", 2027, 11),
])
def test_the_demo_tells_the_plan_of_the_year_up_to_the_last_closed_month(today, year, last_month):
    assert demo_period(D.fromisoformat(today)) == DemoPeriod(year, last_month)


def test_the_whole_year_closes_the_story_with_hand_computed_totals():
    tables = demo_tables(DemoPeriod(2026, 12))
    results = tables["results"]
    assert total(results, "ca") == 146_800 + 21_400 + 16_800 + 12_300 + 15_600 == 212_900
    assert total(results, "nouveaux_clients") == 22 + 3 + 2 + 2 + 3 == 32
    assert stock(results, "clients_actifs", 12) == 165 + 5 - 3 + 5 - 2 == 170
    won = tables["opportunities"][tables["opportunities"].status == "Gagnée"]
    assert len(won) == 32 and won.amount.sum() == 212_900
    assert set(tables["actions"].status) == {"Terminée"}


@pytest.mark.parametrize("today", ODD_DAYS)
def test_on_any_day_the_demo_is_coherent(today):
    period = demo_period(D.fromisoformat(today))
    tables = demo_tables(period)
    actions, results, opportunities = tables["actions"].set_index("action_id"), tables["results"], tables["opportunities"]
    first, last_day = D(period.year, 1, 1), period.last_day
    assert results.period.max() == D(period.year, period.last_month, 1) and results.period.min() == first
    assert set(tables["targets"].period.map(lambda day: day.year)) == {period.year}
    assert set(tables["strategic_objectives"].due_date) == {D(period.year, 12, 31)}
    for action_id, action in actions.iterrows():
        expected = ("Terminée" if action.end_date <= last_day else "Prévue" if action.start_date > last_day
                    else "En cours")
        assert action.status == expected, action_id
    assert opportunities.opportunity_id.is_unique and opportunities.account.is_unique
    assert (opportunities.created_on <= last_day).all() and (opportunities.created_on >= first).all()
    closed = opportunities[opportunities.status != "En cours"]
    assert (closed.closed_on <= last_day).all() and (closed.created_on <= closed.closed_on).all()
    assert opportunities[opportunities.status == "En cours"].closed_on.isna().all()
    # every won opportunity is one new client, and the revenue of its month
    won = opportunities[opportunities.status == "Gagnée"]
    revenue = results[(results.metric == "ca") & (results.value > 0)]
    assert won.amount.sum() == revenue.value.sum()
    assert len(won) == results[results.metric == "nouveaux_clients"].value.sum()


def test_a_month_before_october_cuts_the_story_at_its_end():
    june = demo_tables(DemoPeriod(2027, 6))
    results, opportunities = june["results"], june["opportunities"]
    assert total(results, "ca") == 7_200 + 13_500 + 11_800 + 14_600 + 4_800 == 51_900
    assert stock(results, "clients_actifs", 6, year=2027) == 155
    # SAL2 (May) was still running, SAL3 (October) still to come
    assert june["actions"].set_index("action_id").status[["SAL1", "SAL2", "SAL3"]].tolist() == \
        ["Terminée", "En cours", "Prévue"]
    assert opportunities.created_on.max() <= D(2027, 6, 30)


@pytest.mark.parametrize("today", ODD_DAYS)
def test_a_newcomer_on_any_day_sees_current_data_and_no_stale_banner(today, tmp_path, monkeypatch):
    monkeypatch.setenv("PAC_TODAY", today)
    period = demo_period()
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        state = freshness(store)
        report = summary(store)
    assert not state.stale and state.message() is None, state.message()
    assert report["as_of"] == f"{period.year}-{period.last_month:02d}"


def test_the_story_day_pins_the_hand_computed_demo(story_day, tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        report = summary(store)
    assert report["as_of"] == "2026-10"
    revenue, = [row for row in report["company"] if row["metric"] == "ca"]
    assert revenue["actual_to_date"] == 146_800 and revenue["target_to_date"] == 182_500
