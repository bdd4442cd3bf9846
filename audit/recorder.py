"""Writes an AuditEvent for every historical record django-simple-history creates.

This is infrastructure (an index of the history tables), not business logic: it reads the
history record just written and the one before it and stores which fields changed, from what
to what.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from audit.models import AuditEvent

MAX_VALUE_LENGTH = 200
SKIPPED_FIELDS = {"version", "updated_at"}


def _short(value) -> str:
    text = "–" if value in (None, "") else str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def _label(field, value):
    if isinstance(value, list):  # many-to-many: the through rows
        return f"{len(value)} st." if value else None
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    return value


def changes_between(newer, older) -> list[dict]:
    if older is None:
        return []
    delta = newer.diff_against(older, foreign_keys_are_objs=False)
    model = newer.instance_type
    changes = []
    for change in delta.changes:
        if change.field in SKIPPED_FIELDS:
            continue
        field = model._meta.get_field(change.field)
        changes.append(
            {
                "field": str(field.verbose_name),
                "old": _short(_label(field, change.old)),
                "new": _short(_label(field, change.new)),
            }
        )
    return changes


def record_history_event(sender, instance, history_instance, history_user, **kwargs) -> None:
    older = history_instance.prev_record if history_instance.history_type == "~" else None
    AuditEvent.objects.create(
        at=history_instance.history_date,
        user=history_user if getattr(history_user, "pk", None) else None,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=_short(instance)[:300],
        action=history_instance.history_type,
        reason=(history_instance.history_change_reason or "")[:300],
        changes=changes_between(history_instance, older),
        history_id=history_instance.history_id,
    )
