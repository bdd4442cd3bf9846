"""The ministry officer's start page ("Att göra"): what waits, what is late, what is due soon,
every item linked, in a number of queries that does not grow with the data."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from partnerships.models import CooperationAccord
from reports.models import ReviewStatus
from tests import factories
from tests.factories import agreements as make

pytestmark = pytest.mark.django_db

D = datetime.date
S = Agreement.Status
TODAY = D(2020, 9, 15)


def _submitted(**kwargs):
    return factories.DistrictReportFactory(
        status=ReviewStatus.SUBMITTED, submitted_at=timezone.now(), **kwargs
    )


@time_machine.travel(TODAY)
def test_start_page_lists_what_the_officer_has_to_do(officer_client, malmo, botkyrka):
    negotiating = make.agreement(S.NEGOTIATING, municipality=botkyrka, title="Botkyrka förhandlas")
    late = make.agreement(
        S.IN_FORCE,
        municipality=malmo,
        title="Malmö sent",
        plans_due_on=D(2019, 6, 30),
        accords_due_on=D(2019, 9, 30),
    )
    plan = factories.PlanFactory(agreement=late)
    report = _submitted(agreement=late, district=plan.district, year=2019)
    agency_report = factories.AgencyReportFactory(
        status=ReviewStatus.SUBMITTED, submitted_at=timezone.now(), year=2019
    )
    due_soon = make.agreement(
        S.IN_FORCE,
        municipality=malmo,
        policy_phase=factories.PolicyPhaseFactory(name="Fas två", short_name="Två"),
        title="Frist snart",
        starts_on=D(2020, 1, 1),
        ends_on=D(2022, 12, 31),
        accords_due_on=D(2020, 10, 1),
    )

    response = officer_client.get(reverse("home"))

    content = response.content.decode()
    context = response.context
    assert list(context["negotiating"]) == [negotiating]
    assert list(context["plans_overdue"]) == [plan]
    assert list(context["accords_overdue"]) == [late]
    assert list(context["waiting_for_review"]) == [report]
    assert list(context["agency_reports_waiting"]) == [agency_report]
    assert [d["title"] for d in context["deadlines"]] == ["Frist snart"]
    for url in (
        negotiating.get_absolute_url(),
        late.get_absolute_url(),
        plan.get_absolute_url(),
        report.get_absolute_url(),
        agency_report.get_absolute_url(),
        due_soon.get_absolute_url(),
    ):
        assert url in content


@time_machine.travel(TODAY)
def test_a_signed_accord_removes_the_agreement_from_overdue_accords(officer_client, malmo):
    late = make.agreement(S.IN_FORCE, municipality=malmo, accords_due_on=D(2019, 9, 30))
    factories.AccordFactory(
        agreement=late,
        status=CooperationAccord.Status.SIGNED,
        agency_signed_on=D(2019, 5, 1),
        municipality_signed_on=D(2019, 5, 1),
    )

    response = officer_client.get(reverse("home"))

    assert list(response.context["accords_overdue"]) == []


@time_machine.travel(TODAY)
def test_report_due_dates_in_the_next_sixty_days_are_listed(officer_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo, starts_on=D(2020, 1, 1))
    soon = factories.DistrictReportFactory(agreement=agreement, year=2020, due_on=D(2020, 10, 1))
    factories.DistrictReportFactory(agreement=agreement, year=2021, due_on=D(2021, 10, 1))

    deadlines = officer_client.get(reverse("home")).context["deadlines"]

    assert [d["url"] for d in deadlines] == [soon.get_absolute_url()]


def test_counts_per_status_link_to_the_filtered_list(officer_client, malmo):
    make.agreement(S.PAUSED, municipality=malmo)

    response = officer_client.get(reverse("home"))

    counts = {status: count for status, _, count in response.context["status_counts"]}
    assert counts[S.PAUSED] == 1
    assert f"{reverse('agreements:agreement-list')}?status=paused" in response.content.decode()


@time_machine.travel(TODAY)
def test_start_page_queries_do_not_grow_with_the_data(
    officer_client, django_assert_max_num_queries
):
    county = factories.CountyFactory()
    unit = factories.AgencyUnitFactory()
    for n in range(55):
        municipality = factories.MunicipalityFactory(code=f"8{n:03d}", name=f"K{n}", county=county)
        late = make.agreement(
            S.IN_FORCE,
            municipality=municipality,
            plans_due_on=D(2019, 6, 30),
            accords_due_on=D(2019, 9, 30),
        )
        plan = factories.PlanFactory(agreement=late)
        _submitted(agreement=late, district=plan.district, year=2019)
        factories.DistrictReportFactory(
            agreement=late, district=plan.district, year=2020, due_on=D(2020, 10, 1)
        )
        make.agreement(
            S.NEGOTIATING,
            municipality=municipality,
            policy_phase=factories.PolicyPhaseFactory(name="Fas två", short_name="Två"),
            starts_on=D(2020, 1, 1),
            ends_on=D(2022, 12, 31),
            accords_due_on=D(2020, 10, 1),
        )
        factories.AgencyReportFactory(
            unit=factories.AgencyUnitFactory(
                agency=unit.agency, name=f"Enhet {n}", level="local", parent=unit
            ),
            agency=unit.agency,
            status=ReviewStatus.SUBMITTED,
            submitted_at=timezone.now(),
            year=2019,
        )

    with django_assert_max_num_queries(15):
        response = officer_client.get(reverse("home"))

    assert len(response.context["plans_overdue"]) == 25
    assert len(response.context["deadlines"]) == 50
