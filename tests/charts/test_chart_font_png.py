"""The review PDF's charts (vl-convert PNGs) share the screens' chart config: their text must not come out in
Arial (or its metric twin Liberation Sans, vl-convert's sans-serif here) but in DejaVu Sans, the PDF's own font."""

from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import vl_convert

from pac_core.charts import french
from pac_core.review_pdf import VEGA_LITE

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def png(chart) -> bytes:
    return vl_convert.vegalite_to_png(chart.to_dict(), vl_version=VEGA_LITE, scale=1)


def words(font: str | None = None):
    chart = alt.Chart(pd.DataFrame({"text": ["Réseaux sociaux 613,5 %"]})).mark_text(fontSize=30).encode(
        text="text:N")
    chart = french(chart, description="Un essai.", height=60)
    return chart.configure(font=font) if font else chart


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans (fonts-dejavu-core) is not installed")
def test_pdf_charts_are_drawn_in_the_pdf_font_not_arial():
    ours = png(words())
    assert ours == png(words("DejaVu Sans"))
    assert ours != png(words("Liberation Sans")) and ours != png(words("Arial"))
