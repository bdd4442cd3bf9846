"""Plan pages: the permission chain, the role × action × state table, the forms, the list with
filters and export, and query counts."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from agreements.models import Measure, StrategicDistrictPlan
from tests import factories
from tests.factories.plans import GoalIndicatorFactory, MeasureFactory, agreement_in_force

pytestmark = pytest.mark.django_db

Status = StrategicDistrictPlan.Status


@pytest.fixture
def agreement(malmo):
    agreement = agreement_in_force(malmo)
    agreement.goal_areas.add(factories.GoalAreaFactory(code="test-trygghet", name="Trygghet (t)"))
    return agreement


@pytest.fixture
def plan(agreement):
    district = factories.DistrictFactory(municipality=agreement.municipality, name="Holma (t)")
    agreement.districts.add(district)
    plan = factories.PlanFactory(agreement=agreement, district=district)
    goal = factories.PlanGoalFactory(plan=plan, goal_area=agreement.goal_areas.get(), text="Tryggt")
    GoalIndicatorFactory(goal=goal)
    MeasureFactory(goal=goal, title="Nattvandring")
    return plan


def set_status(plan, status):
    extra = {}
    if status != Status.DRAFT:
        extra["adopted_on"] = datetime.date(2024, 5, 1)
    if status == Status.REVISED:
        extra["revised_on"] = datetime.date(2025, 5, 1)
    StrategicDistrictPlan.objects.filter(pk=plan.pk).update(status=status, **extra)
    return StrategicDistrictPlan.objects.get(pk=plan.pk)


def test_chain_for_the_plan_pages(
    client, plan, other_coordinator_client, agency_client, reader_client, coordinator_client
):
    edit = reverse("agreements:plan-edit", args=[plan.pk])
    assert client.get(edit).status_code == 302
    assert other_coordinator_client.get(edit).status_code == 404
    assert agency_client.get(edit).status_code == 404
    assert reader_client.get(edit).status_code == 403
    assert coordinator_client.get(edit).status_code == 200


def test_agency_officer_with_an_accord_reads_the_plan_but_may_not_edit(plan, agency_client, fk):
    factories.AccordFactory(
        agreement=plan.agreement, agency_unit=factories.AgencyUnitFactory(agency=fk)
    )
    assert agency_client.get(plan.get_absolute_url()).status_code == 200
    assert agency_client.get(reverse("agreements:plan-edit", args=[plan.pk])).status_code == 403


ROLES = ["own_coordinator", "other_coordinator", "reader", "officer"]


def _expected(role, action, status) -> int:
    if role == "other_coordinator":
        return 404
    if action == "view":
        return 200
    if role == "reader":
        return 403
    if action in ("adopt", "goal-delete"):
        return 200 if status == Status.DRAFT else 403
    return 200


ACTIONS = {
    "view": lambda p: p.get_absolute_url(),
    "edit": lambda p: reverse("agreements:plan-edit", args=[p.pk]),
    "adopt": lambda p: reverse("agreements:plan-adopt", args=[p.pk]),
    "goal-create": lambda p: reverse("agreements:plan-goal-create", args=[p.pk]),
    "goal-delete": lambda p: reverse("agreements:plan-goal-delete", args=[p.pk, p.goals.get().pk]),
    "measure-edit": lambda p: reverse(
        "agreements:plan-measure-edit", args=[p.pk, Measure.objects.get(goal__plan=p).pk]
    ),
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_role_action_state_table(
    plan,
    coordinator_client,
    other_coordinator_client,
    reader_client,
    officer_client,
    role,
    action,
    status,
):
    clients = {
        "own_coordinator": coordinator_client,
        "other_coordinator": other_coordinator_client,
        "reader": reader_client,
        "officer": officer_client,
    }
    plan = set_status(plan, status)

    response = clients[role].get(ACTIONS[action](plan))

    assert response.status_code == _expected(role, action, status)


def test_coordinator_creates_a_plan_from_the_start_page_link(agreement, coordinator_client):
    district = factories.DistrictFactory(municipality=agreement.municipality, name="Ny (t)")
    agreement.districts.add(district)
    url = reverse("agreements:plan-create") + f"?agreement={agreement.pk}&district={district.pk}"

    page = coordinator_client.get(url)
    assert page.status_code == 200
    response = coordinator_client.post(url, {"agreement": agreement.pk, "district": district.pk})

    plan = StrategicDistrictPlan.objects.get(district=district)
    assert response["Location"] == plan.get_absolute_url()


def test_coordinator_cannot_create_a_plan_for_another_municipality(
    agreement, other_coordinator_client, botkyrka
):
    district = factories.DistrictFactory(municipality=agreement.municipality)
    agreement.districts.add(district)

    response = other_coordinator_client.post(
        reverse("agreements:plan-create"), {"agreement": agreement.pk, "district": district.pk}
    )

    assert response.status_code == 400  # the agreement is not among the form's choices
    assert not StrategicDistrictPlan.objects.filter(district=district).exists()


def test_readers_and_agency_officers_cannot_create_plans(reader_client, agency_client):
    assert reader_client.get(reverse("agreements:plan-create")).status_code == 403
    assert agency_client.get(reverse("agreements:plan-create")).status_code == 403


def test_editing_an_adopted_plan_asks_for_the_revision(plan, coordinator_client):
    plan = set_status(plan, Status.ADOPTED)
    edit = reverse("agreements:plan-edit", args=[plan.pk])

    assert "Vad ändras och varför" in coordinator_client.get(edit).content.decode()
    response = coordinator_client.post(edit, {"version": plan.version, "strategy": "Ny."})
    assert response.status_code == 400
    assert "Ny." in response.content.decode()

    response = coordinator_client.post(
        edit,
        {
            "version": plan.version,
            "strategy": "Ny.",
            "revised_on": "2025-04-01",
            "revision_reason": "Årlig revidering.",
        },
    )
    assert response.status_code == 302
    plan = StrategicDistrictPlan.objects.get(pk=plan.pk)
    assert plan.status == Status.REVISED
    assert plan.strategy == "Ny."


def test_adopting_through_the_confirmation_page(plan, coordinator_client):
    url = reverse("agreements:plan-adopt", args=[plan.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Vill du fastställa stadsdelsplanen?" in page

    response = coordinator_client.post(url, {"adopted_on": "2024-05-02", "version": plan.version})

    assert response.status_code == 302
    assert StrategicDistrictPlan.objects.get(pk=plan.pk).adopted_on == datetime.date(2024, 5, 2)


def test_adopting_must_be_posted_with_a_valid_date(plan, coordinator_client):
    url = reverse("agreements:plan-adopt", args=[plan.pk])
    response = coordinator_client.post(url, {"adopted_on": "2020-01-01", "version": plan.version})
    assert response.status_code == 400
    assert StrategicDistrictPlan.objects.get(pk=plan.pk).status == Status.DRAFT


def test_goal_indicator_and_measure_forms(plan, agreement, coordinator_client):
    goal = plan.goals.get()
    indicator = factories.IndicatorFactory(
        code="T_BROTT", name="Utsatta för brott", direction="lower"
    )
    response = coordinator_client.post(
        reverse("agreements:plan-indicator-create", args=[plan.pk, goal.pk]),
        {
            "indicator": indicator.pk,
            "baseline_year": 2023,
            "baseline_value": "14,2",
            "target_year": 2027,
            "target_value": "10",
        },
    )
    assert response.status_code == 302
    page = coordinator_client.get(plan.get_absolute_url()).content.decode()
    assert "Utsatta för brott" in page
    assert "Lägre är bättre" in page
    assert "14,2" in page

    partnership = factories.PartnershipFactory(agreement=agreement)
    member = factories.PartnershipMemberFactory(partnership=partnership, name="Polisen (t)")
    response = coordinator_client.post(
        reverse("agreements:plan-measure-create", args=[plan.pk, goal.pk]),
        {
            "title": "Trygghetsvandringar",
            "responsible": member.pk,
            "starts_on": "2025-01-01",
            "ends_on": "2024-01-01",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert "Insatsen kan inte sluta innan den börjar." in response.content.decode()


def test_the_plan_list_filters_and_exports(officer_client, plan, agreement, botkyrka):
    other = agreement_in_force(botkyrka)
    district = factories.DistrictFactory(municipality=botkyrka, name="Alby (t)")
    other.districts.add(district)
    factories.PlanFactory(
        agreement=other,
        district=district,
        status=Status.ADOPTED,
        adopted_on=datetime.date(2024, 4, 1),
    )
    base = reverse("agreements:plan-list")

    content = officer_client.get(base).content.decode()
    assert "2 rader" in content
    assert "Försenad" in content  # the Holma draft is past the deadline
    assert "1 rad" in officer_client.get(base + "?status=adopted").content.decode()
    assert "1 rad" in officer_client.get(base + "?overdue=true").content.decode()
    assert "1 rad" in officer_client.get(base + f"?municipality={botkyrka.pk}").content.decode()

    xlsx = officer_client.get(base + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Stadsdel", "Kommun", "Avtal", "Status"]
    assert sheet.max_row == 3


def test_the_coordinator_lists_only_own_plans(coordinator_client, plan, botkyrka):
    other = agreement_in_force(botkyrka)
    district = factories.DistrictFactory(municipality=botkyrka, name="Alby (t)")
    other.districts.add(district)
    factories.PlanFactory(agreement=other, district=district)

    content = coordinator_client.get(reverse("agreements:plan-list")).content.decode()
    assert "Holma (t)" in content
    assert "Alby (t)" not in content


def test_the_plan_list_answers_in_constant_queries(
    officer_client, malmo, django_assert_max_num_queries
):
    agreement = agreement_in_force(malmo)
    for _i in range(55):
        district = factories.DistrictFactory(municipality=malmo)
        agreement.districts.add(district)
        plan = factories.PlanFactory(agreement=agreement, district=district)
        factories.PlanGoalFactory(plan=plan)

    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("agreements:plan-list"))
    assert response.status_code == 200


def test_the_plan_page_answers_in_constant_queries(
    plan, coordinator_client, django_assert_max_num_queries
):
    for i in range(20):
        goal = factories.PlanGoalFactory(plan=plan, goal_area=plan.agreement.goal_areas.get())
        GoalIndicatorFactory(goal=goal, indicator=factories.IndicatorFactory(code=f"P{i}"))
        MeasureFactory(goal=goal)

    with django_assert_max_num_queries(20):
        response = coordinator_client.get(plan.get_absolute_url())
    assert response.status_code == 200


# --- No lost updates of goals, indicators and measures (issue 9) ---------------------------------


def _stale_cases(plan):
    goal = plan.goals.get()
    gi, measure = goal.indicators.get(), goal.measures.get()
    return {
        "goal": (
            reverse("agreements:plan-goal-edit", args=[plan.pk, goal.pk]),
            {"goal_area": goal.goal_area_id, "text": "{text}", "position": 0},
            lambda: plan.goals.get().text,
        ),
        "indicator": (
            reverse("agreements:plan-indicator-edit", args=[plan.pk, gi.pk]),
            {
                "indicator": gi.indicator_id,
                "baseline_year": 2024,
                "baseline_value": "{text}",
                "target_year": 2028,
                "target_value": "60",
            },
            lambda: str(type(gi).objects.get(pk=gi.pk).baseline_value.normalize()),
        ),
        "measure": (
            reverse("agreements:plan-measure-edit", args=[plan.pk, measure.pk]),
            {"title": "{text}", "status": "ongoing"},
            lambda: Measure.objects.get(pk=measure.pk).title,
        ),
    }


@pytest.mark.parametrize("kind", ["goal", "indicator", "measure"])
def test_the_later_of_two_edits_of_the_plans_content_is_refused(plan, coordinator_client, kind):
    url, data, current = _stale_cases(plan)[kind]
    first, second = ("51", "52") if kind == "indicator" else ("Första", "Andra")
    loaded = StrategicDistrictPlan.objects.get(pk=plan.pk).version  # both open the page now

    def post(text):
        values = {k: (v.format(text=text) if isinstance(v, str) else v) for k, v in data.items()}
        return coordinator_client.post(url, {**values, "version": loaded})

    assert post(first).status_code == 302
    response = post(second)

    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert current() == first
