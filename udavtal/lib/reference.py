"""Idempotent loading of reference rows on natural keys.

`sync_rows` is `update_or_create` for a whole table with one difference that matters here: a row
whose fields already hold the wanted values is not saved again. Saving it would write a new
django-simple-history record on every run, and a loader that is run twice must change nothing.

The functions take model classes, so data migrations can pass `apps.get_model(...)` (historical
models, no history is written there) and the management command the real models (history is written
with the change reason "Referensdata").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

CHANGE_REASON = "Referensdata"


@dataclass
class Changes:
    """What a loader did to one table: primary keys created, updated and seen."""

    label: str
    created: set[int] = field(default_factory=set)
    updated: set[int] = field(default_factory=set)
    seen: set[int] = field(default_factory=set)

    @property
    def created_count(self) -> int:
        return len(self.created)

    @property
    def updated_count(self) -> int:
        return len(self.updated - self.created)

    @property
    def unchanged_count(self) -> int:
        return len(self.seen - self.created - self.updated)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        return (
            f"{self.label}: {self.created_count} nya, {self.updated_count} ändrade, "
            f"{self.unchanged_count} oförändrade"
        )


def _field_value(obj: models.Model, name: str) -> Any:
    """The stored value of a field; the primary key for a foreign key."""
    f = obj._meta.get_field(name)
    return getattr(obj, f.attname)


def _wanted_value(obj: models.Model, name: str, value: Any) -> Any:
    f = obj._meta.get_field(name)
    if f.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def _key_of_row(model: type[models.Model], key_fields: tuple[str, ...], row: Mapping) -> tuple:
    out = []
    for name in key_fields:
        value = row[name]
        if model._meta.get_field(name).is_relation and isinstance(value, models.Model):
            value = value.pk
        out.append(value)
    return tuple(out)


def sync_rows(
    model: type[models.Model],
    key_fields: tuple[str, ...],
    rows: Iterable[Mapping[str, Any]],
    changes: Changes,
) -> dict[tuple, models.Model]:
    """Create or update one row per mapping in `rows`, matched on `key_fields`.

    Returns every object touched, by natural key, so that callers can link children to them.
    Rows that exist in the table but not in `rows` are left alone: reference data is never deleted
    by a loader (it may have references and history).
    """
    existing = {
        tuple(_field_value(obj, name) for name in key_fields): obj
        for obj in model._default_manager.all()
    }
    touched: dict[tuple, models.Model] = {}
    for row in rows:
        key = _key_of_row(model, key_fields, row)
        obj = existing.get(key)
        if obj is None:
            obj = model(**row)
            obj._change_reason = CHANGE_REASON
            obj.save()
            existing[key] = obj
            changes.created.add(obj.pk)
        else:
            differing = [
                name
                for name, value in row.items()
                if name not in key_fields
                and _field_value(obj, name) != _wanted_value(obj, name, value)
            ]
            if differing:
                for name in differing:
                    setattr(obj, name, row[name])
                obj._change_reason = CHANGE_REASON
                obj.save()
                changes.updated.add(obj.pk)
        changes.seen.add(obj.pk)
        touched[key] = obj
    return touched
