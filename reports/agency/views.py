"""Pages for the agencies' yearly reports (13 § förordningen (2008:348))."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.roles import scope_of
from reports.agency import forms, selectors, services
from reports.agency.filters import AgencyReportFilter
from reports.agency.tables import AgencyReportTable
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.lists import FilteredListView
from udavtal.lib.pages import add_service_errors, confirm_page
from udavtal.lib.uploads import stored_file_response

REPORT_PERMS = ("change", "submit", "review", "compile")


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _report_for(request, pk: int, perm: str):
    report = selectors.agency_report_get_for_user(user=request.user, pk=pk)
    _require(request.user, f"reports.{perm}_agencyreport", report)
    return report


class AgencyReportListView(FilteredListView):
    table_class = AgencyReportTable
    filterset_class = AgencyReportFilter
    export_name = "myndighetsredovisningar"
    title = gettext_lazy("Myndigheternas redovisningar")
    intro = gettext_lazy(
        "Redovisningar enligt 13 § förordningen (2008:348): vad myndigheterna har gjort i de "
        "lokala partnerskapen, hinder och förslag till Regeringskansliet."
    )
    template_name = "reports/agency_report_list.html"

    def get_queryset(self):
        return selectors.agency_report_list_for_table(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("reports.add_agencyreport")
        return context


@login_required
def agency_report_detail_view(request, pk: int):
    report = _report_for(request, pk, "view")
    flags = {
        f"can_{action}": request.user.has_perm(f"reports.{action}_agencyreport", report)
        for action in REPORT_PERMS
    }
    context = {
        "report": report,
        "entries": selectors.agency_report_entries(report=report),
        "sources": selectors.agency_report_sources(report=report),
        "compilations": selectors.agency_report_compilations(report=report),
        "changes": selectors.agency_report_history(report=report),
        "can_download_pdf": bool(report.pdf_sha256),
        **flags,
    }
    return render(request, "reports/agency_report_detail.html", context)


@login_required
def agency_report_pdf_view(request, pk: int):
    """The archived PDF of an accepted report, streamed from storage (never re-rendered)."""
    report = _report_for(request, pk, "view")
    if not report.pdf_sha256 or not report.pdf:
        raise Http404
    return stored_file_response(
        report.pdf, f"myndighetsredovisning-{report.unit.name}-{report.year}.pdf"
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_create_view(request):
    _require(request.user, "reports.add_agencyreport")
    form = forms.AgencyReportCreateForm(
        request.POST or None,
        units=selectors.reporting_units_for_user(user=request.user),
        may_set_due_on=scope_of(request.user).is_officer,
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.agency_report_create(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Redovisningen är påbörjad."))
            return redirect("reports:agency-report-edit", pk=report.pk)
    return render(
        request,
        "reports/agency_report_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_edit_view(request, pk: int):
    report = _report_for(request, pk, "change")
    form = forms.AgencyReportForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.agency_report_update(
                report=report, data=data, expected_version=version, actor=request.user
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Redovisningen är sparad."))
            return redirect(report)
    return render(
        request,
        "reports/agency_report_form.html",
        {"form": form, "report": report},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_entry_view(request, pk: int, entry_pk: int | None = None):
    """Add (no `entry_pk`) or change the report's section for one partnership."""
    report = _report_for(request, pk, "change")
    entry = selectors.agency_report_entry_get(report=report, pk=entry_pk) if entry_pk else None
    form = forms.AgencyReportEntryForm(
        request.POST or None,
        report=report,
        entry=entry,
        partnerships=selectors.partnerships_for_report(report=report),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.agency_report_entry_save(
                report=report,
                partnership=data.pop("partnership"),
                data=data,
                expected_version=data.pop("version"),
                entry=entry,
                actor=request.user,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Avsnittet är sparat."))
            return redirect(report)
    context = {"form": form, "report": report, "entry": entry}
    return render(
        request,
        "reports/agency_report_entry_form.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _confirm(request, report, **page):
    """The confirmation page of a report's state change (udavtal.lib.pages.confirm_page)."""
    details = [
        (_("Myndighet"), report.agency.name),
        (_("Rapporterande enhet"), report.unit.name),
        (_("År"), str(report.year)),
        (_("Status"), report.get_status_display()),
    ]
    return confirm_page(request, report, details=details, **page)


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_submit_view(request, pk: int):
    report = _report_for(request, pk, "submit")
    form = forms.VersionForm(request.POST or None, initial={"version": report.version})
    return _confirm(
        request,
        report,
        form=form,
        question=_("Vill du lämna in redovisningen?"),
        description=_("Redovisningen låses och granskas av Regeringskansliet."),
        warning=_("Du kan inte ändra redovisningen igen om den inte skickas tillbaka."),
        confirm_label=_("Lämna in"),
        perform=lambda data: services.agency_report_submit(
            report=report, actor=request.user, expected_version=data["version"]
        ),
        success=_("Redovisningen är inlämnad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_return_view(request, pk: int):
    report = _report_for(request, pk, "review")
    form = forms.ReturnForm(
        request.POST or None,
        initial={"version": report.version},
        label=_("Kommentar till myndigheten"),
        help_text=_("Vad som behöver kompletteras eller ändras."),
    )
    return _confirm(
        request,
        report,
        form=form,
        question=_("Vill du skicka tillbaka redovisningen?"),
        warning=_("Myndigheten kan då ändra redovisningen och lämna in den igen."),
        confirm_label=_("Skicka tillbaka"),
        danger=True,
        perform=lambda data: services.agency_report_return(
            report=report,
            note=data["reason"],
            actor=request.user,
            expected_version=data["version"],
        ),
        success=_("Redovisningen är återsänd till myndigheten."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_accept_view(request, pk: int):
    report = _report_for(request, pk, "review")
    form = forms.VersionForm(request.POST or None, initial={"version": report.version})
    return _confirm(
        request,
        report,
        form=form,
        question=_("Vill du godkänna redovisningen?"),
        warning=_("En godkänd redovisning kan inte ändras. Dess PDF skapas nu och arkiveras."),
        confirm_label=_("Godkänn"),
        perform=lambda data: services.agency_report_accept(
            report=report, actor=request.user, expected_version=data["version"]
        ),
        success=_("Redovisningen är godkänd och arkiverad som PDF."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_report_compile_view(request, pk: int):
    report = _report_for(request, pk, "compile")
    form = forms.VersionForm(request.POST or None, initial={"version": report.version})
    return _confirm(
        request,
        report,
        form=form,
        question=_("Vill du sammanställa enheternas redovisningar?"),
        description=_(
            "Avsnitten per partnerskap, hindren och förslagen byggs om från de inlämnade och "
            "godkända redovisningarna nedan. Sammanfattningen ändras inte."
        ),
        warning=_("Text som redan står i avsnitten för samma partnerskap ersätts."),
        confirm_label=_("Sammanställ"),
        template="reports/agency_report_compile.html",
        candidates=selectors.agency_report_compile_candidates(report=report),
        perform=lambda data: services.agency_report_compile(
            unit=report.unit,
            year=report.year,
            actor=request.user,
            expected_version=data["version"],
        ),
        success=_("Redovisningarna är sammanställda."),
    )
