"""The pace chart of an owner as a Vega-Lite spec: French locale, status colours with the status written out,
the 100 % line."""

from pac_core.charts import FRENCH_LOCALE, STATUS_COLORS
from pac_core.charts.owners import pace_chart
from pac_core.display import STATUS_TEXT
from pac_core.display.owners import pace_frame
from tests.charts.test_channels_charts import layers, mark
from tests.display.test_owners_display import OBJECTIVES


def test_the_pace_chart():
    spec = pace_chart(pace_frame(OBJECTIVES)).to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    bar, rows = next((layer, rows) for layer, rows in layers(spec) if mark(layer) == "bar")
    scale = bar["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {STATUS_TEXT[s]: STATUS_COLORS[s]
                                                          for s in ("on_track", "watch", "off_track")}
    assert [row["status"] for row in rows] == ["✖ En retard", "⚠ À surveiller", "✔ En bonne voie", "✔ En bonne voie"]
    assert bar["encoding"]["y"]["sort"][0] == "Action A1 — Chiffre d'affaires"  # the furthest behind on top
    labels = [row["label"] for layer, rows in layers(spec) if mark(layer) == "text" for row in rows]
    assert all(any(text in label for text in STATUS_TEXT.values()) for label in labels)  # never colour alone
    assert [rows for layer, rows in layers(spec) if mark(layer) == "rule"][0][0]["pace"] == 1.0
