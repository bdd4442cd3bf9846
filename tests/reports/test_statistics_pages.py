"""The district statistics page, the national overview and the indicator catalogue."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import Indicator
from reports.statistics import selectors
from tests import factories
from tests.factories import statistics as stats

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def world():
    return stats.statistics_world()


def _statistics_url(district, **query):
    url = reverse("reports:district-statistics", args=[district.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _svgs(html: str) -> list[ET.Element]:
    charts = []
    start = html.find("<svg")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        charts.append(ET.fromstring(html[start:end]))
        start = html.find("<svg", end)
    return charts


def _points(svg: ET.Element, label: str) -> list[tuple[str, str]]:
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("data-series") == label)
    return [
        (p.get("data-year"), p.get("data-value"))
        for p in group.iter(f"{SVG}g")
        if p.get("class") == "chart__point"
    ]


# ---------- District statistics ----------


def test_district_statistics_show_the_district_against_municipality_sweden_and_group(
    officer_client, world
):
    response = officer_client.get(_statistics_url(world["rosengard"]))
    html = response.content.decode()

    assert response.status_code == 200
    section = response.context["stats"].sections[0]
    assert [
        (
            r.year,
            r.district.display(),
            r.municipality.display(),
            r.country.display(),
            r.group.display(),
            r.group_count,
        )
        for r in section.rows
    ] == [
        (2018, "45,0", "66,0", "77,0", "47,5", 2),
        (2019, "47,0", "66,5", "77,5", "47,5", 2),
        (2020, "50,0", "67,0", "78,0", "47,5", 2),
    ]
    assert "Sysselsättningsgrad, värden per år (procent)" in html
    assert "47,5" in html


def test_the_chart_on_the_page_holds_every_series(officer_client, world):
    html = officer_client.get(_statistics_url(world["rosengard"])).content.decode()
    chart = _svgs(html)[0]

    assert chart.get("role") == "img"
    assert chart.find(f"{SVG}title").text.startswith("Sysselsättningsgrad (totalt), Rosengård")
    assert _points(chart, "Rosengård") == [
        ("2018", "45.0000"),
        ("2019", "47.0000"),
        ("2020", "50.0000"),
    ]
    assert _points(chart, "Malmö")[-1] == ("2020", "67.0000")
    assert _points(chart, "Riket")[0] == ("2018", "77.0000")
    assert _points(chart, "Jämförelsegrupp")[0] == ("2018", "47.5000")
    assert 'style="' not in html[html.find("<svg") : html.find("</svg>")]


def test_change_since_baseline_and_progress_against_the_plans_target(officer_client, world):
    response = officer_client.get(_statistics_url(world["rosengard"]))
    section = response.context["stats"].sections[0]
    html = response.content.decode()

    assert section.baseline_year == 2018
    assert section.change.display(1, signed=True) == "+5,0"
    [goal] = section.goals
    assert goal.progress_percent == 50
    assert "Förändring sedan basåret 2018 (procentenheter)" in html
    assert "50 %" in html
    assert "Fler i arbete i Rosengård" in html


def test_women_are_shown_when_chosen_and_a_small_base_is_suppressed(officer_client, world):
    response = officer_client.get(_statistics_url(world["rosengard"], kon="K"))
    section = response.context["stats"].sections[0]
    split = {s.label: (s.women.display(), s.men.display()) for s in section.sex_split}

    assert section.sex == "K"
    assert section.rows[-1].district.display() == "48,0"
    assert split["Rosengård"] == ("48,0", "..")
    assert split["Malmö"] == ("65,0", "–")


def test_an_indicator_that_is_not_person_based_is_shown_in_total_whatever_the_choice(
    officer_client, world
):
    response = officer_client.get(_statistics_url(world["rosengard"], kon="M"))
    turnout = response.context["stats"].sections[1]

    assert turnout.sex == "T"
    assert [(r.year, r.district.display()) for r in turnout.rows] == [
        (2018, "51,0"),
        (2022, "49,5"),
    ]
    assert turnout.sex_split == []


def test_the_comparison_group_can_be_all_districts_with_agreements(officer_client, world):
    stats.covered_district(code="9-9")  # another phase
    response = officer_client.get(_statistics_url(world["rosengard"], jamforelse="avtal"))

    assert response.context["stats"].group_size == 3


def test_district_statistics_queries_do_not_grow_with_indicators_years_and_districts(
    officer_client, world, django_assert_max_num_queries
):
    phase = world["phase"]
    indicators = [stats.indicator(f"ind_{n}", name=f"Indikator {n}") for n in range(12)]
    group = [stats.covered_district(phase=phase, code=f"G-{n:02d}") for n in range(55)]
    for indicator in indicators:
        for year in range(2015, 2021):
            stats.value(indicator, "1280-01", year, 50, base=100)
            stats.value(indicator, "1280", year, 60, base=1000)
    for district in group[:20]:
        stats.value(indicators[0], district.code, 2020, 40, base=50)

    # 11, the import state keying the cached group sums, and two for the sexes shown beside the
    # series (each indicator's latest year with women's and men's values; the example flags).
    with django_assert_max_num_queries(14):
        response = officer_client.get(_statistics_url(world["rosengard"]))

    assert response.status_code == 200
    assert len(response.context["stats"].sections) == 14


# ---------- National overview ----------


def _overview(client, **query):
    return client.get(reverse("reports:indicator-overview"), query)


def test_overview_lists_covered_districts_with_latest_change_and_gap(officer_client, world):
    response = _overview(officer_client, indikator="sysselsattningsgrad", sedan="2018")
    rows = {r.district.name: r for r in response.context["table"].data}
    rosengard = rows["Rosengård"]

    assert response.status_code == 200
    assert set(rows) == {"Rosengård", "Fittja", "Alby"}
    assert rosengard.latest_year == 2020
    assert rosengard.latest.display() == "50,0"
    assert rosengard.change.display(1, signed=True) == "+5,0"
    assert rosengard.municipality_value.display() == "67,0"
    assert rosengard.gap.display() == "−17,0"
    assert "Förändring sedan 2018" in response.content.decode()


def test_overview_shows_an_imported_value_at_once_although_its_figures_are_cached(
    officer, officer_client, world
):
    import io

    from reports.statistics.importing import import_indicator_values

    before = _overview(officer_client, indikator="sysselsattningsgrad")
    assert {r.district.name: r for r in before.context["table"].data}[
        "Rosengård"
    ].latest_year == 2020
    rosengard = world["rosengard"]
    data = (
        "indikator;områdestyp;områdeskod;år;kön;värde;befolkningsunderlag\n"
        f"sysselsattningsgrad;stadsdel;{rosengard.code};2020;T;52,5;2000\n"
    ).encode()
    import_indicator_values(file=io.BytesIO(data), file_name="ny.csv", actor=officer)

    after = _overview(officer_client, indikator="sysselsattningsgrad")
    row = {r.district.name: r for r in after.context["table"].data}["Rosengård"]
    assert (row.latest_year, row.latest.display()) == (2020, "52,5")  # was 50,0


def test_overview_shows_a_suppressed_latest_value_as_dots_and_sorts_it_as_missing(
    officer_client, world, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 1500  # Fittja's base of 1 000 is now too small
    response = _overview(officer_client, indikator="sysselsattningsgrad", sort="-latest")
    html = response.content.decode()
    names = [r.record.district.name for r in response.context["table"].page.object_list]

    assert names == ["Alby", "Rosengård", "Fittja"]
    fittja = next(r for r in response.context["table"].data if r.district.name == "Fittja")
    assert fittja.latest.display() == ".."
    assert fittja.gap.display() == ".."
    assert ">..</td>" in html


def test_overview_exports_csv_with_suppression_applied(officer_client, world, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1500
    response = _overview(officer_client, indikator="sysselsattningsgrad", export="csv")
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    lines = {line.split(",")[0]: line for line in text.splitlines()[1:]}

    assert lines["Fittja"].split(",")[3] == ".."
    assert lines["Rosengård"].split(",")[3] == "50.0"
    assert "1000" not in text


def test_overview_exports_xlsx(officer_client, world):
    response = _overview(officer_client, indikator="sysselsattningsgrad", export="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}

    assert rows["Rosengård"][3] in (50, "50.0")


def test_a_coordinator_sees_only_the_districts_of_their_municipality(coordinator_client, world):
    response = _overview(coordinator_client)

    assert [r.district.name for r in response.context["table"].data] == ["Rosengård"]


def test_overview_queries_do_not_grow_with_the_districts(
    officer_client, world, django_assert_max_num_queries
):
    for n in range(60):
        district = stats.covered_district(phase=world["phase"], code=f"O-{n:02d}")
        stats.value(world["employment"], district.code, 2020, 30 + n % 20, base=500)

    # 10 + latest years, the district values of those years, the municipalities' values
    with django_assert_max_num_queries(16):
        response = _overview(officer_client, indikator="sysselsattningsgrad", sort="-gap")

    assert response.status_code == 200
    assert response.context["table"].paginator.count == 63


# ---------- Catalogue ----------


def test_indicator_list_shows_the_catalogue(reader_client, world):
    response = reader_client.get(reverse("reports:indicator-list"))

    assert response.status_code == 200
    assert "Sysselsättningsgrad" in response.content.decode()
    assert "Valdeltagande" in response.content.decode()


def test_indicator_detail_shows_definition_and_swedens_series(reader_client, world):
    response = reader_client.get(reverse("reports:indicator-detail", args=["sysselsattningsgrad"]))
    html = response.content.decode()

    assert "Andel förvärvsarbetande 20–64 år." in html
    assert "Högre är bättre" in html
    assert _points(_svgs(html)[0], "Riket") == [
        ("2018", "77.0000"),
        ("2019", "77.5000"),
        ("2020", "78.0000"),
    ]


def test_admin_edits_an_indicator_and_the_history_names_them(
    admin_user_client, ministry_admin, world
):
    indicator = world["employment"]
    url = reverse("reports:indicator-update", args=[indicator.code])
    form = admin_user_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        name="Sysselsättningsgrad 20–64 år",
        goal_area="",
        version=indicator.version,
        reason="Nytt namn enligt SCB",
        person_based="on",
        is_active="on",
    )

    response = admin_user_client.post(url, data)

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Sysselsättningsgrad 20–64 år"
    record = indicator.history.latest()
    assert record.history_user == ministry_admin
    assert record.history_change_reason == "Nytt namn enligt SCB"
    detail = admin_user_client.get(indicator.get_absolute_url()).content.decode()
    assert "Nytt namn enligt SCB" in detail


def test_a_stale_indicator_edit_is_refused_and_keeps_the_input(admin_user_client, world):
    indicator = world["employment"]
    url = reverse("reports:indicator-update", args=[indicator.code])
    data = {
        "name": "Mitt namn",
        "definition": "x",
        "unit": "procent",
        "direction": "higher",
        "source": "SCB",
        "periodicity": "yearly",
        "decimals": 1,
        "position": 0,
        "version": indicator.version,
    }
    Indicator.objects.filter(pk=indicator.pk).update(version=indicator.version + 1)

    response = admin_user_client.post(url, data)

    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert 'value="Mitt namn"' in response.content.decode()


def test_admin_adds_an_indicator(admin_user_client, world):
    response = admin_user_client.post(
        reverse("reports:indicator-create"),
        {
            "code": "ohalsotal",
            "name": "Ohälsotal",
            "definition": "Dagar med ersättning från sjukförsäkringen per person 16–64 år.",
            "unit": "dagar",
            "direction": "lower",
            "source": "Försäkringskassan",
            "periodicity": "yearly",
            "person_based": "on",
            "is_active": "on",
            "decimals": 1,
            "position": 5,
        },
    )

    assert response.status_code == 302
    assert Indicator.objects.get(code="ohalsotal").history.count() == 1


def test_an_indicator_code_with_capitals_or_spaces_is_refused(admin_user_client, world):
    response = admin_user_client.post(reverse("reports:indicator-create"), {"code": "Ohälsa tal"})

    assert response.status_code == 400
    assert "små bokstäver" in response.content.decode()


def test_indicator_list_queries_do_not_grow(reader_client, django_assert_max_num_queries):
    area = factories.GoalAreaFactory()
    for n in range(55):
        stats.indicator(f"i{n:02d}", name=f"Indikator {n}", goal_area=area)

    with django_assert_max_num_queries(10):
        assert reader_client.get(reverse("reports:indicator-list")).status_code == 200


def test_example_values_are_marked_on_the_overview_and_the_indicator(officer_client, world):
    from reports.models import IndicatorValue

    url = reverse("reports:indicator-overview")
    assert "Exempeldata" not in officer_client.get(url).content.decode()
    IndicatorValue.objects.filter(area_code="1280-01", year=2020).update(is_example=True)
    # Values change only through imports, whose batch keys the cached figures; this direct write
    # does not, so the caches are emptied as an import would make them miss.
    selectors.clear_cached_statistics()

    assert "Exempeldata" in officer_client.get(url).content.decode()
    detail = reverse("reports:indicator-detail", args=["sysselsattningsgrad"])
    assert "varav 3 exempeldata" in officer_client.get(detail).content.decode()
    statistics = reverse("reports:district-statistics", args=[world["rosengard"].pk])
    assert "Exempeldata" in officer_client.get(statistics).content.decode()


def test_overview_shows_a_renamed_district_at_once_although_its_rows_are_kept(
    officer_client, world
):
    """The overview's rows are kept in the process (selectors._OVERVIEW_ROWS) with the
    districts as part of the key: a renamed district is a new overview, not a stale one."""
    before = _overview(officer_client, indikator="sysselsattningsgrad")
    world["rosengard"].name = "Rosengård (nytt namn)"
    world["rosengard"].save()

    after = _overview(officer_client, indikator="sysselsattningsgrad")

    assert "Rosengård" in {r.district.name for r in before.context["table"].data}
    names = {r.district.name for r in after.context["table"].data}
    assert "Rosengård (nytt namn)" in names and "Rosengård" not in names


def test_year_cells_write_the_figures_of_a_year_table_row():
    from decimal import Decimal

    from reports.statistics.selectors import YearRow
    from reports.statistics.suppression import Figure
    from reports.templatetags.statistics_tags import year_cells

    rows = [
        YearRow(2019, district=Figure(Decimal("55.14")), group_count=3),
        YearRow(2020, district=Figure(Decimal("12"), 4, suppressed=True), group_count=2),
        YearRow(2021, group_count=0),
    ]

    assert year_cells(rows, "year") == (
        '<th scope="col" class="num">2019</th><th scope="col" class="num">2020</th>'
        '<th scope="col" class="num">2021</th>'
    )
    assert year_cells(rows, "district", 1) == (
        '<td class="num">55,1</td><td class="num">..</td><td class="num">–</td>'
    )
    assert year_cells(rows, "group_count") == (
        '<td class="num">3</td><td class="num">2</td><td class="num">0</td>'
    )
