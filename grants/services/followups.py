"""The yearly follow-up of a grant: started by the coordinator, submitted, returned with a note
or accepted by an officer who did not write it; an accepted follow-up never changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.models import (
    GrantApplication,
    GrantDecisionAmount,
    GrantFollowUp,
    GrantFollowUpEntry,
    GrantFollowUpResult,
    GrantGoalIndicator,
)
from reports.models import ReviewStatus
from udavtal.lib import formats
from udavtal.lib.concurrency import claim_version
from udavtal.lib.workflow import check_transition, transition

EDITABLE = [ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED]


def follow_up_due_on(*, application: GrantApplication, year: int) -> date:
    amount = (
        GrantDecisionAmount.objects.select_related("round")
        .filter(decision__application=application, round__year=year)
        .first()
    )
    if amount is not None and amount.round.follow_up_due_on:
        return amount.round.follow_up_due_on
    return date(year + 1, 3, 31)


@transaction.atomic
def follow_up_start(*, application: GrantApplication, year: int, actor) -> GrantFollowUp:
    """Create the follow-up of one decided year with a row per measure and district active that
    year and a row per goal indicator."""
    if application.status != GrantApplication.Status.DECIDED:
        raise ValidationError(_("Uppföljning görs för beslutade bidrag."))
    if not GrantDecisionAmount.objects.filter(
        decision__application=application, round__year=year
    ).exists():
        raise ValidationError(
            _("Det finns inget beslutat bidrag för %(year)s att följa upp.") % {"year": year}
        )
    existing = GrantFollowUp.objects.filter(application=application, year=year).first()
    if existing is not None:
        return existing
    follow_up = GrantFollowUp(
        application=application,
        year=year,
        status=ReviewStatus.DRAFT,
        due_on=follow_up_due_on(application=application, year=year),
        created_by=actor,
    )
    follow_up._history_user = actor
    follow_up._change_reason = _("Uppföljning påbörjad")
    try:
        with transaction.atomic():
            follow_up.save()
    except IntegrityError:
        return GrantFollowUp.objects.get(application=application, year=year)
    measures = application.measures.filter(
        starts_on__lte=date(year, 12, 31), ends_on__gte=date(year, 1, 1)
    ).prefetch_related("districts")
    entries = []
    for measure in measures:
        districts = list(measure.districts.all()) or [None]
        entries += [
            GrantFollowUpEntry(follow_up=follow_up, measure=measure, district=d) for d in districts
        ]
    GrantFollowUpEntry.objects.bulk_create(entries)
    GrantFollowUpResult.objects.bulk_create(
        GrantFollowUpResult(follow_up=follow_up, goal_indicator=gi)
        for gi in GrantGoalIndicator.objects.filter(goal__application=application)
    )
    return follow_up


@transaction.atomic
def follow_up_update(
    *,
    follow_up: GrantFollowUp,
    expected_version: int,
    summary: str,
    goal_fulfilment: str,
    obstacles: str,
    entries: Sequence[Mapping],
    results: Sequence[Mapping],
    actor,
) -> GrantFollowUp:
    """`entries`: dicts with `entry` (GrantFollowUpEntry), `done`, `used_sek`; `results`: dicts
    with `result` (GrantFollowUpResult), `value`, `comment`."""
    locked = GrantFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    check_transition(locked, allowed_from=EDITABLE)
    claim_version(follow_up, expected_version=expected_version)
    for row in entries:
        entry = row["entry"]
        if entry.follow_up_id != follow_up.pk:
            raise ValidationError(_("Raden hör till en annan uppföljning."))
        entry.done = row["done"]
        entry.used_sek = row["used_sek"]
        entry._history_user = actor
        entry.save()
    for row in results:
        result = row["result"]
        if result.follow_up_id != follow_up.pk:
            raise ValidationError(_("Raden hör till en annan uppföljning."))
        result.value = row["value"]
        result.comment = row["comment"]
        result._history_user = actor
        result.save()
    follow_up.summary = summary
    follow_up.goal_fulfilment = goal_fulfilment
    follow_up.obstacles = obstacles
    if follow_up.status == ReviewStatus.NOT_STARTED:
        follow_up.status = ReviewStatus.DRAFT
    follow_up._history_user = actor
    follow_up._change_reason = _("Uppföljningen sparad")
    follow_up.save()
    return follow_up


def _check_used_within_decision(follow_up: GrantFollowUp) -> None:
    used = sum((e.used_sek or Decimal(0) for e in follow_up.entries.all()), Decimal(0))
    decided = (
        GrantDecisionAmount.objects.filter(
            decision__application=follow_up.application_id, round__year=follow_up.year
        )
        .values_list("amount_sek", flat=True)
        .first()
    ) or Decimal(0)
    if used > decided:
        raise ValidationError(
            _(
                "Använt bidrag %(year)s (%(used)s) är mer än det beviljade beloppet "
                "(%(decided)s). Redovisa det som finansierats på annat sätt som egen finansiering."
            )
            % {
                "year": follow_up.year,
                "used": formats.money(used),
                "decided": formats.money(decided),
            }
        )


@transaction.atomic
def follow_up_submit(*, follow_up: GrantFollowUp, actor) -> GrantFollowUp:
    _check_used_within_decision(follow_up)
    if not follow_up.summary.strip():
        raise ValidationError(_("Skriv en sammanfattning av året innan uppföljningen lämnas in."))
    transition(
        follow_up,
        to=ReviewStatus.SUBMITTED,
        allowed_from=[ReviewStatus.DRAFT, ReviewStatus.RETURNED],
        actor=actor,
        reason=_("Uppföljningen inlämnad"),
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    return follow_up


def writers_of(follow_up: GrantFollowUp) -> set[int]:
    return {pk for pk in (follow_up.created_by_id, follow_up.submitted_by_id) if pk}


def _check_not_writer(follow_up: GrantFollowUp, actor) -> None:
    if actor.pk in writers_of(follow_up):
        raise PermissionDenied(_("Du kan inte granska en uppföljning som du själv har skrivit."))


@transaction.atomic
def follow_up_return(*, follow_up: GrantFollowUp, note: str, actor) -> GrantFollowUp:
    _check_not_writer(follow_up, actor)
    transition(
        follow_up,
        to=ReviewStatus.RETURNED,
        allowed_from=[ReviewStatus.SUBMITTED],
        actor=actor,
        reason=note,
        return_note=note,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    return follow_up


@transaction.atomic
def follow_up_accept(*, follow_up: GrantFollowUp, actor) -> GrantFollowUp:
    _check_not_writer(follow_up, actor)
    transition(
        follow_up,
        to=ReviewStatus.ACCEPTED,
        allowed_from=[ReviewStatus.SUBMITTED],
        actor=actor,
        reason=_("Uppföljningen godkänd"),
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    return follow_up
