"""Global roles and organisation scope of a user, computed once per request-held user object."""

from __future__ import annotations

from functools import cached_property

from django.utils.translation import gettext_lazy as _

MINISTRY_ADMIN = "Systemadministratör"
MINISTRY_OFFICER = "Departementets handläggare"
READER = "Läsare"
GLOBAL_GROUPS = (MINISTRY_ADMIN, MINISTRY_OFFICER, READER)

ROLE_LABELS = {
    "admin": _("Systemadministratör"),
    "officer": _("Departementets handläggare"),
    "reader": _("Läsare"),
    "coordinator": _("Kommunal samordnare"),
    "agency": _("Myndighetshandläggare"),
    "none": _("Ingen roll"),
}


class Scope:
    """What a user is and may see. Attached to the user as `user.scope` (see `scope_of`)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def group_names(self) -> frozenset[str]:
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.groups.values_list("name", flat=True))

    @cached_property
    def is_admin(self) -> bool:
        return self.user.is_authenticated and (
            self.user.is_superuser or MINISTRY_ADMIN in self.group_names
        )

    @cached_property
    def is_officer(self) -> bool:
        """Ministry officers and admins: edit agreements, review reports."""
        return self.is_admin or MINISTRY_OFFICER in self.group_names

    @cached_property
    def is_reader(self) -> bool:
        return READER in self.group_names

    @cached_property
    def sees_everything(self) -> bool:
        return self.is_officer or self.is_reader

    @cached_property
    def municipality_ids(self) -> frozenset[int]:
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(
            self.user.municipality_memberships.values_list("municipality_id", flat=True)
        )

    @cached_property
    def agency_ids(self) -> frozenset[int]:
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.agency_memberships.values_list("agency_id", flat=True))

    @property
    def is_coordinator(self) -> bool:
        return bool(self.municipality_ids)

    @property
    def is_agency_officer(self) -> bool:
        return bool(self.agency_ids)

    @cached_property
    def role(self) -> str:
        if self.is_admin:
            return "admin"
        if self.is_officer:
            return "officer"
        if self.is_reader:
            return "reader"
        if self.is_coordinator:
            return "coordinator"
        if self.is_agency_officer:
            return "agency"
        return "none"

    @property
    def role_label(self):
        return ROLE_LABELS[self.role]


def scope_of(user) -> Scope:
    scope = getattr(user, "_udavtal_scope", None)
    if scope is None:
        scope = Scope(user)
        user._udavtal_scope = scope
    return scope
