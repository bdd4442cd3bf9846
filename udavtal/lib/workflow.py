"""State changes of workflow objects (agreements, plans, accords, reports).

A transition is allowed only from the listed states; it bumps the optimistic-locking version,
saves the object and leaves a history record with the actor and the reason, so the history
answers "who moved this from what to what, when and why".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from udavtal.lib.concurrency import claim_version


class TransitionNotAllowed(PermissionDenied):
    """The action is not allowed in the object's current state (answers 403 in views)."""


def check_transition(obj, *, allowed_from: Iterable[str]) -> None:
    if obj.status not in set(allowed_from):
        raise TransitionNotAllowed(
            _("Åtgärden är inte tillåten när statusen är ”%(status)s”.")
            % {"status": obj.get_status_display()}
        )


@transaction.atomic
def transition(
    obj,
    *,
    to: str,
    allowed_from: Iterable[str],
    actor,
    reason: str = "",
    expected_version: int | None = None,
    **fields,
) -> None:
    """Move `obj` to status `to`, setting `fields` too, in one transaction with history."""
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    check_transition(locked, allowed_from=allowed_from)
    claim_version(
        obj, expected_version=locked.version if expected_version is None else expected_version
    )
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.status = to
    obj._history_user = actor
    obj._change_reason = reason or _("Status ändrad till %(status)s") % {
        "status": obj.get_status_display()
    }
    obj.save()
