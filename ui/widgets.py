"""Display pieces every page uses: the page header with the as-of date and the active filters, the welcome of an
empty database, the notice of filters that match nothing, the status legend."""

import io
import re

import pandas as pd
import streamlit as st

from pac_core import formatting as fmt
from pac_core.kpi.options import FILTER_KEYS
from pac_core.kpi.scope import Filters, Scope
from pac_core.template import write_template
from ui.filters import FILTER_LABELS, active_filters, clear_filters


def page_header(title: str, scope: Scope) -> None:
    """The page's title, the month its figures stop at (always, worded the same on every screen) and, when a
    filter is set, a chip naming each one: a filtered figure must never be read as the whole company's."""
    st.title(title)
    if scope.as_of is not None:
        st.caption(as_of_text(scope))
    filter_chips(scope.filters)


def as_of_text(scope: Scope) -> str:
    """« PAC Pilot · données à fin octobre 2026 », and the plan version when it is not the one in force: the one
    wording of the month the figures stop at, for every screen's header."""
    return (f"PAC Pilot · données à fin {fmt.month(scope.as_of, long=True)}"
            + (f" · objectifs de la version {scope.plan_version} du plan" if scope.plan_version else ""))


def chip_text(label: str, values: tuple[str, ...]) -> str:
    """« Canal : Salon », « Canal : Salon ou Site web / SEO » (a filter keeps any of its values)."""
    return f"{label}\u00a0: {' ou '.join(values)}"


def filter_chips(filters: Filters) -> None:
    """One chip per active filter, and « Effacer les filtres » when the sidebar's filters are among them."""
    shown = active_filters(filters)
    if not shown:
        return
    chips = " ".join(f":blue-badge[{plain(chip_text(label, values))}]" for label, values in shown)
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="pac_filtres"):
        st.markdown(f"Vue restreinte aux filtres actifs : {chips}", width="content")
        if any(getattr(filters, FILTER_KEYS[key]) for key in FILTER_LABELS):
            st.button("Effacer les filtres", icon=":material/filter_alt_off:", type="tertiary",
                      on_click=clear_filters, key="effacer_filtres")


DATA_PAGE = "screens/donnees.py"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^=&])")


def plain(text: str) -> str:
    """Text from a user's file (a name, a value) made inert inside Markdown: every sign escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as inert text (st.table reads its cells as Markdown); missing values empty. Escaped a column at
    a time (an owner's scorecard may hold tens of thousands of cells): each cell reads as `plain` writes it."""
    texts = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position].astype("str").fillna("")
        texts.isetitem(position, column.str.replace(_MARKDOWN_SPECIAL.pattern, r"\\\1", regex=True)
                       .str.replace("\n", " ", regex=False))
    return texts


def plain_table(frame: pd.DataFrame, **options) -> None:
    """A table of texts from users' files, every cell escaped, so that long messages wrap in full instead of
    being cut as in st.dataframe, and a name written in Markdown stays a name."""
    st.table(plain_frame(frame), **{"hide_index": True, "border": "horizontal", **options})


def text_dataframe(frame: pd.DataFrame, widths: dict, key: str) -> None:
    """A long table of texts from users' files: st.dataframe shows cells as text, sortable; `widths` gives the
    long columns room ("small", "medium", "large")."""
    config = {name: st.column_config.TextColumn(width=width) for name, width in widths.items() if name in frame}
    st.dataframe(frame, hide_index=True, width="stretch", key=key, column_config=config)


@st.cache_data(max_entries=1, show_spinner=False)
def template_bytes() -> bytes:
    buffer = io.BytesIO()
    write_template(buffer)
    return buffer.getvalue()


def welcome_if_empty(scope: Scope) -> bool:
    """On an empty database, a welcome with the way to import data; True when shown (the page stops)."""
    if scope.as_of is not None:
        return False
    st.info("Bienvenue dans PAC Pilot. Aucun réalisé n'a encore été importé : téléchargez le modèle Excel, "
            "remplissez-le, puis déposez-le sur la page Données (ou, en ligne de commande : "
            "`python -m pac_core import FICHIER.xlsx`).", icon=":material/waving_hand:")
    st.page_link(DATA_PAGE, label="Importer des données", icon=":material/upload_file:")
    st.download_button("Télécharger le modèle Excel", template_bytes(), file_name="modele-pac.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
    return True


def nothing_matches() -> None:
    st.info("Aucune action ne correspond aux filtres choisis : élargissez-les dans la barre latérale.",
            icon=":material/filter_alt_off:")
