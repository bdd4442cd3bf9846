"""Pages of the stored list exports (udavtal.list_exports): the user's own, nobody else's."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from udavtal.lib.exports import XLSX_CONTENT_TYPE
from udavtal.lib.uploads import stored_file_response
from udavtal.models import ListExport

REFRESH_SECONDS = 3


def _own(request, pk) -> ListExport:
    return get_object_or_404(ListExport, pk=pk, user=request.user)


@login_required
def export_list_view(request):
    cutoff = timezone.now() - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
    exports = ListExport.objects.filter(user=request.user, created_at__gte=cutoff)
    return render(
        request,
        "exports/export_list.html",
        {"exports": exports, "keep_days": settings.EXPORT_KEEP_DAYS},
    )


@login_required
def export_detail_view(request, pk):
    export = _own(request, pk)
    return render(
        request,
        "exports/export_detail.html",
        {
            "export": export,
            "refresh_seconds": REFRESH_SECONDS if export.is_pending else None,
            "keep_days": settings.EXPORT_KEEP_DAYS,
        },
    )


@login_required
def export_file_view(request, pk):
    export = _own(request, pk)
    if export.status != ListExport.Status.DONE or not export.file:
        raise Http404
    return stored_file_response(export.file, export.filename, XLSX_CONTENT_TYPE)
