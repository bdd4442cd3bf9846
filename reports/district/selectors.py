"""Page-shaped reads for annual district reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.roles import scope_of
from agreements.models import (
    Attachment,
    GoalArea,
    Measure,
    PlanGoal,
    StrategicDistrictPlan,
)
from reports.district.progress import Progress, progress
from reports.models import (
    AnnualDistrictReport,
    GoalIndicator,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)
from udavtal.lib.collation import swedish

OPEN_STATUSES = (ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED)
LONG_TEXT_FIELDS = (
    "summary",
    "obstacles",
    "cooperation",
    "goal_conflicts",
    "resident_participation",
    "return_note",
)


def overdue_q(today: datetime.date | None = None) -> Q:
    """Reports still open after their due date."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today or timezone.localdate())


def district_report_list_for_user(*, user) -> QuerySet[AnnualDistrictReport]:
    """Every report the user may read: readers see accepted reports only."""
    queryset = AnnualDistrictReport.objects.visible_to(user)
    scope = scope_of(user)
    if scope.is_reader and not scope.is_officer:
        queryset = queryset.filter(status=ReviewStatus.ACCEPTED)
    return queryset.select_related("district", "district__municipality", "agreement").defer(
        *LONG_TEXT_FIELDS
    )


def district_report_list_for_table(*, user) -> QuerySet[AnnualDistrictReport]:
    return district_report_list_for_user(user=user).order_by(
        "-year", swedish("district__municipality__name"), swedish("district__name")
    )


def district_reports_due_first(*, user) -> QuerySet[AnnualDistrictReport]:
    """Open reports with the overdue ones first, then by due date."""
    today = timezone.localdate()
    return (
        district_report_list_for_user(user=user)
        .annotate(
            overdue_rank=Case(
                When(status__in=OPEN_STATUSES, due_on__lt=today, then=Value(0)),
                When(status__in=OPEN_STATUSES, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "overdue_rank",
            Case(When(overdue_rank__lt=2, then=F("due_on"))).asc(nulls_last=True),
            "-year",
            swedish("district__name"),
        )
    )


def district_reports_waiting_for_review(*, user) -> QuerySet[AnnualDistrictReport]:
    return (
        district_report_list_for_user(user=user)
        .filter(status=ReviewStatus.SUBMITTED)
        .order_by("submitted_at")
    )


OVERDUE_PAGE_SIZE = 200


def district_reports_overdue(*, user, today: datetime.date | None = None, page=None):
    """Overdue reports by municipality, with the number of reminders sent and the last one:
    one page of OVERDUE_PAGE_SIZE (`page` is the requested page number; at national scale
    thousands of reports can be overdue, decision 0024). Returns the django Page."""
    today = today or timezone.localdate()
    overdue = (
        district_report_list_for_user(user=user)
        .filter(overdue_q(today))
        .annotate(reminder_count=Count("reminders"), last_reminder_at=Max("reminders__sent_at"))
        .order_by(
            swedish("district__municipality__name"), "due_on", swedish("district__name"), "pk"
        )
    )
    shown = Paginator(overdue, OVERDUE_PAGE_SIZE).get_page(page)
    shown.object_list = list(shown.object_list)
    for row in shown.object_list:
        row.days_overdue = (today - row.due_on).days
    return shown


def district_report_get_for_user(*, user, pk: int) -> AnnualDistrictReport:
    queryset = AnnualDistrictReport.objects.visible_to(user).select_related(
        "district",
        "district__municipality",
        "agreement",
        "agreement__policy_phase",
        "submitted_by",
        "reviewed_by",
    )
    return get_object_or_404(queryset, pk=pk)


# --- The content of one report, shaped like the page and the PDF --------------------------------


@dataclass
class IndicatorRow:
    goal_indicator: GoalIndicator
    reported: ReportIndicatorValue | None
    progress: Progress

    @property
    def indicator(self):
        return self.goal_indicator.indicator

    @property
    def value(self):
        return self.reported.value if self.reported else None

    @property
    def comment(self) -> str:
        return self.reported.comment if self.reported else ""

    @property
    def change(self):
        """The value minus the baseline (None when the value is missing)."""
        if self.value is None:
            return None
        return self.value - self.goal_indicator.baseline_value


@dataclass
class MeasureRow:
    measure: Measure
    reported: ReportMeasure | None

    @property
    def status(self) -> str:
        return self.reported.status if self.reported else ""

    @property
    def status_label(self) -> str:
        return self.reported.get_status_display() if self.reported else ""

    @property
    def comment(self) -> str:
        return self.reported.comment if self.reported else ""


@dataclass
class GoalRow:
    goal: PlanGoal
    indicators: list[IndicatorRow] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)


@dataclass
class NarrativeRow:
    goal_area: GoalArea
    text: str


@dataclass
class ReportContent:
    report: AnnualDistrictReport
    plan: StrategicDistrictPlan | None
    narratives: list[NarrativeRow]
    goals: list[GoalRow]
    attachments: list[Attachment]

    @property
    def goal_indicators(self) -> dict[int, GoalIndicator]:
        return {
            row.goal_indicator.pk: row.goal_indicator for g in self.goals for row in g.indicators
        }

    @property
    def measures(self) -> dict[int, Measure]:
        return {row.measure.pk: row.measure for g in self.goals for row in g.measures}

    @property
    def goal_area_ids(self) -> set[int]:
        return {row.goal_area.pk for row in self.narratives}


def plan_for_report(report: AnnualDistrictReport) -> StrategicDistrictPlan | None:
    """The district's plan under the report's agreement, with goals, indicators and measures."""
    return (
        StrategicDistrictPlan.objects.filter(
            agreement_id=report.agreement_id, district_id=report.district_id
        )
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=PlanGoal.objects.select_related("goal_area").order_by(
                    "goal_area__position", "position", "id"
                ),
            ),
            Prefetch(
                "goals__indicators",
                queryset=GoalIndicator.objects.select_related("indicator").order_by(
                    "indicator__position", "indicator__name"
                ),
            ),
            Prefetch(
                "goals__measures",
                queryset=Measure.objects.select_related("responsible").order_by("starts_on", "id"),
            ),
        )
        .first()
    )


def attachments_of(obj) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("uploaded_by")


def district_report_content(report: AnnualDistrictReport) -> ReportContent:
    """Everything the report page, the edit form and the PDF show, in a fixed number of queries.

    The structure comes from the district's plan (goals, their indicators and measures) and the
    agreement's goal areas; what the municipality wrote comes from the report's own rows. A goal
    or indicator added to the plan after the report was started simply appears, empty.
    """
    plan = plan_for_report(report)
    narratives = {
        n.goal_area_id: n
        for n in ReportNarrative.objects.filter(report=report).select_related("goal_area")
    }
    values = {v.goal_indicator_id: v for v in ReportIndicatorValue.objects.filter(report=report)}
    measures = {m.measure_id: m for m in ReportMeasure.objects.filter(report=report)}

    goals: list[GoalRow] = []
    areas: dict[int, GoalArea] = {area.pk: area for area in report.agreement.goal_areas.all()}
    if plan is not None:
        for goal in plan.goals.all():
            areas.setdefault(goal.goal_area_id, goal.goal_area)
            row = GoalRow(goal)
            for goal_indicator in goal.indicators.all():
                reported = values.get(goal_indicator.pk)
                row.indicators.append(
                    IndicatorRow(
                        goal_indicator,
                        reported,
                        progress(
                            baseline=goal_indicator.baseline_value,
                            target=goal_indicator.target_value,
                            value=reported.value if reported else None,
                            direction=goal_indicator.indicator.direction,
                        ),
                    )
                )
            row.measures = [MeasureRow(m, measures.get(m.pk)) for m in goal.measures.all()]
            goals.append(row)
    for narrative in narratives.values():
        areas.setdefault(narrative.goal_area_id, narrative.goal_area)
    ordered_areas = sorted(areas.values(), key=lambda a: (a.position, a.name))
    return ReportContent(
        report=report,
        plan=plan,
        narratives=[
            NarrativeRow(area, narratives[area.pk].text if area.pk in narratives else "")
            for area in ordered_areas
        ],
        goals=goals,
        attachments=list(attachments_of(report)),
    )


# --- The archived PDF -------------------------------------------------------------------------


@dataclass
class DistrictReportDocument:
    """Everything the district report's PDF shows: the report, its content, and the statistics of
    the plan's indicators (the district against its municipality, Sweden and the comparison
    group, with small-number protection applied)."""

    report: AnnualDistrictReport
    content: ReportContent
    statistics: list  # reports.statistics.selectors.IndicatorSection, plan indicators only
    has_examples: bool


def district_report_document(*, pk: int) -> DistrictReportDocument:
    """The report with everything its PDF shows, in a fixed number of queries (the caller has
    checked scope or is the accept service)."""
    from reports.statistics.selectors import district_statistics

    report = AnnualDistrictReport.objects.select_related(
        "district",
        "district__municipality",
        "district__municipality__county",
        "agreement",
        "agreement__policy_phase",
        "submitted_by",
        "reviewed_by",
    ).get(pk=pk)
    content = district_report_content(report)
    indicators = []
    for goal_row in content.goals:
        for row in goal_row.indicators:
            if row.indicator not in indicators:
                indicators.append(row.indicator)
    sections = (
        district_statistics(district=report.district, indicators=indicators).sections
        if indicators
        else []
    )
    return DistrictReportDocument(
        report=report,
        content=content,
        statistics=sections,
        has_examples=any(section.has_examples for section in sections),
    )
