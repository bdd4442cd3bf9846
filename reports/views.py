"""Pages for district reports, agency reports and indicators."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from reports import selectors
from reports.models import Indicator


@login_required
def district_report_detail_view(request, pk: int):
    report = selectors.district_report_get_for_user(user=request.user, pk=pk)
    narratives = report.narratives.select_related("goal_area").order_by("goal_area__position")
    return render(
        request,
        "reports/district_report_detail.html",
        {"report": report, "narratives": narratives},
    )


@login_required
def agency_report_detail_view(request, pk: int):
    report = selectors.agency_report_get_for_user(user=request.user, pk=pk)
    entries = report.entries.select_related("partnership")
    return render(
        request, "reports/agency_report_detail.html", {"report": report, "entries": entries}
    )


@login_required
def indicator_detail_view(request, code: str):
    indicator = get_object_or_404(Indicator.objects.select_related("goal_area"), code=code)
    return render(request, "reports/indicator_detail.html", {"indicator": indicator})
