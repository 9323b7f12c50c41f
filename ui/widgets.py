"""Display pieces every page uses: the page header with the as-of date, the welcome of an empty
database, the notice of filters that match nothing, the status legend."""

import io

import streamlit as st

from pac_core import formatting as fmt
from pac_core.kpi.scope import Scope
from pac_core.template import write_template


def page_header(title: str, scope: Scope) -> None:
    """The page's title and, always visible, the date the figures stop at."""
    st.title(title)
    if scope.as_of is not None:
        st.caption(f"PAC Pilot · données à fin {fmt.month(scope.as_of, long=True)}"
                   + (" · filtres actifs" if scope.filters.active else ""))


@st.cache_data(max_entries=1, show_spinner=False)
def _template_bytes() -> bytes:
    buffer = io.BytesIO()
    write_template(buffer)
    return buffer.getvalue()


def welcome_if_empty(scope: Scope) -> bool:
    """On an empty database, a welcome with the way to import data; True when shown (the page stops)."""
    if scope.as_of is not None:
        return False
    st.info("Bienvenue dans PAC Pilot. Aucun réalisé n'a encore été importé : téléchargez le modèle Excel, "
            "remplissez-le, puis importez-le avec `python -m pac_core import FICHIER.xlsx` "
            "(la page Données le permettra aussi).", icon=":material/waving_hand:")
    st.download_button("Télécharger le modèle Excel", _template_bytes(), file_name="modele-pac.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
    return True


def nothing_matches() -> None:
    st.info("Aucune action ne correspond aux filtres choisis : élargissez-les dans la barre latérale.",
            icon=":material/filter_alt_off:")
