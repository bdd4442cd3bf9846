"""Admin of the yearly reports (district and agency) and of the annual report to the Riksdag.

Submitted and accepted reports and a published annual report are read-only here (DESIGN §5:
submitted and accepted documents never change); their rows are read-only with them. The review
cycle itself (submit, return, accept, publish) runs in the application's services.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reports.models import (
    AgencyReport,
    AgencyReportCompilation,
    AgencyReportEntry,
    AnnualDistrictReport,
    AnnualReport,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)
from udavtal.lib.admin import (
    HistoryAdmin,
    NoDeleteInline,
    ReadOnlyAdminMixin,
    SelectRelatedMixin,
    VersionedAdminMixin,
    year_column,
)

LOCKED_REPORT_STATUSES = frozenset({ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED})


def report_is_locked(report) -> bool:
    return report.status in LOCKED_REPORT_STATUSES


class ReportChildAdmin(HistoryAdmin):
    """Rows of a district or agency report: read-only once the report is, and only an open report
    can be chosen for a new row."""

    report_model = None

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and report_is_locked(obj.report):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "report":
            kwargs["queryset"] = self.report_model._default_manager.exclude(
                status__in=LOCKED_REPORT_STATUSES
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReportNarrativeInline(NoDeleteInline, admin.StackedInline):
    model = ReportNarrative
    fields = ["goal_area", "text"]


class ReportIndicatorValueInline(NoDeleteInline, admin.TabularInline):
    model = ReportIndicatorValue
    fields = ["goal_indicator", "value", "comment"]
    autocomplete_fields = ["goal_indicator"]


class ReportMeasureInline(NoDeleteInline, admin.TabularInline):
    model = ReportMeasure
    fields = ["measure", "status", "comment"]
    autocomplete_fields = ["measure"]


REVIEW_READONLY_FIELDS = [
    "status",
    "return_note",
    "submitted_at",
    "submitted_by",
    "reviewed_at",
    "reviewed_by",
    "pdf",
    "pdf_sha256",
    "version",
    "created_at",
    "updated_at",
]

REVIEW_FIELDSETS = [
    (
        _("Granskning"),
        {
            "fields": [
                "status",
                "due_on",
                "return_note",
                "submitted_at",
                "submitted_by",
                "reviewed_at",
                "reviewed_by",
            ]
        },
    ),
    (_("Arkiv"), {"fields": ["pdf", "pdf_sha256"]}),
    (_("Registrering"), {"fields": ["version", "created_at", "updated_at"]}),
]


class ReviewedReportAdmin(VersionedAdminMixin, HistoryAdmin):
    """The review cycle (submit, return, accept) runs in the application's services."""

    readonly_fields = REVIEW_READONLY_FIELDS
    list_filter = ["status", "year"]
    year_display = year_column()
    date_hierarchy = "due_on"

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and report_is_locked(obj):
            return False
        return super().has_change_permission(request, obj)


@admin.register(AnnualDistrictReport)
class AnnualDistrictReportAdmin(ReviewedReportAdmin):
    list_display = [
        "district",
        "district_municipality",
        "year_display",
        "status",
        "due_on",
        "submitted_at",
        "reviewed_at",
        "agreement",
    ]
    list_filter = [*ReviewedReportAdmin.list_filter, "district__municipality__county"]
    list_select_related = ["district__municipality", "agreement"]
    search_fields = [
        "district__name",
        "district__municipality__name",
        "agreement__title",
        "agreement__case_number",
    ]
    autocomplete_fields = ["district", "agreement"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "district",
                    "agreement",
                    "year",
                    "summary",
                    "cooperation",
                    "obstacles",
                    "goal_conflicts",
                    "resident_participation",
                ]
            },
        ),
        *REVIEW_FIELDSETS,
    ]
    inlines = [ReportNarrativeInline, ReportIndicatorValueInline, ReportMeasureInline]
    str_select_related = ("district",)

    @admin.display(description=_("kommun"), ordering="district__municipality__name")
    def district_municipality(self, obj):
        return obj.district.municipality


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(ReportChildAdmin):
    report_model = AnnualDistrictReport
    list_display = ["report", "goal_area"]
    list_filter = ["goal_area", "report__year"]
    list_select_related = ["report__district", "goal_area"]
    str_select_related = ("report__district", "goal_area")
    search_fields = ["report__district__name", "text"]
    autocomplete_fields = ["report"]


@admin.register(ReportIndicatorValue)
class ReportIndicatorValueAdmin(ReportChildAdmin):
    report_model = AnnualDistrictReport
    list_display = ["report", "indicator", "value", "comment"]
    list_filter = ["report__year", "goal_indicator__indicator"]
    list_select_related = ["report__district", "goal_indicator__indicator"]
    str_select_related = ("report__district", "goal_indicator__indicator")
    search_fields = ["report__district__name", "goal_indicator__indicator__name"]
    autocomplete_fields = ["report", "goal_indicator"]

    @admin.display(description=_("indikator"), ordering="goal_indicator__indicator__name")
    def indicator(self, obj):
        return obj.goal_indicator.indicator


@admin.register(ReportMeasure)
class ReportMeasureAdmin(ReportChildAdmin):
    report_model = AnnualDistrictReport
    list_display = ["report", "measure", "status"]
    list_filter = ["status", "report__year"]
    list_select_related = ["report__district", "measure"]
    str_select_related = ("report__district", "measure")
    search_fields = ["report__district__name", "measure__title"]
    autocomplete_fields = ["report", "measure"]


class AgencyReportEntryInline(NoDeleteInline, admin.StackedInline):
    model = AgencyReportEntry
    fields = ["partnership", "done", "obstacles", "proposals"]
    autocomplete_fields = ["partnership"]


@admin.register(AgencyReport)
class AgencyReportAdmin(ReviewedReportAdmin):
    list_display = [
        "unit",
        "agency",
        "year_display",
        "status",
        "due_on",
        "submitted_at",
        "reviewed_at",
    ]
    list_filter = [*ReviewedReportAdmin.list_filter, "agency"]
    list_select_related = ["unit", "agency"]
    search_fields = ["unit__name", "agency__name", "agency__short_name"]
    autocomplete_fields = ["agency", "unit", "compiled_from"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "agency",
                    "unit",
                    "year",
                    "compiled_from",
                    "summary",
                    "obstacles",
                    "proposals",
                ]
            },
        ),
        *REVIEW_FIELDSETS,
    ]
    inlines = [AgencyReportEntryInline]
    str_select_related = ("unit",)


@admin.register(AgencyReportEntry)
class AgencyReportEntryAdmin(ReportChildAdmin):
    report_model = AgencyReport
    list_display = ["report", "partnership"]
    list_filter = ["report__year"]
    list_select_related = ["report__unit", "partnership"]
    search_fields = ["report__unit__name", "partnership__name", "done"]
    autocomplete_fields = ["report", "partnership"]
    str_select_related = ("report__unit", "partnership")


@admin.register(AgencyReportCompilation)
class AgencyReportCompilationAdmin(ReadOnlyAdminMixin, SelectRelatedMixin, admin.ModelAdmin):
    """The log of compilations (Rikspolisstyrelsen's report from the police authorities'):
    written by the compile service only."""

    list_display = ["report", "compiled_by", "compiled_at"]
    list_select_related = ["report__unit", "compiled_by"]
    search_fields = ["report__unit__name", "compiled_by__username"]
    date_hierarchy = "compiled_at"
    str_select_related = ("report__unit",)


@admin.register(AnnualReport)
class AnnualReportAdmin(HistoryAdmin):
    """Generating and publishing run in the application; a published report never changes."""

    list_display = [
        "year_display",
        "title",
        "status",
        "case_number",
        "generated_at",
        "published_at",
    ]
    year_display = year_column()
    list_filter = ["status"]
    search_fields = ["title", "case_number", "year"]
    readonly_fields = [
        "status",
        "pdf",
        "pdf_sha256",
        "page_count",
        "generated_at",
        "progress",
        "progress_message",
        "published_at",
        "published_by",
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status == AnnualReport.Status.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)
