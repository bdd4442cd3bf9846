"""Pages of the stored list exports (udavtal.list_exports): the user's own, nobody else's."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy, ngettext

from udavtal.lib.exports import XLSX_CONTENT_TYPE
from udavtal.lib.lists import FilteredListView
from udavtal.lib.uploads import stored_file_response
from udavtal.list_exports import kept_since
from udavtal.models import ListExport
from udavtal.tables import ListExportFilter, ListExportTable

REFRESH_SECONDS = 3


def _own(request, pk) -> ListExport:
    return get_object_or_404(ListExport, pk=pk, user=request.user)


class ExportListView(FilteredListView):
    """Mina exporter: the user's exports of the last EXPORT_KEEP_DAYS days (no export itself)."""

    table_class = ListExportTable
    filterset_class = ListExportFilter
    export_formats = ()
    title = gettext_lazy("Mina exporter")

    @property
    def intro(self):
        days = settings.EXPORT_KEEP_DAYS
        return ngettext(
            "Stora Excel-filer tas fram i bakgrunden och sparas här i %(days)s dag. "
            "Bara du kan hämta dem.",
            "Stora Excel-filer tas fram i bakgrunden och sparas här i %(days)s dagar. "
            "Bara du kan hämta dem.",
            days,
        ) % {"days": days}

    def get_queryset(self):
        return ListExport.objects.filter(user=self.request.user, created_at__gte=kept_since())


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
