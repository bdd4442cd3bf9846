"""Admin of agencies and their units, partnerships and cooperation accords."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from udavtal.lib.admin import HistoryAdmin, NoDeleteInline, VersionedAdminMixin, swedish_ordering

from .models import (
    AccordCommitment,
    Agency,
    AgencyMembership,
    AgencyUnit,
    CooperationAccord,
    Partnership,
    PartnershipMember,
)


class AgencyMembershipForm(forms.ModelForm):
    """The model does not tie the unit to the agency; the admin does."""

    def clean(self):
        cleaned_data = super().clean()
        agency, unit = cleaned_data.get("agency"), cleaned_data.get("unit")
        if agency is not None and unit is not None and unit.agency_id != agency.pk:
            self.add_error("unit", _("Enheten hör inte till den valda myndigheten."))
        return cleaned_data


class AgencyUnitInline(NoDeleteInline, admin.TabularInline):
    """Units of the agency (an agency can have hundreds). Placement in the hierarchy is shown
    here and edited on the unit's own page, which is also where units are added."""

    model = AgencyUnit
    fk_name = "agency"
    fields = [
        "name",
        "level",
        "parent",
        "municipality",
        "may_sign_accords",
        "valid_from",
        "valid_to",
    ]
    readonly_fields = ["level", "parent", "municipality"]
    show_change_link = True
    verbose_name_plural = _("enheter (läggs till under Myndighetsenheter)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent", "municipality")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AgencyMembershipInline(admin.TabularInline):
    """Officers of the agency. Added on the user's page; removed here (revokes access, the history
    keeps the removal)."""

    model = AgencyMembership
    fields = ["user", "unit", "created_at"]
    readonly_fields = ["user", "unit", "created_at"]
    extra = 0
    verbose_name_plural = _("myndighetshandläggare (läggs till på användarens sida)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "unit")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
    list_display = [
        "name",
        "short_name",
        "organisation_number",
        "has_regional_level",
        "valid_from",
        "valid_to",
        "successor",
    ]
    list_filter = ["has_regional_level", ("valid_to", admin.EmptyFieldListFilter)]
    list_select_related = ["successor"]
    search_fields = ["name", "short_name", "organisation_number"]
    autocomplete_fields = ["successor"]
    inlines = [AgencyUnitInline, AgencyMembershipInline]

    def get_ordering(self, request):
        return swedish_ordering("name")


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(HistoryAdmin):
    form = AgencyMembershipForm
    list_display = ["user", "agency", "unit", "created_at"]
    list_filter = ["agency"]
    list_select_related = ["user", "agency", "unit"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "agency__name",
        "agency__short_name",
        "unit__name",
    ]
    autocomplete_fields = ["user", "agency", "unit"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None) -> bool:
        # A membership grants access; removing it revokes access and is recorded in its history.
        return True


@admin.register(AgencyUnit)
class AgencyUnitAdmin(HistoryAdmin):
    list_display = [
        "name",
        "agency",
        "level",
        "parent",
        "county",
        "municipality",
        "may_sign_accords",
        "valid_to",
    ]
    list_filter = ["level", "may_sign_accords", "agency", "county"]
    list_select_related = ["agency", "parent", "county", "municipality"]
    search_fields = ["name", "agency__name", "agency__short_name", "municipality__name"]
    autocomplete_fields = ["agency", "parent", "municipality", "successor"]

    def get_ordering(self, request):
        return swedish_ordering("agency__name", "name")


class PartnershipMemberInline(NoDeleteInline, admin.TabularInline):
    model = PartnershipMember
    fields = ["kind", "name", "agency_unit", "accord", "joined_on", "left_on", "contact"]
    autocomplete_fields = ["agency_unit", "accord"]


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["name", "agreement", "agreement_municipality", "district"]
    list_filter = ["agreement__policy_phase", "agreement__municipality__county"]
    list_select_related = ["agreement__municipality", "district"]
    search_fields = [
        "name",
        "agreement__title",
        "agreement__municipality__name",
        "district__name",
    ]
    autocomplete_fields = ["agreement", "district"]
    inlines = [PartnershipMemberInline]

    @admin.display(description=_("kommun"), ordering="agreement__municipality__name")
    def agreement_municipality(self, obj):
        return obj.agreement.municipality


@admin.register(PartnershipMember)
class PartnershipMemberAdmin(HistoryAdmin):
    list_display = ["name", "kind", "partnership", "agency_unit", "joined_on", "left_on"]
    list_filter = ["kind"]
    list_select_related = ["partnership", "agency_unit"]
    search_fields = ["name", "partnership__name", "agency_unit__name", "contact"]
    autocomplete_fields = ["partnership", "agency_unit", "accord"]


class AccordCommitmentInline(NoDeleteInline, admin.StackedInline):
    model = AccordCommitment
    fields = ["plan_goal", "what", "who", "when", "resources"]
    autocomplete_fields = ["plan_goal"]


@admin.register(CooperationAccord)
class CooperationAccordAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = [
        "title",
        "municipality",
        "agency_unit",
        "agency",
        "status",
        "starts_on",
        "ends_on",
        "updated_at",
    ]
    list_filter = ["status", "agency_unit__agency", "municipality__county"]
    list_select_related = ["municipality", "agency_unit__agency"]
    search_fields = [
        "title",
        "case_number",
        "municipality__name",
        "agency_unit__name",
        "agency_unit__agency__name",
    ]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["agreement", "municipality", "agency_unit", "plans", "goal_areas"]
    # Status, proposal and reason are set by the workflow services.
    readonly_fields = [
        "status",
        "status_reason",
        "proposed_by",
        "proposed_at",
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
                    "case_number",
                    "agreement",
                    "municipality",
                    "agency_unit",
                    "plans",
                    "goal_areas",
                    "starts_on",
                    "ends_on",
                    "description",
                ]
            },
        ),
        (
            _("Underskrifter och kontakter"),
            {
                "fields": [
                    "agency_signatory",
                    "agency_signed_on",
                    "municipality_signatory",
                    "municipality_signed_on",
                    "agency_contact",
                    "municipality_contact",
                ]
            },
        ),
        (_("Status"), {"fields": ["status", "status_reason", "proposed_by", "proposed_at"]}),
        (_("Registrering"), {"fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [AccordCommitmentInline]

    @admin.display(description=_("myndighet"), ordering="agency_unit__agency__name")
    def agency(self, obj):
        return obj.agency_unit.agency


@admin.register(AccordCommitment)
class AccordCommitmentAdmin(HistoryAdmin):
    list_display = ["__str__", "accord", "plan_goal", "who", "when"]
    list_select_related = ["accord", "plan_goal"]
    search_fields = ["what", "who", "accord__title", "plan_goal__text"]
    autocomplete_fields = ["accord", "plan_goal"]
