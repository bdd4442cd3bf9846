"""Decisions within the appropriation, payments within the decision, reclaims within payments.

The appropriation ceiling holds under concurrency: `decision_make` locks the rows of the rounds
it draws from (`SELECT … FOR UPDATE`, in year order so that two decisions never wait on each
other in a cycle) before it sums what is already decided. A second officer deciding at the same
moment waits for the first transaction, then sees its amounts in the sum and is refused if the
appropriation would be exceeded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from grants.models import (
    GrantApplication,
    GrantDecision,
    GrantDecisionAmount,
    GrantPayment,
    GrantReclaim,
    GrantRound,
)
from udavtal.lib import formats
from udavtal.lib.workflow import check_transition, transition


def decided_sum(*, grant_round: GrantRound) -> Decimal:
    return GrantDecisionAmount.objects.filter(round=grant_round).aggregate(s=Sum("amount_sek"))[
        "s"
    ] or Decimal(0)


def applied_by_year(application: GrantApplication) -> dict[int, Decimal]:
    rows = (
        application.budget_lines.order_by()
        .values("year")
        .annotate(applied=Sum("applied_sek"), cost=Sum("cost_sek"))
    )
    return {row["year"]: row["applied"] for row in rows}


@transaction.atomic
def decision_make(
    *,
    application: GrantApplication,
    amounts: Mapping[int, Decimal],
    reasoning: str,
    conditions: str,
    decided_on: date,
    case_number: str = "",
    actor,
) -> GrantDecision:
    """Decide the amount per calendar year (at most three years, each inside the application and
    within what was applied for) without exceeding any year's appropriation."""
    locked = GrantApplication.objects.select_for_update().get(pk=application.pk)
    check_transition(locked, allowed_from=[GrantApplication.Status.SUBMITTED])
    if actor.pk in locked.authors:
        raise PermissionDenied(_("Du kan inte besluta om en ansökan som du själv har skrivit."))
    programme = application.round.programme
    years = sorted(amounts)
    if not years:
        raise ValidationError(_("Ange beviljat belopp för minst ett år."))
    if len(years) > programme.max_decision_years:
        raise ValidationError(
            _("Ett beslut avser högst %(n)s kalenderår.") % {"n": programme.max_decision_years}
        )
    outside = [y for y in years if y not in application.years]
    if outside:
        raise ValidationError(
            _("Ansökan gäller %(first)s–%(last)s, inte %(years)s.")
            % {
                "first": application.first_year,
                "last": application.last_year,
                "years": ", ".join(str(y) for y in outside),
            }
        )
    applied = applied_by_year(application)
    errors = []
    for year in years:
        amount = amounts[year]
        if amount < 0:
            errors.append(_("Beloppet för %(year)s kan inte vara negativt.") % {"year": year})
        elif amount > applied.get(year, Decimal(0)):
            errors.append(
                _("Beviljat belopp för %(year)s (%(amount)s) är mer än det sökta (%(applied)s).")
                % {
                    "year": year,
                    "amount": formats.money(amount),
                    "applied": formats.money(applied.get(year)),
                }
            )
    if errors:
        raise ValidationError(errors)

    rounds = {
        r.year: r
        for r in GrantRound.objects.select_for_update(of=("self",))
        .select_related("appropriation")
        .filter(programme=programme, year__in=years)
        .order_by("year")
    }
    for year in years:
        grant_round = rounds.get(year)
        if grant_round is None or grant_round.appropriation is None:
            errors.append(_("Det finns inget anslag för %(year)s.") % {"year": year})
            continue
        remaining = grant_round.appropriation.amount_sek - decided_sum(grant_round=grant_round)
        if amounts[year] > remaining:
            errors.append(
                _(
                    "Beslutet överskrider anslaget för %(year)s: %(amount)s beviljas men bara "
                    "%(remaining)s återstår av anslaget på %(appropriation)s."
                )
                % {
                    "year": year,
                    "amount": formats.money(amounts[year]),
                    "remaining": formats.money(remaining),
                    "appropriation": formats.money(grant_round.appropriation.amount_sek),
                }
            )
    if errors:
        raise ValidationError(errors)

    decision = GrantDecision(
        application=application,
        case_number=case_number,
        decided_on=decided_on,
        decided_by=actor,
        conditions=conditions,
        reasoning=reasoning,
    )
    decision._history_user = actor
    decision._change_reason = _("Beslut fattat")
    decision.save()
    for year in years:
        line = GrantDecisionAmount(decision=decision, round=rounds[year], amount_sek=amounts[year])
        line._history_user = actor
        line._change_reason = _("Beslut fattat")
        line.save()
    transition(
        application,
        to=GrantApplication.Status.DECIDED,
        allowed_from=[GrantApplication.Status.SUBMITTED],
        actor=actor,
        reason=_("Beslut fattat"),
    )
    return decision


@transaction.atomic
def decision_store_pdf(*, decision: GrantDecision, content: bytes) -> GrantDecision:
    """Archive the decision document once; an archived document is never replaced."""
    locked = GrantDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.pdf_sha256:
        return locked
    locked.pdf.save(
        f"beslut-statsbidrag-{decision.application_id}.pdf", ContentFile(content), save=False
    )
    locked.pdf_sha256 = hashlib.sha256(content).hexdigest()
    locked._change_reason = _("Beslutsdokumentet arkiverat")
    locked.save(update_fields=["pdf", "pdf_sha256"])
    return locked


def _lock_amount(decision_amount: GrantDecisionAmount) -> GrantDecisionAmount:
    return (
        GrantDecisionAmount.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=decision_amount.pk)
    )


@transaction.atomic
def payment_plan(
    *,
    decision_amount: GrantDecisionAmount,
    amount_sek: Decimal,
    due_on: date,
    note: str = "",
    actor,
) -> GrantPayment:
    locked = _lock_amount(decision_amount)
    if amount_sek <= 0:
        raise ValidationError({"amount_sek": _("Beloppet måste vara större än noll.")})
    scheduled = locked.payments.aggregate(s=Sum("amount_sek"))["s"] or Decimal(0)
    if scheduled + amount_sek > locked.amount_sek:
        raise ValidationError(
            {
                "amount_sek": _(
                    "Utbetalningarna för %(year)s blir %(total)s, mer än det beviljade beloppet "
                    "%(decided)s."
                )
                % {
                    "year": locked.round.year,
                    "total": formats.money(scheduled + amount_sek),
                    "decided": formats.money(locked.amount_sek),
                }
            }
        )
    payment = GrantPayment(
        decision_amount=locked, amount_sek=amount_sek, due_on=due_on, note=note, created_by=actor
    )
    payment._history_user = actor
    payment._change_reason = _("Utbetalning planerad")
    payment.save()
    return payment


@transaction.atomic
def payment_record(*, payment: GrantPayment, paid_on: date, actor) -> GrantPayment:
    transition(
        payment,
        to=GrantPayment.Status.PAID,
        allowed_from=[GrantPayment.Status.PLANNED],
        actor=actor,
        reason=_("Utbetalning registrerad"),
        paid_on=paid_on,
        paid_recorded_by=actor,
    )
    return payment


@transaction.atomic
def reclaim_record(
    *,
    decision_amount: GrantDecisionAmount,
    kind: str,
    amount_sek: Decimal,
    reason: str,
    decided_on: date,
    actor,
) -> GrantReclaim:
    """Reclaim at most what was paid for the year, less earlier reclaims."""
    locked = _lock_amount(decision_amount)
    paid = locked.payments.filter(status=GrantPayment.Status.PAID).aggregate(s=Sum("amount_sek"))[
        "s"
    ] or Decimal(0)
    reclaimed = locked.reclaims.aggregate(s=Sum("amount_sek"))["s"] or Decimal(0)
    if amount_sek <= 0:
        raise ValidationError({"amount_sek": _("Beloppet måste vara större än noll.")})
    if reclaimed + amount_sek > paid:
        raise ValidationError(
            {
                "amount_sek": _(
                    "Återkraven för %(year)s blir %(total)s, mer än det utbetalda beloppet "
                    "%(paid)s."
                )
                % {
                    "year": locked.round.year,
                    "total": formats.money(reclaimed + amount_sek),
                    "paid": formats.money(paid),
                }
            }
        )
    reclaim = GrantReclaim(
        decision_amount=locked,
        kind=kind,
        amount_sek=amount_sek,
        reason=reason,
        decided_on=decided_on,
        created_by=actor,
    )
    reclaim._history_user = actor
    reclaim._change_reason = _("Återkrav registrerat")
    reclaim.save()
    return reclaim
