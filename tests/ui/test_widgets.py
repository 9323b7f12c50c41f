"""A user's text shown in a table is inert Markdown: a name like « **Salon** [promo](x) » stays that name."""

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

CELLS = st.one_of(st.none(), st.text(), st.sampled_from(["**gras** _x_ [lien](http://a) `code` #1 <b>&amp;",
                                                         "ligne 1\nligne 2", "\\", "1 234,5 %", "é—€"]),
                  st.integers(), st.floats(allow_nan=True), st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS), max_size=30))
def test_every_cell_of_a_table_reads_as_plain_text(rows):
    from ui.widgets import plain, plain_frame  # imported by the test, as the app's pages import it

    frame = pd.DataFrame(rows, columns=["Action", "Action "], dtype=object)
    shown = plain_frame(frame)
    for position in range(frame.shape[1]):
        expected = ["" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else plain(cell)
                    for cell in frame.iloc[:, position]]
        assert shown.iloc[:, position].tolist() == expected
    assert list(shown.columns) == list(frame.columns) and list(shown.index) == list(frame.index)


def test_a_table_of_french_figures_keeps_its_text():
    from ui.widgets import plain_frame

    frame = pd.DataFrame({"Action": ["A1 · Salon *Lyon*", None], "Budget": ["1\u202f234\u00a0€", "—"]})
    assert plain_frame(frame).to_dict("list") == {"Action": ["A1 · Salon \\*Lyon\\*", ""],
                                                  "Budget": ["1\u202f234\u00a0€", "—"]}
