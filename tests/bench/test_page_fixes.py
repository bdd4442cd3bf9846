"""Performance fixes found by the page benchmark (bench/pages.py), pinned."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from tests.downloads import body, csv_rows

pytestmark = pytest.mark.django_db


def test_agreement_filter_offers_no_district_list_of_the_whole_country(officer_client):
    factories.DistrictFactory(name="Bänkstadsdelen")

    response = officer_client.get(reverse("agreements:agreement-list"))

    assert response.status_code == 200
    assert "Bänkstadsdelen" not in response.content.decode()


def test_agreement_filter_offers_the_districts_of_the_chosen_municipality(officer_client):
    district = factories.DistrictFactory(name="Bänkstadsdelen")

    response = officer_client.get(
        reverse("agreements:agreement-list"), {"municipality": district.municipality_id}
    )

    assert "Bänkstadsdelen" in response.content.decode()


def test_agreement_filter_by_a_district_still_works_without_a_municipality(officer_client):
    agreement = factories.AgreementFactory()
    district = factories.DistrictFactory(municipality=agreement.municipality)
    agreement.districts.add(district)
    factories.AgreementFactory()

    response = officer_client.get(reverse("agreements:agreement-list"), {"district": district.pk})

    assert response.status_code == 200
    assert list(response.context["table"].data) == [agreement]


# --- National-scale fixes (decision 0024): counts once, no GROUP BY over the whole list, query
# counts that do not grow. 60 rows over distinct municipalities, districts and agency units, so
# that a per-row query would show (a page has 50 rows).

ROWS = 60


def _country(rows: int = ROWS) -> None:
    county = factories.CountyFactory(code="13", name="Hallands län")
    phase = factories.PolicyPhaseFactory()
    agency = factories.AgencyFactory()
    area = factories.GoalAreaFactory()
    for n in range(rows):
        municipality = factories.MunicipalityFactory(
            code=f"9{n:03d}", name=f"Kommun {n:02}", county=county
        )
        agreement = factories.AgreementFactory(municipality=municipality, policy_phase=phase)
        district = factories.DistrictFactory(municipality=municipality)
        agreement.districts.add(district)
        plan = factories.PlanFactory(agreement=agreement, district=district)
        factories.PlanGoalFactory(plan=plan, goal_area=area)
        factories.PlanGoalFactory(plan=plan, goal_area=area, text="Fler i utbildning")
        unit = factories.AgencyUnitFactory(agency=agency, name=f"Enhet {n:02}")
        factories.AccordFactory(agreement=agreement, agency_unit=unit)
        factories.DistrictReportFactory(agreement=agreement, district=district, year=2009 + n % 3)


def _counts_of(captured, table: str) -> int:
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT COUNT(") and f'"{table}"' in q["sql"]
    )


def test_a_list_page_counts_its_rows_once(officer_client, django_assert_max_num_queries):
    _country()

    with django_assert_max_num_queries(10) as captured:
        response = officer_client.get(reverse("agreements:agreement-list"))

    assert response.context["table"].paginator.count == ROWS
    assert _counts_of(captured, "agreements_agreement") == 1


def test_an_export_does_not_count_or_paginate(officer_client, django_assert_max_num_queries):
    _country()

    with django_assert_max_num_queries(6) as captured:
        response = officer_client.get(reverse("agreements:agreement-list"), {"export": "csv"})
        rows = csv_rows(response)  # the stream's queries count too

    assert len(rows) == ROWS + 1  # header + rows
    assert _counts_of(captured, "agreements_agreement") == 0


@pytest.mark.parametrize(
    ("url_name", "max_queries"),
    [
        ("partnerships:accord-list", 11),
        ("agreements:plan-list", 8),
        ("reports:district-report-list", 7),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    officer_client, django_assert_max_num_queries, url_name, max_queries
):
    _country()

    with django_assert_max_num_queries(max_queries):
        response = officer_client.get(reverse(url_name))

    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 50


def test_accord_and_plan_lists_count_per_row_with_subqueries(officer_client):
    """The counts shown per row are right (they are correlated subqueries, not a GROUP BY)."""
    _country(rows=3)
    accord = factories.AccordFactory()
    plan = factories.PlanFactory()
    factories.PlanGoalFactory(plan=plan)

    accords = officer_client.get(reverse("partnerships:accord-list"), {"export": "csv"})
    plans = officer_client.get(reverse("agreements:plan-list"))

    assert accords.status_code == 200
    rows = {row.record.pk: row.record for row in plans.context["table"].paginated_rows}
    assert rows[plan.pk].goal_count == 1
    assert {r.goal_count for pk, r in rows.items() if pk != plan.pk} == {2}
    assert accord.title in body(accords).decode()


def test_ministry_start_page_queries_do_not_grow_with_rows(
    officer_client, django_assert_max_num_queries
):
    _country()

    with django_assert_max_num_queries(15):
        response = officer_client.get(reverse("home"))

    assert response.status_code == 200
    assert len(response.context["recent_agreements"]) == 10


def test_filter_select_marks_the_chosen_option_and_escapes_names(officer_client):
    chosen = factories.MunicipalityFactory(
        code="9990", name="Kommun <b>&</b>", county=factories.CountyFactory()
    )

    html = officer_client.get(
        reverse("agreements:agreement-list"), {"municipality": chosen.pk}
    ).content.decode()

    assert f'<option value="{chosen.pk}" selected>Kommun &lt;b&gt;&amp;&lt;/b&gt;</option>' in html
    assert '<option value="">' in html
    assert html.count(" selected>") >= 1


def test_cached_group_sums_leave_each_district_out_of_its_own_group():
    """The district statistics page caches the sums over every district of the comparison
    rule and takes the district's own values off: each district's group average stays the
    average of the others."""
    from reports.statistics import comparison, selectors
    from tests.factories import statistics as stats

    indicator = stats.indicator(code="bench_grupp")
    phase = factories.PolicyPhaseFactory()
    a, b, c = (stats.covered_district(phase=phase, code=f"9999-B0{n}") for n in (1, 2, 3))
    stats.value(indicator, a.code, 2020, 10, base=100)
    stats.value(indicator, b.code, 2020, 20, base=100)
    stats.value(indicator, c.code, 2020, 40, base=300)
    small = stats.covered_district(phase=phase, code="9999-B04")
    stats.value(indicator, small.code, 2020, 7, base=3)  # suppressed: in no group's sums
    rule = comparison.GroupRule.ALL_COVERED

    def group_of(district):
        section = selectors.district_statistics(
            district=district, rule=rule, indicators=[indicator]
        ).sections[0]
        (row,) = section.rows
        return row.group.value, row.group_count

    # (20·100 + 40·300) / 400 = 35; (10·100 + 40·300) / 400 = 32.5; (10·100 + 20·100) / 200 = 15
    assert group_of(a) == (Decimal("35.0000"), 2)
    assert group_of(b) == (Decimal("32.5000"), 2)  # from the cache a's page filled
    assert group_of(c) == (Decimal("15.0000"), 2)


def test_the_overdue_page_is_paginated(officer_client, monkeypatch):
    from reports.district import selectors as report_selectors

    monkeypatch.setattr(report_selectors, "OVERDUE_PAGE_SIZE", 2)
    reports = [factories.DistrictReportFactory() for _ in range(3)]  # due 2009: overdue
    url = reverse("reports:overdue-reports")

    first = officer_client.get(url)
    second = officer_client.get(url, {"page": 2})

    assert len(first.context["reports"]) == 2
    assert [r.pk for r in second.context["reports"]] == [
        r.pk for r in reports if r.pk not in {x.pk for x in first.context["reports"]}
    ]
    assert "Sida 1 av 2" in first.content.decode()
