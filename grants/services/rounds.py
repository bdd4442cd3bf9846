"""Writes of grant rounds: window, due dates and eligible municipalities (officers)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Municipality
from grants.models import GrantRound
from partnerships.models import Agency
from udavtal.lib.concurrency import claim_version


@transaction.atomic
def round_update(
    *,
    grant_round: GrantRound,
    expected_version: int,
    opens_on: date,
    closes_on: date,
    decisions_due_on: date | None,
    follow_up_due_on: date | None,
    administering_body: Agency | None,
    advisory_body: Agency | None,
    eligible_municipalities: Iterable[Municipality],
    note: str,
    actor,
) -> GrantRound:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": _("Sista ansökningsdag kan inte vara före den dag ansökan öppnar.")}
        )
    if decisions_due_on is not None and decisions_due_on < closes_on:
        raise ValidationError(
            {"decisions_due_on": _("Beslutsdagen kan inte vara före sista ansökningsdag.")}
        )
    municipalities = list(eligible_municipalities)
    applied = set(grant_round.applications.values_list("municipality_id", flat=True))
    removed = applied - {m.pk for m in municipalities}
    if removed:
        names = sorted(Municipality.objects.filter(pk__in=removed).values_list("name", flat=True))
        raise ValidationError(
            {
                "eligible_municipalities": _(
                    "%(names)s har redan ansökt i omgången och kan inte tas bort."
                )
                % {"names": ", ".join(names)}
            }
        )
    claim_version(grant_round, expected_version=expected_version)
    grant_round.opens_on = opens_on
    grant_round.closes_on = closes_on
    grant_round.decisions_due_on = decisions_due_on
    grant_round.follow_up_due_on = follow_up_due_on
    grant_round.administering_body = administering_body
    grant_round.advisory_body = advisory_body
    grant_round.note = note
    grant_round._history_user = actor
    grant_round._change_reason = _("Bidragsomgången ändrad")
    grant_round.save()
    grant_round.eligible_municipalities.set(municipalities)
    return grant_round
