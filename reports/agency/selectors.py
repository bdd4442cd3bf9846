"""Page-shaped reads for the agencies' yearly reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.roles import scope_of
from partnerships.models import AgencyUnit, Partnership
from reports.agency.services import compile_sources, partnerships_of_report
from reports.models import AgencyReport, AgencyReportCompilation, AgencyReportEntry
from udavtal.lib.collation import swedish
from udavtal.lib.history import changes_for


def agency_report_list_for_user(*, user) -> QuerySet[AgencyReport]:
    return (
        AgencyReport.objects.visible_to(user)
        .select_related("agency", "unit")
        .defer("summary", "obstacles", "proposals", "return_note")
        .order_by("-year", swedish("agency__name"), swedish("unit__name"))
    )


def agency_report_list_for_table(*, user) -> QuerySet[AgencyReport]:
    return agency_report_list_for_user(user=user).annotate(
        entry_count=Count("entries", distinct=True)
    )


def agency_report_get_for_user(*, user, pk: int) -> AgencyReport:
    queryset = AgencyReport.objects.visible_to(user).select_related(
        "agency", "unit", "unit__parent", "submitted_by", "reviewed_by"
    )
    return get_object_or_404(queryset, pk=pk)


def agency_report_entries(*, report: AgencyReport) -> QuerySet[AgencyReportEntry]:
    return report.entries.select_related(
        "partnership", "partnership__agreement__municipality"
    ).order_by(swedish("partnership__name"), "pk")


def agency_report_entry_get(*, report: AgencyReport, pk: int) -> AgencyReportEntry:
    return get_object_or_404(
        AgencyReportEntry.objects.filter(report=report).select_related("partnership"), pk=pk
    )


def agency_report_compilations(*, report: AgencyReport) -> QuerySet[AgencyReportCompilation]:
    return report.compilations.select_related("compiled_by").prefetch_related(
        Prefetch("sources", queryset=AgencyReport.objects.select_related("unit"))
    )


def agency_report_sources(*, report: AgencyReport) -> QuerySet[AgencyReport]:
    return report.compiled_from.select_related("unit").order_by(swedish("unit__name"))


def agency_report_compile_candidates(*, report: AgencyReport) -> QuerySet[AgencyReport]:
    return compile_sources(unit=report.unit, year=report.year)


def agency_report_history(*, report: AgencyReport):
    return changes_for(report)


def partnerships_for_report(*, report: AgencyReport) -> QuerySet[Partnership]:
    return (
        partnerships_of_report(report)
        .select_related("agreement__municipality")
        .order_by(swedish("name"), "pk")
    )


def reporting_units_for_user(*, user) -> QuerySet[AgencyUnit]:
    """Units a user may start a report for: an agency officer their agency's units; a ministry
    officer every unit."""
    scope = scope_of(user)
    queryset = AgencyUnit.objects.all()
    if not scope.is_officer:
        queryset = queryset.filter(agency_id__in=scope.agency_ids)
    today = timezone.localdate()
    return (
        queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today.replace(month=1, day=1)))
        .select_related("agency")
        .order_by(swedish("agency__name"), "level", swedish("name"))
    )


@dataclass
class AgencyReportDocument:
    """Everything the agency report's PDF shows."""

    report: AgencyReport
    entries: list[AgencyReportEntry]
    sources: list[AgencyReport]


def agency_report_document(*, pk: int) -> AgencyReportDocument:
    """The report with its entries (partnership, agreement, municipality) and the regional
    reports it compiles, in a fixed number of queries (the caller has checked scope or is the
    accept service)."""
    report = AgencyReport.objects.select_related(
        "agency", "unit", "unit__parent", "submitted_by", "reviewed_by"
    ).get(pk=pk)
    entries = list(
        report.entries.select_related(
            "partnership", "partnership__district", "partnership__agreement__municipality"
        ).order_by(
            swedish("partnership__agreement__municipality__name"),
            swedish("partnership__name"),
            "pk",
        )
    )
    sources = list(report.compiled_from.select_related("unit").order_by(swedish("unit__name")))
    return AgencyReportDocument(report=report, entries=entries, sources=sources)
