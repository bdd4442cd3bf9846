"""A municipality's application: districts, goals with indicators, measures with a timetable and
a budget per year and cost type; the advisory body's comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import scope_of
from agreements.models import District, GoalArea, Municipality, PlanGoal
from partnerships.models import Agency
from reports.models import Indicator
from udavtal.lib.models import VersionedModel

from .programme import GrantRound


class GrantApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> GrantApplicationQuerySet:
        """Ministry staff and readers see every application; a coordinator their municipality's;
        an officer of the round's administering or advisory body the applications handed in."""
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        agency_ids = scope.agency_ids
        handed_in = ~Q(status=GrantApplication.Status.DRAFT) & (
            Q(round__administering_body_id__in=agency_ids)
            | Q(round__advisory_body_id__in=agency_ids)
        )
        return self.filter(Q(municipality_id__in=scope.municipality_ids) | handed_in)


class GrantApplication(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inlämnad")
        DECIDED = "decided", _("Beslutad")

    round = models.ForeignKey(
        GrantRound,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("bidragsomgång"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("kommun"),
    )
    title = models.CharField(_("rubrik"), max_length=250)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    first_year = models.PositiveSmallIntegerField(_("första bidragsår"))
    last_year = models.PositiveSmallIntegerField(_("sista bidragsår"))
    districts = models.ManyToManyField(
        District,
        related_name="grant_applications",
        verbose_name=_("berörda stadsdelar"),
        blank=True,
    )
    description = models.TextField(
        _("beskrivning av insatserna"),
        blank=True,
        help_text=_("Vad kommunen vill göra, i vilka områden och varför."),
    )
    timetable = models.TextField(
        _("tidplan"),
        blank=True,
        help_text=_("Övergripande tidplan; insatsernas datum anges per insats."),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = GrantApplicationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[districts])

    class Meta:
        verbose_name = _("ansökan om statsbidrag")
        verbose_name_plural = _("ansökningar om statsbidrag")
        ordering = ["-round__year", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"], name="one_application_per_round_and_municipality"
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="grant_application_years_in_order",
            ),
            models.CheckConstraint(
                # Förordning (2018:151): a decision covers at most three calendar years.
                condition=Q(last_year__lte=models.F("first_year") + 2),
                name="grant_application_at_most_three_years",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_grant_application_has_time",
            ),
        ]
        permissions = [
            ("submit_grantapplication", _("Kan lämna in ansökan om statsbidrag")),
            ("comment_grantapplication", _("Kan yttra sig över ansökan om statsbidrag")),
            ("decide_grantapplication", _("Kan besluta om statsbidrag")),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.round.year}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application-detail", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def authors(self) -> set[int]:
        """Users who wrote the application: they may not decide on it."""
        return {pk for pk in (self.created_by_id, self.submitted_by_id) if pk is not None}


class GrantGoal(models.Model):
    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="goals", verbose_name=_("ansökan")
    )
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="grant_goals", verbose_name=_("målområde")
    )
    text = models.TextField(_("mål"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål i ansökan")
        verbose_name_plural = _("mål i ansökan")
        ordering = ["application", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class GrantGoalIndicator(models.Model):
    """An indicator a goal is followed with: baseline and target."""

    goal = models.ForeignKey(
        GrantGoal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("mål")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="grant_goal_uses",
        verbose_name=_("indikator"),
    )
    baseline_year = models.PositiveSmallIntegerField(_("basår"))
    baseline_value = models.DecimalField(
        _("utgångsvärde"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("målår"))
    target_value = models.DecimalField(
        _("målvärde"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator för mål i ansökan")
        verbose_name_plural = _("indikatorer för mål i ansökan")
        ordering = ["goal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "indicator"], name="grant_indicator_once_per_goal"
            ),
            models.CheckConstraint(
                condition=Q(target_year__gte=models.F("baseline_year")),
                name="grant_target_year_not_before_baseline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.indicator}"


class GrantMeasure(models.Model):
    """An insats the grant pays for: goal area, plan goal where one exists, districts, dates."""

    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("ansökan"),
    )
    title = models.CharField(_("insats"), max_length=250)
    description = models.TextField(_("beskrivning"), blank=True)
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.PROTECT,
        related_name="grant_measures",
        verbose_name=_("målområde"),
    )
    plan_goal = models.ForeignKey(
        PlanGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_measures",
        verbose_name=_("mål i stadsdelsplanen"),
    )
    districts = models.ManyToManyField(
        District, related_name="grant_measures", verbose_name=_("stadsdelar"), blank=True
    )
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords(m2m_fields=[districts])

    class Meta:
        verbose_name = _("insats i ansökan")
        verbose_name_plural = _("insatser i ansökan")
        ordering = ["application", "starts_on", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="grant_measure_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GrantBudgetLine(models.Model):
    """Budget for one year and cost type, optionally for one district (else common costs)."""

    class CostType(models.TextChoices):
        PERSONNEL = "personnel", _("Personal")
        ACTIVITIES = "activities", _("Verksamhet och köpta tjänster")
        PREMISES = "premises", _("Lokaler")
        ADMINISTRATION = "administration", _("Administration och samordning")
        OTHER = "other", _("Övrigt")

    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("ansökan"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    cost_type = models.CharField(_("kostnadsslag"), max_length=20, choices=CostType.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_budget_lines",
        verbose_name=_("stadsdel"),
        help_text=_("Lämna tomt för kostnader som är gemensamma för flera stadsdelar."),
    )
    cost_sek = models.DecimalField(_("kostnad (kr)"), max_digits=14, decimal_places=2)
    own_financing_sek = models.DecimalField(
        _("kommunens egen finansiering (kr)"), max_digits=14, decimal_places=2, default=0
    )
    applied_sek = models.DecimalField(_("sökt bidrag (kr)"), max_digits=14, decimal_places=2)
    note = models.CharField(_("kommentar"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["application", "year", "cost_type", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_sek__gte=0) & Q(own_financing_sek__gte=0) & Q(applied_sek__gte=0),
                name="grant_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(applied_sek__lte=models.F("cost_sek") - models.F("own_financing_sek")),
                name="grant_budget_financing_within_cost",
            ),
            models.UniqueConstraint(
                fields=["application", "year", "cost_type", "district"],
                condition=Q(district__isnull=False),
                name="one_budget_line_per_year_cost_type_district",
            ),
            models.UniqueConstraint(
                fields=["application", "year", "cost_type"],
                condition=Q(district__isnull=True),
                name="one_common_budget_line_per_year_cost_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.year} {self.get_cost_type_display()}"


class GrantAdvisoryComment(models.Model):
    """The advisory body's comment (yttrande) on a submitted application, before the decision."""

    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="advisory_comments",
        verbose_name=_("ansökan"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("myndighet")
    )
    text = models.TextField(_("yttrande"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skrivet av"),
    )
    created_at = models.DateTimeField(_("lämnat"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yttrande över ansökan")
        verbose_name_plural = _("yttranden över ansökningar")
        ordering = ["application", "created_at"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.text[:60]}"
