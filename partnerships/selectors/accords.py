"""Reads for the accord pages."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import scope_of
from agreements.models import (
    Agreement,
    Attachment,
    GoalArea,
    PlanGoal,
    StrategicDistrictPlan,
)
from partnerships.models import (
    AccordCommitment,
    AgencyUnit,
    CooperationAccord,
    Partnership,
)
from udavtal.lib.collation import swedish
from udavtal.lib.history import Change, changes_for
from udavtal.lib.models import subquery_count


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
            commitment_count=subquery_count(
                AccordCommitment.objects.filter(removed_at__isnull=True), "accord"
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
