"""Writes of the indicator catalogue. Imports and their undo are in `importing`."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from reports.models import Indicator
from udavtal.lib.concurrency import claim_version

EDITABLE_FIELDS = (
    "name",
    "definition",
    "unit",
    "direction",
    "source",
    "kolada_kpi",
    "periodicity",
    "person_based",
    "goal_area",
    "decimals",
    "position",
    "is_active",
)


@transaction.atomic
def indicator_create(*, code: str, data: dict, actor, reason: str = "") -> Indicator:
    indicator = Indicator(code=code, **{f: data[f] for f in EDITABLE_FIELDS if f in data})
    indicator.full_clean()
    indicator._history_user = actor
    indicator._change_reason = reason or _("Indikatorn lades till i katalogen")
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, data: dict, expected_version: int | None, actor, reason: str = ""
) -> Indicator:
    """Change the catalogue entry; StaleObjectError if someone saved it since it was loaded."""
    claim_version(indicator, expected_version=expected_version)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    indicator.full_clean()
    indicator._history_user = actor
    indicator._change_reason = reason or _("Indikatorn ändrades")
    indicator.save()
    return indicator
