"""The monthly review's views, the month's comment, and the PDF (opened with pypdf: one page per view)."""

import datetime
import io

import pytest
from pypdf import PdfReader

from pac_core.accounts import ADMIN, Principal
from pac_core.demo_loader import load_demo
from pac_core.kpi.scope import Scope
from pac_core.review import VIEWS, month_comment, review_data, review_views, save_month_comment
from pac_core.review_pdf import review_pdf
from pac_core.store import Store

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

NNBSP, NBSP = "\u202f", "\u00a0"
OCTOBER, SEPTEMBER = datetime.date(2026, 10, 1), datetime.date(2026, 9, 1)
DG = Principal("dg", ADMIN, "password")  # in open local mode the name is recorded as given


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("review") / "pac.duckdb")
    load_demo(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def october(demo):
    return review_data(demo, Scope(as_of=OCTOBER))


def test_the_views_follow_the_meeting_and_each_has_its_message(october):
    views = review_views(october)
    assert [view.key for view in views] == list(VIEWS)
    by_key = {view.key: view for view in views}
    # Demo revenue: 146 800 € to October, 132 900 € to September (tests/app/test_app.py) → 13 900 € in October.
    assert by_key["mois"].message.startswith(f"13{NNBSP}900{NBSP}€ de chiffre d'affaires en octobre 2026")
    assert f"80,4{NNBSP}%" in by_key["mois"].message
    assert by_key["actions"].message == "3 actions en bonne voie, 2 à surveiller, 2 en retard."
    flop = by_key["actions"].table[by_key["actions"].table[""] == "▼ Flop"]
    assert flop.iloc[0]["Action"] == "Téléprospection externalisée"
    assert flop.iloc[0]["Responsable"] == "Directeur commercial"
    assert by_key["canaux"].message.startswith("Meilleur ROI : Salon")
    assert f"14,7{NNBSP}%" in by_key["pipeline"].message
    # 5 objectives off track and 2 budgets (SAL2 spent, WEB projected) call for a decision.
    assert by_key["decisions"].message.startswith("7 sujets appellent une décision : 5 objectifs en retard, 2 budgets")
    assert len(by_key["decisions"].lines) == 7


def test_the_comment_of_a_month_is_kept_and_the_newest_counts(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        assert month_comment(store, SEPTEMBER) is None
        save_month_comment(store, SEPTEMBER, "  Premier jet  ", who=DG)
        save_month_comment(store, datetime.date(2026, 9, 17), "Relancer la téléprospection.", who=DG)
        kept = month_comment(store, SEPTEMBER)
        assert (kept.text, kept.written_by, kept.month) == ("Relancer la téléprospection.", "dg", SEPTEMBER)
        assert month_comment(store, OCTOBER) is None
        save_month_comment(store, SEPTEMBER, "", who=DG)  # emptied: no comment any more, the history stays
        assert month_comment(store, SEPTEMBER) is None
        assert store.scalar("SELECT count(*) FROM history.review_comments") == 3


def test_last_months_comment_opens_the_review_and_this_months_closes_it(october, tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        save_month_comment(store, SEPTEMBER, "Relancer la téléprospection.", who=DG)
        views = review_views(october, previous_comment=month_comment(store, SEPTEMBER))
    assert "Noté à la revue de septembre 2026" in views[0].notes[0]
    assert "« Relancer la téléprospection. »" in views[0].notes[0]
    assert views[-1].quote == ""


def test_the_pdf_opens_and_has_one_page_per_view(october, tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        save_month_comment(store, OCTOBER, "Budget du salon 3 à revoir.", who=DG)
        views = review_views(october, comment=month_comment(store, OCTOBER))
    data = review_pdf(views, OCTOBER)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(VIEWS) == 6
    texts = [page.extract_text() for page in reader.pages]
    for text, view in zip(texts, views):
        assert view.title in text
    assert "146" in texts[0] and "800" in texts[0]
    assert "Budget du salon 3 à revoir." in texts[-1]
    images = [len(page.images) for page in reader.pages]
    assert images == [1, 0, 1, 1, 1, 0]  # a chart on the month, actions, channels and pipeline pages


def test_a_filtered_review_names_its_filters_in_its_title_and_file_name():
    from pac_core.kpi.scope import Filters
    from pac_core.review import filters_text, pdf_file_name, review_title

    salon = Filters(channel=("Salon",))
    assert review_title(Filters()) == "Revue mensuelle"
    assert review_title(salon) == f"Revue mensuelle · Canal{NBSP}: Salon"
    assert pdf_file_name(OCTOBER, Filters()) == "revue-2026-10.pdf"
    assert pdf_file_name(OCTOBER, salon) == "revue-2026-10-canal-salon.pdf"
    several = Filters(channel=("Site web / SEO", "Téléprospection"), owner=("Directeur commercial",))
    assert filters_text(several) == (f"Canal{NBSP}: Site web / SEO, Téléprospection · "
                                     f"Responsable{NBSP}: Directeur commercial")
    assert pdf_file_name(OCTOBER, several) == ("revue-2026-10-canal-site-web-seo-teleprospection-"
                                               "responsable-directeur-commercial.pdf")


def test_the_pdf_of_a_filtered_review_says_so_on_its_first_page(demo):
    from pac_core.kpi.scope import Filters
    from pac_core.review import filters_text

    salon = Filters(channel=("Salon",))
    views = review_views(review_data(demo, Scope(as_of=OCTOBER, filters=salon)))
    reader = PdfReader(io.BytesIO(review_pdf(views, OCTOBER, filters_text(salon))))
    first = reader.pages[0].extract_text().replace(NBSP, " ")
    assert "Revue mensuelle d'octobre 2026 — Canal : Salon" in first
    assert "103" in first and "100" in first  # Salon's revenue to October (the issue: 103 100 €)
    assert "Canal : Salon" in reader.pages[5].extract_text().replace(NBSP, " ")  # every page's header names it
    whole = PdfReader(io.BytesIO(review_pdf(review_views(review_data(demo, Scope(as_of=OCTOBER))), OCTOBER)))
    assert "Revue mensuelle d'octobre 2026 — toute l'entreprise" in whole.pages[0].extract_text()


def test_cards_with_a_goal_carry_their_status(october):
    by_key = {view.key: view for view in review_views(october)}
    # Demo to October: revenue pace 80,4 % (watch, ≥ 80 %), contacts 98,3 % (on track, ≥ 95 %), new clients
    # 78,6 % (off track: 22 of 28); the budget has no pace, so no status.
    assert by_key["mois"].card_statuses == ("watch", "on_track", "off_track", None)
    # Strategic objectives: 0 of 3 on track, 2 to watch, 1 late (the view's own message).
    assert sorted(by_key["objectifs"].card_statuses) == ["off_track", "watch", "watch"]
    assert by_key["canaux"].card_statuses == ()
