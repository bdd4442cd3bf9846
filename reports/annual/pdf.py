"""The annual report's PDF: the content (selectors) → one template → `udavtal.lib.pdf.render_pdf`.

The document is rendered in one pass by WeasyPrint, so that the table of contents
(`target-counter`), "Sida X av Y", the bookmarks and the PDF/UA structure tree are those of one
document. A draft carries the UTKAST watermark; the published version is rendered once, without
it, when the report is published (services.annual_report_publish), and is never rendered again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from reports.annual import selectors
from reports.models import AnnualReport
from udavtal.lib import charts
from udavtal.lib import pdf as lib_pdf

Progress = Callable[[int, str], None]


TocEntry = lib_pdf.ContentsEntry
RenderedReport = lib_pdf.RenderedPdf


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _chart(chapter: selectors.IndicatorChapter) -> SafeString:
    indicator = chapter.indicator
    last = chapter.data_year or chapter.years[-1]  # no empty years at the end
    series = [
        charts.Series(label, [(year, f.public) for year, f in points if year <= last])
        for label, points in chapter.series.items()
    ]
    svg = charts.line_chart(
        series,
        title=_(
            "%(indicator)s %(first)s–%(last)s, stadsdelar med avtal jämfört med kommunerna, "
            "riket och jämförelsegruppen"
        )
        % {"indicator": indicator.name, "first": chapter.years[0], "last": last},
        chart_id=f"chart-{indicator.code}",
        unit=indicator.unit,
        decimals=indicator.decimals,
        description=_("Värden som saknas eller skyddas (..) är luckor i linjerna."),
        height=260,
    )
    return mark_safe(svg)  # noqa: S308 – charts escapes every text it draws


def toc_entries(content: selectors.AnnualReportContent) -> list[TocEntry]:
    entries = [
        TocEntry("sammanfattning", _("Sammanfattning")),
        TocEntry("kap-1", "1 " + _("Inledning")),
        TocEntry("kap-2", "2 " + _("Utvecklingen i stadsdelarna")),
    ]
    for number, area in enumerate(content.goal_areas, start=1):
        entries.append(TocEntry(f"omrade-{number}", f"2.{number} {area.name}", 2))
    entries += [
        TocEntry("kap-3", "3 " + _("Samverkan")),
        TocEntry("kap-4", "4 " + _("Kommunernas redovisningar")),
        TocEntry("kap-5", "5 " + _("Myndigheternas redovisningar")),
        TocEntry("kap-6", "6 " + _("Ekonomi")),
        TocEntry("kap-7", "7 " + _("Bedömning")),
        TocEntry("bilaga-1", _("Bilaga 1") + " " + _("Avtal")),
        TocEntry("bilaga-2", _("Bilaga 2") + " " + _("Stadsdelar")),
        TocEntry("bilaga-3", _("Bilaga 3") + " " + _("Indikatorernas definitioner och källor")),
        TocEntry("bilaga-4", _("Bilaga 4") + " " + _("Regeln om små tal")),
        TocEntry("bilaga-5", _("Bilaga 5") + " " + _("Fullständiga tabeller")),
    ]
    return entries


def document_context(
    report: AnnualReport, content: selectors.AnnualReportContent, *, draft: bool
) -> dict:
    """Everything the template shows, shaped here so that the template does not compute."""
    for area_number, area in enumerate(content.goal_areas, start=1):
        for number, chapter in enumerate(area.indicators, start=1):
            chapter.figure_number = f"2.{area_number}.{number}"
            if chapter.data_year is not None and not chapter.chart:
                chapter.chart = _chart(chapter)
    by_municipality: dict[str, list[str]] = {}
    for district in content.districts:
        by_municipality.setdefault(district.municipality.name, []).append(district.name)
    return {
        "report": report,
        "content": content,
        "draft": draft,
        "generated_on": timezone.localdate(),
        "toc_entries": toc_entries(content),
        "introduction_paragraphs": _paragraphs(report.introduction),
        "assessment_paragraphs": _paragraphs(report.assessment),
        "municipality_districts": list(by_municipality.items()),
        # Fixed table layout for the long tables (bench/annual_report.py measures without it).
        "fixed_tables": True,
    }


def title_of(report: AnnualReport) -> str:
    return report.title or _("Årsrapport till riksdagen %(year)s") % {"year": report.year}


TEMPLATE = "reports/pdf/annual_report.html"


def build_annual_report_pdf(
    report: AnnualReport, *, draft: bool, progress: Progress | None = None
) -> RenderedReport:
    """Read everything, render the whole document in one WeasyPrint pass, count its pages."""

    def step(percent: int, message: str) -> None:
        if progress is not None:
            progress(percent, message)

    with override("sv"):
        step(5, _("Hämtar uppgifter"))
        content = selectors.annual_report_content(report)
        step(20, _("Ritar diagram"))
        context = document_context(report, content, draft=draft)
        step(30, _("Sätter dokumentet (%(pages)s stadsdelar)") % {"pages": len(content.districts)})
        rendered = lib_pdf.render_pdf_counted(
            TEMPLATE, context, title=title_of(report), author=_("Regeringskansliet")
        )
        step(95, _("Sparar filen"))
        return rendered
