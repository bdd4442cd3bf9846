"""Pages for annual district reports."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reports.district import selectors


@login_required
def district_report_detail_view(request, pk: int):
    report = selectors.district_report_get_for_user(user=request.user, pk=pk)
    narratives = report.narratives.select_related("goal_area").order_by("goal_area__position")
    return render(
        request,
        "reports/district_report_detail.html",
        {"report": report, "narratives": narratives},
    )
