"""Writes for strategic district plans, their goals, the goals' indicators and the measures.

Status: utkast → fastställd (with the date it was adopted) → reviderad. A draft is edited freely.
A change to the content of an adopted plan (its sections, goals or indicators) is a revision: it
needs the date of the revision decision and a reason, and leaves the plan `revised` with that date.
Measures are followed up over time (status, period) and their changes are not revisions.
Goals, indicators and measures are removed only from drafts: an adopted plan keeps what it said.

Every write runs in one transaction and leaves a history record with the actor and the reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from agreements.models import (
    Agreement,
    District,
    GoalArea,
    Measure,
    PlanGoal,
    StrategicDistrictPlan,
)
from agreements.plans.selectors import PLAN_AGREEMENT_STATUSES
from partnerships.models import PartnershipMember
from reports.models import GoalIndicator, Indicator, ReportIndicatorValue, ReportMeasure
from udavtal.lib.concurrency import claim_version
from udavtal.lib.workflow import TransitionNotAllowed, transition

Status = StrategicDistrictPlan.Status

SECTION_FIELDS = (
    "current_situation",
    "analysis",
    "goals_summary",
    "strategy",
    "measures_summary",
    "resident_participation",
    "follow_up",
)


@dataclass(frozen=True)
class Revision:
    """The decision behind a change to an adopted plan."""

    revised_on: datetime.date
    reason: str


# --- The plan -----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, agreement: Agreement, district: District, actor) -> StrategicDistrictPlan:
    """Start the plan of a district covered by the agreement (one per district and agreement)."""
    if agreement.status not in PLAN_AGREEMENT_STATUSES:
        raise ValidationError(
            _(
                "Stadsdelsplaner skrivs för undertecknade och gällande avtal, inte för avtal som "
                "är ”%(status)s”."
            )
            % {"status": agreement.get_status_display()}
        )
    if not agreement.districts.filter(pk=district.pk).exists():
        raise ValidationError(
            _("Stadsdelen %(district)s omfattas inte av avtalet.") % {"district": district.name}
        )
    plan = StrategicDistrictPlan(agreement=agreement, district=district)
    plan._history_user = actor
    plan._change_reason = _("Stadsdelsplanen påbörjad")
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ValidationError(
            _("Stadsdelen %(district)s har redan en stadsdelsplan under avtalet.")
            % {"district": district.name}
        ) from None
    return plan


def _check_revision(plan: StrategicDistrictPlan, revision: Revision | None) -> None:
    if plan.status == Status.DRAFT:
        return
    if revision is None or not revision.reason.strip() or revision.revised_on is None:
        raise ValidationError(
            _("Planen är fastställd: ange datum och motivering för revideringen.")
        )
    if plan.adopted_on and revision.revised_on < plan.adopted_on:
        raise ValidationError(
            _("Revideringen kan inte vara daterad före fastställandet (%(date)s).")
            % {"date": plan.adopted_on.isoformat()}
        )


def _apply_revision(plan: StrategicDistrictPlan, revision: Revision | None) -> None:
    """Mark an adopted plan as revised (the caller saves it)."""
    if plan.status != Status.DRAFT and revision is not None:
        plan.status = Status.REVISED
        plan.revised_on = revision.revised_on


def _reason(plan: StrategicDistrictPlan, revision: Revision | None, default: str) -> str:
    if plan.status != Status.DRAFT and revision is not None:
        return (_("Reviderad: %(reason)s") % {"reason": revision.reason.strip()})[:100]
    return default


@transaction.atomic
def plan_update(
    *,
    plan: StrategicDistrictPlan,
    sections: dict[str, str],
    expected_version: int | None,
    actor,
    revision: Revision | None = None,
) -> None:
    """Save the plan's text sections; a change to an adopted plan is a revision."""
    locked = StrategicDistrictPlan.objects.select_for_update().get(pk=plan.pk)
    plan.status, plan.adopted_on, plan.revised_on = (
        locked.status,
        locked.adopted_on,
        locked.revised_on,
    )
    _check_revision(plan, revision)
    claim_version(plan, expected_version=expected_version)
    for name, value in sections.items():
        if name not in SECTION_FIELDS:
            raise ValidationError(_("Okänt avsnitt i planen."))
        setattr(plan, name, value)
    reason = _reason(plan, revision, _("Planens avsnitt sparade"))
    _apply_revision(plan, revision)
    plan._history_user = actor
    plan._change_reason = reason
    plan.save()


@transaction.atomic
def plan_adopt(
    *, plan: StrategicDistrictPlan, adopted_on: datetime.date, actor, expected_version=None
) -> None:
    """Adopt a draft (utkast → fastställd) with the date of the decision."""
    if adopted_on is None:
        raise ValidationError(_("Ange datum för fastställandet."))
    if adopted_on < plan.agreement.starts_on:
        raise ValidationError(
            _("Planen kan inte fastställas före avtalets början (%(date)s).")
            % {"date": plan.agreement.starts_on.isoformat()}
        )
    transition(
        plan,
        to=Status.ADOPTED,
        allowed_from=(Status.DRAFT,),
        actor=actor,
        reason=_("Fastställd"),
        expected_version=expected_version,
        adopted_on=adopted_on,
    )


def _revise_plan_for_child(plan: StrategicDistrictPlan, revision: Revision | None, actor) -> None:
    """A goal or indicator change on an adopted plan revises the plan itself."""
    locked = StrategicDistrictPlan.objects.select_for_update().get(pk=plan.pk)
    plan.status, plan.adopted_on, plan.revised_on = (
        locked.status,
        locked.adopted_on,
        locked.revised_on,
    )
    _check_revision(plan, revision)
    if plan.status == Status.DRAFT:
        return
    claim_version(plan, expected_version=locked.version)
    reason = _reason(plan, revision, "")
    _apply_revision(plan, revision)
    plan._history_user = actor
    plan._change_reason = reason
    plan.save()


def _claim_plan(plan: StrategicDistrictPlan, expected_version: int | None) -> None:
    """An edit of a goal, indicator or measure claims the plan's version, so that two people
    changing the plan's content at once cannot overwrite each other (stale save refused)."""
    if expected_version is not None:
        claim_version(plan, expected_version=expected_version)


def _check_draft_for_removal(plan: StrategicDistrictPlan) -> None:
    if plan.status != Status.DRAFT:
        raise TransitionNotAllowed(
            _("Innehåll tas bara bort ur utkast. En fastställd plan behåller det den sade.")
        )


def _save(obj, *, actor, reason: str) -> None:
    obj._history_user = actor
    obj._change_reason = reason
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()


# --- Goals --------------------------------------------------------------------------------------


def allowed_goal_areas(plan: StrategicDistrictPlan):
    """The agreement's goal areas, or every active goal area when the agreement names none."""
    areas = plan.agreement.goal_areas.all()
    return areas if areas.exists() else GoalArea.objects.filter(is_active=True)


def _check_goal_area(plan: StrategicDistrictPlan, goal_area: GoalArea) -> None:
    if not allowed_goal_areas(plan).filter(pk=goal_area.pk).exists():
        raise ValidationError(
            _("Målområdet ”%(area)s” ingår inte i avtalet.") % {"area": goal_area.name}
        )


@transaction.atomic
def goal_create(
    *,
    plan: StrategicDistrictPlan,
    goal_area: GoalArea,
    text: str,
    position: int = 0,
    actor,
    revision: Revision | None = None,
) -> PlanGoal:
    _check_goal_area(plan, goal_area)
    _revise_plan_for_child(plan, revision, actor)
    goal = PlanGoal(plan=plan, goal_area=goal_area, text=text.strip(), position=position)
    _save(goal, actor=actor, reason=_reason(plan, revision, _("Mål tillagt")))
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: PlanGoal,
    goal_area: GoalArea,
    text: str,
    position: int,
    actor,
    revision: Revision | None = None,
    expected_version: int | None = None,
) -> None:
    _check_goal_area(goal.plan, goal_area)
    _claim_plan(goal.plan, expected_version)
    _revise_plan_for_child(goal.plan, revision, actor)
    goal.goal_area, goal.text, goal.position = goal_area, text.strip(), position
    _save(goal, actor=actor, reason=_reason(goal.plan, revision, _("Mål ändrat")))


@transaction.atomic
def goal_delete(*, goal: PlanGoal, actor) -> None:
    _check_draft_for_removal(goal.plan)
    if goal.commitments.exists():
        raise ValidationError(
            _("Målet har åtaganden i en samverkansöverenskommelse och kan inte tas bort.")
        )
    for goal_indicator in goal.indicators.all():
        goal_indicator_delete(goal_indicator=goal_indicator, actor=actor)
    for measure in goal.measures.all():
        measure_delete(measure=measure, actor=actor)
    goal._history_user = actor
    goal._change_reason = _("Mål borttaget ur utkastet")
    goal.delete()


# --- Indicators of a goal -----------------------------------------------------------------------


def _check_indicator_values(*, baseline_year, target_year) -> None:
    if target_year < baseline_year:
        raise ValidationError(_("Målåret kan inte ligga före basåret."))


@transaction.atomic
def goal_indicator_create(
    *,
    goal: PlanGoal,
    indicator: Indicator,
    baseline_year: int,
    baseline_value,
    target_year: int,
    target_value,
    actor,
    revision: Revision | None = None,
) -> GoalIndicator:
    _check_indicator_values(baseline_year=baseline_year, target_year=target_year)
    if GoalIndicator.objects.filter(goal=goal, indicator=indicator).exists():
        raise ValidationError(
            _("Målet följs redan upp med indikatorn ”%(indicator)s”.")
            % {"indicator": indicator.name}
        )
    _revise_plan_for_child(goal.plan, revision, actor)
    goal_indicator = GoalIndicator(
        goal=goal,
        indicator=indicator,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
    )
    _save(goal_indicator, actor=actor, reason=_reason(goal.plan, revision, _("Indikator tillagd")))
    return goal_indicator


@transaction.atomic
def goal_indicator_update(
    *,
    goal_indicator: GoalIndicator,
    baseline_year: int,
    baseline_value,
    target_year: int,
    target_value,
    actor,
    revision: Revision | None = None,
    expected_version: int | None = None,
) -> None:
    _check_indicator_values(baseline_year=baseline_year, target_year=target_year)
    plan = goal_indicator.goal.plan
    _claim_plan(plan, expected_version)
    _revise_plan_for_child(plan, revision, actor)
    goal_indicator.baseline_year, goal_indicator.baseline_value = baseline_year, baseline_value
    goal_indicator.target_year, goal_indicator.target_value = target_year, target_value
    _save(goal_indicator, actor=actor, reason=_reason(plan, revision, _("Indikator ändrad")))


def _reported_in_a_report(goal_indicator: GoalIndicator) -> bool:
    return ReportIndicatorValue.objects.filter(goal_indicator=goal_indicator).exists()


@transaction.atomic
def goal_indicator_delete(*, goal_indicator: GoalIndicator, actor) -> None:
    _check_draft_for_removal(goal_indicator.goal.plan)
    if _reported_in_a_report(goal_indicator):
        raise ValidationError(
            _("Indikatorn har redovisade värden och kan inte tas bort ur planen.")
        )
    goal_indicator._history_user = actor
    goal_indicator._change_reason = _("Indikator borttagen ur utkastet")
    goal_indicator.delete()


# --- Measures -----------------------------------------------------------------------------------


def allowed_responsibles(plan: StrategicDistrictPlan):
    """Members of the agreement's partnerships for the whole agreement or for the district."""
    return PartnershipMember.objects.filter(
        Q(partnership__district__isnull=True) | Q(partnership__district=plan.district_id),
        partnership__agreement_id=plan.agreement_id,
    ).order_by("name")


@dataclass
class MeasureInput:
    title: str
    description: str = ""
    responsible: PartnershipMember | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    resources: str = ""
    budget_sek: object = None
    status: str = Measure.Status.PLANNED


def _check_measure(plan: StrategicDistrictPlan, data: MeasureInput) -> None:
    if (
        data.responsible is not None
        and not allowed_responsibles(plan).filter(pk=data.responsible.pk).exists()
    ):
        raise ValidationError(
            _("%(member)s är inte med i avtalets lokala partnerskap.")
            % {"member": data.responsible.name}
        )
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise ValidationError(_("Insatsen kan inte sluta innan den börjar."))


@transaction.atomic
def measure_create(*, goal: PlanGoal, data: MeasureInput, actor) -> Measure:
    _check_measure(goal.plan, data)
    measure = Measure(goal=goal, **data.__dict__)
    _save(measure, actor=actor, reason=_("Insats tillagd"))
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, data: MeasureInput, actor, expected_version: int | None = None
) -> None:
    _check_measure(measure.goal.plan, data)
    _claim_plan(measure.goal.plan, expected_version)
    for name, value in data.__dict__.items():
        setattr(measure, name, value)
    _save(measure, actor=actor, reason=_("Insats ändrad"))


@transaction.atomic
def measure_delete(*, measure: Measure, actor) -> None:
    _check_draft_for_removal(measure.goal.plan)
    if ReportMeasure.objects.filter(measure=measure).exists():
        raise ValidationError(
            _("Insatsen finns i en årlig redovisning och kan inte tas bort. Sätt den som inställd.")
        )
    measure._history_user = actor
    measure._change_reason = _("Insats borttagen ur utkastet")
    measure.delete()
