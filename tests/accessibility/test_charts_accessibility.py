"""Charts (udavtal/lib/charts.py) are accessible: WCAG 2.1 1.1.1, 1.4.1, 1.4.3 and 1.4.11.

Colours of lines and markers reach 3:1 against the white background, text 4.5:1; every series
also differs by line style and marker, so colour is not the only carrier of meaning; a rendered
statistics page puts a data table with the same figures right after each chart.
"""

from __future__ import annotations

import cssselect2
import pytest
import tinyhtml5
from django.urls import reverse

from tests.factories import statistics as stats
from udavtal.lib import charts

WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour such as #1d4f91 (WCAG 2.1 definition)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the usual AA grey


@pytest.mark.parametrize("style", charts.STYLES, ids=[colour for colour, _, _ in charts.STYLES])
def test_every_series_colour_has_3_to_1_contrast_against_white(style):
    colour, _, _ = style
    assert contrast(colour, WHITE) >= 3.0


@pytest.mark.parametrize("name", ["TEXT", "MUTED"])
def test_chart_text_colours_have_4_5_to_1_contrast_against_white(name):
    assert contrast(getattr(charts, name), WHITE) >= 4.5


def test_series_differ_in_line_style_and_marker_not_only_in_colour():
    dashes = [dash for _, dash, _ in charts.STYLES]
    markers = [marker for _, _, marker in charts.STYLES]
    assert len(set(dashes)) == len(charts.STYLES)
    assert len(set(markers)) == len(charts.STYLES)


def _charts_with_tables(html: str) -> list[tuple]:
    """(svg, the data table that follows it) for every chart of the page."""
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
    found = []
    for svg in root.query_all("svg.chart"):
        holder = svg.parent
        following = next(holder.iter_next_siblings(), None)
        table = following.query("table") if following is not None else None
        found.append((svg, following, table))
    return found


def _text(element) -> str:
    return " ".join("".join(element.etree_element.itertext()).split())


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["district-statistics", "indicator-detail"])
def test_every_chart_has_title_description_and_a_data_table_beside_it(officer_client, page):
    world = stats.statistics_world()
    if page == "district-statistics":
        url = reverse("reports:district-statistics", args=[world["rosengard"].pk])
    else:
        url = reverse("reports:indicator-detail", args=["sysselsattningsgrad"])
    found = _charts_with_tables(officer_client.get(url).content.decode())

    assert found, "sidan har inget diagram"
    for svg, region, table in found:
        attrs = svg.etree_element.attrib
        title, desc = svg.query("title"), svg.query("desc")
        assert attrs["role"] == "img"
        assert attrs["aria-labelledby"].split() == [title.id, desc.id]
        assert _text(title) and _text(desc)
        # The table right after the chart, in a keyboard-reachable scroll region.
        assert table is not None, f"ingen tabell efter diagrammet {_text(title)!r}"
        assert region.etree_element.get("role") == "region"
        assert region.etree_element.get("tabindex") == "0"
        assert _text(table.query("caption"))
        headers = {_text(th) for th in table.query_all("th")}
        series = {g.etree_element.get("data-series") for g in svg.query_all("g.chart__series")}
        years = {p.etree_element.get("data-year") for p in svg.query_all("g.chart__point")}
        assert series and series <= headers, f"serier utan rad eller kolumn: {series - headers}"
        assert years <= headers, f"år utan rad eller kolumn: {years - headers}"
