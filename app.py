"""PAC Pilot — entry point: page config, the shared database, navigation."""

import streamlit as st

from pac_core.app_state import open_app_store
from pac_core.store import StoreError

st.set_page_config(page_title="PAC Pilot", page_icon="📈", layout="wide")


@st.cache_resource(show_spinner="Ouverture de la base…")
def get_store():
    return open_app_store()


try:
    st.session_state["store"] = get_store()
except StoreError as exc:
    st.error(str(exc))
    st.stop()

PAGES = [
    st.Page("pages/vue_ensemble.py", title="Vue d'ensemble", icon="📊", url_path="vue-ensemble", default=True),
]
st.navigation(PAGES).run()
