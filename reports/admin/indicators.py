"""Admin of indicators, their values and imports, and of plan goals with their indicators.

`agreements.PlanGoal` is registered here: its page shows the goal's measures and its indicators
(`GoalIndicator` lives in this app; dependencies point from reports to agreements).
"""

from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Measure, PlanGoal
from reports.models import GoalIndicator, ImportBatch, Indicator, IndicatorValue, ReplacedValue
from udavtal.lib.admin import (
    EstimatedCountPaginator,
    HistoryAdmin,
    NoDeleteInline,
    ReadOnlyAdminMixin,
    SelectRelatedMixin,
    VersionedAdminMixin,
    year_column,
)


@admin.register(Indicator)
class IndicatorAdmin(VersionedAdminMixin, HistoryAdmin):
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
    # The values an undo restores are rows of `ReplacedValue` (up to a million): not shown.
    fields = [
        "file_name",
        "file_format",
        "sha256",
        "status",
        "row_count",
        "created_count",
        "updated_count",
        "unchanged_count",
        "derived_count",
        "imported_by",
        "imported_at",
        "undone_by",
        "undone_at",
    ]


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


@admin.register(ReplacedValue)
class ReplacedValueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What an import overwrote (restored when the import is undone): a log, read-only."""

    list_display = ["batch", "value_id", "value", "population_base", "source", "is_example"]
    list_select_related = ["batch"]
    raw_id_fields = ["batch"]
    search_fields = ["=value_id"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
