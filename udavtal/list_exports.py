"""XLSX exports written in the background (decision 0025): a list's XLSX of more than
settings.EXPORT_INLINE_CELLS cells is not written while the user waits. The request stores a
`ListExport` and answers at once with its page; the task runs the list's own view as that user
(scope, filters and sort as on the page) and stores the file, which only that user can download.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from udavtal.lib.exports import XLSX_CONTENT_TYPE
from udavtal.models import ListExport

logger = logging.getLogger(__name__)

EXPORT_PARAM = "export"


def needs_background(*, row_count: int, column_count: int) -> bool:
    return row_count * column_count > settings.EXPORT_INLINE_CELLS


def in_background(request) -> bool:
    """True in the request the export task builds (the file is written, not queued again)."""
    return getattr(request, "udavtal_background_export", False)


def list_export_queue(*, request, title: str, filename: str, row_count: int) -> ListExport:
    """Store the export of the list the request asks for and queue it; the user's exports older
    than settings.EXPORT_KEEP_DAYS go (files too)."""
    from udavtal.tasks import build_list_export

    query = request.GET.copy()
    query.pop(EXPORT_PARAM, None)
    query.pop("page", None)
    user = request.user
    list_exports_remove_old(user=user)
    export = ListExport.objects.create(
        user=user,
        title=str(title)[:200],
        path=request.path_info,  # without the script prefix: what resolve() takes
        query=query.urlencode(),
        filename=filename,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        row_count=row_count,
    )
    transaction.on_commit(lambda: build_list_export.enqueue(str(export.pk)))
    return export


def list_export_build(*, export_id) -> ListExport:
    """Write the file of a queued export. A failure is recorded on the export, in Swedish, and
    logged; it never leaves a half-written file."""
    with transaction.atomic():
        export = ListExport.objects.select_for_update().get(pk=export_id)
        if export.status != ListExport.Status.QUEUED:
            return export
        export.status = ListExport.Status.RUNNING
        export.save(update_fields=["status"])
    try:
        content = _run_list_view(export)
    except Exception:
        logger.exception("List export %s failed", export.pk)
        content = None
    if content is None:
        export.status = ListExport.Status.FAILED
        export.error = _("Filen kunde inte tas fram. Försök igen från listan.")
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        return export
    export.file.save(export.filename, ContentFile(content), save=False)
    export.status = ListExport.Status.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "finished_at"])
    return export


def _run_list_view(export: ListExport) -> bytes | None:
    """The list's view, called as the user with the stored filters: its XLSX, or None when the
    list refuses (the user lost the right to it since, say) or is gone."""
    try:
        match = resolve(export.path)
    except Resolver404:
        return None
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = export.path
    request.META = {"SERVER_NAME": "udavtal", "SERVER_PORT": "443", "REQUEST_METHOD": "GET"}
    query = QueryDict(export.query, mutable=True)
    query[EXPORT_PARAM] = "xlsx"
    request.GET = query
    request.user = export.user
    request.udavtal_background_export = True
    try:
        with translation.override(export.language):
            response = match.func(request, *match.args, **match.kwargs)
    except (PermissionDenied, Http404):
        return None
    if response.status_code != 200 or response.get("Content-Type") != XLSX_CONTENT_TYPE:
        return None
    return response.content


def kept_since() -> datetime.datetime:
    """Exports asked for before this are gone (settings.EXPORT_KEEP_DAYS)."""
    return timezone.now() - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)


def list_exports_remove_old(*, user=None) -> int:
    """Remove the exports (and files) asked for more than settings.EXPORT_KEEP_DAYS ago, of one
    user or of everybody; returns how many went."""
    old = ListExport.objects.filter(created_at__lt=kept_since())
    if user is not None:
        old = old.filter(user=user)
    removed = 0
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    return removed
