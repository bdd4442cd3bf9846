"""Pages for annual district reports: list, page, edit, submit, review, PDF, attachments,
creating a year's reports and the overdue list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agreements.models import Attachment
from reports.district import selectors, services
from reports.district.filters import DistrictReportFilter
from reports.district.forms import (
    AttachmentForm,
    CreateReportsForm,
    DistrictReportForm,
    ReturnForm,
    VersionForm,
)
from reports.district.tables import DistrictReportTable
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView
from udavtal.lib.uploads import stored_file_response


class DistrictReportListView(FilteredListView):
    table_class = DistrictReportTable
    filterset_class = DistrictReportFilter
    export_name = "redovisningar"
    title = gettext_lazy("Årliga redovisningar")
    intro = gettext_lazy("Stadsdelarnas årliga redovisningar, med status och sista dag.")
    template_name = "reports/district_report_list.html"

    def get_queryset(self):
        return selectors.district_report_list_for_table(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_create"] = user.has_perm("reports.add_annualdistrictreport")
        context["can_monitor"] = user.has_perm("reports.monitor_annualdistrictreport")
        return context


def _get_report(request, pk: int, perm: str = "reports.view_annualdistrictreport"):
    report = selectors.district_report_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(perm, report):
        raise PermissionDenied
    return report


def _flags(user, report) -> dict:
    can_review = user.has_perm("reports.review_annualdistrictreport", report)
    is_author = can_review and not services.may_accept(report=report, actor=user)
    return {
        "can_edit": user.has_perm("reports.change_annualdistrictreport", report),
        "can_submit": user.has_perm("reports.submit_annualdistrictreport", report),
        "can_return": can_review,
        "can_accept": can_review and not is_author,
        "is_own_report": is_author,
        "can_download_pdf": bool(report.pdf_sha256),
    }


@login_required
def district_report_detail_view(request, pk: int):
    report = _get_report(request, pk)
    context = {
        "report": report,
        "content": selectors.district_report_content(report),
        "changes": changes_for(report),
        "attachment_form": AttachmentForm(),
        **_flags(request.user, report),
    }
    return render(request, "reports/district_report_detail.html", context)


@login_required
def district_report_edit_view(request, pk: int):
    report = _get_report(request, pk, "reports.change_annualdistrictreport")
    content = selectors.district_report_content(report)
    form = DistrictReportForm(request.POST or None, content=content)
    if request.method == "POST" and form.is_valid():
        try:
            services.district_report_save(
                report=report,
                data=form.to_input(),
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Redovisningen är sparad som utkast."))
            if "submit" in request.POST:
                return redirect("reports:district-report-submit", pk=report.pk)
            return redirect(report)
    status = 400 if request.method == "POST" else 200
    context = {"report": report, "content": content, "form": form}
    return render(request, "reports/district_report_edit.html", context, status=status)


@login_required
def district_report_submit_view(request, pk: int):
    report = _get_report(request, pk, "reports.submit_annualdistrictreport")
    form = VersionForm(request.POST or None, initial={"version": report.version})
    missing = services.district_report_missing(selectors.district_report_content(report))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.district_report_submit(
                report=report, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except services.ReportIncomplete as error:
            missing, status = error.items, 400
        except StaleObjectError as error:
            form.add_error(None, str(error))
            status = 400
        else:
            messages.success(request, _("Redovisningen är inlämnad för granskning."))
            return redirect(report)
    elif request.method == "POST":
        status = 400
    context = {
        "report": report,
        "form": form,
        "missing": missing,
        "edit_url": reverse("reports:district-report-edit", args=[report.pk]),
    }
    return render(request, "reports/district_report_submit.html", context, status=status)


@login_required
def district_report_return_view(request, pk: int):
    report = _get_report(request, pk, "reports.review_annualdistrictreport")
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.district_report_return(
            report=report, note=form.cleaned_data["reason"], actor=request.user
        )
        messages.success(request, _("Redovisningen är återsänd till kommunen."))
        return redirect(report)
    context = {
        "question": _("Vill du återsända redovisningen till kommunen?"),
        "description": str(report),
        "details": _review_details(report),
        "warning": _("Kommunen kan ändra redovisningen och lämna in den igen."),
        "form": form,
        "cancel_url": report.get_absolute_url(),
        "confirm_label": _("Återsänd"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)


@login_required
def district_report_accept_view(request, pk: int):
    report = _get_report(request, pk, "reports.review_annualdistrictreport")
    if not services.may_accept(report=report, actor=request.user):
        raise PermissionDenied(
            _("Du kan inte godkänna en redovisning som du själv har skrivit eller ändrat.")
        )
    if request.method == "POST":
        services.district_report_accept(report=report, actor=request.user)
        messages.success(request, _("Redovisningen är godkänd och arkiverad som PDF."))
        return redirect(report)
    context = {
        "question": _("Vill du godkänna redovisningen?"),
        "description": str(report),
        "details": _review_details(report),
        "warning": _("En godkänd redovisning kan inte ändras. Dess PDF skapas nu och arkiveras."),
        "cancel_url": report.get_absolute_url(),
        "confirm_label": _("Godkänn"),
    }
    return render(request, "includes/confirm.html", context)


def _review_details(report) -> list:
    return [
        (_("Kommun"), report.district.municipality.name),
        (_("Stadsdel"), report.district.name),
        (_("År"), str(report.year)),
        (_("Inlämnad av"), report.submitted_by),
    ]


@login_required
def district_report_pdf_view(request, pk: int):
    """The archived PDF of an accepted report, streamed from storage (never re-rendered)."""
    report = _get_report(request, pk)
    if not report.pdf_sha256 or not report.pdf:
        raise Http404
    filename = f"redovisning-{report.district.name}-{report.year}.pdf"
    return stored_file_response(report.pdf, filename)


@login_required
@require_POST
def district_report_attachment_add_view(request, pk: int):
    report = _get_report(request, pk, "reports.change_annualdistrictreport")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.district_report_attach(
                report=report,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Bilagan är tillagd."))
            return redirect(f"{report.get_absolute_url()}#bilagor")
    context = {"report": report, "form": form}
    return render(request, "reports/district_report_attachment_form.html", context, status=400)


def _get_attachment(report, attachment_pk: int) -> Attachment:
    attachments = selectors.attachments_of(report)
    return get_object_or_404(attachments, pk=attachment_pk)


@login_required
def district_report_attachment_download_view(request, pk: int, attachment_pk: int):
    report = _get_report(request, pk)
    attachment = _get_attachment(report, attachment_pk)
    return stored_file_response(attachment.file, attachment.original_name, attachment.mime_type)


@login_required
def district_report_attachment_delete_view(request, pk: int, attachment_pk: int):
    report = _get_report(request, pk, "reports.change_annualdistrictreport")
    attachment = _get_attachment(report, attachment_pk)
    if request.method == "POST":
        services.district_report_remove_attachment(
            report=report, attachment=attachment, actor=request.user
        )
        messages.success(request, _("Bilagan är borttagen."))
        return redirect(f"{report.get_absolute_url()}#bilagor")
    context = {
        "question": _("Vill du ta bort bilagan?"),
        "details": [(_("Fil"), attachment.original_name), (_("Redovisning"), str(report))],
        "warning": _("Bilagan tas bort från redovisningen. Historiken visar att den fanns."),
        "cancel_url": report.get_absolute_url(),
        "confirm_label": _("Ta bort"),
        "danger": True,
    }
    return render(request, "includes/confirm.html", context)


@login_required
def district_reports_create_view(request):
    if not request.user.has_perm("reports.add_annualdistrictreport"):
        raise PermissionDenied
    form = CreateReportsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.district_reports_create_for_year(
            year=form.cleaned_data["year"],
            due_on=form.cleaned_data["due_on"],
            actor=request.user,
        )
        messages.success(
            request,
            _(
                "%(created)s nya redovisningar för %(year)s skapades (%(existing)s fanns redan). "
                "Sista dag: %(due_on)s."
            )
            % {
                "created": len(result.created),
                "existing": result.existing,
                "year": result.year,
                "due_on": result.due_on.isoformat(),
            },
        )
        return redirect(f"{reverse('reports:district-report-list')}?year={result.year}")
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/district_report_create.html", {"form": form}, status=status)


@login_required
def overdue_reports_view(request):
    if not request.user.has_perm("reports.monitor_annualdistrictreport"):
        raise PermissionDenied
    page = selectors.district_reports_overdue(user=request.user, page=request.GET.get("page"))
    context = {"reports": page.object_list, "page": page}
    return render(request, "reports/district_report_overdue.html", context)
