"""The coordinator's start page: the municipality's agreements, districts, plans and reports with
status and due dates, what is overdue first."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from agreements.models import StrategicDistrictPlan
from reports.models import ReviewStatus
from tests import factories
from tests.factories.plans import agreement_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def malmo_world(malmo, botkyrka):
    agreement = agreement_in_force(
        malmo, title="Avtal Malmö (t)", plans_due_on=datetime.date(2024, 6, 30)
    )
    names = ["Holma (t)", "Rosengård (t)", "Lindängen (t)"]
    districts = [factories.DistrictFactory(municipality=malmo, name=n) for n in names]
    agreement.districts.add(*districts)
    factories.PlanFactory(agreement=agreement, district=districts[0])  # draft, overdue
    factories.PlanFactory(
        agreement=agreement,
        district=districts[1],
        status=StrategicDistrictPlan.Status.ADOPTED,
        adopted_on=datetime.date(2024, 5, 1),
    )
    # Lindängen has no plan yet.
    factories.DistrictReportFactory(
        agreement=agreement, district=districts[1], year=2026, due_on=datetime.date(2026, 10, 1)
    )
    factories.DistrictReportFactory(
        agreement=agreement, district=districts[0], year=2025, due_on=datetime.date(2025, 10, 1)
    )
    other = agreement_in_force(botkyrka, title="Avtal Botkyrka (t)")
    alby = factories.DistrictFactory(municipality=botkyrka, name="Alby (t)")
    other.districts.add(alby)
    factories.DistrictReportFactory(agreement=other, district=alby, year=2026)
    return agreement


def _page(client, user):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(user)
        return client.get(reverse("home")).content.decode()


def test_the_start_page_lists_plans_reports_and_todo_overdue_first(
    client, coordinator_malmo, malmo_world
):
    content = _page(client, coordinator_malmo)

    todo = content.split('id="todo-heading"')[1].split("</section>")[0]
    assert "3 uppgifter är försenade." in todo
    # overdue first: the 2025 report and the two plans; the 2026 report (due 1 Oct) last
    assert todo.index("Årlig redovisning 2025") < todo.index("Årlig redovisning 2026")
    assert todo.index("Stadsdelsplan") < todo.index("Årlig redovisning 2026")
    assert "Saknas" in todo
    plans = content.split('id="plans-heading"')[1].split("</section>")[0]
    assert "Påbörja planen" in plans
    assert "Fastställd" in plans
    assert "Alby (t)" not in content
    assert "Avtal Botkyrka (t)" not in content


def test_the_start_page_links_to_create_the_missing_plan(client, coordinator_malmo, malmo_world):
    content = _page(client, coordinator_malmo)
    lindangen = malmo_world.districts.get(name="Lindängen (t)")

    assert f"?agreement={malmo_world.pk}&amp;district={lindangen.pk}" in content


def test_submitted_reports_are_not_todo(client, coordinator_malmo, malmo_world):
    from django.utils import timezone

    from reports.models import AnnualDistrictReport

    AnnualDistrictReport.objects.filter(year=2025).update(
        status=ReviewStatus.SUBMITTED, submitted_at=timezone.now()
    )
    content = _page(client, coordinator_malmo)

    todo = content.split('id="todo-heading"')[1].split("</section>")[0]
    assert "Årlig redovisning 2025" not in todo
    assert "2 uppgifter är försenade." in todo


def test_the_start_page_answers_in_constant_queries(
    client, coordinator_malmo, malmo, django_assert_max_num_queries
):
    agreement = agreement_in_force(malmo)
    for i in range(30):
        district = factories.DistrictFactory(municipality=malmo)
        agreement.districts.add(district)
        if i % 2:
            factories.PlanFactory(agreement=agreement, district=district)
        factories.DistrictReportFactory(agreement=agreement, district=district, year=2026)
    client.force_login(coordinator_malmo)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_reports_are_listed_overdue_then_open_then_closed_newest_first(coordinator_malmo, malmo):
    from django.utils import timezone

    from reports.district.selectors import district_reports_due_first

    agreement = agreement_in_force(malmo)
    made = {}
    for name, year, status in [
        ("A (t)", 2024, ReviewStatus.ACCEPTED),
        ("B (t)", 2025, ReviewStatus.ACCEPTED),
        ("C (t)", 2026, ReviewStatus.DRAFT),
        ("D (t)", 2025, ReviewStatus.DRAFT),
    ]:
        district = factories.DistrictFactory(municipality=malmo, name=name)
        made[name] = factories.DistrictReportFactory(
            agreement=agreement,
            district=district,
            year=year,
            due_on=datetime.date(year, 10, 1),
            status=status,
            submitted_at=timezone.now() if status == ReviewStatus.ACCEPTED else None,
        )

    with time_machine.travel(datetime.datetime(2026, 9, 1, 10, tzinfo=datetime.UTC), tick=False):
        names = [r.district.name for r in district_reports_due_first(user=coordinator_malmo)]

    assert names == ["D (t)", "C (t)", "B (t)", "A (t)"]
