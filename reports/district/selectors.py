"""Page-shaped reads for annual district reports."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reports.models import AnnualDistrictReport, ReviewStatus
from udavtal.lib.collation import swedish


def district_report_list_for_user(*, user) -> QuerySet[AnnualDistrictReport]:
    return (
        AnnualDistrictReport.objects.visible_to(user)
        .select_related("district", "district__municipality", "agreement")
        .defer("summary", "obstacles", "cooperation", "goal_conflicts", "resident_participation")
    )


def district_reports_due_first(*, user) -> QuerySet[AnnualDistrictReport]:
    """Open reports with the overdue ones first, then by due date."""
    today = timezone.localdate()
    open_statuses = [ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED]
    return (
        district_report_list_for_user(user=user)
        .annotate(
            overdue_rank=Case(
                When(status__in=open_statuses, due_on__lt=today, then=Value(0)),
                When(status__in=open_statuses, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("overdue_rank", "due_on", swedish("district__name"))
    )


def district_reports_waiting_for_review(*, user) -> QuerySet[AnnualDistrictReport]:
    return (
        district_report_list_for_user(user=user)
        .filter(status=ReviewStatus.SUBMITTED)
        .order_by("submitted_at")
    )


def district_report_get_for_user(*, user, pk: int) -> AnnualDistrictReport:
    queryset = AnnualDistrictReport.objects.visible_to(user).select_related(
        "district", "district__municipality", "agreement", "submitted_by", "reviewed_by"
    )
    return get_object_or_404(queryset, pk=pk)
