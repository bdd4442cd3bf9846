"""Decisions (per calendar year, within the appropriation), payments and reclaims."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from udavtal.lib.models import VersionedModel

from .applications import GrantApplication
from .programme import GrantRound


class GrantDecision(models.Model):
    """The decision on an application: conditions and reasoning; amounts per year below.
    A decision is never changed once made; its PDF is rendered once and archived."""

    application = models.OneToOneField(
        GrantApplication,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("ansökan"),
    )
    case_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    decided_on = models.DateField(_("beslutsdatum"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beslutat av"),
    )
    conditions = models.TextField(_("villkor"), blank=True)
    reasoning = models.TextField(_("motivering"))
    pdf = models.FileField(_("beslutsdokument (PDF)"), upload_to="grants/decisions/", blank=True)
    pdf_sha256 = models.CharField(_("PDF:ens SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("registrerat"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut om statsbidrag")
        verbose_name_plural = _("beslut om statsbidrag")
        ordering = ["-decided_on", "id"]

    def __str__(self) -> str:
        return f"Beslut {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application-detail", args=[self.application_id])


class GrantDecisionAmount(models.Model):
    """The amount decided for one calendar year, drawn from that year's round (appropriation)."""

    decision = models.ForeignKey(
        GrantDecision, on_delete=models.PROTECT, related_name="amounts", verbose_name=_("beslut")
    )
    round = models.ForeignKey(
        GrantRound,
        on_delete=models.PROTECT,
        related_name="decision_amounts",
        verbose_name=_("bidragsår"),
    )
    amount_sek = models.DecimalField(_("beviljat belopp (kr)"), max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beviljat belopp per år")
        verbose_name_plural = _("beviljade belopp per år")
        ordering = ["decision", "round__year"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "round"], name="one_decided_amount_per_application_and_year"
            ),
            models.CheckConstraint(
                condition=Q(amount_sek__gte=0), name="grant_decided_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision.application} – {self.round.year}"


class GrantPayment(VersionedModel):
    """A payment of a year's decided amount: planned (the schedule), then recorded as paid."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        PAID = "paid", _("Utbetald")

    decision_amount = models.ForeignKey(
        GrantDecisionAmount,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("beviljat belopp"),
    )
    amount_sek = models.DecimalField(_("belopp (kr)"), max_digits=14, decimal_places=2)
    due_on = models.DateField(_("planerad utbetalning"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    paid_on = models.DateField(_("utbetald den"), null=True, blank=True)
    note = models.CharField(_("kommentar"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("planerad av"),
    )
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utbetalning registrerad av"),
    )
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utbetalning")
        verbose_name_plural = _("utbetalningar")
        ordering = ["decision_amount", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_sek__gt=0), name="grant_payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(status="planned", paid_on__isnull=True)
                | Q(status="paid", paid_on__isnull=False),
                name="grant_payment_paid_has_date",
            ),
        ]
        permissions = [("pay_grantpayment", _("Kan registrera utbetalning av statsbidrag"))]

    def __str__(self) -> str:
        return f"{self.decision_amount} – {self.amount_sek} kr"


class GrantReclaim(models.Model):
    """Återkrav of money paid for a year: unused or used against the decision."""

    class Kind(models.TextChoices):
        UNUSED = "unused", _("Outnyttjade medel")
        MISUSED = "misused", _("Felaktigt använda medel")

    decision_amount = models.ForeignKey(
        GrantDecisionAmount,
        on_delete=models.PROTECT,
        related_name="reclaims",
        verbose_name=_("beviljat belopp"),
    )
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    amount_sek = models.DecimalField(_("återkrävt belopp (kr)"), max_digits=14, decimal_places=2)
    reason = models.TextField(_("skäl"))
    decided_on = models.DateField(_("beslutat den"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrerat av"),
    )
    created_at = models.DateTimeField(_("registrerat"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("återkrav")
        verbose_name_plural = _("återkrav")
        ordering = ["decision_amount", "decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_sek__gt=0), name="grant_reclaim_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_amount} – {self.get_kind_display()}"
