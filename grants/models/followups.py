"""The yearly follow-up of a grant: what was done per measure and district, money used, results
against the goals' indicators. Reviewed like a district report (submit → return → accept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import District
from reports.models import ReviewedReport

from .applications import GrantApplication, GrantGoalIndicator, GrantMeasure


class GrantFollowUpQuerySet(models.QuerySet):
    def visible_to(self, user) -> GrantFollowUpQuerySet:
        return self.filter(application__in=GrantApplication.objects.visible_to(user).values("pk"))


class GrantFollowUp(ReviewedReport):
    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("ansökan"),
    )
    goal_fulfilment = models.TextField(_("måluppfyllelse"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("påbörjad av"),
    )

    objects = GrantFollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljning av statsbidrag")
        verbose_name_plural = _("uppföljningar av statsbidrag")
        ordering = ["-year", "application__municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year"], name="one_grant_follow_up_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | Q(submitted_at__isnull=False),
                name="submitted_grant_follow_up_has_time",
            ),
        ]
        permissions = [("review_grantfollowup", _("Kan granska uppföljningar av statsbidrag"))]

    def __str__(self) -> str:
        return f"Uppföljning {self.application.municipality} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("grants:follow-up-detail", args=[self.pk])


class GrantFollowUpEntry(models.Model):
    """What was done in one measure, in one district (or in common), and the money used."""

    follow_up = models.ForeignKey(
        GrantFollowUp,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("uppföljning"),
    )
    measure = models.ForeignKey(
        GrantMeasure, on_delete=models.PROTECT, related_name="+", verbose_name=_("insats")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stadsdel"),
    )
    done = models.TextField(_("vad som gjorts"), blank=True)
    used_sek = models.DecimalField(
        _("använt bidrag (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljd insats")
        verbose_name_plural = _("uppföljda insatser")
        ordering = ["follow_up", "measure", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_sek__isnull=True) | Q(used_sek__gte=0),
                name="grant_used_not_negative",
            ),
            models.UniqueConstraint(
                fields=["follow_up", "measure", "district"],
                condition=Q(district__isnull=False),
                name="one_follow_up_entry_per_measure_and_district",
            ),
            models.UniqueConstraint(
                fields=["follow_up", "measure"],
                condition=Q(district__isnull=True),
                name="one_common_follow_up_entry_per_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follow_up} – {self.measure}"


class GrantFollowUpResult(models.Model):
    """The outcome of a goal's indicator in the follow-up year (null means missing, never 0)."""

    follow_up = models.ForeignKey(
        GrantFollowUp,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("uppföljning"),
    )
    goal_indicator = models.ForeignKey(
        GrantGoalIndicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indikator")
    )
    value = models.DecimalField(_("utfall"), max_digits=16, decimal_places=4, null=True, blank=True)
    comment = models.CharField(_("kommentar"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resultat mot indikator")
        verbose_name_plural = _("resultat mot indikatorer")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "goal_indicator"], name="one_result_per_goal_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.follow_up} – {self.goal_indicator.indicator}"
