"""The SVG chart module: series drawn, gaps, accessible names, no inline styles."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from udavtal.lib import charts

SVG = "{http://www.w3.org/2000/svg}"


def _chart(**kwargs):
    series = kwargs.pop(
        "series",
        [
            charts.Series(
                "Rosengård",
                [
                    (2019, Decimal("41.2")),
                    (2020, None),
                    (2021, Decimal("43.5")),
                    (2022, Decimal("44")),
                ],
            ),
            charts.Series("Malmö", [(2019, Decimal("66.0")), (2020, Decimal("65.1"))]),
            charts.Series("Riket", [(2019, Decimal("1234.5")), (2020, Decimal("1240"))]),
        ],
    )
    kwargs.setdefault("title", "Sysselsättningsgrad")
    kwargs.setdefault("chart_id", "c1")
    kwargs.setdefault("unit", "procent")
    return ET.fromstring(charts.line_chart(series, **kwargs))


def _series(root, label):
    return next(g for g in root.iter(f"{SVG}g") if g.get("data-series") == label)


def test_chart_is_an_image_named_by_its_title_and_description():
    root = _chart()

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").get("id") == "c1-title"
    assert root.find(f"{SVG}title").text == "Sysselsättningsgrad"
    assert root.find(f"{SVG}desc").get("id") == "c1-desc"


def test_description_summarises_each_series_in_swedish_numbers():
    desc = _chart().find(f"{SVG}desc").text

    assert "Rosengård: från 41,2 procent år 2019 till 44,0 procent år 2022" in desc
    assert "Riket: från 1\u00a0234,5 procent år 2019" in desc


def test_every_series_is_drawn_with_its_points():
    root = _chart()
    rosengard = _series(root, "Rosengård")
    points = [
        (p.get("data-year"), p.get("data-value"))
        for p in rosengard.iter(f"{SVG}g")
        if p.get("class") == "chart__point"
    ]

    assert points == [("2019", "41.2"), ("2021", "43.5"), ("2022", "44")]
    assert len(list(_series(root, "Malmö").iter(f"{SVG}path"))) >= 1


def test_a_missing_value_is_a_gap_in_the_line():
    line = _series(_chart(), "Rosengård").find(f"{SVG}path")
    d = line.get("d")

    # Two sub-paths: 2019 alone, then 2021–2022.
    assert d.count("M") == 2
    assert d.count("L") == 1


def _marker_shape(root, label):
    point = next(
        g for g in _series(root, label).iter(f"{SVG}g") if g.get("class") == "chart__point"
    )
    shape = next(el for el in point if el.tag in {f"{SVG}circle", f"{SVG}rect", f"{SVG}path"})
    return shape.tag, (shape.get("d") or "").count("L")


def test_series_differ_by_line_style_and_marker_not_only_colour():
    root = _chart()
    paths = [_series(root, label).find(f"{SVG}path") for label in ("Rosengård", "Malmö", "Riket")]
    dashes = [p.get("stroke-dasharray") for p in paths]
    markers = [_marker_shape(root, label) for label in ("Rosengård", "Malmö", "Riket")]

    assert len(set(dashes)) == 3
    assert len(set(markers)) == 3


def test_legend_names_every_series():
    legend = next(g for g in _chart().iter(f"{SVG}g") if g.get("class") == "chart__legend")
    texts = [t.text for t in legend.iter(f"{SVG}text")]

    assert texts == ["Rosengård", "Malmö", "Riket"]


def test_axis_labels_are_in_swedish_number_format_and_years_plain():
    root = _chart(series=[charts.Series("A", [(2019, Decimal("0.12")), (2020, Decimal("0.31"))])])
    y_labels = [
        t.text
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "chart__y-axis"
        for t in g.iter(f"{SVG}text")
    ]
    x_labels = [
        t.text
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "chart__x-axis"
        for t in g.iter(f"{SVG}text")
    ]

    assert "0,15" in y_labels or "0,1" in y_labels
    assert all("." not in label for label in y_labels if label != "procent")
    assert x_labels == ["2019", "2020"]


def test_no_element_has_an_inline_style_attribute():
    root = _chart()

    assert [el.tag for el in root.iter() if "style" in el.attrib] == []


def test_text_in_labels_is_escaped():
    root = _chart(series=[charts.Series("<script>&", [(2020, 1)])], title="A & B <c>", chart_id="x")

    assert root.find(f"{SVG}title").text == "A & B <c>"
    assert _series(root, "<script>&") is not None


def test_a_chart_without_values_says_so():
    root = _chart(series=[charts.Series("Rosengård", [(2020, None)])])

    assert "Inga värden att visa." in ET.tostring(root, encoding="unicode")


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 10, [0, 2.5, 5, 7.5, 10]), (41, 66, [40, 50, 60, 70]), (5, 5, [4.5, 4.75, 5, 5.25, 5.5])],
)
def test_nice_ticks_cover_the_range_with_round_steps(low, high, expected):
    assert charts.nice_ticks(low, high) == expected
