"""Demo annual district reports and agency reports (13 §) in every review status.

The reporting day 1 October comes from the seeds [004:L1684-1685]; everything else (texts,
values reported, review notes) is example data. Reported indicator values are read from the
generated series, so a report agrees with the statistics pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agreements.models import Agreement, StrategicDistrictPlan
from partnerships.models import AgencyUnit, Partnership
from reports.agency.pdf import build_agency_report_pdf
from reports.agency.services import agency_report_archive_pdf
from reports.demo.base import CHANGE_REASON, Demo, at
from reports.demo.plans import (
    BOTKYRKA,
    GOTEBORG,
    LANDSKRONA,
    LINKOPING,
    MALMO,
    NORRKOPING,
    UPPSALA,
    short_name,
)
from reports.demo.series import Area, Series
from reports.district.pdf import build_district_report_pdf
from reports.district.services import district_report_archive_pdf
from reports.models import (
    AgencyReport,
    AgencyReportEntry,
    AnnualDistrictReport,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)

R = ReviewStatus
REPORT_YEARS = {
    MALMO: (2025, 2026),
    BOTKYRKA: (2025, 2026),
    GOTEBORG: (2025, 2026),
    LINKOPING: (2026,),
    UPPSALA: (2025, 2026),
    LANDSKRONA: (2025,),
    NORRKOPING: (2023, 2024, 2025),
}
# Reports not listed here are accepted.
REPORT_STATUS = {
    ("1280-01", 2026): R.SUBMITTED, ("1280-02", 2026): R.RETURNED, ("1280-04", 2026): R.DRAFT,
    ("1280-05", 2026): R.NOT_STARTED, ("0127-01", 2026): R.SUBMITTED,
    ("0127-02", 2026): R.DRAFT, ("0127-03", 2026): R.RETURNED, ("1480-02", 2026): R.SUBMITTED,
    ("1480-03", 2026): R.SUBMITTED, ("1480-04", 2026): R.DRAFT,
    ("1480-05", 2026): R.NOT_STARTED, ("1480-05", 2025): R.RETURNED,
    ("0580-01", 2026): R.DRAFT, ("0380-01", 2026): R.NOT_STARTED,
}  # fmt: skip
RETURN_NOTE = (
    "Redovisningen saknar uppgifter om hur de boende har medverkat och om de hinder för samverkan "
    "som nämns i planen. Komplettera och lämna in igen. (Exempel)"
)
NARRATIVE = {
    "arbete": "Arbetsmarknadsmottagningen i {d} har haft öppet två dagar i veckan. Fler boende "
    "har gått till arbete eller studier, men andelen med ekonomiskt bistånd minskar långsamt.",
    "utbildning": "Läxhjälpen och lovskolan har nått fler elever än året innan. Skolan och "
    "socialtjänsten har följt upp elever med hög frånvaro tillsammans.",
    "trygghet": "Trygghetsvandringar har genomförts varje kvartal med boende, polis och "
    "bostadsföretaget. Belysningen längs gångstråken är förbättrad.",
    "demokrati": "Demokratiambassadörer har informerat om valet på flera språk i {d}.",
    "halsa": "Försäkringskassan och kommunen har samordnat insatser för sjukskrivna boende.",
    "lokal-utveckling": "Två nya företag har startat i lokalerna i centrumhuset i {d}.",
}
MEASURE_COMMENT = {
    "planned": "Planeras till nästa år.",
    "ongoing": "Pågår enligt plan.",
    "done": "Genomförd.",
    "cancelled": "Inställd: finansieringen uteblev.",
}

COORDINATOR_USERNAMES = {"1280": "samordnare.malmo", "0127": "samordnare.botkyrka"}


def _times(year: int, status: str, number: int) -> dict:
    """Submission and review times that fit the status, before the demo's 'today'."""
    submitted = at(date(year, 9, 15 + number % 14), 14, 5)
    reviewed = at(date(year, 10, 8 + number % 14), 9, 30)
    if status in {R.NOT_STARTED, R.DRAFT}:
        return {}
    if status == R.SUBMITTED:
        return {"submitted_at": submitted}
    return {"submitted_at": submitted, "reviewed_at": reviewed}


def ensure_district_reports(
    demo: Demo,
    agreements: dict[tuple, Agreement],
    plans: dict[tuple, StrategicDistrictPlan],
    users: dict[str, object],
    series: Series,
) -> None:
    number = 0
    for key, years in REPORT_YEARS.items():
        agreement = agreements[key]
        submitter = users.get(COORDINATOR_USERNAMES.get(agreement.municipality.code, ""))
        for district in agreement.districts.order_by("code"):
            plan = plans[(key, district.code)]
            goals = list(plan.goals.select_related("goal_area").order_by("position"))
            for year in years:
                number += 1
                status = REPORT_STATUS.get((district.code, year), R.ACCEPTED)
                report = _ensure_report(
                    demo, agreement, district, year, status, number, submitter, users
                )
                if status == R.NOT_STARTED:
                    continue
                _ensure_content(demo, report, plan, goals, status, number, series)
                if status == R.ACCEPTED and demo.is_new(report):
                    _accept(demo, report)


def _accept(demo: Demo, report: AnnualDistrictReport) -> None:
    """Accept a new report once its rows exist, and archive its PDF: an accepted report never
    changes (a database trigger refuses), apart from the one write that stores its PDF."""
    report.status = R.ACCEPTED
    report._change_reason = CHANGE_REASON
    report._history_user = demo.actor
    report.save(update_fields=["status"])
    district_report_archive_pdf(
        report=report, pdf=build_district_report_pdf(report), actor=demo.actor
    )


def _ensure_report(demo, agreement, district, year, status, number, submitter, users):
    name = short_name(district)
    times = _times(year, status, number)
    return demo.ensure(
        AnnualDistrictReport,
        {"district": district, "year": year},
        {
            "agreement": agreement,
            # An accepted report is accepted after its rows are written (see _accept).
            "status": R.SUBMITTED if status == R.ACCEPTED else status,
            "due_on": date(year, 10, 1),
            "summary": ""
            if status == R.NOT_STARTED
            else f"Exempeltext. Arbetet i {name} har under {year} följt stadsdelsplanen. "
            "Samverkan med myndigheterna har fördjupats inom arbete och trygghet.",
            "obstacles": ""
            if status in {R.NOT_STARTED, R.DRAFT}
            else "Olika sekretessregler och datasystem försvårar gemensam uppföljning. "
            "Myndigheternas lokala kontor saknar ibland mandat att besluta.",
            "cooperation": ""
            if status == R.NOT_STARTED
            else "Partnerskapet har träffats fyra gånger. Försäkringskassan och "
            "Arbetsförmedlingen har deltagit regelbundet.",
            "goal_conflicts": ""
            if status in {R.NOT_STARTED, R.DRAFT}
            else "Kommunens sparbeting på fritidsverksamheten motverkar målet om trygghet.",
            "resident_participation": ""
            if status in {R.NOT_STARTED, R.DRAFT, R.RETURNED}
            else f"Boende i {name} har deltagit i två dialogmöten och i trygghetsvandringar.",
            "return_note": RETURN_NOTE if status == R.RETURNED else "",
            "submitted_by": submitter if "submitted_at" in times else None,
            "reviewed_by": users["handlaggare"] if "reviewed_at" in times else None,
            "created_at": at(date(year, 8, 20)),
            **times,
        },
    )


def _ensure_content(demo, report, plan, goals, status, number, series):
    name = short_name(report.district)
    draft = status == R.DRAFT
    areas = []
    for goal in goals:
        if goal.goal_area not in areas:
            areas.append(goal.goal_area)
    for area in areas[:2] if draft else areas:
        demo.ensure(
            ReportNarrative,
            {"report": report, "goal_area": area},
            {"text": "Exempeltext. " + NARRATIVE[area.code].format(d=name)},
        )
    goal_indicators = [
        gi for goal in goals for gi in goal.indicators.select_related("indicator").order_by("id")
    ]
    if draft:
        goal_indicators = goal_indicators[: len(goal_indicators) // 2]
    area = Area("district", report.district.code)
    for index, gi in enumerate(goal_indicators):
        latest = series.latest(gi.indicator.code, area, report.year)
        value, comment = None, "Uppgift saknas för stadsdelen."
        if latest is not None and (number + index) % 7 != 3:
            year, value = latest
            comment = "" if year == report.year else f"Senaste uppgift avser {year}."
        demo.ensure(
            ReportIndicatorValue,
            {"report": report, "goal_indicator": gi},
            {"value": value, "comment": comment},
        )
    if draft:
        return
    for goal in goals:
        for measure in goal.measures.order_by("id"):
            demo.ensure(
                ReportMeasure,
                {"report": report, "measure": measure},
                {"status": measure.status, "comment": MEASURE_COMMENT[measure.status]},
            )


@dataclass(frozen=True)
class AgencyReportSpec:
    unit: str
    year: int
    status: str
    compiled_from: tuple[tuple[str, int], ...] = ()


AGENCY_REPORTS = [
    AgencyReportSpec("Polismyndigheten i Skåne län", 2009, R.ACCEPTED),
    AgencyReportSpec("Rikspolisstyrelsen", 2009, R.ACCEPTED,
                     (("Polismyndigheten i Skåne län", 2009),)),
    AgencyReportSpec("Försäkringskassan", 2025, R.ACCEPTED),
    AgencyReportSpec("Försäkringskassan", 2026, R.SUBMITTED),
    AgencyReportSpec("Arbetsförmedlingen", 2025, R.ACCEPTED),
    AgencyReportSpec("Arbetsförmedlingen", 2026, R.RETURNED),
    AgencyReportSpec("Polisregion Syd", 2026, R.SUBMITTED),
    AgencyReportSpec("Polisregion Stockholm", 2026, R.NOT_STARTED),
    AgencyReportSpec("Polisregion Väst", 2026, R.DRAFT),
    AgencyReportSpec("Polismyndigheten", 2026, R.DRAFT,
                     (("Polisregion Syd", 2026), ("Polisregion Stockholm", 2026),
                      ("Polisregion Väst", 2026))),
    AgencyReportSpec("Brottsförebyggande rådet", 2026, R.NOT_STARTED),
]  # fmt: skip


def _partnerships_of(unit: AgencyUnit, year: int) -> list[Partnership]:
    """Partnerships the unit (or, for a central unit, any unit of its agency) was a member of in
    `year`."""
    members = (
        {"members__agency_unit__agency": unit.agency}
        if unit.level == AgencyUnit.Level.CENTRAL
        else {"members__agency_unit": unit}
    )
    return list(
        Partnership.objects.filter(
            agreement__starts_on__year__lte=year, agreement__ends_on__year__gte=year, **members
        )
        .distinct()
        .order_by("agreement__starts_on", "name")
    )


def ensure_agency_reports(demo: Demo, users: dict[str, object]) -> None:
    units = {u.name: u for u in AgencyUnit.objects.select_related("agency")}
    reports: dict[tuple[str, int], AgencyReport] = {}
    for number, spec in enumerate(AGENCY_REPORTS, start=1):
        unit = units[spec.unit]
        status = spec.status
        times = _times(spec.year, status, number)
        started = status != R.NOT_STARTED
        complete = status not in {R.NOT_STARTED, R.DRAFT}
        fk = unit.agency.name == "Försäkringskassan"

        def link(report, spec=spec):
            report.compiled_from.set([reports[key] for key in spec.compiled_from])

        report = demo.ensure(
            AgencyReport,
            {"unit": unit, "year": spec.year},
            {
                "agency": unit.agency,
                # An accepted report is accepted after its sections are written (a database
                # trigger freezes accepted agency reports, migration reports.0009).
                "status": R.SUBMITTED if status == R.ACCEPTED else status,
                "due_on": date(spec.year, 10, 1),
                "summary": f"Exempeltext. {unit.name} har under {spec.year} deltagit i de lokala "
                "partnerskapen enligt samverkansöverenskommelserna."
                if started
                else "",
                "obstacles": "Uppdraget ska utföras inom ordinarie resurser; det saknas medel för "
                "gemensam administration."
                if complete
                else "",
                "proposals": "Regeringskansliet bör ange samverkan i stadsdelarna i myndighetens "
                "regleringsbrev."
                if complete
                else "",
                "return_note": "Redovisningen per partnerskap saknar uppgifter om hinder. "
                "Komplettera och lämna in igen. (Exempel)"
                if status == R.RETURNED
                else "",
                "submitted_by": users["myndighet.fk"] if fk and "submitted_at" in times else None,
                "reviewed_by": users["handlaggare"] if "reviewed_at" in times else None,
                "created_at": at(date(spec.year, 8, 15)),
                **times,
            },
            after_create=link,
        )
        reports[(spec.unit, spec.year)] = report
        if not started:
            continue
        for partnership in _partnerships_of(unit, spec.year):
            demo.ensure(
                AgencyReportEntry,
                {"report": report, "partnership": partnership},
                {
                    "done": "Exempeltext. Deltagit i partnerskapets möten och genomfört de "
                    "åtaganden som överenskommelsen anger.",
                    "obstacles": "Olika sekretessregler försvårar gemensam uppföljning."
                    if complete
                    else "",
                    "proposals": "Gemensam lokal för myndigheternas närvaro i stadsdelen."
                    if complete
                    else "",
                },
            )
        if status == R.ACCEPTED and demo.is_new(report):
            report.status = R.ACCEPTED
            report._change_reason = CHANGE_REASON
            report._history_user = demo.actor
            report.save(update_fields=["status"])
            if not report.pdf_sha256:
                # Accepted reports are archived as PDF on acceptance, like the district reports.
                agency_report_archive_pdf(
                    report=report, pdf=build_agency_report_pdf(report), actor=demo.actor
                )
