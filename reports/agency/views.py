"""Pages for the agencies' yearly reports (13 § förordningen (2008:348))."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reports.agency import selectors


@login_required
def agency_report_detail_view(request, pk: int):
    report = selectors.agency_report_get_for_user(user=request.user, pk=pk)
    entries = report.entries.select_related("partnership")
    return render(
        request, "reports/agency_report_detail.html", {"report": report, "entries": entries}
    )
