"""Reads for the annual report: the lists, and `annual_report_content`, everything the document
shows, preloaded in a fixed number of queries whatever the number of districts, indicators and
reports (pinned in tests/reports/test_annual_report.py).

Scope of a year: the agreements that were entered (signed, in force, ended, paused or terminated)
and whose period overlaps the calendar year; their municipalities and districts. Every indicator
value leaves here as a `suppression.Figure`, so that a suppressed value can never reach the PDF.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementFunding, District, PlanGoal
from partnerships.models import AccordCommitment, CooperationAccord
from reports.annual import hooks
from reports.models import (
    AgencyReport,
    AnnualDistrictReport,
    AnnualReport,
    Indicator,
    IndicatorValue,
    ReportIndicatorValue,
    ReportNarrative,
    ReviewStatus,
)
from reports.statistics import comparison, suppression
from reports.statistics.areas import SWEDEN, AreaType
from reports.statistics.suppression import NO_FIGURE, Figure
from udavtal.lib.collation import swedish

Sex = IndicatorValue.Sex
#: How many years the charts and the full tables cover (ending with the report's year).
YEARS_SHOWN = 6


# ---------- Lists and single reports ----------


def annual_report_list_for_user(*, user) -> QuerySet[AnnualReport]:
    """Officers see every report; readers the published ones."""
    reports = AnnualReport.objects.select_related("published_by").order_by("-year")
    if user.has_perm("reports.change_annualreport"):
        return reports
    return reports.filter(status=AnnualReport.Status.PUBLISHED)


def annual_report_get_for_user(*, user, pk: int) -> AnnualReport:
    return get_object_or_404(annual_report_list_for_user(user=user), pk=pk)


def published_annual_reports() -> QuerySet[AnnualReport]:
    """The public publication list (no login)."""
    return AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).order_by("-year")


@dataclass
class Publication:
    report: AnnualReport
    size: int | None  # bytes; None if the stored file is missing (an operations problem)


def publications() -> list[Publication]:
    """The public page's rows: each published report with the size of its stored file."""
    rows = []
    for report in published_annual_reports():
        try:
            size = report.pdf.size
        except (FileNotFoundError, ValueError):
            size = None
        rows.append(Publication(report, size))
    return rows


def published_annual_report_get(*, pk: int) -> AnnualReport:
    return get_object_or_404(published_annual_reports(), pk=pk)


# ---------- The document's content ----------


@dataclass
class AreaFigures:
    """One row of an indicator table: total, women, men (the latter only if person based)."""

    label: str
    total: Figure = NO_FIGURE
    women: Figure = NO_FIGURE
    men: Figure = NO_FIGURE
    municipality: Figure = NO_FIGURE
    gap: Figure = NO_FIGURE  # total − municipality
    municipality_name: str = ""


@dataclass
class IndicatorChapter:
    indicator: Indicator
    data_year: int | None
    rows: list[AreaFigures]  # one per district
    summary_rows: list[AreaFigures]  # covered districts together, municipalities, Sweden, group
    years: list[int]
    series: dict[str, list[tuple[int, Figure]]]  # label → points (for the chart)
    full_rows: list[tuple[str, str, list[Figure]]]  # district, municipality, figure per year
    first_year: int | None = None
    gap_first: Figure = NO_FIGURE  # covered districts − Sweden in first_year
    gap_latest: Figure = NO_FIGURE  # … in data_year
    has_examples: bool = False
    chart: str = ""  # the SVG, drawn by reports.annual.pdf
    figure_number: str = ""  # "2.1.3": chapter 2, goal area 1, third indicator

    @property
    def gap_change(self) -> Figure:
        return self.gap_latest.minus(self.gap_first)

    @property
    def trend(self) -> str:
        """'better', 'worse', 'same' or '' (unknown): did the gap to Sweden narrow?"""
        change = self.gap_change
        if change.public is None or self.gap_first.public is None:
            return ""
        narrowed = abs(self.gap_latest.public) < abs(self.gap_first.public)
        if abs(change.public) < Decimal("0.05"):
            return "same"
        return "better" if narrowed else "worse"


@dataclass
class GoalAreaChapter:
    name: str
    indicators: list[IndicatorChapter] = field(default_factory=list)


@dataclass
class AccordGroup:
    agency: str
    rows: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # municipality, accords, commitments

    @property
    def accord_count(self) -> int:
        return sum(r[1] for r in self.rows)

    @property
    def commitment_count(self) -> int:
        return sum(r[2] for r in self.rows)


@dataclass
class DistrictPage:
    district: District
    report: AnnualDistrictReport | None
    narratives: list[ReportNarrative] = field(default_factory=list)
    values: list[ReportIndicatorValue] = field(default_factory=list)
    measure_counts: list[tuple[str, int]] = field(default_factory=list)
    status_label: str = ""


@dataclass
class KeyFigures:
    municipalities: int
    districts: int
    agreements: int
    district_reports_expected: int
    district_reports_accepted: int
    accords: int
    commitments: int
    goals_without_commitment: int
    agency_reports_accepted: int
    state_funding_sek: Decimal
    municipal_funding_sek: Decimal


@dataclass
class AnnualReportContent:
    report: AnnualReport
    year: int
    key: KeyFigures
    agreements: list[Agreement]
    districts: list[District]
    goal_areas: list[GoalAreaChapter]
    indicators: list[Indicator]
    accord_groups: list[AccordGroup]
    goals_without_commitment: list[PlanGoal]
    district_pages: list[DistrictPage]
    agency_reports: list[AgencyReport]
    funding_years: list[int]
    funding_rows: list[tuple[str, list[tuple[Decimal, Decimal]]]]  # municipality, per year
    funding_totals: list[tuple[Decimal, Decimal]]
    funding_sections: list[hooks.FundingSection]
    threshold: int
    has_examples: bool
    report_status_by_district: dict[int, str]

    @property
    def went_well(self) -> list[IndicatorChapter]:
        return [c for a in self.goal_areas for c in a.indicators if c.trend == "better"]

    @property
    def went_badly(self) -> list[IndicatorChapter]:
        return [c for a in self.goal_areas for c in a.indicators if c.trend == "worse"]

    @property
    def accepted_pages(self) -> list[DistrictPage]:
        return [p for p in self.district_pages if p.report is not None]

    @property
    def districts_without_report(self) -> list[DistrictPage]:
        return [p for p in self.district_pages if p.report is None]

    @property
    def indicator_chapters(self) -> list[IndicatorChapter]:
        return [c for a in self.goal_areas for c in a.indicators]


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def agreements_of_year(year: int) -> QuerySet[Agreement]:
    first, last = _year_bounds(year)
    return Agreement.objects.filter(
        status__in=comparison.ENTERED_STATUSES, starts_on__lte=last, ends_on__gte=first
    )


def _aggregate(points) -> Figure:
    return comparison.group_figure(comparison.GroupAggregate.of(points))


def _indicator_chapters(
    year: int, districts: list[District], indicators: list[Indicator]
) -> tuple[list[GoalAreaChapter], bool]:
    """Chapter 2 and the full tables: three queries (values, group codes, group sums)."""
    first_year = year - YEARS_SHOWN + 1
    district_codes = [d.code for d in districts]
    municipality_codes = sorted({d.municipality.code for d in districts})
    ids = [i.pk for i in indicators]
    raw: dict[tuple, tuple] = {}  # (area type, code, indicator, year, sex) → (value, base)
    examples: set[int] = set()
    values = IndicatorValue.objects.filter(
        indicator_id__in=ids, year__gte=first_year, year__lte=year
    ).filter(
        Q(area_type=AreaType.DISTRICT, area_code__in=district_codes)
        | Q(area_type=AreaType.MUNICIPALITY, area_code__in=municipality_codes)
        | Q(area_type=AreaType.COUNTRY, area_code=SWEDEN)
    )
    for area_type, code, indicator_id, y, sex, value, base, example in values.values_list(
        "area_type",
        "area_code",
        "indicator_id",
        "year",
        "sex",
        "value",
        "population_base",
        "is_example",
    ):
        raw[(area_type, code, indicator_id, y, sex)] = (value, base)
        if example:
            examples.add(indicator_id)

    # The comparison group of the national report: designated districts without an agreement.
    group_codes = sorted(
        set(
            District.objects.filter(status=District.Status.DESIGNATED)
            .exclude(agreements__status__in=comparison.ENTERED_STATUSES)
            .exclude(code__in=district_codes)
            .values_list("code", flat=True)
            .order_by()
        )
    )
    from reports.statistics.selectors import group_aggregates

    groups = group_aggregates(group_codes, ids)

    def fig(area_type, code, indicator_id, y, sex) -> Figure:
        pair = raw.get((area_type, code, indicator_id, y, sex))
        return suppression.figure(*pair) if pair else NO_FIGURE

    def covered(indicator_id, y, sex) -> Figure:
        return _aggregate(
            raw.get((AreaType.DISTRICT, c, indicator_id, y, sex), (None, None))
            for c in district_codes
        )

    def municipalities(indicator_id, y, sex) -> Figure:
        return _aggregate(
            raw.get((AreaType.MUNICIPALITY, c, indicator_id, y, sex), (None, None))
            for c in municipality_codes
        )

    def group(indicator_id, y, sex) -> Figure:
        return comparison.group_figure(
            groups.get((indicator_id, y, sex), comparison.GroupAggregate())
        )

    years = list(range(first_year, year + 1))
    chapters: dict[int, GoalAreaChapter] = {}
    for indicator in indicators:
        pk = indicator.pk
        with_data = [
            y
            for y in years
            if any(
                (AreaType.DISTRICT, c, pk, y, Sex.TOTAL) in raw
                and raw[(AreaType.DISTRICT, c, pk, y, Sex.TOTAL)][0] is not None
                for c in district_codes
            )
        ]
        data_year = with_data[-1] if with_data else None
        rows = []
        if data_year is not None:
            for d in districts:
                total = fig(AreaType.DISTRICT, d.code, pk, data_year, Sex.TOTAL)
                municipal = fig(AreaType.MUNICIPALITY, d.municipality.code, pk, data_year, "T")
                rows.append(
                    AreaFigures(
                        d.name,
                        total,
                        fig(AreaType.DISTRICT, d.code, pk, data_year, Sex.WOMEN),
                        fig(AreaType.DISTRICT, d.code, pk, data_year, Sex.MEN),
                        municipal,
                        total.minus(municipal),
                        d.municipality.name,
                    )
                )
        summary_rows = []
        if data_year is not None:
            for label, function in (
                (_("Stadsdelar med avtal, sammantaget"), covered),
                (_("Deras kommuner, sammantaget"), municipalities),
                (_("Jämförelsegrupp: utpekade stadsdelar utan avtal"), group),
            ):
                summary_rows.append(
                    AreaFigures(
                        label,
                        function(pk, data_year, Sex.TOTAL),
                        function(pk, data_year, Sex.WOMEN),
                        function(pk, data_year, Sex.MEN),
                    )
                )
            summary_rows.append(
                AreaFigures(
                    _("Riket"),
                    fig(AreaType.COUNTRY, SWEDEN, pk, data_year, Sex.TOTAL),
                    fig(AreaType.COUNTRY, SWEDEN, pk, data_year, Sex.WOMEN),
                    fig(AreaType.COUNTRY, SWEDEN, pk, data_year, Sex.MEN),
                )
            )
        series = {
            _("Stadsdelar med avtal"): [(y, covered(pk, y, Sex.TOTAL)) for y in years],
            _("Deras kommuner"): [(y, municipalities(pk, y, Sex.TOTAL)) for y in years],
            _("Riket"): [(y, fig(AreaType.COUNTRY, SWEDEN, pk, y, Sex.TOTAL)) for y in years],
            _("Jämförelsegrupp"): [(y, group(pk, y, Sex.TOTAL)) for y in years],
        }
        full_rows = [
            (
                d.name,
                d.municipality.name,
                [fig(AreaType.DISTRICT, d.code, pk, y, Sex.TOTAL) for y in years],
            )
            for d in districts
        ]
        chapter = IndicatorChapter(
            indicator=indicator,
            data_year=data_year,
            rows=rows,
            summary_rows=summary_rows,
            years=years,
            series=series,
            full_rows=full_rows,
            has_examples=pk in examples,
        )
        if len(with_data) > 1:
            chapter.first_year = with_data[0]
            sweden = _("Riket")
            first = dict(series[_("Stadsdelar med avtal")])
            country = dict(series[sweden])
            chapter.gap_first = first[with_data[0]].minus(country[with_data[0]])
            chapter.gap_latest = first[data_year].minus(country[data_year])
        area_name = indicator.goal_area.name if indicator.goal_area else _("Övriga indikatorer")
        area_key = indicator.goal_area_id or 0
        chapters.setdefault(area_key, GoalAreaChapter(area_name)).indicators.append(chapter)
    return list(chapters.values()), bool(examples)


def annual_report_content(report: AnnualReport) -> AnnualReportContent:
    """Everything the annual report shows, in a fixed number of queries."""
    year = report.year
    first, last = _year_bounds(year)
    agreements = list(
        agreements_of_year(year)
        .select_related("municipality", "policy_phase")
        .annotate(district_count=Count("districts", distinct=True))
        .order_by(swedish("municipality__name"), "starts_on", "pk")
    )
    agreement_ids = [a.pk for a in agreements]
    districts = list(
        District.objects.filter(agreements__in=agreement_ids)
        .distinct()
        .select_related("municipality")
        .order_by(swedish("municipality__name"), swedish("name"))
    )
    indicators = list(
        Indicator.objects.filter(is_active=True)
        .select_related("goal_area")
        .order_by("goal_area__position", "position", "name")
    )
    goal_areas, has_examples = _indicator_chapters(year, districts, indicators)

    # Chapter 3: accords in force during the year, by agency and municipality.
    accords = CooperationAccord.objects.filter(
        agreement_id__in=agreement_ids,
        status__in=CooperationAccord.IN_FORCE,
        starts_on__lte=last,
        ends_on__gte=first,
    )
    accord_rows = (
        accords.order_by()
        .values("agency_unit__agency__name", "municipality__name")
        .annotate(
            accords=Count("id", distinct=True),
            commitments=Count(
                "commitments", filter=Q(commitments__removed_at__isnull=True), distinct=True
            ),
        )
    )
    groups: dict[str, AccordGroup] = {}
    for row in sorted(
        accord_rows, key=lambda r: (r["agency_unit__agency__name"], r["municipality__name"])
    ):
        agency = row["agency_unit__agency__name"]
        groups.setdefault(agency, AccordGroup(agency)).rows.append(
            (row["municipality__name"], row["accords"], row["commitments"])
        )
    committed = AccordCommitment.objects.active().filter(accord__in=accords).values("plan_goal_id")
    goals_without = list(
        PlanGoal.objects.filter(plan__agreement_id__in=agreement_ids)
        .exclude(pk__in=committed)
        .select_related("plan__district__municipality", "goal_area")
        .order_by(
            swedish("plan__district__municipality__name"),
            swedish("plan__district__name"),
            "goal_area__position",
            "position",
        )
    )

    # Chapter 4: the accepted district reports of the year.
    reports = (
        AnnualDistrictReport.objects.filter(year=year, district__in=[d.pk for d in districts])
        .select_related("district__municipality", "agreement")
        .prefetch_related(
            Prefetch(
                "narratives",
                queryset=ReportNarrative.objects.select_related("goal_area").order_by(
                    "goal_area__position", "goal_area__name"
                ),
            ),
            Prefetch(
                "indicator_values",
                queryset=ReportIndicatorValue.objects.select_related(
                    "goal_indicator__indicator", "goal_indicator__goal"
                ).order_by("goal_indicator__goal__position", "goal_indicator__indicator__position"),
            ),
            "measures",
        )
    )
    status_by_district: dict[int, str] = {}
    accepted: dict[int, AnnualDistrictReport] = {}
    for r in reports:
        status_by_district[r.district_id] = r.get_status_display()
        if r.status == ReviewStatus.ACCEPTED:
            accepted[r.district_id] = r
    pages = []
    for d in districts:
        r = accepted.get(d.pk)
        page = DistrictPage(d, r, status_label=status_by_district.get(d.pk, _("Saknas")))
        if r is not None:
            page.narratives = [n for n in r.narratives.all() if n.text.strip()]
            page.values = list(r.indicator_values.all())
            counts: dict[str, int] = defaultdict(int)
            for m in r.measures.all():
                counts[m.get_status_display()] += 1
            page.measure_counts = sorted(counts.items())
        pages.append(page)

    # Chapter 5: the agencies' accepted reports.
    agency_reports = list(
        AgencyReport.objects.filter(year=year, status=ReviewStatus.ACCEPTED)
        .select_related("agency", "unit")
        .annotate(entry_count=Count("entries"))
        .order_by(swedish("agency__name"), swedish("unit__name"))
    )

    # Chapter 6: the agreements' funding per municipality and year (up to the report's year).
    funding = (
        AgreementFunding.objects.filter(agreement_id__in=agreement_ids, year__lte=year)
        .order_by()
        .values("agreement__municipality__name", "year")
        .annotate(state=Sum("state_amount_sek"), municipal=Sum("municipality_amount_sek"))
    )
    by_municipality: dict[str, dict[int, tuple[Decimal, Decimal]]] = defaultdict(dict)
    funding_years_set: set[int] = set()
    for row in funding:
        by_municipality[row["agreement__municipality__name"]][row["year"]] = (
            row["state"],
            row["municipal"],
        )
        funding_years_set.add(row["year"])
    funding_years = sorted(funding_years_set)[-YEARS_SHOWN:]
    zero = (Decimal(0), Decimal(0))
    funding_rows = [
        (name, [by_municipality[name].get(y, zero) for y in funding_years])
        for name in sorted(by_municipality, key=str.casefold)
    ]
    funding_totals = [
        (
            sum((row[1][i][0] for row in funding_rows), Decimal(0)),
            sum((row[1][i][1] for row in funding_rows), Decimal(0)),
        )
        for i in range(len(funding_years))
    ]
    this_year = [
        by_municipality[name].get(year, zero) for name in by_municipality
    ]  # the key figures

    key = KeyFigures(
        municipalities=len({a.municipality_id for a in agreements}),
        districts=len(districts),
        agreements=len(agreements),
        district_reports_expected=len(status_by_district),
        district_reports_accepted=len(accepted),
        accords=sum(g.accord_count for g in groups.values()),
        commitments=sum(g.commitment_count for g in groups.values()),
        goals_without_commitment=len(goals_without),
        agency_reports_accepted=len(agency_reports),
        state_funding_sek=sum((s for s, _m in this_year), Decimal(0)),
        municipal_funding_sek=sum((m for _s, m in this_year), Decimal(0)),
    )
    return AnnualReportContent(
        report=report,
        year=year,
        key=key,
        agreements=agreements,
        districts=districts,
        goal_areas=goal_areas,
        indicators=indicators,
        accord_groups=list(groups.values()),
        goals_without_commitment=goals_without,
        district_pages=pages,
        agency_reports=agency_reports,
        funding_years=funding_years,
        funding_rows=funding_rows,
        funding_totals=funding_totals,
        funding_sections=hooks.funding_sections(year),
        threshold=settings.SMALL_NUMBER_THRESHOLD,
        has_examples=has_examples,
        report_status_by_district=status_by_district,
    )
