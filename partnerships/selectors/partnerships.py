"""Reads for the partnership pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import scope_of
from agreements.models import (
    Agreement,
    Measure,
    Municipality,
    PlanGoal,
    StrategicDistrictPlan,
)
from partnerships.models import (
    AccordCommitment,
    CooperationAccord,
    Partnership,
    PartnershipMember,
)
from udavtal.lib.collation import swedish


def partnership_list_for_user(*, user) -> QuerySet[Partnership]:
    return (
        Partnership.objects.visible_to(user)
        .select_related("agreement", "agreement__municipality", "district")
        .annotate(member_count=Count("members", distinct=True))
        .order_by(swedish("name"), "pk")
    )


def partnerships_of_users_agencies(*, user) -> QuerySet[Partnership]:
    """Partnerships a unit of the user's agencies is a member of (and has not left)."""
    members = PartnershipMember.objects.filter(
        agency_unit__agency_id__in=scope_of(user).agency_ids, left_on__isnull=True
    ).values("partnership_id")
    return partnership_list_for_user(user=user).filter(pk__in=members)


def partnership_get_for_user(*, user, pk: int) -> Partnership:
    queryset = Partnership.objects.visible_to(user).select_related(
        "agreement", "agreement__municipality", "district"
    )
    return get_object_or_404(queryset, pk=pk)


def partnership_members(*, partnership: Partnership) -> list[PartnershipMember]:
    return list(
        partnership.members.select_related("agency_unit", "agency_unit__agency", "accord").order_by(
            "kind", swedish("name"), "pk"
        )
    )


def partnership_member_get_for_user(*, user, partnership_pk: int, pk: int) -> PartnershipMember:
    partnership = partnership_get_for_user(user=user, pk=partnership_pk)
    member = get_object_or_404(PartnershipMember.objects.filter(partnership=partnership), pk=pk)
    member.partnership = partnership
    return member


def agreements_without_partnership(*, user) -> QuerySet[Agreement]:
    scope = scope_of(user)
    with_partnership = Partnership.objects.filter(district__isnull=True).values("agreement_id")
    queryset = Agreement.objects.exclude(pk__in=with_partnership).exclude(
        status=Agreement.Status.DECLINED
    )
    if not scope.is_officer:
        queryset = queryset.filter(municipality_id__in=scope.municipality_ids)
    return queryset.select_related("municipality").order_by(
        swedish("municipality__name"), "-starts_on"
    )


@dataclass
class CoverageRow:
    goal: PlanGoal
    cells: list[str]
    agency_members: list[str]

    @property
    def covered_by_agency(self) -> bool:
        return bool(self.agency_members)


@dataclass
class Coverage:
    members: list[PartnershipMember]
    rows: list[CoverageRow]
    commitments: list[AccordCommitment]

    @property
    def uncovered(self) -> list[PlanGoal]:
        return [row.goal for row in self.rows if not row.covered_by_agency]


def partnership_coverage(*, partnership: Partnership, members: list[PartnershipMember]) -> Coverage:
    """Plan goals × members: which member has committed to (agency, through an accord in force)
    or is responsible for a measure under (any member) each goal of the partnership's plans.
    Four queries, whatever the number of goals and members."""
    plans = StrategicDistrictPlan.objects.filter(agreement_id=partnership.agreement_id)
    if partnership.district_id:
        plans = plans.filter(district_id=partnership.district_id)
    goals = list(
        PlanGoal.objects.filter(plan__in=plans)
        .select_related("goal_area", "plan__district")
        .order_by(swedish("plan__district__name"), "position", "id")
    )
    commitments = list(
        AccordCommitment.objects.active()
        .filter(
            plan_goal__in=[g.pk for g in goals],
            accord__status__in=CooperationAccord.IN_FORCE,
            accord__agreement_id=partnership.agreement_id,
        )
        .select_related(
            "accord", "accord__agency_unit", "plan_goal__goal_area", "plan_goal__plan__district"
        )
        .order_by("plan_goal__plan_id", "plan_goal__position", "plan_goal_id", "id")
    )
    measures = Measure.objects.filter(
        goal_id__in=[g.pk for g in goals], responsible_id__in=[m.pk for m in members]
    ).values_list("goal_id", "responsible_id")

    member_of_unit = {m.agency_unit_id: m for m in members if m.agency_unit_id}
    committed: dict[tuple[int, int], bool] = {}
    agency_names: dict[int, list[str]] = defaultdict(list)
    for commitment in commitments:
        unit = commitment.accord.agency_unit
        member = member_of_unit.get(unit.pk)
        if member is not None:
            committed[(commitment.plan_goal_id, member.pk)] = True
        if unit.name not in agency_names[commitment.plan_goal_id]:
            agency_names[commitment.plan_goal_id].append(unit.name)
    measured = set(measures)

    rows = []
    for goal in goals:
        cells = []
        for member in members:
            has_commitment = (goal.pk, member.pk) in committed
            has_measure = (goal.pk, member.pk) in measured
            if has_commitment and has_measure:
                cells.append(_("Åtagande och insats"))
            elif has_commitment:
                cells.append(_("Åtagande"))
            elif has_measure:
                cells.append(_("Insats"))
            else:
                cells.append("")
        rows.append(CoverageRow(goal=goal, cells=cells, agency_members=agency_names[goal.pk]))
    return Coverage(members=members, rows=rows, commitments=commitments)


def municipalities_for_filter(*, user) -> QuerySet[Municipality]:
    return Municipality.objects.visible_to(user).order_by(swedish("name"))
