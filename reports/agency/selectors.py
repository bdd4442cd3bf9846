"""Page-shaped reads for the agencies' yearly reports."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from reports.models import AgencyReport
from udavtal.lib.collation import swedish


def agency_report_list_for_user(*, user) -> QuerySet[AgencyReport]:
    return (
        AgencyReport.objects.visible_to(user)
        .select_related("agency", "unit")
        .defer("summary", "obstacles", "proposals")
        .order_by("-year", swedish("agency__name"))
    )


def agency_report_get_for_user(*, user, pk: int) -> AgencyReport:
    queryset = AgencyReport.objects.visible_to(user).select_related("agency", "unit")
    return get_object_or_404(queryset, pk=pk)
