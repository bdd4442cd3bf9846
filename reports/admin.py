"""Admin of indicators and their values, the yearly reports and the annual report to the Riksdag.

Also registers `agreements.PlanGoal`, whose page shows the goal's measures and its indicators
(`GoalIndicator` lives here; dependencies point from reports to agreements).

Submitted and accepted reports and a published annual report are read-only here (DESIGN §5:
submitted and accepted documents never change); their rows below are read-only with them.
"""

from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Measure, PlanGoal
from udavtal.lib.admin import (
    EstimatedCountPaginator,
    HistoryAdmin,
    NoDeleteInline,
    ReadOnlyAdminMixin,
    SelectRelatedMixin,
    VersionedAdminMixin,
    year_column,
)

from .models import (
    AgencyReport,
    AgencyReportEntry,
    AnnualDistrictReport,
    AnnualReport,
    GoalIndicator,
    ImportBatch,
    Indicator,
    IndicatorValue,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)

LOCKED_REPORT_STATUSES = frozenset({ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED})


def report_is_locked(report) -> bool:
    return report.status in LOCKED_REPORT_STATUSES


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = [
        "code",
        "name",
        "unit",
        "direction",
        "source",
        "periodicity",
        "person_based",
        "goal_area",
        "position",
        "is_active",
    ]
    list_filter = ["is_active", "direction", "periodicity", "person_based", "goal_area"]
    list_select_related = ["goal_area"]
    search_fields = ["code", "name", "kolada_kpi", "source"]


class GoalIndicatorInline(NoDeleteInline, admin.TabularInline):
    model = GoalIndicator
    fields = ["indicator", "baseline_year", "baseline_value", "target_year", "target_value"]


class MeasureInline(NoDeleteInline, admin.StackedInline):
    model = Measure
    fields = [
        "title",
        "status",
        "responsible",
        ("starts_on", "ends_on"),
        "budget_sek",
        "description",
        "resources",
    ]
    autocomplete_fields = ["responsible"]


@admin.register(PlanGoal)
class PlanGoalAdmin(HistoryAdmin):
    list_display = ["__str__", "plan", "goal_area", "position"]
    list_filter = ["goal_area"]
    list_select_related = ["plan__district", "goal_area"]
    search_fields = ["text", "plan__district__name", "plan__agreement__title"]
    autocomplete_fields = ["plan"]
    inlines = [GoalIndicatorInline, MeasureInline]


@admin.register(GoalIndicator)
class GoalIndicatorAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "indicator",
        "baseline_year_display",
        "baseline_value",
        "target_year_display",
        "target_value",
    ]
    baseline_year_display = year_column("baseline_year", _("basår"))
    target_year_display = year_column("target_year", _("målår"))
    list_filter = ["indicator"]
    search_fields = ["indicator__name", "indicator__code", "goal__text"]
    autocomplete_fields = ["goal"]
    str_select_related = ("goal", "indicator")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Imports and their undo run in the application; this is the log."""

    list_display = [
        "file_name",
        "file_format",
        "status",
        "row_count",
        "created_count",
        "updated_count",
        "imported_by",
        "imported_at",
        "undone_at",
    ]
    list_filter = ["status", "file_format"]
    list_select_related = ["imported_by"]
    search_fields = ["file_name", "sha256"]
    date_hierarchy = "imported_at"
    # `previous_values` (the values an undo restores) can hold a million rows: not shown.
    fields = [
        "file_name",
        "file_format",
        "sha256",
        "status",
        "row_count",
        "created_count",
        "updated_count",
        "imported_by",
        "imported_at",
        "undone_by",
        "undone_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("previous_values")


class YearListFilter(admin.SimpleListFilter):
    """Years as fixed choices: listing the distinct years would scan millions of rows."""

    title = _("år")
    parameter_name = "year"
    first_year = 1990

    def lookups(self, request, model_admin):
        return [(str(y), str(y)) for y in range(timezone.localdate().year, self.first_year - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(year=int(self.value()))
        return queryset


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdminMixin, SelectRelatedMixin, admin.ModelAdmin):
    """Utfall enter through the import, which keeps the previous values and can be undone. The
    model has no history, so a hand edit here would leave no trace: the list is read-only."""

    list_display = [
        "indicator",
        "area_type",
        "area_code",
        "year_display",
        "sex",
        "value",
        "population_base",
        "source",
        "is_example",
    ]
    year_display = year_column()
    list_filter = ["area_type", "sex", "is_example", YearListFilter, "indicator"]
    list_select_related = ["indicator"]
    search_fields = ["=area_code", "=indicator__code"]
    raw_id_fields = ["indicator", "batch"]
    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = EstimatedCountPaginator
    str_select_related = ("indicator",)


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
