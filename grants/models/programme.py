"""The grant programme (förordning 2018:151) and its yearly rounds."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Municipality, PhaseAppropriation, PolicyPhase
from partnerships.models import Agency
from udavtal.lib.models import VersionedModel


class GrantProgramme(models.Model):
    """Statsbidraget: legal basis, the ceiling on the grant share and on the decision period."""

    name = models.CharField(_("namn"), max_length=250, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=80)
    legal_basis = models.CharField(_("rättslig grund"), max_length=300)
    policy_phase = models.OneToOneField(
        PolicyPhase,
        on_delete=models.PROTECT,
        related_name="grant_programme",
        verbose_name=_("politikområde"),
        help_text=_("Politikområdet vars anslag per år är bidragsomgångarnas ram."),
    )
    max_grant_share_percent = models.DecimalField(
        _("högsta bidragsandel av kostnaderna (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
    )
    max_decision_years = models.PositiveSmallIntegerField(
        _("högsta antal kalenderår per beslut"), default=3
    )
    description = models.TextField(_("beskrivning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bidragsprogram")
        verbose_name_plural = _("bidragsprogram")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_grant_share_percent__gt=0) & Q(max_grant_share_percent__lte=100),
                name="grant_programme_share_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(max_decision_years__gte=1), name="grant_programme_at_least_one_year"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class GrantRoundQuerySet(models.QuerySet):
    def visible_to(self, user) -> GrantRoundQuerySet:
        """Rounds, appropriations and eligibility are public facts for every logged-in user."""
        return self if user.is_authenticated else self.none()


class GrantRound(VersionedModel):
    """One grant year: its appropriation, who administers it, who may apply and when."""

    programme = models.ForeignKey(
        GrantProgramme,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("bidragsprogram"),
    )
    year = models.PositiveSmallIntegerField(_("bidragsår"))
    appropriation = models.OneToOneField(
        PhaseAppropriation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_round",
        verbose_name=_("anslag"),
        help_text=_("Årets anslag för politikområdet; beslut för året får inte överstiga det."),
    )
    administering_body = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_grant_rounds",
        verbose_name=_("fördelande myndighet"),
    )
    advisory_body = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised_grant_rounds",
        verbose_name=_("yttrande lämnas av"),
        help_text=_("Myndighet som får yttra sig över inlämnade ansökningar före beslut."),
    )
    opens_on = models.DateField(_("ansökan öppnar"))
    closes_on = models.DateField(_("sista ansökningsdag"))
    decisions_due_on = models.DateField(_("beslut senast"), null=True, blank=True)
    follow_up_due_on = models.DateField(
        _("uppföljning för året senast"),
        null=True,
        blank=True,
        help_text=_("Sista dag för kommunernas uppföljning av bidragsåret."),
    )
    eligible_municipalities = models.ManyToManyField(
        Municipality,
        related_name="eligible_grant_rounds",
        verbose_name=_("kommuner som får ansöka"),
        blank=True,
    )
    note = models.TextField(_("kommentar"), blank=True)

    objects = GrantRoundQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[eligible_municipalities])

    class Meta:
        verbose_name = _("bidragsomgång")
        verbose_name_plural = _("bidragsomgångar")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_grant_round_per_year"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="grant_round_window_in_order",
            ),
            models.CheckConstraint(
                condition=Q(decisions_due_on__isnull=True)
                | Q(decisions_due_on__gte=models.F("closes_on")),
                name="grant_round_decisions_after_window",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="grant_round_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("grants:round-detail", args=[self.year])

    @property
    def appropriation_sek(self) -> Decimal | None:
        return self.appropriation.amount_sek if self.appropriation_id else None

    def clean(self) -> None:
        if self.appropriation_id and (
            self.appropriation.year != self.year
            or self.appropriation.phase_id != self.programme.policy_phase_id
        ):
            raise ValidationError(
                {
                    "appropriation": _(
                        "Anslaget måste gälla bidragsåret %(year)s och programmets politikområde."
                    )
                    % {"year": self.year}
                }
            )

    def window_contains(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on
