"""Pages for the annual report: the officers' list, create, edit, status page (progress),
draft generation, publication (confirmation page) and download; the public publication list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from reports.annual import selectors, services
from reports.annual.filters import AnnualReportFilter
from reports.annual.forms import AnnualReportForm, VersionForm
from reports.annual.tables import AnnualReportTable
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView
from udavtal.lib.uploads import stored_file_response
from udavtal.lib.workflow import TransitionNotAllowed

#: How often the status page reloads itself while a report is being rendered (seconds).
REFRESH_SECONDS = 3


class AnnualReportListView(FilteredListView):
    table_class = AnnualReportTable
    filterset_class = AnnualReportFilter
    export_name = "arsrapporter"
    title = gettext_lazy("Årsrapporter till riksdagen")
    intro = gettext_lazy(
        "Den nationella årsrapporten om de lokala utvecklingsavtalen: utkast och publicerade."
    )
    template_name = "reports/annual_report_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("reports.list_annualreport"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.annual_report_list_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.user.has_perm("reports.add_annualreport")
        return context


def _get(request, pk: int, perm: str = "reports.view_annualreport"):
    if not request.user.has_perm("reports.list_annualreport"):
        raise PermissionDenied
    report = selectors.annual_report_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(perm, report):
        raise PermissionDenied
    return report


@login_required
def annual_report_create_view(request):
    if not request.user.has_perm("reports.add_annualreport"):
        raise PermissionDenied
    form = AnnualReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.annual_report_create(
            year=form.cleaned_data["year"], data=form.to_input(), actor=request.user
        )
        messages.success(request, _("Årsrapporten är skapad. Ta fram ett utkast när du vill."))
        return redirect(report)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "report": None}
    return render(request, "reports/annual_report_form.html", context, status=status)


@login_required
def annual_report_edit_view(request, pk: int):
    report = _get(request, pk, "reports.change_annualreport")
    form = AnnualReportForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_update(
                report=report,
                data=form.to_input(),
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Texterna är sparade. Ta fram ett nytt utkast för att se dem.")
            )
            return redirect(report)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "report": report}
    return render(request, "reports/annual_report_form.html", context, status=status)


@login_required
def annual_report_detail_view(request, pk: int):
    """The status page: facts, progress while rendering (the page reloads itself), actions."""
    report = _get(request, pk)
    user = request.user
    context = {
        "report": report,
        "can_edit": user.has_perm("reports.change_annualreport", report),
        "can_generate": user.has_perm("reports.change_annualreport", report)
        and not report.is_generating,
        "can_publish": user.has_perm("reports.publish_annualreport", report)
        and bool(report.pdf)
        and not report.is_generating,
        "refresh_seconds": REFRESH_SECONDS if report.is_generating else None,
        "changes": changes_for(report),
    }
    return render(request, "reports/annual_report_detail.html", context)


@login_required
@require_POST
def annual_report_generate_view(request, pk: int):
    report = _get(request, pk, "reports.change_annualreport")
    try:
        services.annual_report_request_draft(report=report, actor=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Utkastet tas fram. Sidan visar hur långt det har kommit."))
    return redirect(report)


@login_required
def annual_report_publish_view(request, pk: int):
    report = _get(request, pk, "reports.publish_annualreport")
    if not report.pdf:
        messages.error(request, _("Ta fram och granska ett utkast innan du publicerar."))
        return redirect(report)
    form = VersionForm(request.POST or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_request_publication(
                report=report, expected_version=form.cleaned_data["version"], actor=request.user
            )
        except (StaleObjectError, TransitionNotAllowed) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Årsrapporten publiceras. Den slutliga versionen tas fram nu.")
            )
        return redirect(report)
    context = {
        "question": _("Vill du publicera årsrapporten?"),
        "description": report.title,
        "details": [
            (_("År"), str(report.year)),
            (_("Diarienummer"), report.case_number),
            (
                _("Senaste utkast"),
                report.generated_at
                and date_format(timezone.localtime(report.generated_at), "SHORT_DATETIME_FORMAT"),
            ),
            (_("Sidor i utkastet"), report.page_count),
        ],
        "warning": _(
            "Publiceringen går inte att ångra. Den slutliga versionen tas fram en gång, utan "
            "UTKAST, ur uppgifterna som de ser ut nu, och sparas med sin kontrollsumma (SHA-256). "
            "Därefter kan rapporten inte ändras eller tas fram på nytt, och den visas öppet på "
            "sidan Publikationer."
        ),
        "form": form,
        "cancel_url": report.get_absolute_url(),
        "confirm_label": _("Publicera"),
    }
    return render(request, "includes/confirm.html", context)


def _file_response(report, *, draft: bool):
    if not report.pdf:
        raise Http404
    suffix = "-utkast" if draft else ""
    return stored_file_response(report.pdf, f"arsrapport-{report.year}{suffix}.pdf")


@login_required
@require_safe
def annual_report_pdf_view(request, pk: int):
    """The stored file (the draft, or the published version): never rendered here."""
    report = _get(request, pk)
    return _file_response(report, draft=not report.is_published)


# ---------- Public (no login) ----------


@require_safe
def publication_list_view(request):
    context = {"publications": selectors.publications()}
    return render(request, "reports/publication_list.html", context)


@require_safe
def publication_download_view(request, pk: int):
    report = selectors.published_annual_report_get(pk=pk)
    return _file_response(report, draft=False)
