"""Shared helpers of the demo builder: the actor, the change reason and `ensure`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import models

EXAMPLE = "Exempeldata"
CHANGE_REASON = EXAMPLE
STOCKHOLM = ZoneInfo("Europe/Stockholm")

M = TypeVar("M", bound=models.Model)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A fixed, time-zone aware moment on `day` (the demo never depends on the clock)."""
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


@dataclass
class Demo:
    """The state of one run: who is recorded as the author and what was created."""

    actor: Any = None
    created: Counter = field(default_factory=Counter)
    new: set[tuple[str, Any]] = field(default_factory=set)

    def is_new(self, obj: models.Model) -> bool:
        return (obj._meta.label, obj.pk) in self.new

    def ensure(
        self,
        model: type[M],
        lookup: Mapping[str, Any],
        defaults: Mapping[str, Any] | None = None,
        *,
        after_create: Callable[[M], None] | None = None,
    ) -> M:
        """Fetch the object with the natural key `lookup`, or create it.

        Unlike `get_or_create` the new object is saved with the demo's history user and change
        reason. An existing object is returned untouched, so a second run writes nothing (no rows,
        no history records). `after_create` runs only for a new object (m2m links, groups).
        A key that contains an object created in this run cannot exist yet: no lookup then.
        """
        parent_is_new = any(
            isinstance(value, models.Model) and self.is_new(value) for value in lookup.values()
        )
        if not parent_is_new:
            try:
                return model._default_manager.get(**lookup)
            except model.DoesNotExist:
                pass
        obj = model(**lookup, **(defaults or {}))
        obj._change_reason = CHANGE_REASON
        if self.actor is not None:
            obj._history_user = self.actor
        obj.save()
        self.created[str(model._meta.verbose_name_plural)] += 1
        self.new.add((obj._meta.label, obj.pk))
        if after_create is not None:
            after_create(obj)
        return obj
