"""The demo's annual report to the Riksdag: a draft for the latest year with accepted district
reports, with an introduction and a balanced assessment (Exempeldata). No PDF is rendered here
(that takes a while): the officer presses "Generera utkast" on the report's page."""

from __future__ import annotations

from reports.demo.base import Demo
from reports.models import AnnualDistrictReport, AnnualReport, ReviewStatus

INTRODUCTION = (
    "Regeringen lämnar i denna skrivelse en redovisning av arbetet med lokala "
    "utvecklingsavtal under året (exempeldata).\n\n"
    "Avtalen ingås mellan staten och kommuner med stadsdelar som har ett utbrett "
    "utanförskap. Syftet är att bryta segregationen genom samverkan mellan kommunen, "
    "de statliga myndigheterna och de boende. Myndigheternas samverkan i stadsdelarna "
    "följer förordningen (2008:348) om urbant utvecklingsarbete; kommunerna kan dessutom "
    "söka statsbidraget enligt förordningen (2018:151)."
)
ASSESSMENT = (
    "Det som har gått bra: sysselsättningen har ökat i flertalet stadsdelar och "
    "skillnaden mot riket har minskat. Samverkan med Arbetsförmedlingen och "
    "Försäkringskassan har fördjupats (exempeldata).\n\n"
    "Det som inte har gått bra: tryggheten har inte förbättrats i samma takt, flera mål i "
    "stadsdelsplanerna saknar ännu åtaganden från en myndighet och några kommuner har "
    "lämnat sina redovisningar sent."
)


def ensure_annual_report(demo: Demo) -> AnnualReport:
    year = (
        AnnualDistrictReport.objects.filter(status=ReviewStatus.ACCEPTED)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if year is None:
        year = 2025
    return demo.ensure(
        AnnualReport,
        {"year": year},
        {
            "title": f"Lokala utvecklingsavtal – årsrapport {year} (exempel)",
            "case_number": f"EX-Ku{year + 1}/00123",
            "introduction": INTRODUCTION,
            "assessment": ASSESSMENT,
        },
    )
