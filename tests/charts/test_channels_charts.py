"""The Canaux & ROI charts as Vega-Lite specs: the French locale, the break-even line y = x, channel colours."""

import pandas as pd
import pytest

from pac_core.charts import FONT, FRENCH_LOCALE, channel_color
from pac_core.charts.channels import (
    LABEL_FONT_SIZE,
    LEVER_COLOR,
    MIN_PLOT_WIDTH,
    Box,
    Plot,
    _box,
    _radius,
    bubble_chart,
    place_labels,
    ranking_chart,
    size_legend_values,
    text_width,
)
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


def bubbles(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["group", "cost", "revenue", "size"])


def test_a_lone_bubble_is_named_just_above_it():
    # 300 × 300 px for 10 000 € each way: the bubble (the largest, 3 600 px², radius √(3600/π) = 33,85 px) is at
    # (150 px, 240 px); its name starts 4 px above its edge, at 277,85 px, that is 9 261,7 €.
    plot = Plot(x_max=10_000, y_max=10_000, width=300, height=300)
    placed = place_labels(bubbles([("Salon", 5000, 8000, 10)]), plot)
    assert placed.at[0, "label_y"] == pytest.approx(9261.7, abs=0.1)
    assert placed.at[0, "label_align"] == "center"


def test_a_name_with_no_room_above_goes_below():
    # At 9 800 € the bubble's top is at 327,85 px: above the 300-px plot, so the name goes 4 px under its edge,
    # 18,75 px high: its baseline at 294 − 33,85 − 4 − 18,75 = 237,4 px, 7 913,3 €.
    plot = Plot(x_max=10_000, y_max=10_000, width=300, height=300)
    placed = place_labels(bubbles([("Salon", 5000, 9800, 10)]), plot)
    assert placed.at[0, "label_y"] == pytest.approx(7913.3, abs=0.1)


def test_a_name_never_crosses_the_break_even_line_and_the_biggest_wins():
    # Three bubbles on the break-even line, close together: none has room for its name away from the line and
    # the others, except the biggest, named above; the two others go to the legend.
    plot = Plot(x_max=10_000, y_max=10_000, width=300, height=300)
    frame = bubbles([("Emailing", 2000, 2000, 1), ("Salon", 2200, 2400, 10), ("SEA", 2400, 2300, 2)])
    placed = place_labels(frame, plot)
    assert list(placed["label_y"].notna()) == [False, True, False]


def boxes_of(frame: pd.DataFrame, placed: pd.DataFrame, plot: Plot) -> dict[str, Box]:
    """Each named bubble's name box, as drawn on `plot` (same baseline in euros, whatever the width)."""
    found = {}
    for index in placed.index[placed["label_y"].notna()]:
        x = frame.at[index, "cost"] / plot.x_max * plot.width
        bottom = placed.at[index, "label_y"] / plot.y_max * plot.height
        found[frame.at[index, "group"]] = _box(placed.at[index, "label_align"], x, bottom,
                                              text_width(frame.at[index, "group"], LABEL_FONT_SIZE), 18.75)
    return found


CROWD = bubbles([("Salon", 14450, 103100, 14), ("Site web / SEO", 8700, 39500, 4), ("Téléprospection", 6000, 4200, 1),
                 ("Base de données", 1000, 0, 0), ("Réseaux sociaux", 4900, 0, 0), ("Emailing", 5200, 6000, 2),
                 ("SEA", 8200, 36000, 3), ("Prescripteurs", 0, 2500, 1)])


@pytest.mark.parametrize("width", [MIN_PLOT_WIDTH, 500.0, 900.0, 2400.0])
def test_names_meet_no_other_name_bubble_or_the_break_even_line_at_any_width(width):
    """Placed at the narrowest plot, checked again on wider ones: widening only moves things apart."""
    x_max, y_max = 14450 * 1.15, 103100 * 1.12
    placed = place_labels(CROWD, Plot(x_max, y_max, MIN_PLOT_WIDTH, 341))
    assert 2 <= placed["label_y"].notna().sum() <= 5
    plot = Plot(x_max, y_max, width, 341)
    boxes = boxes_of(CROWD, placed, plot)
    names = list(boxes)
    for first in range(len(names)):
        for second in range(first + 1, len(names)):
            assert not boxes[names[first]].meets(boxes[names[second]]), (names[first], names[second])
    radius = _radius(CROWD["size"])
    for name, box in boxes.items():
        assert not plot.crosses_break_even(box), name
        assert not box.meets(plot.break_even_text()), name
        assert 0 <= box.left and box.right <= plot.width and 0 <= box.bottom and box.top <= plot.height
        for index in CROWD.index:
            centre = plot.point(CROWD.at[index, "cost"], CROWD.at[index, "revenue"])
            assert not box.meets_circle(*centre, radius[index]), (name, CROWD.at[index, "group"])


def test_unnamed_bubbles_are_named_in_the_legend_and_named_ones_on_the_chart():
    spec = bubble_chart(CROWD.assign(cost_text="", revenue_text="", roi_text="", size_text=""), "channel").to_dict()
    circle = next(layer for layer, _ in layers(spec) if mark(layer) == "circle")
    legend_names = circle["encoding"]["color"]["legend"]["values"]
    drawn = {row["group"] for layer, rows in layers(spec) if mark(layer) == "text" and layer["encoding"]["text"]
             ["field"] == "group" for row in rows}
    assert drawn and legend_names
    assert drawn.isdisjoint(legend_names) and drawn | set(legend_names) == set(CROWD["group"])
    assert circle["encoding"]["color"]["legend"]["title"] == "Autres canaux"


def test_unnamed_levers_are_listed_in_the_lever_colour():
    spec = bubble_chart(CROWD.assign(cost_text="", revenue_text="", roi_text="", size_text=""), "lever").to_dict()
    color = next(layer for layer, _ in layers(spec) if mark(layer) == "circle")["encoding"]["color"]
    assert "Base de données" in color["legend"]["values"] and color["legend"]["title"] == "Autres leviers"
    assert set(color["scale"]["range"]) == {LEVER_COLOR}


def test_every_chart_speaks_the_app_font():
    """Streamlit 1.67 names its font-face « Source Sans » (not « Source Sans Pro », which no page loads: the
    browser fell back to Arial); vl-convert, which has no Source Sans, falls back to DejaVu Sans."""
    for spec in (bubble_chart(bubble_frame(DEMO, "channel"), "channel").to_dict(),
                 ranking_chart(ranking_frame(DEMO, "channel"), "channel").to_dict()):
        assert spec["config"]["font"] == '"Source Sans", "DejaVu Sans", sans-serif'
    assert FONT.startswith('"Source Sans",')


def test_a_screen_reader_hears_one_french_sentence_with_the_figures_not_vegas_english():
    """Vega's own ARIA texts are English and name internal fields (« label_y: 83933,2 »): they are off, and the
    chart's accessible name is a French sentence holding what the chart shows (Salon: 88 650 / 14 450 = 613,5 %)."""
    ranking = ranking_chart(ranking_frame(DEMO, "channel"), "channel").to_dict()
    bubbles = bubble_chart(bubble_frame(DEMO, "channel"), "channel").to_dict()
    for spec in (ranking, bubbles):
        assert spec["config"]["aria"] is False
    assert ranking["description"].startswith("ROI par canal, du meilleur au moins bon. Salon : 613,5\u202f%; ")
    assert "Salon : coût 14\u202f450\u00a0€, CA attribué 103\u202f100\u00a0€, ROI 613,5\u202f%" in bubbles["description"]
    assert "label_y" not in bubbles["description"] and "group" not in bubbles["description"]
