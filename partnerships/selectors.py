"""Page-shaped reads for agencies, partnerships and accords. Every read goes through the user's
scope and preloads what the page shows, so the number of queries does not grow with the rows."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import scope_of
from agreements.models import (
    Agreement,
    Attachment,
    GoalArea,
    Measure,
    Municipality,
    PlanGoal,
    StrategicDistrictPlan,
)
from partnerships.models import (
    AccordCommitment,
    Agency,
    AgencyUnit,
    CooperationAccord,
    Partnership,
    PartnershipMember,
)
from udavtal.lib.collation import swedish
from udavtal.lib.history import Change, changes_for

# ---------------------------------------------------------------------------------------------
# Accords
# ---------------------------------------------------------------------------------------------


def accord_list_for_user(*, user) -> QuerySet[CooperationAccord]:
    return (
        CooperationAccord.objects.visible_to(user)
        .select_related("municipality", "agency_unit", "agency_unit__agency", "agreement")
        .order_by("-starts_on", swedish("title"))
    )


def accord_list_for_table(*, user) -> QuerySet[CooperationAccord]:
    """The accord list: one query for the rows with their commitment counts."""
    return (
        CooperationAccord.objects.visible_to(user)
        .select_related("municipality", "agency_unit", "agency_unit__agency")
        .defer("description", "status_reason")
        .annotate(
            commitment_count=Count(
                "commitments", filter=Q(commitments__removed_at__isnull=True), distinct=True
            )
        )
        .order_by("-starts_on", swedish("title"), "pk")
    )


def accords_waiting_for(*, user) -> QuerySet[CooperationAccord]:
    """Proposals the user's side is to answer (proposed by the other side)."""
    scope = scope_of(user)
    return accord_list_for_user(user=user).filter(
        Q(status=CooperationAccord.Status.PROPOSED)
        & (
            Q(
                proposed_by=CooperationAccord.Side.MUNICIPALITY,
                agency_unit__agency_id__in=scope.agency_ids,
            )
            | Q(
                proposed_by=CooperationAccord.Side.AGENCY,
                municipality_id__in=scope.municipality_ids,
            )
        )
    )


def accord_get_for_user(*, user, pk: int, for_update: bool = False) -> CooperationAccord:
    queryset = (
        CooperationAccord.objects.visible_to(user)
        .select_related(
            "municipality",
            "municipality__county",
            "agency_unit",
            "agency_unit__agency",
            "agency_unit__successor",
            "agreement",
        )
        .prefetch_related(
            "goal_areas",
            Prefetch(
                "plans",
                queryset=StrategicDistrictPlan.objects.select_related("district").order_by(
                    swedish("district__name")
                ),
            ),
            Prefetch(
                "commitments",
                queryset=AccordCommitment.objects.active()
                .select_related("plan_goal__goal_area", "plan_goal__plan__district")
                .order_by("plan_goal__plan_id", "plan_goal__position", "id"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def partnerships_of_accord(*, accord: CooperationAccord) -> list[Partnership]:
    """The agreement-wide partnership and those of the districts the accord's plans cover."""
    district_ids = [plan.district_id for plan in accord.plans.all()]
    return list(
        Partnership.objects.filter(agreement_id=accord.agreement_id)
        .filter(Q(district__isnull=True) | Q(district_id__in=district_ids))
        .order_by(swedish("name"))
    )


def accord_attachments(*, accord: CooperationAccord) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(CooperationAccord), object_id=accord.pk
    ).select_related("uploaded_by")


def accord_attachment_get(*, accord: CooperationAccord, pk: int) -> Attachment:
    return get_object_or_404(accord_attachments(accord=accord), pk=pk)


def plan_goals_of_accord(*, accord: CooperationAccord) -> QuerySet[PlanGoal]:
    return (
        PlanGoal.objects.filter(plan__accords=accord)
        .select_related("goal_area", "plan__district")
        .order_by(swedish("plan__district__name"), "position", "id")
    )


def plans_of_agreement(*, agreement: Agreement) -> QuerySet[StrategicDistrictPlan]:
    return (
        StrategicDistrictPlan.objects.filter(agreement=agreement)
        .select_related("district")
        .order_by(swedish("district__name"))
    )


def _commitment_changes(accord: CooperationAccord) -> list[Change]:
    """Changes of the accord's commitments (added, changed, removed), newest first, in one
    query."""
    records = list(
        AccordCommitment.history.filter(accord_id=accord.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    by_commitment = defaultdict(list)
    for record in records:
        by_commitment[record.id].append(record)
    label = _("Åtagande")
    fields = {"plan_goal": _("mål"), "what": _("åtagande"), "who": _("vem"), "when": _("när")}
    fields["resources"] = _("resurser")
    changes: list[Change] = []
    for versions in by_commitment.values():
        older = None
        for record in versions:
            who = str(record.history_user) if record.history_user else _("Systemet")
            reason = record.history_change_reason or ""
            if older is None:
                changes.append(
                    Change(record.history_date, who, reason, "+", label, "–", record.what)
                )
            elif record.removed_at and not older.removed_at:
                changes.append(
                    Change(record.history_date, who, reason, "-", label, older.what, _("Borttaget"))
                )
            else:
                delta = record.diff_against(older, foreign_keys_are_objs=False)
                for change in delta.changes:
                    if change.field not in fields:
                        continue
                    old, new = change.old, change.new
                    if change.field == "plan_goal":
                        old, new = _("mål %(pk)s") % {"pk": old}, _("mål %(pk)s") % {"pk": new}
                    changes.append(
                        Change(
                            record.history_date,
                            who,
                            reason,
                            "~",
                            f"{label}: {fields[change.field]}",
                            str(old or "–"),
                            str(new or "–"),
                        )
                    )
            older = record
    return changes


_M2M_IDS = re.compile(r"'(strategicdistrictplan|goalarea)': (\d+)")


def _m2m_names(accord: CooperationAccord, changes: list[Change]) -> list[Change]:
    """Plans and goal areas in the history by name, not as rows of the link table."""
    wanted = {"strategicdistrictplan": set(), "goalarea": set()}
    for change in changes:
        for text in (change.old, change.new):
            for kind, pk in _M2M_IDS.findall(text or ""):
                wanted[kind].add(int(pk))
    if not any(wanted.values()):
        return changes
    names = {
        ("strategicdistrictplan", plan.pk): plan.district.name
        for plan in StrategicDistrictPlan.objects.filter(
            pk__in=wanted["strategicdistrictplan"]
        ).select_related("district")
    }
    names.update(
        {
            ("goalarea", area.pk): area.name
            for area in GoalArea.objects.filter(pk__in=wanted["goalarea"])
        }
    )

    def readable(text: str) -> str:
        found = _M2M_IDS.findall(text or "")
        if not found:
            return text
        return ", ".join(names.get((kind, int(pk)), f"#{pk}") for kind, pk in found)

    return [
        dataclasses.replace(change, old=readable(change.old), new=readable(change.new))
        for change in changes
    ]


def accord_history(*, accord: CooperationAccord) -> list[Change]:
    """The accord's own changes and those of its commitments, newest first."""
    changes = _m2m_names(accord, changes_for(accord)) + _commitment_changes(accord)
    return sorted(changes, key=lambda c: c.when, reverse=True)


def accord_status_counts(*, user) -> dict[str, int]:
    rows = (
        CooperationAccord.objects.visible_to(user)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in CooperationAccord.Status.values}


def agreements_open_for_accords(*, user) -> QuerySet[Agreement]:
    """Agreements a user may draft an accord against: a coordinator their own municipality's,
    agency and ministry officers every agreement under negotiation, signed or in force."""
    from partnerships.services import AGREEMENT_OPEN_FOR_ACCORDS

    scope = scope_of(user)
    queryset = Agreement.objects.filter(status__in=AGREEMENT_OPEN_FOR_ACCORDS)
    if not (scope.is_officer or scope.is_agency_officer):
        queryset = queryset.filter(municipality_id__in=scope.municipality_ids)
    return queryset.select_related("municipality").order_by(
        swedish("municipality__name"), "-starts_on"
    )


def signing_units_for_user(*, user) -> QuerySet[AgencyUnit]:
    """Units a user may name as the agency's party: an agency officer's own agency's units,
    for others every unit; only units that may sign and are not closed."""
    from django.utils import timezone

    scope = scope_of(user)
    today = timezone.localdate()
    queryset = AgencyUnit.objects.filter(may_sign_accords=True).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    if scope.is_agency_officer and not scope.is_officer:
        queryset = queryset.filter(agency_id__in=scope.agency_ids)
    return queryset.select_related("agency").order_by(swedish("agency__name"), "level", "name")


def units_for_accord(*, user, accord: CooperationAccord) -> QuerySet[AgencyUnit]:
    """Units the accord's agency side may be moved to: the agency's signing units, and the
    current one."""
    signing = signing_units_for_user(user=user).filter(agency_id=accord.agency_unit.agency_id)
    return (
        AgencyUnit.objects.filter(Q(pk__in=signing.values("pk")) | Q(pk=accord.agency_unit_id))
        .select_related("agency")
        .order_by("level", swedish("name"))
    )


# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------


def agencies_of_user(*, user) -> QuerySet[Agency]:
    """The user's agencies with the number of units on each level."""
    return (
        Agency.objects.filter(pk__in=scope_of(user).agency_ids)
        .annotate(
            central_count=Count("units", filter=Q(units__level="central")),
            regional_count=Count("units", filter=Q(units__level="regional")),
            local_count=Count("units", filter=Q(units__level="local")),
        )
        .order_by(swedish("name"))
    )


def units_of_user(*, user) -> QuerySet[AgencyUnit]:
    """The units an agency officer's memberships name (an officer may belong to no unit)."""
    if not user.is_authenticated:
        return AgencyUnit.objects.none()
    return (
        AgencyUnit.objects.filter(memberships__user=user)
        .select_related("agency")
        .order_by(swedish("name"))
    )


def units_of_agencies(*, agency_ids) -> QuerySet[AgencyUnit]:
    return (
        AgencyUnit.objects.filter(agency_id__in=agency_ids)
        .select_related("agency", "parent", "successor", "municipality", "county")
        .order_by("agency__name", "level", swedish("name"))
    )


def agency_list_for_table(*, user) -> QuerySet[Agency]:
    return (
        Agency.objects.select_related("successor")
        .annotate(unit_count=Count("units", distinct=True))
        .order_by(swedish("name"))
    )


def agency_get_for_user(*, user, pk: int) -> Agency:
    """Agencies are reference data: every logged-in user reads them."""
    return get_object_or_404(
        Agency.objects.select_related("successor").prefetch_related("predecessors"), pk=pk
    )


@dataclass
class UnitNode:
    unit: AgencyUnit
    children: list[UnitNode] = field(default_factory=list)


def unit_tree(*, agency: Agency) -> list[UnitNode]:
    """The agency's units as a tree (central → regional → local), from one query."""
    units = list(
        AgencyUnit.objects.filter(agency=agency)
        .select_related("successor", "successor__agency", "municipality", "county")
        .order_by("level", swedish("name"))
    )
    nodes = {unit.pk: UnitNode(unit) for unit in units}
    roots: list[UnitNode] = []
    level_order = {"central": 0, "regional": 1, "local": 2}
    for unit in sorted(units, key=lambda u: level_order.get(u.level, 9)):
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


# ---------------------------------------------------------------------------------------------
# Partnerships
# ---------------------------------------------------------------------------------------------


def partnership_list_for_user(*, user) -> QuerySet[Partnership]:
    return (
        Partnership.objects.visible_to(user)
        .select_related("agreement", "agreement__municipality", "district")
        .annotate(member_count=Count("members", distinct=True))
        .order_by(swedish("name"), "pk")
    )


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
