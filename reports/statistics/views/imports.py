"""Importing indicator values in the browser, the log of imports and their undo."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.statistics import importing, selectors
from reports.statistics.filters import ImportBatchFilter
from reports.statistics.forms import ImportForm
from reports.statistics.importing import columns
from reports.statistics.importing.template import template_csv, template_xlsx
from reports.statistics.tables import ImportBatchTable
from reports.statistics.views.base import PermissionMixin, require_perm
from udavtal.lib.lists import FilteredListView
from udavtal.lib.uploads import safe_filename

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _columns_help() -> list[tuple[str, bool, str]]:
    return [
        (
            name,
            name in columns.REQUIRED,
            str(columns.HELP[name]) % {"threshold": settings.SMALL_NUMBER_THRESHOLD}
            if name == columns.BASE
            else str(columns.HELP[name]),
        )
        for name in columns.FIELDS
    ]


def _stored_name(name: str | None) -> str:
    name = name or "utfall.csv"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return safe_filename(name, extension if extension in {"csv", "txt", "xlsx", "json"} else "dat")


@login_required
def indicator_import_view(request):
    require_perm(request.user, "reports.import_indicatorvalue")
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            form.add_error(
                "file",
                _(
                    "Filen är för stor. Större filer importeras med kommandot "
                    "import_indicator_values."
                ),
            )
        else:
            result = importing.import_indicator_values(
                file=upload,
                file_name=_stored_name(upload.name),
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            if result.batch is not None:
                messages.success(
                    request,
                    _(
                        "Filen har importerats: %(created)s nya och %(updated)s ändrade värden, "
                        "%(unchanged)s oförändrade."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect(result.batch)
    if request.method == "POST":
        status = 200 if result is not None and result.ok else 400
    context = {
        "form": form,
        "result": result,
        "columns_help": _columns_help(),
        "threshold": settings.SMALL_NUMBER_THRESHOLD,
        "max_mb": round(settings.UPLOAD_MAX_BYTES / 1_048_576),
    }
    return render(request, "reports/indicator_import.html", context, status=status)


@login_required
def indicator_import_template_view(request, file_format: str):
    require_perm(request.user, "reports.import_indicatorvalue")
    if file_format == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="utfall-mall.{file_format}"'
    return response


class ImportBatchListView(PermissionMixin, FilteredListView):
    permission = "reports.view_importbatch"
    table_class = ImportBatchTable
    filterset_class = ImportBatchFilter
    export_name = "importer"
    title = gettext_lazy("Importerade filer")
    intro = gettext_lazy(
        "Varje import av utfall med vem, när, filens kontrollsumma och antal värden. En import "
        "kan ångras: tidigare värden återställs och nya tas bort."
    )

    def get_queryset(self):
        return selectors.import_batch_list_for_table()


@login_required
def import_batch_detail_view(request, pk: int):
    require_perm(request.user, "reports.view_importbatch")
    batch = selectors.import_batch_get(pk=pk)
    context = {
        "batch": batch,
        "can_undo": request.user.has_perm("reports.undo_importbatch", batch),
        "later_batches": importing.later_batches(batch) if batch.status == "imported" else [],
    }
    return render(request, "reports/import_batch_detail.html", context)


@login_required
def import_batch_undo_view(request, pk: int):
    batch = selectors.import_batch_get(pk=pk)
    require_perm(request.user, "reports.undo_importbatch", batch)
    error = ""
    if request.method == "POST":
        try:
            importing.batch_undo(batch=batch, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Importen har ångrats."))
            return redirect(batch)
    context = {
        "question": _("Vill du ångra importen av %(file)s?") % {"file": batch.file_name},
        "description": _(
            "De %(updated)s värden som filen ändrade får tillbaka sina tidigare värden och de "
            "%(created)s värden som filen lade till tas bort."
        )
        % {"updated": batch.updated_count, "created": batch.created_count},
        "details": [
            (_("Fil"), batch.file_name),
            (_("Importerad"), f"{timezone.localtime(batch.imported_at):%Y-%m-%d %H:%M}"),
            (_("Av"), batch.imported_by),
            (_("SHA-256"), batch.sha256),
        ],
        "warning": error or _("Ångrandet går inte att göra om; importera filen igen vid behov."),
        "cancel_url": reverse("reports:import-batch-detail", args=[batch.pk]),
        "confirm_label": _("Ångra importen"),
        "danger": True,
    }
    return render(request, "includes/confirm.html", context, status=400 if error else 200)
