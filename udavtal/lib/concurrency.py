"""Optimistic locking: no lost updates when two people edit the same record."""

from __future__ import annotations

from django.db.models import F, Model
from django.utils.translation import gettext as _


class StaleObjectError(Exception):
    """The record changed since the form was loaded."""

    def __init__(self, obj: Model):
        self.obj = obj
        super().__init__(
            _(
                "Någon annan har sparat ändringar i ”%(object)s” sedan du öppnade sidan. "
                "Dina uppgifter finns kvar i formuläret: ladda om sidan i en ny flik, jämför "
                "och spara igen."
            )
            % {"object": obj}
        )


def claim_version(obj: Model, *, expected_version: int | None) -> None:
    """Bump `obj.version` in the database if it still is `expected_version`, else raise.

    Call inside the service's transaction before saving the other fields. With
    `expected_version=None` the current version is taken (no check, e.g. automatic transitions).
    """
    model = type(obj)
    if expected_version is None:
        expected_version = obj.version
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if updated != 1:
        raise StaleObjectError(obj)
    obj.version = expected_version + 1
