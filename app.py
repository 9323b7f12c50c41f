"""PAC Pilot — entry point: page config, the shared database, navigation."""

import streamlit as st

from pac_core.app_state import open_app_store
from pac_core.store import StoreError, default_db_path

st.set_page_config(page_title="PAC Pilot", page_icon="📈", layout="wide")


@st.cache_resource(show_spinner="Ouverture de la base…")
def get_store(path: str):
    """One store per database file and per process (the one writer)."""
    return open_app_store(path)


try:
    st.session_state["store"] = get_store(str(default_db_path()))
except StoreError as exc:
    st.error(str(exc))
    st.stop()

PAGES = [
    st.Page("pages/vue_ensemble.py", title="Vue d'ensemble", icon="📊", url_path="vue-ensemble", default=True),
]
st.navigation(PAGES).run()
