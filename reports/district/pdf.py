"""The district report's PDF, rendered once when the report is accepted (see services) and
archived with its SHA-256; never re-rendered."""

from __future__ import annotations

import dataclasses

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from reports.district import selectors
from reports.models import AnnualDistrictReport
from reports.statistics import presentation, suppression
from udavtal.lib import formats
from udavtal.lib.pdf import ContentsEntry, generated_url, render_pdf

#: Years drawn in a chart and years shown in the table beside it (A4 portrait has room for so many).
CHART_YEARS = 10
CHART_SIZE = (760, 250)  # flatter than on the web page, so that two indicators fit on a page
TABLE_YEARS = 6


def _headings() -> dict[str, str]:
    return {
        "summary": _("Sammanfattning"),
        "goals": _("Mål och indikatorer"),
        "statistics": _("Indikatorerna jämförda med kommunen och riket"),
        "measures": _("Insatser"),
        "cooperation": _("Samverkan med myndigheter"),
        "obstacles": _("Hinder för samverkan"),
        "conflicts": _("Målkonflikter"),
        "participation": _("De boendes medverkan"),
        "narratives": _("Utvecklingen per målområde"),
        "about": _("Om uppgifterna"),
    }


def _date(moment) -> str:
    return formats.long_date(timezone.localtime(moment).date()) if moment else ""


def district_report_context(document: selectors.DistrictReportDocument) -> dict:
    report = document.report
    district = report.district
    sections, images = [], {}
    for section in document.statistics:
        chart = None
        if section.has_values:
            drawn = dataclasses.replace(section, rows=section.rows[-CHART_YEARS:])
            names = {
                "district_name": district.name,
                "municipality_name": district.municipality.name,
            }
            name = f"chart-{section.indicator.code}.svg"
            images[name] = str(
                presentation.section_chart(
                    drawn, chart_id=f"chart-{section.indicator.code}", size=CHART_SIZE, **names
                )
            )
            chart = {
                "url": generated_url(name),
                "alt": presentation.section_chart_title(drawn, **names)
                + ". "
                + _("Samma värden finns i tabellen under diagrammet."),
            }
        sections.append((section, chart, section.rows[-TABLE_YEARS:]))
    headings = _headings()
    order = ["summary", "goals", "statistics", "measures", "cooperation", "obstacles"]
    order += ["conflicts", "participation", "narratives", "about"]
    if not sections:
        order.remove("statistics")
    return {
        "images": images,
        "report": report,
        "content": document.content,
        "sections": sections,
        "has_measures": any(goal.measures for goal in document.content.goals),
        "headings": headings,
        "contents": [ContentsEntry(key, headings[key]) for key in order],
        "threshold": suppression.threshold(),
        "example": document.has_examples,
        "draft": report.status != report.Status.ACCEPTED,
        "pdf_reference": _("Årlig redovisning %(year)s · %(district)s, %(municipality)s")
        % {"year": report.year, "district": district.name, "municipality": district.municipality},
        "facts": [
            (_("Kommun"), district.municipality.name),
            (_("Stadsdel"), district.name),
            (_("Redovisningsår"), str(report.year)),
            (
                _("Avtal"),
                f"{report.agreement.title} ({report.agreement.case_number})"
                if report.agreement.case_number
                else report.agreement.title,
            ),
            (_("Sista dag"), formats.long_date(report.due_on)),
            (_("Inlämnad"), _date(report.submitted_at)),
            (_("Godkänd"), _date(report.reviewed_at)),
        ],
    }


def build_district_report_pdf(report: AnnualDistrictReport) -> bytes:
    with override("sv"):
        document = selectors.district_report_document(pk=report.pk)
        title = _("Årlig redovisning %(year)s – %(district)s") % {
            "year": report.year,
            "district": document.report.district.name,
        }
        context = district_report_context(document)
        return render_pdf(
            "reports/pdf/district_report.html",
            context,
            images=context.pop("images"),
            title=title,
            author=document.report.district.municipality.name,
            subject=_("Årlig redovisning för stadsdelen enligt det lokala utvecklingsavtalet"),
        )
