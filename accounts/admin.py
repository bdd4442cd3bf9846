"""Users: Django's user admin with title and phone, and the user's organisation memberships.

Global roles are groups (`accounts.roles`); organisation roles are memberships in a municipality
(`agreements.MunicipalityMembership`) or an agency (`partnerships.AgencyMembership`). The
membership inlines are defined here, importing those models: accounts stands outside the one-way
chain of the domain apps (they reach it only through AUTH_USER_MODEL), so this adds no cycle, and
one page shows everything that gives a user access. `accounts.roles` reads the same memberships.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from agreements.models import MunicipalityMembership
from partnerships.admin import AgencyMembershipForm
from partnerships.models import AgencyMembership
from udavtal.lib.admin import ChangeReasonMixin

from .models import User
from .roles import GLOBAL_GROUPS


class UserMunicipalityMembershipInline(admin.TabularInline):
    model = MunicipalityMembership
    fields = ["municipality", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["municipality"]
    extra = 0


class UserAgencyMembershipInline(admin.TabularInline):
    model = AgencyMembership
    form = AgencyMembershipForm
    fields = ["agency", "unit", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["agency", "unit"]
    extra = 0


@admin.register(User)
class UserAdmin(ChangeReasonMixin, DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personuppgifter"), {"fields": ("first_name", "last_name", "email", "title", "phone")}),
        (
            _("Behörigheter"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
                "description": _(
                    "Globala roller är grupper. Kommunala samordnare och myndighetshandläggare "
                    "får sin behörighet genom medlemskapen nedan."
                ),
            },
        ),
        (_("Viktiga datum"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "title",
                    "phone",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "title",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("username", "first_name", "last_name", "email", "title")
    readonly_fields = ("last_login", "date_joined")
    inlines = [UserMunicipalityMembershipInline, UserAgencyMembershipInline]

    def get_inlines(self, request, obj):
        # Memberships are added once the user exists (the add page asks only for the account).
        return self.inlines if obj is not None else []

    def has_delete_permission(self, request, obj=None) -> bool:
        # Users are deactivated (is_active), never deleted: reports, revisions and imports
        # point at the people who made them.
        return False


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ChangeReasonMixin, DjangoGroupAdmin):
    """The global roles are groups found by name (`accounts.roles`): renaming or deleting one
    would silently take the role from everyone in it. Their permissions stay editable."""

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.name in GLOBAL_GROUPS:
            return ["name"]
        return []

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.name in GLOBAL_GROUPS:
            return False
        return super().has_delete_permission(request, obj)
