"""Page-shaped reads for agencies, partnerships and accords."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import scope_of
from partnerships.models import Agency, AgencyUnit, CooperationAccord, Partnership
from udavtal.lib.collation import swedish


def accord_list_for_user(*, user) -> QuerySet[CooperationAccord]:
    return (
        CooperationAccord.objects.visible_to(user)
        .select_related("municipality", "agency_unit", "agency_unit__agency", "agreement")
        .order_by("-starts_on", swedish("title"))
    )


def accord_get_for_user(*, user, pk: int) -> CooperationAccord:
    queryset = (
        CooperationAccord.objects.visible_to(user)
        .select_related("municipality", "agency_unit", "agency_unit__agency", "agreement")
        .prefetch_related("goal_areas", "plans__district", "commitments__plan_goal__goal_area")
    )
    return get_object_or_404(queryset, pk=pk)


def accord_status_counts(*, user) -> dict[str, int]:
    rows = (
        CooperationAccord.objects.visible_to(user)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in CooperationAccord.Status.values}


def agencies_of_user(*, user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=scope_of(user).agency_ids).order_by(swedish("name"))


def units_of_agencies(*, agency_ids) -> QuerySet[AgencyUnit]:
    return (
        AgencyUnit.objects.filter(agency_id__in=agency_ids)
        .select_related("agency", "parent")
        .order_by("agency__name", "level", swedish("name"))
    )


def partnership_list_for_user(*, user) -> QuerySet[Partnership]:
    return (
        Partnership.objects.visible_to(user)
        .select_related("agreement", "agreement__municipality", "district")
        .annotate(member_count=Count("members"))
        .order_by(swedish("name"))
    )


def agency_get_for_user(*, user, pk: int) -> Agency:
    return get_object_or_404(Agency.objects.select_related("successor"), pk=pk)


def partnership_get_for_user(*, user, pk: int) -> Partnership:
    queryset = Partnership.objects.visible_to(user).select_related(
        "agreement", "agreement__municipality", "district"
    )
    return get_object_or_404(queryset, pk=pk)
