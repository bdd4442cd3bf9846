"""Page-shaped reads for agreements, municipalities, districts and plans."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from agreements.models import (
    Agreement,
    District,
    Municipality,
    StrategicDistrictPlan,
)
from udavtal.lib.collation import swedish


def agreement_list_for_user(*, user) -> QuerySet[Agreement]:
    return (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .annotate(district_count=Count("districts", distinct=True))
        .order_by(swedish("municipality__name"), "-starts_on")
    )


def agreement_get_for_user(*, user, pk: int) -> Agreement:
    queryset = (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by(swedish("name"))),
            "goal_areas",
            "funding",
            "revisions",
            Prefetch(
                "plans",
                queryset=StrategicDistrictPlan.objects.select_related("district").order_by(
                    swedish("district__name")
                ),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def agreement_status_counts(*, user) -> dict[str, int]:
    rows = (
        Agreement.objects.visible_to(user)
        .order_by()
        .values("status")
        .annotate(n=Count("id", distinct=True))
    )
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in Agreement.Status.values}


def municipality_list_for_user(*, user) -> QuerySet[Municipality]:
    return Municipality.objects.visible_to(user).select_related("county").order_by(swedish("name"))


def municipality_get_for_user(*, user, pk: int) -> Municipality:
    return get_object_or_404(Municipality.objects.visible_to(user).select_related("county"), pk=pk)


def district_list_for_user(*, user) -> QuerySet[District]:
    return (
        District.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "parent")
        .order_by(swedish("municipality__name"), swedish("name"))
    )


def district_get_for_user(*, user, pk: int) -> District:
    return get_object_or_404(
        District.objects.visible_to(user).select_related("municipality", "parent"), pk=pk
    )


def plan_list_for_user(*, user) -> QuerySet[StrategicDistrictPlan]:
    return (
        StrategicDistrictPlan.objects.visible_to(user)
        .select_related("agreement", "district", "agreement__municipality")
        .order_by(swedish("district__name"))
    )


def plan_get_for_user(*, user, pk: int) -> StrategicDistrictPlan:
    queryset = StrategicDistrictPlan.objects.visible_to(user).select_related(
        "agreement", "agreement__municipality", "district"
    )
    return get_object_or_404(queryset, pk=pk)
