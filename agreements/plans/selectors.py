"""Page-shaped reads for strategic district plans."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.models import Agreement, District, Measure, PlanGoal, StrategicDistrictPlan
from reports.models import GoalIndicator
from udavtal.lib.collation import swedish
from udavtal.lib.models import subquery_count

#: Agreements under which plans are written (after signing, DESIGN §2).
PLAN_AGREEMENT_STATUSES = (
    Agreement.Status.SIGNED,
    Agreement.Status.IN_FORCE,
    Agreement.Status.PAUSED,
)


def overdue_plans_q(today: datetime.date | None = None) -> Q:
    """Plans still drafts after the agreement's deadline for plans."""
    return Q(
        status=StrategicDistrictPlan.Status.DRAFT,
        agreement__plans_due_on__lt=today or timezone.localdate(),
    )


def plan_list_for_table(*, user) -> QuerySet[StrategicDistrictPlan]:
    return (
        StrategicDistrictPlan.objects.visible_to(user)
        .select_related("agreement", "agreement__municipality", "district")
        .defer(
            "current_situation",
            "analysis",
            "goals_summary",
            "strategy",
            "measures_summary",
            "resident_participation",
            "follow_up",
        )
        .annotate(
            goal_count=subquery_count(PlanGoal.objects.all(), "plan"),
            measure_count=subquery_count(Measure.objects.all(), "goal__plan"),
        )
        .order_by(swedish("agreement__municipality__name"), swedish("district__name"), "pk")
    )


def plans_overdue(*, user) -> QuerySet[StrategicDistrictPlan]:
    """Overdue plans, oldest deadline first (for the ministry's dashboard)."""
    return (
        plan_list_for_table(user=user)
        .filter(overdue_plans_q())
        .order_by("agreement__plans_due_on", swedish("district__name"))
    )


def plan_get_for_user(*, user, pk: int) -> StrategicDistrictPlan:
    queryset = (
        StrategicDistrictPlan.objects.visible_to(user)
        .select_related(
            "agreement", "agreement__municipality", "agreement__policy_phase", "district"
        )
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=PlanGoal.objects.select_related("goal_area").order_by(
                    "goal_area__position", "position", "id"
                ),
            ),
            Prefetch(
                "goals__indicators",
                queryset=GoalIndicator.objects.select_related("indicator").order_by(
                    "indicator__position", "indicator__name"
                ),
            ),
            Prefetch(
                "goals__measures",
                queryset=Measure.objects.select_related("responsible").order_by("starts_on", "id"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass
class PlanSlot:
    """A district an agreement covers, with its plan or none yet."""

    agreement: Agreement
    district: District
    plan: StrategicDistrictPlan | None

    @property
    def due_on(self):
        return self.agreement.plans_due_on

    @property
    def is_overdue(self) -> bool:
        if self.plan is not None:
            return self.plan.is_overdue
        return self.due_on is not None and self.due_on < timezone.localdate()


def plan_slots_for_municipalities(*, municipality_ids) -> list[PlanSlot]:
    """Every district of the municipalities' agreements in force with its plan (or a gap),
    overdue first, then by due date. Three queries whatever the number of rows."""
    agreements = list(
        Agreement.objects.filter(
            municipality_id__in=municipality_ids, status__in=PLAN_AGREEMENT_STATUSES
        )
        .select_related("municipality")
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by(swedish("name")))
        )
    )
    plans = {
        (plan.agreement_id, plan.district_id): plan
        for plan in StrategicDistrictPlan.objects.filter(agreement__in=agreements).only(
            "id", "agreement_id", "district_id", "status", "adopted_on", "revised_on"
        )
    }
    slots = []
    for agreement in agreements:
        for district in agreement.districts.all():
            plan = plans.get((agreement.pk, district.pk))
            if plan is not None:
                plan.agreement = agreement  # already loaded; is_overdue reads its deadline
            slots.append(PlanSlot(agreement, district, plan))
    slots.sort(
        key=lambda s: (
            not s.is_overdue,
            s.plan is not None and s.plan.status != StrategicDistrictPlan.Status.DRAFT,
            s.due_on or datetime.date.max,
            s.district.name,
        )
    )
    return slots


def plan_form_choices(*, user) -> QuerySet[Agreement]:
    """Agreements the user may write a plan under."""
    return (
        Agreement.objects.visible_to(user)
        .filter(status__in=PLAN_AGREEMENT_STATUSES)
        .select_related("municipality")
        .order_by(swedish("municipality__name"), "-starts_on")
    )
