"""Services for the agreement's workflow (the table of actions is `agreements/workflow.py`).

Every transition goes through `udavtal.lib.workflow.transition`: it locks the row, refuses an
action in the wrong state (`TransitionNotAllowed`, a 403), bumps the version and leaves a history
record with the actor and the reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from agreements.workflow import ACTIONS, Status, status_by_dates
from udavtal.lib.uploads import CheckedUpload
from udavtal.lib.workflow import check_transition, transition


def _move(agreement: Agreement, action: str, *, actor, reason: str, **fields) -> None:
    spec = ACTIONS[action]
    transition(
        agreement,
        to=fields.pop("to", spec.to),
        allowed_from=spec.allowed_from,
        actor=actor,
        reason=reason or str(spec.label),
        status_reason=reason,
        **fields,
    )


def _require_reason(action: str, reason: str) -> None:
    if ACTIONS[action].reason_required and not reason.strip():
        raise ValidationError({"reason": _("Ange ett skäl.")})


def agreement_negotiate(*, agreement: Agreement, actor, reason: str = "") -> None:
    """The municipality has accepted the offer: the parties negotiate (överläggningar)."""
    _move(agreement, "negotiate", actor=actor, reason=reason)


@dataclass(frozen=True)
class Signatures:
    state_signatory: str
    state_signatory_title: str
    state_signed_on: datetime.date
    municipality_signatory: str
    municipality_signatory_title: str
    municipality_signed_on: datetime.date


@transaction.atomic
def agreement_sign(
    *,
    agreement: Agreement,
    signatures: Signatures,
    document: CheckedUpload,
    expected_version: int | None = None,
    actor,
    today: datetime.date | None = None,
) -> None:
    """Both parties have signed: record signatories, dates and the signed PDF. An agreement
    whose start date has already come goes on to in force (or ended) at once."""
    today = today or timezone.localdate()
    for name in ("state_signed_on", "municipality_signed_on"):
        if getattr(signatures, name) > today:
            raise ValidationError(
                {name: _("Datumet för underskriften kan inte ligga i framtiden.")}
            )
    check_transition(agreement, allowed_from=ACTIONS["sign"].allowed_from)
    agreement.signed_document.save(document.name, document.file, save=False)
    try:
        transition(
            agreement,
            to=Status.SIGNED,
            allowed_from=ACTIONS["sign"].allowed_from,
            actor=actor,
            reason=_("Avtalet undertecknat"),
            expected_version=expected_version,
            status_reason="",
            **vars(signatures),
        )
    except Exception:
        # Refused (stale form, wrong state): the stored file belongs to no agreement.
        agreement.signed_document.delete(save=False)
        raise
    _follow_dates(agreement, today=today, actor=actor)


def agreement_pause(*, agreement: Agreement, actor, reason: str) -> None:
    _require_reason("pause", reason)
    _move(agreement, "pause", actor=actor, reason=reason)


def status_before_pause(agreement: Agreement) -> str:
    """The status the agreement had before it was paused, read from its history."""
    record = (
        agreement.history.exclude(status=Status.PAUSED)
        .order_by("-history_date", "-history_id")
        .values_list("status", flat=True)
        .first()
    )
    if record is None:
        signed = agreement.state_signed_on and agreement.municipality_signed_on
        return Status.SIGNED if signed else Status.NEGOTIATING
    return record


@transaction.atomic
def agreement_resume(*, agreement: Agreement, actor, reason: str = "", today=None) -> None:
    """Back to the state before the pause; a signed agreement to the state its dates give."""
    today = today or timezone.localdate()
    before = status_before_pause(agreement)
    if before in (Status.SIGNED, Status.IN_FORCE, Status.ENDED):
        before = status_by_dates(agreement, today)
    _move(agreement, "resume", actor=actor, reason=reason, to=before)


def agreement_decline(*, agreement: Agreement, actor, reason: str) -> None:
    _require_reason("decline", reason)
    _move(agreement, "decline", actor=actor, reason=reason)


def agreement_terminate(*, agreement: Agreement, actor, reason: str) -> None:
    _require_reason("terminate", reason)
    _move(agreement, "terminate", actor=actor, reason=reason)


ACTION_SERVICES = {
    "negotiate": agreement_negotiate,
    "pause": agreement_pause,
    "resume": agreement_resume,
    "decline": agreement_decline,
    "terminate": agreement_terminate,
}


def _follow_dates(agreement: Agreement, *, today: datetime.date, actor=None) -> str | None:
    """Move a signed or in-force agreement to the status its dates give; return the new status."""
    target = status_by_dates(agreement, today)
    if target == agreement.status:
        return None
    if target == Status.IN_FORCE:
        reason = _("Gällande från startdatumet %(day)s") % {"day": agreement.starts_on}
    else:
        reason = _("Avslutat efter slutdatumet %(day)s") % {"day": agreement.ends_on}
    transition(
        agreement,
        to=target,
        allowed_from=(Status.SIGNED, Status.IN_FORCE),
        actor=actor,
        reason=reason,
    )
    return target


def agreement_update_statuses(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[tuple[Agreement, str, str]]:
    """Signed agreements whose start date has come are in force; agreements in force (or signed)
    whose end date has passed are ended. Idempotent: a second run on the same day changes
    nothing. Returns (agreement, from, to) for each change."""
    today = today or timezone.localdate()
    due = (
        Agreement.objects.filter(status__in=(Status.SIGNED, Status.IN_FORCE))
        .exclude(status=Status.SIGNED, starts_on__gt=today)
        .exclude(status=Status.IN_FORCE, ends_on__gte=today)
        .order_by("pk")
    )
    changes = []
    for agreement in due:
        before = agreement.status
        if dry_run:
            changes.append((agreement, before, status_by_dates(agreement, today)))
            continue
        with transaction.atomic():
            agreement.refresh_from_db()
            after = _follow_dates(agreement, today=today)
        if after:
            changes.append((agreement, before, after))
    return changes
