"""Admin of geography, policy phases, goal areas, agreements and plans.

`PlanGoal` is registered in `reports/admin/indicators.py`: its page shows the goal's indicators
(`reports.GoalIndicator`), and dependencies point from reports to agreements, not back.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from udavtal.lib.admin import (
    HistoryAdmin,
    NoDeleteInline,
    ReadOnlyAdminMixin,
    VersionedAdminMixin,
    swedish_ordering,
    year_column,
)

from .models import (
    Agreement,
    AgreementFunding,
    AgreementRevision,
    Attachment,
    County,
    District,
    GoalArea,
    Measure,
    Municipality,
    MunicipalityMembership,
    PhaseAppropriation,
    PlanGoal,
    PolicyPhase,
    StrategicDistrictPlan,
)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "municipality_count"]
    search_fields = ["code", "name"]
    ordering = ["code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(municipality_count=Count("municipalities"))

    @admin.display(description=_("antal kommuner"), ordering="municipality_count")
    def municipality_count(self, obj) -> int:
        return obj.municipality_count

    def has_delete_permission(self, request, obj=None) -> bool:
        # Counties are SCB reference data; municipalities and agency units point at them.
        return False


class DistrictInline(NoDeleteInline, admin.TabularInline):
    model = District
    fields = ["code", "name", "status", "population"]
    show_change_link = True


class MunicipalityMembershipInline(admin.TabularInline):
    """Coordinators of the municipality. Added on the user's page; removed here (revokes access,
    the history keeps the removal)."""

    model = MunicipalityMembership
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
    extra = 0
    verbose_name_plural = _("kommunala samordnare (läggs till på användarens sida)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ["code", "name", "county", "organisation_number"]
    list_filter = ["county"]
    list_select_related = ["county"]
    search_fields = ["code", "name"]
    inlines = [DistrictInline, MunicipalityMembershipInline]

    def get_ordering(self, request):
        return swedish_ordering("name")


@admin.register(MunicipalityMembership)
class MunicipalityMembershipAdmin(HistoryAdmin):
    list_display = ["user", "municipality", "created_at"]
    list_filter = ["municipality__county"]
    list_select_related = ["user", "municipality"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "municipality__name",
        "municipality__code",
    ]
    autocomplete_fields = ["user", "municipality"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None) -> bool:
        # A membership grants access; removing it revokes access and is recorded in its history.
        return True


@admin.register(District)
class DistrictAdmin(HistoryAdmin):
    list_display = ["name", "code", "municipality", "parent", "status", "population"]
    list_filter = ["status", "municipality__county"]
    list_select_related = ["municipality", "parent"]
    search_fields = ["name", "code", "municipality__name", "municipality__code"]
    autocomplete_fields = ["municipality", "parent"]

    def get_ordering(self, request):
        return swedish_ordering("name")


class PhaseAppropriationInline(NoDeleteInline, admin.TabularInline):
    model = PhaseAppropriation
    fields = ["year", "amount_sek", "source"]


@admin.register(PolicyPhase)
class PolicyPhaseAdmin(HistoryAdmin):
    list_display = [
        "short_name",
        "name",
        "starts_on",
        "ends_on",
        "total_amount_sek",
        "responsible_ministry",
        "administering_body",
    ]
    search_fields = ["name", "short_name", "legal_basis"]
    inlines = [PhaseAppropriationInline]


@admin.register(PhaseAppropriation)
class PhaseAppropriationAdmin(HistoryAdmin):
    list_display = ["phase", "year_display", "amount_sek", "source"]
    year_display = year_column()
    list_filter = ["phase"]
    list_select_related = ["phase"]
    search_fields = ["phase__name", "phase__short_name", "year"]


@admin.register(GoalArea)
class GoalAreaAdmin(HistoryAdmin):
    list_display = ["position", "name", "code", "is_active"]
    list_display_links = ["name"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class AgreementFundingInline(NoDeleteInline, admin.TabularInline):
    model = AgreementFunding
    fields = ["year", "state_amount_sek", "municipality_amount_sek", "note"]


class AgreementRevisionInline(NoDeleteInline, admin.StackedInline):
    model = AgreementRevision
    fields = ["year", "decided_on", "description", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


@admin.register(Agreement)
class AgreementAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = [
        "title",
        "municipality",
        "policy_phase",
        "status",
        "starts_on",
        "ends_on",
        "case_number",
        "updated_at",
    ]
    list_filter = ["status", "policy_phase", "municipality__county"]
    list_select_related = ["municipality", "policy_phase"]
    search_fields = ["title", "case_number", "municipality__name", "municipality__code"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["municipality", "districts", "goal_areas"]
    # Status changes go through the workflow services (they record the reason and the dates).
    readonly_fields = [
        "status",
        "status_reason",
        "signed_document",
        "version",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "municipality",
                    "policy_phase",
                    "case_number",
                    "districts",
                    "goal_areas",
                    "description",
                ]
            },
        ),
        (
            _("Period och frister"),
            {"fields": ["starts_on", "ends_on", "offered_on", "accords_due_on", "plans_due_on"]},
        ),
        (
            _("Underskrifter"),
            {
                "fields": [
                    "state_signatory",
                    "state_signatory_title",
                    "state_signed_on",
                    "municipality_signatory",
                    "municipality_signatory_title",
                    "municipality_signed_on",
                    "signed_document",
                ]
            },
        ),
        (_("Status"), {"fields": ["status", "status_reason"]}),
        (_("Registrering"), {"fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [AgreementFundingInline, AgreementRevisionInline]


@admin.register(AgreementFunding)
class AgreementFundingAdmin(HistoryAdmin):
    list_display = [
        "agreement",
        "year_display",
        "state_amount_sek",
        "municipality_amount_sek",
        "note",
    ]
    year_display = year_column()
    list_filter = ["year", "agreement__policy_phase"]
    list_select_related = ["agreement"]
    search_fields = ["agreement__title", "agreement__municipality__name"]
    autocomplete_fields = ["agreement"]
    str_select_related = ("agreement",)


@admin.register(AgreementRevision)
class AgreementRevisionAdmin(HistoryAdmin):
    list_display = ["agreement", "year_display", "decided_on", "created_by", "created_at"]
    year_display = year_column()
    list_filter = ["year"]
    list_select_related = ["agreement", "created_by"]
    search_fields = ["agreement__title", "agreement__municipality__name", "description"]
    autocomplete_fields = ["agreement"]
    # The snapshot and history pointer are written by the revision service.
    readonly_fields = ["snapshot", "history_id", "created_by", "created_at"]
    date_hierarchy = "decided_on"
    str_select_related = ("agreement",)


class PlanGoalInline(NoDeleteInline, admin.StackedInline):
    """Goals of the plan. A goal's measures and indicators are edited on the goal's own page."""

    model = PlanGoal
    fields = ["position", "goal_area", "text"]
    show_change_link = True


@admin.register(StrategicDistrictPlan)
class StrategicDistrictPlanAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = [
        "__str__",
        "district_municipality",
        "agreement",
        "status",
        "adopted_on",
        "updated_at",
    ]
    list_filter = ["status", "agreement__policy_phase", "district__municipality__county"]
    list_select_related = ["district__municipality", "agreement"]
    search_fields = [
        "district__name",
        "district__municipality__name",
        "agreement__title",
        "agreement__case_number",
    ]
    autocomplete_fields = ["agreement", "district"]
    readonly_fields = ["status", "version", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["agreement", "district", "status", "adopted_on"]}),
        (
            _("Planens avsnitt"),
            {
                "fields": [
                    "current_situation",
                    "analysis",
                    "goals_summary",
                    "strategy",
                    "measures_summary",
                    "resident_participation",
                    "follow_up",
                ]
            },
        ),
        (_("Registrering"), {"fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [PlanGoalInline]
    str_select_related = ("district",)

    @admin.display(description=_("kommun"), ordering="district__municipality__name")
    def district_municipality(self, obj):
        return obj.district.municipality


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    list_display = ["title", "goal", "plan", "responsible", "status", "starts_on", "ends_on"]
    list_filter = ["status", "goal__goal_area"]
    list_select_related = ["goal__plan__district", "responsible"]
    search_fields = ["title", "goal__text", "goal__plan__district__name"]
    autocomplete_fields = ["goal", "responsible"]

    @admin.display(description=_("stadsdelsplan"), ordering="goal__plan__district__name")
    def plan(self, obj):
        return obj.goal.plan


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Files are uploaded and served through the pages, which check type, size and permission.
    The file link is not shown here: there is no unchecked route to uploaded files."""

    list_display = [
        "original_name",
        "content_type",
        "object_id",
        "mime_type",
        "size_bytes",
        "uploaded_by",
        "uploaded_at",
    ]
    list_filter = ["content_type", "mime_type"]
    list_select_related = ["content_type", "uploaded_by"]
    search_fields = ["original_name", "description", "sha256"]
    date_hierarchy = "uploaded_at"
    fields = [
        "original_name",
        "description",
        "content_type",
        "object_id",
        "mime_type",
        "size_bytes",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
