"""Which columns of a French text table are figures, to be right-aligned (st.table has no column alignment)."""

import pandas as pd

from pac_core.display import figure_columns, right_aligned

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"


def test_columns_of_figures_are_found_and_names_are_not():
    table = pd.DataFrame({
        "Responsable": ["Directeur commercial", "Service marketing"],
        "Actions": ["3", "2"],
        "ROI": [f"{MINUS}30,0{NNBSP}%", "—"],  # a missing value keeps the column a figure column
        "Montant": [f"2{NNBSP}788{NNBSP}100{NBSP}€", f"0,70{NBSP}€"],
        "Consommé": [f"108,0{NNBSP}% ✖ dépassé", f"100,0{NNBSP}%"],  # a figure then its flag
        "Objectif": [f"+20{NNBSP}% de clients actifs", "Rentrer chez 3 grands comptes"],
        "Étape": ["1 · Premier contact", "2 · Prise de RDV"],  # starts with a digit, never a bare figure
        "Vide": ["—", "—"],
    })
    assert figure_columns(table) == ["Actions", "ROI", "Montant", "Consommé"]


def test_the_styler_right_aligns_cells_and_headers_of_figure_columns_only():
    table = pd.DataFrame({"Nom": ["A"], "Actions": ["3"]})
    css = right_aligned(table, ["Actions"]).to_html()
    assert "th.col1 {\n  text-align: right !important;" in css
    assert "#T_" in css and "_row0_col1 {\n  text-align: right !important;" in css
    assert "col0 {" not in css.split("</style>")[0]
