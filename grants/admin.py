"""Admin of the grant (förordning 2018:151), following docs/decisions/0003-admin.md.

The admin keeps the programme and the rounds (appropriation, administering body, window, eligible
municipalities) as reference data. Applications, decisions, payments, reclaims and follow-ups run
through the pages and their services: status fields and what the services write are read-only,
a handed-in application (and its goals, measures and budget) and a submitted or accepted follow-up
are read-only, and decisions, amounts, payments, reclaims and advisory comments are never edited
here (they carry the appropriation ceiling and the audit trail).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from udavtal.lib.admin import (
    HistoryAdmin,
    NoDeleteInline,
    ReadOnlyAdminMixin,
    VersionedAdminMixin,
    year_column,
)

from .models import (
    GrantAdvisoryComment,
    GrantApplication,
    GrantBudgetLine,
    GrantDecision,
    GrantDecisionAmount,
    GrantFollowUp,
    GrantFollowUpEntry,
    GrantFollowUpResult,
    GrantGoal,
    GrantGoalIndicator,
    GrantMeasure,
    GrantPayment,
    GrantProgramme,
    GrantReclaim,
    GrantRound,
)

LOCKED_FOLLOW_UP = frozenset({"submitted", "accepted"})


@admin.register(GrantProgramme)
class GrantProgrammeAdmin(HistoryAdmin):
    list_display = ["short_name", "name", "legal_basis", "max_grant_share_percent"]
    list_select_related = ["policy_phase"]
    search_fields = ["name", "short_name", "legal_basis"]
    autocomplete_fields = ["policy_phase"]


@admin.register(GrantRound)
class GrantRoundAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = [
        "year_display",
        "programme",
        "appropriation",
        "administering_body",
        "advisory_body",
        "opens_on",
        "closes_on",
    ]
    year_display = year_column()
    list_select_related = [
        "programme",
        "appropriation__phase",
        "administering_body",
        "advisory_body",
    ]
    search_fields = ["year", "programme__name"]
    autocomplete_fields = ["programme", "administering_body", "advisory_body"]
    filter_horizontal = ["eligible_municipalities"]
    readonly_fields = ["version"]
    fieldsets = [
        (None, {"fields": ["programme", "year", "appropriation", "note"]}),
        (_("Myndigheter"), {"fields": ["administering_body", "advisory_body"]}),
        (
            _("Ansökningstid och tidsfrister"),
            {"fields": ["opens_on", "closes_on", "decisions_due_on", "follow_up_due_on"]},
        ),
        (_("Kommuner som får ansöka"), {"fields": ["eligible_municipalities"]}),
        (_("Registrering"), {"fields": ["version"]}),
    ]


def _application_is_locked(application) -> bool:
    return application is not None and application.status != GrantApplication.Status.DRAFT


class ApplicationPartInline(NoDeleteInline):
    """Goals, measures and budget lines: editable while the application is a draft."""

    def has_change_permission(self, request, obj=None) -> bool:
        return not _application_is_locked(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return not _application_is_locked(obj) and super().has_add_permission(request, obj)


class GrantGoalInline(ApplicationPartInline, admin.StackedInline):
    model = GrantGoal
    fields = ["position", "goal_area", "text"]
    show_change_link = True


class GrantMeasureInline(ApplicationPartInline, admin.StackedInline):
    model = GrantMeasure
    fields = ["title", "goal_area", "plan_goal", "starts_on", "ends_on", "responsible"]
    autocomplete_fields = ["plan_goal"]
    show_change_link = True


class GrantBudgetLineInline(ApplicationPartInline, admin.TabularInline):
    model = GrantBudgetLine
    fields = ["year", "cost_type", "district", "cost_sek", "own_financing_sek", "applied_sek"]
    autocomplete_fields = ["district"]


class GrantAdvisoryCommentInline(admin.StackedInline):
    model = GrantAdvisoryComment
    fields = ["agency", "author", "created_at", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GrantApplication)
class GrantApplicationAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = ["title", "municipality", "round", "status", "first_year", "last_year"]
    list_filter = ["status", "round__year"]
    list_select_related = ["municipality", "round__programme"]
    search_fields = ["title", "municipality__name", "municipality__code"]
    autocomplete_fields = ["round", "municipality", "districts"]
    readonly_fields = [
        "status",
        "created_by",
        "submitted_at",
        "submitted_by",
        "version",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["round", "municipality", "title", "first_year", "last_year"]}),
        (_("Innehåll"), {"fields": ["districts", "description", "timetable", "contact_name"]}),
        (
            _("Status"),
            {"fields": ["status", "created_by", "submitted_at", "submitted_by"]},
        ),
        (_("Registrering"), {"fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [
        GrantGoalInline,
        GrantMeasureInline,
        GrantBudgetLineInline,
        GrantAdvisoryCommentInline,
    ]
    str_select_related = ("municipality", "round__programme")

    def has_add_permission(self, request) -> bool:
        # Applications are started by coordinators on the pages (eligibility and window checks).
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return not _application_is_locked(obj) and super().has_change_permission(request, obj)


class ApplicationPartAdmin(HistoryAdmin):
    """A part of an application: read-only once the application is handed in."""

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and _application_is_locked(self.application_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return False

    def application_of(self, obj):
        return obj.application


class GrantGoalIndicatorInline(NoDeleteInline, admin.TabularInline):
    model = GrantGoalIndicator
    fields = ["indicator", "baseline_year", "baseline_value", "target_year", "target_value"]
    autocomplete_fields = ["indicator"]

    def has_change_permission(self, request, obj=None) -> bool:
        locked = obj is not None and _application_is_locked(obj.application)
        return not locked and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        locked = obj is not None and _application_is_locked(obj.application)
        return not locked and super().has_add_permission(request, obj)


@admin.register(GrantGoal)
class GrantGoalAdmin(ApplicationPartAdmin):
    list_display = ["__str__", "goal_area", "application"]
    list_select_related = ["goal_area", "application__municipality", "application__round"]
    search_fields = ["text", "application__title", "application__municipality__name"]
    inlines = [GrantGoalIndicatorInline]
    str_select_related = ("application__municipality", "application__round__programme")


@admin.register(GrantGoalIndicator)
class GrantGoalIndicatorAdmin(ApplicationPartAdmin):
    list_display = ["indicator", "goal", "baseline_year", "target_year"]
    list_select_related = ["indicator", "goal"]
    search_fields = ["indicator__name", "goal__text"]
    str_select_related = ("indicator", "goal")

    def application_of(self, obj):
        return obj.goal.application


@admin.register(GrantMeasure)
class GrantMeasureAdmin(ApplicationPartAdmin):
    list_display = ["title", "application", "goal_area", "starts_on", "ends_on"]
    list_select_related = ["goal_area", "application__municipality", "application__round"]
    search_fields = ["title", "application__title", "application__municipality__name"]
    autocomplete_fields = ["plan_goal", "districts"]
    str_select_related = ("application__municipality", "application__round__programme")


@admin.register(GrantBudgetLine)
class GrantBudgetLineAdmin(ApplicationPartAdmin):
    list_display = [
        "application",
        "year_display",
        "cost_type",
        "district",
        "cost_sek",
        "own_financing_sek",
        "applied_sek",
    ]
    year_display = year_column()
    list_filter = ["year", "cost_type"]
    list_select_related = ["application__municipality", "application__round__programme", "district"]
    search_fields = ["application__title", "application__municipality__name"]
    autocomplete_fields = ["district"]
    str_select_related = ("application__municipality", "application__round__programme")


class GrantDecisionAmountInline(admin.TabularInline):
    model = GrantDecisionAmount
    fields = ["round", "amount_sek"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GrantDecision)
class GrantDecisionAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Decisions are made on the pages: the appropriation ceiling is checked under a row lock."""

    list_display = ["application", "decided_on", "decided_by", "case_number"]
    list_select_related = [
        "application__municipality",
        "application__round__programme",
        "decided_by",
    ]
    search_fields = ["case_number", "application__title", "application__municipality__name"]
    date_hierarchy = "decided_on"
    inlines = [GrantDecisionAmountInline]
    str_select_related = ("application__municipality", "application__round__programme")


@admin.register(GrantDecisionAmount)
class GrantDecisionAmountAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ["decision", "round", "amount_sek"]
    list_filter = ["round__year"]
    list_select_related = [
        "decision__application__municipality",
        "decision__application__round__programme",
        "round__programme",
    ]
    search_fields = ["decision__application__municipality__name"]
    str_select_related = (
        "decision__application__municipality",
        "decision__application__round__programme",
        "round",
    )


@admin.register(GrantPayment)
class GrantPaymentAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ["decision_amount", "amount_sek", "due_on", "status", "paid_on"]
    list_filter = ["status"]
    list_select_related = [
        "decision_amount__decision__application__municipality",
        "decision_amount__decision__application__round__programme",
        "decision_amount__round",
    ]
    search_fields = ["decision_amount__decision__application__municipality__name"]
    date_hierarchy = "due_on"
    str_select_related = tuple(list_select_related)


@admin.register(GrantReclaim)
class GrantReclaimAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ["decision_amount", "kind", "amount_sek", "decided_on"]
    list_filter = ["kind"]
    list_select_related = [
        "decision_amount__decision__application__municipality",
        "decision_amount__decision__application__round__programme",
        "decision_amount__round",
    ]
    search_fields = ["decision_amount__decision__application__municipality__name", "reason"]
    str_select_related = tuple(list_select_related)


@admin.register(GrantAdvisoryComment)
class GrantAdvisoryCommentAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ["application", "agency", "author", "created_at"]
    list_select_related = [
        "application__municipality",
        "application__round__programme",
        "agency",
        "author",
    ]
    search_fields = ["text", "application__municipality__name"]
    str_select_related = ("agency",)


class FollowUpPartInline(NoDeleteInline):
    def has_change_permission(self, request, obj=None) -> bool:
        locked = obj is not None and obj.status in LOCKED_FOLLOW_UP
        return not locked and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class GrantFollowUpEntryInline(FollowUpPartInline, admin.TabularInline):
    model = GrantFollowUpEntry
    fields = ["measure", "district", "done", "used_sek"]
    readonly_fields = ["measure", "district"]


class GrantFollowUpResultInline(FollowUpPartInline, admin.TabularInline):
    model = GrantFollowUpResult
    fields = ["goal_indicator", "value", "comment"]
    readonly_fields = ["goal_indicator"]


@admin.register(GrantFollowUp)
class GrantFollowUpAdmin(VersionedAdminMixin, HistoryAdmin):
    """The review cycle (submit, return, accept) runs on the pages."""

    list_display = ["application", "year_display", "status", "due_on", "submitted_at"]
    year_display = year_column()
    list_filter = ["status", "year"]
    list_select_related = ["application__municipality", "application__round__programme"]
    search_fields = ["application__title", "application__municipality__name"]
    readonly_fields = [
        "application",
        "year",
        "status",
        "return_note",
        "created_by",
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
    fieldsets = [
        (None, {"fields": ["application", "year", "due_on"]}),
        (_("Redovisning"), {"fields": ["summary", "goal_fulfilment", "obstacles"]}),
        (
            _("Granskning"),
            {
                "fields": [
                    "status",
                    "return_note",
                    "created_by",
                    "submitted_at",
                    "submitted_by",
                    "reviewed_at",
                    "reviewed_by",
                ]
            },
        ),
        (
            _("Registrering"),
            {"fields": ["pdf", "pdf_sha256", "version", "created_at", "updated_at"]},
        ),
    ]
    inlines = [GrantFollowUpEntryInline, GrantFollowUpResultInline]
    str_select_related = ("application__municipality",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status in LOCKED_FOLLOW_UP:
            return False
        return super().has_change_permission(request, obj)


class FollowUpRowAdmin(HistoryAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.follow_up.status in LOCKED_FOLLOW_UP:
            return False
        return super().has_change_permission(request, obj)


@admin.register(GrantFollowUpEntry)
class GrantFollowUpEntryAdmin(FollowUpRowAdmin):
    list_display = ["follow_up", "measure", "district", "used_sek"]
    list_select_related = ["follow_up__application__municipality", "measure", "district"]
    search_fields = ["measure__title", "follow_up__application__municipality__name"]
    readonly_fields = ["follow_up", "measure", "district"]
    str_select_related = ("follow_up__application__municipality", "measure")


@admin.register(GrantFollowUpResult)
class GrantFollowUpResultAdmin(FollowUpRowAdmin):
    list_display = ["follow_up", "goal_indicator", "value"]
    list_select_related = [
        "follow_up__application__municipality",
        "goal_indicator__indicator",
        "goal_indicator__goal",
    ]
    search_fields = ["goal_indicator__indicator__name"]
    readonly_fields = ["follow_up", "goal_indicator"]
    str_select_related = (
        "follow_up__application__municipality",
        "goal_indicator__indicator",
        "goal_indicator__goal",
    )
