"""Small-number protection: one rule, applied on pages, exports, charts and open data."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import IndicatorValue
from reports.statistics import suppression
from tests.downloads import body
from tests.factories import statistics as stats

SVG = "{http://www.w3.org/2000/svg}"
SECRET = "47.0"  # Rosengård 2019, from 5 people
SECRET_TEXT = "47,0"


@pytest.mark.parametrize(("base", "suppressed"), [(None, False), (0, True), (9, True), (10, False)])
def test_a_value_from_fewer_people_than_the_threshold_is_suppressed(settings, base, suppressed):
    settings.SMALL_NUMBER_THRESHOLD = 10
    figure = suppression.figure(Decimal("47.0"), base)

    assert figure.suppressed is suppressed
    assert figure.display() == (".." if suppressed else "47,0")
    assert figure.public == (None if suppressed else Decimal("47.0"))


def test_the_threshold_is_a_setting(settings):
    settings.SMALL_NUMBER_THRESHOLD = 100

    assert suppression.figure(Decimal(1), 99).display() == ".."


def test_a_difference_with_a_suppressed_side_is_suppressed():
    shown = suppression.figure(Decimal("50"), 100)
    hidden = suppression.figure(Decimal("47"), 5)

    assert shown.minus(hidden).display() == ".."
    assert hidden.minus(shown).display() == ".."
    assert shown.minus(suppression.figure(None)).display() == "–"


def test_missing_is_a_dash_never_zero():
    assert suppression.figure(None, 500).display() == "–"
    assert suppression.figure(None).export() is None


@pytest.fixture
def world(db, settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    world = stats.statistics_world()
    IndicatorValue.objects.filter(area_code="1280-01", year=2019, sex="T").update(population_base=5)
    return world


def test_district_statistics_page_shows_dots_not_the_number(officer_client, world):
    url = reverse("reports:district-statistics", args=[world["rosengard"].pk])
    html = officer_client.get(url).content.decode()
    table = html[html.index("Sysselsättningsgrad, värden per år") :]
    table = table[: table.index("</table>")]
    rosengard_row = table[table.index("Rosengård") : table.index("</tr>", table.index("Rosengård"))]

    assert ">..</td>" in rosengard_row
    assert SECRET_TEXT not in rosengard_row


def test_the_chart_has_a_gap_where_the_value_is_suppressed(officer_client, world):
    url = reverse("reports:district-statistics", args=[world["rosengard"].pk])
    html = officer_client.get(url).content.decode()
    chart = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    series = next(g for g in chart.iter(f"{SVG}g") if g.get("data-series") == "Rosengård")
    years = [p.get("data-year") for p in series.iter(f"{SVG}g") if p.get("class") == "chart__point"]

    assert years == ["2018", "2020"]
    assert series.find(f"{SVG}path").get("d").count("M") == 2
    assert SECRET not in ET.tostring(chart, encoding="unicode")


def test_the_suppressed_value_stays_out_of_the_comparison_group(officer_client, world):
    url = reverse("reports:district-statistics", args=[world["fittja"].pk])
    section = officer_client.get(url).context["stats"].sections[0]
    row_2019 = next(r for r in section.rows if r.year == 2019)

    # Fittja's group is Rosengård (suppressed in 2019) and Alby (50.0).
    assert row_2019.group.display() == "50,0"
    assert row_2019.group_count == 1


def test_the_overview_and_its_exports_show_dots(officer_client, world):
    url = reverse("reports:indicator-overview")
    query = {"indikator": "sysselsattningsgrad", "sedan": "2019"}
    page = officer_client.get(url, query)
    rows = {r.district.name: r for r in page.context["table"].data}
    csv_text = body(officer_client.get(url, {**query, "export": "csv"})).decode()
    xlsx = load_workbook(io.BytesIO(body(officer_client.get(url, {**query, "export": "xlsx"}))))
    xlsx_rows = {r[0]: r for r in xlsx.active.iter_rows(min_row=2, values_only=True)}

    assert rows["Rosengård"].change.display() == ".."
    csv_rows = {r[0]: r for r in csv.reader(io.StringIO(csv_text))}
    assert csv_rows["Rosengård"][4] == ".."
    assert xlsx_rows["Rosengård"][4] == ".."


def test_open_data_csv_shows_dots_and_no_population_base(client, world):
    response = client.get(reverse("reports:open-data-csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(
        r for r in rows if r["områdeskod"] == "1280-01" and r["år"] == "2019" and r["kön"] == "T"
    )

    assert (row["värde"], row["befolkningsunderlag"], row["prickat"]) == ("..", "", "ja")
    shown = next(r for r in rows if r["områdeskod"] == "1280-01" and r["år"] == "2018")
    assert (shown["värde"], shown["befolkningsunderlag"], shown["prickat"]) == ("45", "4000", "nej")


def test_open_data_json_shows_dots_and_no_population_base(client, world):
    response = client.get(reverse("reports:open-data-json"))
    data = json.loads(b"".join(response.streaming_content))
    row = next(
        r
        for r in data["värden"]
        if r["områdeskod"] == "1280-01" and r["år"] == 2019 and r["kön"] == "T"
    )
    men = next(
        r
        for r in data["värden"]
        if r["områdeskod"] == "1280-01" and r["år"] == 2020 and r["kön"] == "M"
    )

    assert (row["värde"], row["befolkningsunderlag"], row["prickat"]) == ("..", None, True)
    assert (men["värde"], men["befolkningsunderlag"]) == ("..", None)
