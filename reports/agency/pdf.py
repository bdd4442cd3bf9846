"""The agency's yearly report (13 § förordningen (2008:348)) as a PDF, rendered once when the
report is accepted (see services) and archived with its SHA-256; never re-rendered."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from reports.agency import selectors
from reports.models import AgencyReport, ReviewStatus
from udavtal.lib import formats
from udavtal.lib.pdf import render_pdf


def _date(moment) -> str:
    return formats.long_date(timezone.localtime(moment).date()) if moment else ""


def agency_report_context(document: selectors.AgencyReportDocument) -> dict:
    report = document.report
    return {
        "report": report,
        "entries": document.entries,
        "sources": document.sources,
        "draft": report.status != ReviewStatus.ACCEPTED,
        "pdf_reference": _("Redovisning enligt 13 § förordningen (2008:348) · %(unit)s %(year)s")
        % {"unit": report.unit.name, "year": report.year},
        "facts": [
            (_("Myndighet"), report.agency.name),
            (_("Rapporterande enhet"), report.unit.name),
            (_("Redovisningsår"), str(report.year)),
            (_("Sista dag"), formats.long_date(report.due_on)),
            (_("Inlämnad"), _date(report.submitted_at)),
            (_("Godkänd"), _date(report.reviewed_at)),
        ],
    }


def build_agency_report_pdf(report: AgencyReport) -> bytes:
    with override("sv"):
        document = selectors.agency_report_document(pk=report.pk)
        title = _("Myndighetens redovisning %(year)s – %(unit)s") % {
            "year": report.year,
            "unit": document.report.unit.name,
        }
        return render_pdf(
            "reports/pdf/agency_report.html",
            agency_report_context(document),
            title=title,
            author=document.report.agency.name,
            subject=_(
                "Redovisning enligt 13 § förordningen (2008:348) om urbant utvecklingsarbete"
            ),
        )
