"""PAC Pilot — entry point: page config, the shared database, the shared filters, navigation."""

import streamlit as st

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.app_state import shared_store
from pac_core.store import StoreError, default_db_path
from pac_core.accounts import ADMIN
from ui import a11y, chrome, errors
from ui.filters import sidebar_scope
from ui.login import PRINCIPAL, account_box, current_principal

APP_NAME = "PAC Pilot"
st.set_page_config(page_title=APP_NAME, page_icon="📈", layout="wide")
chrome.apply()  # Streamlit's English chrome (the uploader) in French, on every page, the sign-in form included
a11y.apply()  # the page's language (fr), focus rings Streamlit does not draw


def tab_title(screen: str) -> str:
    """The browser tab's title: the screen first (what a row of tabs shows), then the app."""
    return f"{screen} · {APP_NAME}"


@st.cache_resource(show_spinner="Ouverture de la base…")
def get_store(path: str):
    """One store per database file and per process (the one writer), shared with the server's door."""
    return shared_store(path)


try:  # the one clock (PAC_TODAY, PAC_TZ) is read here first: a bad setting stops the app with one sentence
    clock.check()
except clock.ClockError as exc:
    st.error(str(exc))
    st.stop()
try:
    store = get_store(str(default_db_path()))
except StoreError as exc:
    st.error(str(exc))
    st.stop()

store.refresh()  # with PostgreSQL, what another server wrote (at most every PAC_PG_POLL seconds)
st.session_state["store"] = store
principal = current_principal(store)  # None: the sign-in form is on the page
if principal is None:
    st.stop()
st.session_state[PRINCIPAL] = principal
WALL = "mural"
PAGES = [
    st.Page("screens/vue_ensemble.py", title="Vue d'ensemble", icon=":material/dashboard:", default=True),  # at /
    st.Page("screens/actions.py", title="Actions", icon=":material/flag:", url_path="actions"),
    st.Page("screens/canaux.py", title="Canaux & ROI", icon=":material/euro:", url_path="canaux"),
    st.Page("screens/pipeline.py", title="Pipeline", icon=":material/filter_alt:", url_path="pipeline"),
    st.Page("screens/responsables.py", title="Responsables", icon=":material/groups:", url_path="responsables"),
    st.Page("screens/semaine.py", title="Cette semaine", icon=":material/date_range:", url_path="semaine"),
    st.Page("screens/revue_trimestrielle.py", title="Revue trimestrielle", icon=":material/event_repeat:",
            url_path="trimestre"),
    st.Page("screens/revue_mensuelle.py", title="Revue mensuelle", icon=":material/co_present:", url_path="revue"),
    st.Page("screens/bilan.py", title="Bilan annuel", icon=":material/fact_check:", url_path="bilan"),
    st.Page("screens/donnees.py", title="Données", icon=":material/upload_file:", url_path="donnees"),
    st.Page("screens/mural.py", title="Mode mural", icon=":material/tv:", url_path=WALL),
]
if principal.at_least(ADMIN):
    PAGES.append(st.Page("screens/comptes.py", title="Comptes", icon=":material/manage_accounts:", url_path="comptes"))
if principal.via == "wall":  # a wall screen's link opens the wall and nothing else
    PAGES = [page for page in PAGES if page.url_path == WALL]
# The wall has no sidebar (no navigation, no filters): it shows the whole company, for the TV.
on_wall = principal.via == "wall" or (st.context.url or "").rstrip("/").endswith("/" + WALL)
page = st.navigation(PAGES, position="hidden" if on_wall else "sidebar")
# The browser tab names the screen (« Canaux & ROI · PAC Pilot »): set_page_config may be called again, each call
# overriding only what it names; before navigation (the sign-in form) the tab reads « PAC Pilot ».
st.set_page_config(page_title=tab_title(page.title))
if page.url_path != WALL and principal.via != "wall":
    with st.sidebar:
        st.markdown("### :material/trending_up: PAC Pilot")
    scope = sidebar_scope(store)
    st.session_state["scope"] = scope
    if scope.as_of is not None:
        st.sidebar.caption(f"Données à fin {fmt.month(scope.as_of, long=True)}")
    account_box(principal)
try:
    page.run()
except Exception as exc:  # noqa: BLE001 - the screens' last handler: logged with a reference, shown in French
    if errors.details_wanted():
        raise
    errors.show(exc)
