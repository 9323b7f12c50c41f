"""The Canaux & ROI charts as Vega-Lite specs: the French locale, the break-even line y = x, channel colours."""

import pandas as pd
import pytest

from pac_core.charts import FRENCH_LOCALE, channel_color
from pac_core.charts.channels import (LABEL_STEP, LEVER_COLOR, bubble_chart, label_heights, ranking_chart,
                                     size_legend_values)
from pac_core.display.channels import bubble_frame, ranking_frame
from tests.display.test_channels_display import DEMO, roi_frame


def layers(spec: dict) -> list[tuple[dict, list[dict]]]:
    """(layer, its rows) for every layer of a layered chart's spec."""
    datasets = spec.get("datasets", {})
    found = []
    for layer in spec["layer"]:
        data = layer.get("data", spec.get("data", {}))
        found.append((layer, datasets.get(data.get("name"), data.get("values", []))))
    return found


def mark(layer: dict) -> str:
    return layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]


def test_the_bubble_chart_is_french_and_draws_the_break_even_line():
    spec = bubble_chart(bubble_frame(DEMO, "channel"), "channel").to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    lines = [rows for layer, rows in layers(spec) if mark(layer) == "line"]
    assert len(lines) == 1
    # y = x from the origin to beyond the largest cost (14 450 €), so every bubble can be read against it.
    assert all(row["cost"] == row["revenue"] for row in lines[0])
    assert lines[0][0]["cost"] == 0 and lines[0][-1]["cost"] > 14_450
    texts = [row.get("text") for layer, rows in layers(spec) if mark(layer) == "text" for row in rows]
    assert "Seuil de rentabilité : CA = coût" in texts


def test_bubbles_keep_the_colour_of_their_channel():
    spec = bubble_chart(bubble_frame(DEMO, "channel"), "channel").to_dict()
    circle = next(layer for layer, _ in layers(spec) if mark(layer) == "circle")
    scale = circle["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {
        channel: channel_color(channel) for channel in ("Base de données", "Prescripteurs", "Salon", "Téléprospection")}
    assert circle["encoding"]["x"]["field"] == "cost" and circle["encoding"]["y"]["field"] == "revenue"
    assert circle["encoding"]["size"]["field"] == "size"
    assert circle["encoding"]["size"]["title"] == "Nouveaux clients"


def test_levers_are_not_painted_as_channels():
    frame = roi_frame([("Téléprospection", 7000, 4200, "réalisé", 1420.0, 6.0, 1.0)], by="lever")
    spec = bubble_chart(bubble_frame(frame, "lever"), "lever").to_dict()
    circle = next(layer for layer, _ in layers(spec) if mark(layer) == "circle")
    assert circle["encoding"]["color"] == {"value": LEVER_COLOR}


def test_the_ranking_goes_from_best_to_worst_in_channel_colours():
    spec = ranking_chart(ranking_frame(DEMO, "channel"), "channel").to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    bar = next(layer for layer, _ in layers(spec) if mark(layer) == "bar")
    assert bar["encoding"]["y"]["sort"] == ["Salon", "Téléprospection", "Base de données"]
    assert bar["encoding"]["x"]["axis"]["format"] == ".0%"
    scale = bar["encoding"]["color"]["scale"]
    assert scale["range"] == [channel_color(channel) for channel in scale["domain"]]
    rules = [rows for layer, rows in layers(spec) if mark(layer) == "rule"]
    assert rules == [[{"roi": 0.0}]]  # the 0 % line: left of it, the channel loses money


def test_an_empty_ranking_still_draws():
    empty = ranking_frame(pd.DataFrame(DEMO.iloc[0:0]), "channel")
    assert ranking_chart(empty, "channel").to_dict()["config"]["locale"] == FRENCH_LOCALE
    with pytest.raises(KeyError):
        ranking_frame(DEMO.drop(columns="roi"), "channel")


def test_the_size_legend_counts_in_whole_numbers():
    assert size_legend_values(14) == [4, 7, 14]
    assert size_legend_values(1) == [1]
    spec = bubble_chart(bubble_frame(DEMO, "channel"), "channel").to_dict()
    circle = next(layer for layer, _ in layers(spec) if mark(layer) == "circle")
    assert circle["encoding"]["size"]["legend"]["values"] == [4, 7, 14]  # the Salon's 14 new clients at most


def test_names_of_close_bubbles_are_stacked_not_overlapped():
    # Two bubbles with no revenue, 500 € apart on a 10 000 € axis: the second name goes one line higher.
    # A third far away on the right keeps its place just above its bubble.
    frame = pd.DataFrame({"cost": [1000.0, 1500.0, 9000.0], "revenue": [0.0, 0.0, 0.0], "size": [0.0, 0.0, 0.0]})
    heights = label_heights(frame, x_max=10_000, y_max=100_000, plot_height=300)
    euros_per_pixel = 100_000 / 300
    assert heights[1] - heights[0] == pytest.approx(LABEL_STEP * euros_per_pixel)
    assert heights[2] == pytest.approx(heights[0])
