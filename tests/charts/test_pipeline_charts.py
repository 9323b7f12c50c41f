"""The funnel chart as a Vega-Lite spec: French locale, stages in order with the conversions between them,
the colour of the chosen channel."""

from pac_core.charts import FRENCH_LOCALE, channel_color
from pac_core.charts.pipeline import ALL_CHANNELS_COLOR, funnel_chart, funnel_rows
from pac_core.display.pipeline import funnel_frame
from pac_core.tables import PIPELINE_STAGES
from tests.charts.test_channels_charts import layers, mark
from tests.display.test_pipeline_display import FUNNEL

NNBSP = "\u202f"


def test_stages_are_interleaved_with_the_conversions_between_them():
    rows = funnel_rows(funnel_frame(FUNNEL))
    assert list(rows["row"]) == ["Premier contact", "→2", "Prise de RDV", "→3", "Démonstration réalisée", "→4",
                                 "Proposition commerciale envoyée", "→5", "Signature de devis"]
    assert rows.iloc[1]["conversion_text"] == f"↓ 31,0{NNBSP}% de conversion"


def test_the_funnel_chart_is_french_in_stage_order_and_in_the_channel_colour():
    spec = funnel_chart(funnel_frame(FUNNEL), "Salon").to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    bar, bar_rows = next((layer, rows) for layer, rows in layers(spec) if mark(layer) == "bar")
    assert bar["mark"]["color"] == channel_color("Salon")
    assert [row["reached"] for row in bar_rows] == [300, 93, 52, 32, 22]
    order = bar["encoding"]["y"]["sort"]
    assert [row for row in order if not row.startswith("→")] == list(PIPELINE_STAGES)
    texts = [row["label"] for layer, rows in layers(spec) if mark(layer) == "text" for row in rows if row["label"]]
    assert texts[0].startswith("300 opportunités")
    conversions = [row["conversion_text"] for layer, rows in layers(spec) if mark(layer) == "text" for row in rows
                   if row["conversion_text"]]
    assert len(conversions) == 4


def test_all_channels_together_have_a_colour_no_channel_has():
    spec = funnel_chart(funnel_frame(FUNNEL), None).to_dict()
    bar = next(layer for layer, _ in layers(spec) if mark(layer) == "bar")
    assert bar["mark"]["color"] == ALL_CHANNELS_COLOR
    from pac_core.charts import _CHANNEL_PALETTE

    assert ALL_CHANNELS_COLOR not in _CHANNEL_PALETTE
