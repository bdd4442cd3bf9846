"""The change history of an object, readable by people: who changed which field, when, from what
to what. Built on django-simple-history's `diff_against`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    reason: str
    kind: str  # "+" created, "~" changed, "-" deleted
    field: str
    old: str
    new: str


def _display(record, field_name: str, value) -> str:
    if value in (None, ""):
        return "–"
    field = record.instance_type._meta.get_field(field_name)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list):  # m2m: list of through-row dicts
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def changes_for(obj, *, limit: int = 200) -> list[Change]:
    """Field-level changes, newest first. One query for the history records with their users."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    changes: list[Change] = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        who = str(newer.history_user) if newer.history_user else _("Systemet")
        reason = newer.history_change_reason or ""
        if older is None:
            changes.append(Change(newer.history_date, who, reason, "+", _("Skapad"), "", ""))
            continue
        delta = newer.diff_against(older, foreign_keys_are_objs=False)
        for change in delta.changes:
            if change.field in {"version", "updated_at"}:
                continue
            field = newer.instance_type._meta.get_field(change.field)
            changes.append(
                Change(
                    newer.history_date,
                    who,
                    reason,
                    "~",
                    str(field.verbose_name).capitalize(),
                    _display(newer, change.field, change.old),
                    _display(newer, change.field, change.new),
                )
            )
        if not delta.changes and reason:
            changes.append(Change(newer.history_date, who, reason, "~", "–", "", ""))
    return changes[:limit]
