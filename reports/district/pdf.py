"""The district report's PDF, rendered once when the report is accepted (see services)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from reports.district import selectors
from reports.models import AnnualDistrictReport
from udavtal.lib.pdf import render_pdf


def build_district_report_pdf(report: AnnualDistrictReport) -> bytes:
    content = selectors.district_report_content(report)
    with override("sv"):
        title = _("Årlig redovisning %(year)s – %(district)s") % {
            "year": report.year,
            "district": report.district.name,
        }
        return render_pdf(
            "reports/pdf/district_report.html",
            {"report": report, "content": content, "draft": False},
            title=title,
            author=report.district.municipality.name,
        )
