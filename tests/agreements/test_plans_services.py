"""Strategic district plans: creating, editing, adopting, revising, and the plan's goals,
indicators and measures."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement, Measure, StrategicDistrictPlan
from agreements.plans import services
from agreements.plans.services import MeasureInput, Revision
from tests import factories
from tests.factories.plans import GoalIndicatorFactory, MeasureFactory, agreement_in_force
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

Status = StrategicDistrictPlan.Status


@pytest.fixture
def agreement(malmo):
    agreement = agreement_in_force(malmo)
    agreement.districts.add(factories.DistrictFactory(municipality=malmo, name="Holma (test)"))
    agreement.goal_areas.add(factories.GoalAreaFactory(code="test-skola", name="Skola (test)"))
    return agreement


@pytest.fixture
def plan(agreement, coordinator_malmo):
    return services.plan_create(
        agreement=agreement, district=agreement.districts.get(), actor=coordinator_malmo
    )


def fresh(plan):
    return StrategicDistrictPlan.objects.get(pk=plan.pk)


def test_a_plan_is_created_as_a_draft_with_history(plan, coordinator_malmo):
    assert plan.status == Status.DRAFT
    record = plan.history.get()
    assert record.history_user == coordinator_malmo
    assert record.history_change_reason == "Stadsdelsplanen påbörjad"


def test_only_one_plan_per_district_and_agreement(plan, agreement, coordinator_malmo):
    with pytest.raises(ValidationError, match="har redan en stadsdelsplan"):
        services.plan_create(
            agreement=agreement, district=agreement.districts.get(), actor=coordinator_malmo
        )


def test_a_plan_is_only_for_a_district_the_agreement_covers(agreement, malmo, coordinator_malmo):
    other = factories.DistrictFactory(municipality=malmo)
    with pytest.raises(ValidationError, match="omfattas inte av avtalet"):
        services.plan_create(agreement=agreement, district=other, actor=coordinator_malmo)


@pytest.mark.parametrize(
    "status",
    [Agreement.Status.OFFERED, Agreement.Status.NEGOTIATING, Agreement.Status.DECLINED],
)
def test_no_plan_before_the_agreement_is_signed(malmo, coordinator_malmo, status):
    agreement = agreement_in_force(malmo, status=status)
    district = factories.DistrictFactory(municipality=malmo)
    agreement.districts.add(district)
    with pytest.raises(ValidationError):
        services.plan_create(agreement=agreement, district=district, actor=coordinator_malmo)


def test_a_draft_is_edited_freely(plan, coordinator_malmo):
    services.plan_update(
        plan=plan,
        sections={"current_situation": "Trångboddhet.", "strategy": "Arbete först."},
        expected_version=plan.version,
        actor=coordinator_malmo,
    )

    plan = fresh(plan)
    assert plan.current_situation == "Trångboddhet."
    assert plan.status == Status.DRAFT


def test_a_stale_edit_is_refused(plan, coordinator_malmo):
    loaded = plan.version
    services.plan_update(
        plan=fresh(plan),
        sections={"analysis": "A"},
        expected_version=loaded,
        actor=coordinator_malmo,
    )
    with pytest.raises(StaleObjectError):
        services.plan_update(
            plan=plan, sections={"analysis": "B"}, expected_version=loaded, actor=coordinator_malmo
        )
    assert fresh(plan).analysis == "A"


def test_adopting_sets_the_date_and_only_from_draft(plan, coordinator_malmo):
    services.plan_adopt(plan=plan, adopted_on=datetime.date(2024, 5, 20), actor=coordinator_malmo)

    plan = fresh(plan)
    assert plan.status == Status.ADOPTED
    assert plan.adopted_on == datetime.date(2024, 5, 20)
    with pytest.raises(TransitionNotAllowed):
        services.plan_adopt(
            plan=plan, adopted_on=datetime.date(2024, 6, 1), actor=coordinator_malmo
        )


def test_a_plan_cannot_be_adopted_before_the_agreement_starts(plan, coordinator_malmo):
    with pytest.raises(ValidationError):
        services.plan_adopt(
            plan=plan, adopted_on=datetime.date(2023, 1, 1), actor=coordinator_malmo
        )


@pytest.fixture
def adopted(plan, coordinator_malmo):
    services.plan_adopt(plan=plan, adopted_on=datetime.date(2024, 5, 20), actor=coordinator_malmo)
    return fresh(plan)


def test_changing_an_adopted_plan_needs_a_revision(adopted, coordinator_malmo):
    with pytest.raises(ValidationError, match="ange datum och motivering"):
        services.plan_update(
            plan=adopted,
            sections={"strategy": "Ny strategi."},
            expected_version=adopted.version,
            actor=coordinator_malmo,
        )
    assert fresh(adopted).strategy == ""


def test_a_revision_marks_the_plan_revised_with_date_and_reason(adopted, coordinator_malmo):
    services.plan_update(
        plan=adopted,
        sections={"strategy": "Ny strategi."},
        expected_version=adopted.version,
        actor=coordinator_malmo,
        revision=Revision(datetime.date(2025, 3, 1), "Partnerskapet beslöt ny inriktning."),
    )

    plan = fresh(adopted)
    assert plan.status == Status.REVISED
    assert plan.revised_on == datetime.date(2025, 3, 1)
    assert plan.adopted_on == datetime.date(2024, 5, 20)
    assert plan.history.first().history_change_reason == (
        "Reviderad: Partnerskapet beslöt ny inriktning."
    )


def test_a_revision_cannot_predate_the_adoption(adopted, coordinator_malmo):
    with pytest.raises(ValidationError, match="före fastställandet"):
        services.plan_update(
            plan=adopted,
            sections={"strategy": "X"},
            expected_version=adopted.version,
            actor=coordinator_malmo,
            revision=Revision(datetime.date(2024, 1, 1), "Fel datum."),
        )


def test_adding_a_goal_to_an_adopted_plan_revises_it(adopted, agreement, coordinator_malmo):
    area = agreement.goal_areas.get()
    with pytest.raises(ValidationError):
        services.goal_create(
            plan=adopted, goal_area=area, text="Fler behöriga", actor=coordinator_malmo
        )

    services.goal_create(
        plan=adopted,
        goal_area=area,
        text="Fler behöriga till gymnasiet",
        actor=coordinator_malmo,
        revision=Revision(datetime.date(2025, 2, 1), "Nytt skolmål."),
    )

    assert fresh(adopted).status == Status.REVISED
    assert adopted.goals.get().text == "Fler behöriga till gymnasiet"


def test_a_goal_must_belong_to_the_agreements_goal_areas(plan, coordinator_malmo):
    foreign = factories.GoalAreaFactory(code="test-halsa", name="Hälsa (test)")
    with pytest.raises(ValidationError, match="ingår inte i avtalet"):
        services.goal_create(
            plan=plan, goal_area=foreign, text="Bättre hälsa", actor=coordinator_malmo
        )


def test_goal_indicator_baseline_and_target(plan, agreement, coordinator_malmo):
    goal = services.goal_create(
        plan=plan,
        goal_area=agreement.goal_areas.get(),
        text="Färre arbetslösa",
        actor=coordinator_malmo,
    )
    indicator = factories.IndicatorFactory(code="T_ARBLOS", direction="lower")
    gi = services.goal_indicator_create(
        goal=goal,
        indicator=indicator,
        baseline_year=2023,
        baseline_value=Decimal("18.5"),
        target_year=2027,
        target_value=Decimal("12"),
        actor=coordinator_malmo,
    )
    assert gi.target_value < gi.baseline_value

    with pytest.raises(ValidationError, match="följs redan upp"):
        services.goal_indicator_create(
            goal=goal,
            indicator=indicator,
            baseline_year=2023,
            baseline_value=Decimal("1"),
            target_year=2027,
            target_value=Decimal("2"),
            actor=coordinator_malmo,
        )
    with pytest.raises(ValidationError, match="Målåret"):
        services.goal_indicator_update(
            goal_indicator=gi,
            baseline_year=2023,
            baseline_value=Decimal("18.5"),
            target_year=2020,
            target_value=Decimal("12"),
            actor=coordinator_malmo,
        )


def test_measures_take_a_partner_of_the_agreements_partnership(plan, agreement, coordinator_malmo):
    goal = factories.PlanGoalFactory(plan=plan, goal_area=agreement.goal_areas.get())
    partnership = factories.PartnershipFactory(agreement=agreement)
    member = factories.PartnershipMemberFactory(partnership=partnership, name="MKB (test)")
    outsider = factories.PartnershipMemberFactory(name="Annat bolag")

    measure = services.measure_create(
        goal=goal,
        data=MeasureInput(title="Läxhjälp", responsible=member, budget_sek=Decimal("250000")),
        actor=coordinator_malmo,
    )
    assert measure.responsible == member
    with pytest.raises(ValidationError, match="inte med i avtalets lokala partnerskap"):
        services.measure_update(
            measure=measure,
            data=MeasureInput(title="Läxhjälp", responsible=outsider),
            actor=coordinator_malmo,
        )
    with pytest.raises(ValidationError, match="sluta innan den börjar"):
        services.measure_update(
            measure=measure,
            data=MeasureInput(
                title="Läxhjälp",
                starts_on=datetime.date(2025, 6, 1),
                ends_on=datetime.date(2025, 1, 1),
            ),
            actor=coordinator_malmo,
        )


def test_measure_status_changes_do_not_revise_an_adopted_plan(
    adopted, agreement, coordinator_malmo
):
    goal = factories.PlanGoalFactory(plan=adopted, goal_area=agreement.goal_areas.get())
    measure = MeasureFactory(goal=goal, status=Measure.Status.PLANNED)

    services.measure_update(
        measure=measure,
        data=MeasureInput(title=measure.title, status=Measure.Status.DONE),
        actor=coordinator_malmo,
    )

    assert fresh(adopted).status == Status.ADOPTED
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DONE


def test_content_is_removed_only_from_drafts(plan, agreement, coordinator_malmo):
    goal = factories.PlanGoalFactory(plan=plan, goal_area=agreement.goal_areas.get())
    gi = GoalIndicatorFactory(goal=goal)
    measure = MeasureFactory(goal=goal)
    services.measure_delete(measure=measure, actor=coordinator_malmo)
    services.goal_indicator_delete(goal_indicator=gi, actor=coordinator_malmo)
    services.goal_delete(goal=goal, actor=coordinator_malmo)
    assert not plan.goals.exists()

    kept = factories.PlanGoalFactory(plan=plan, goal_area=agreement.goal_areas.get())
    services.plan_adopt(
        plan=fresh(plan), adopted_on=datetime.date(2024, 5, 1), actor=coordinator_malmo
    )
    kept.plan = fresh(plan)
    with pytest.raises(TransitionNotAllowed):
        services.goal_delete(goal=kept, actor=coordinator_malmo)


def test_a_goal_with_accord_commitments_is_kept(plan, agreement, coordinator_malmo):
    from partnerships.models import AccordCommitment

    goal = factories.PlanGoalFactory(plan=plan, goal_area=agreement.goal_areas.get())
    accord = factories.AccordFactory(agreement=agreement)
    AccordCommitment.objects.create(accord=accord, plan_goal=goal, what="Handläggare på plats")

    with pytest.raises(ValidationError, match="åtaganden"):
        services.goal_delete(goal=goal, actor=coordinator_malmo)


def test_an_indicator_with_reported_values_is_kept(malmo, coordinator_malmo):
    from reports.district import services as report_services
    from tests.factories.plans import report_world
    from tests.reports.test_district_services import complete_input

    world = report_world(malmo)
    report_services.district_report_save(
        report=world.report, data=complete_input(world), expected_version=1, actor=coordinator_malmo
    )

    with pytest.raises(ValidationError, match="redovisade värden"):
        services.goal_indicator_delete(goal_indicator=world.rising, actor=coordinator_malmo)
    with pytest.raises(ValidationError, match="finns i en årlig redovisning"):
        services.measure_delete(measure=world.measure, actor=coordinator_malmo)
