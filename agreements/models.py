"""Geography, policy phases, goal areas, agreements and the strategic district plans.

The overlap rule for agreements (one municipality, one policy phase, no two periods overlapping)
is a PostgreSQL exclusion constraint and is checked again in `services.py` on every engine.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import scope_of
from udavtal.lib.constraints import PostgresExclusionConstraint
from udavtal.lib.models import VersionedModel


class County(models.Model):
    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def visible_to(self, user) -> MunicipalityQuerySet:
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        via_accords = Municipality.objects.filter(
            accords__agency_unit__agency_id__in=scope.agency_ids
        ).values("pk")
        return self.filter(Q(pk__in=scope.municipality_ids) | Q(pk__in=via_accords))


class Municipality(models.Model):
    code = models.CharField(_("kommunkod"), max_length=4, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("län")
    )
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)

    objects = MunicipalityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:municipality-detail", args=[self.pk])


class MunicipalityMembership(models.Model):
    """A municipal coordinator (kommunal samordnare) belongs to a municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipality_memberships",
        verbose_name=_("användare"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("kommun"),
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommunal samordnare")
        verbose_name_plural = _("kommunala samordnare")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_membership_per_user_and_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class DistrictQuerySet(models.QuerySet):
    def visible_to(self, user) -> DistrictQuerySet:
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        via_accords = District.objects.filter(
            agreements__accords__agency_unit__agency_id__in=scope.agency_ids
        ).values("pk")
        return self.filter(Q(municipality_id__in=scope.municipality_ids) | Q(pk__in=via_accords))


class District(models.Model):
    class Status(models.TextChoices):
        DESIGNATED = "designated", _("Utpekad")
        COVERED = "covered", _("Omfattas av avtal")
        FORMER = "former", _("Tidigare")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts", verbose_name=_("kommun")
    )
    code = models.CharField(
        _("områdeskod"),
        max_length=20,
        unique=True,
        help_text=_("Projektets egen kod: kommunkod, bindestreck och löpnummer, t.ex. 1280-01."),
    )
    name = models.CharField(_("namn"), max_length=150)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("ingår i"),
    )
    former_names = models.JSONField(_("tidigare namn"), default=list, blank=True)
    deso_codes = models.JSONField(_("DeSO-koder"), default=list, blank=True)
    regso_codes = models.JSONField(_("RegSO-koder"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DESIGNATED
    )
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    objects = DistrictQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stadsdel")
        verbose_name_plural = _("stadsdelar")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="district_name_unique_in_municipality"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="district_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:district-detail", args=[self.pk])


class PolicyPhase(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=60)
    legal_basis = models.CharField(_("rättslig grund"), max_length=300, blank=True)
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"), null=True, blank=True)
    responsible_ministry = models.CharField(_("ansvarigt departement"), max_length=200, blank=True)
    administering_body = models.CharField(_("administrerande organ"), max_length=200, blank=True)
    total_amount_sek = models.DecimalField(
        _("anslag totalt (kr)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("beskrivning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("politikområde")
        verbose_name_plural = _("politikområden")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="policy_phase_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(total_amount_sek__isnull=True) | Q(total_amount_sek__gte=0),
                name="policy_phase_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class PhaseAppropriation(models.Model):
    """The appropriation for one year of a policy phase (e.g. 425 mkr for 2018)."""

    phase = models.ForeignKey(
        PolicyPhase,
        on_delete=models.CASCADE,
        related_name="appropriations",
        verbose_name=_("politikområde"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount_sek = models.DecimalField(_("belopp (kr)"), max_digits=16, decimal_places=2)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anslag per år")
        verbose_name_plural = _("anslag per år")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "year"], name="one_appropriation_per_year"),
            models.CheckConstraint(
                condition=Q(amount_sek__gte=0), name="appropriation_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phase} {self.year}"


class GoalArea(models.Model):
    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=150)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class DateRange(Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user) -> AgreementQuerySet:
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        via_accords = Agreement.objects.filter(
            accords__agency_unit__agency_id__in=scope.agency_ids
        ).values("pk")
        return self.filter(Q(municipality_id__in=scope.municipality_ids) | Q(pk__in=via_accords))


class Agreement(VersionedModel):
    class Status(models.TextChoices):
        OFFERED = "offered", _("Erbjuden")
        NEGOTIATING = "negotiating", _("Under överläggning")
        SIGNED = "signed", _("Undertecknad")
        IN_FORCE = "in_force", _("Gällande")
        ENDED = "ended", _("Avslutad")
        PAUSED = "paused", _("Vilande")
        DECLINED = "declined", _("Avböjd")
        TERMINATED = "terminated", _("Uppsagd")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("kommun")
    )
    policy_phase = models.ForeignKey(
        PolicyPhase,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("politikområde"),
    )
    case_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    title = models.CharField(_("rubrik"), max_length=250)
    starts_on = models.DateField(_("gäller från"))
    ends_on = models.DateField(_("gäller till"))
    districts = models.ManyToManyField(
        District, related_name="agreements", verbose_name=_("stadsdelar"), blank=True
    )
    goal_areas = models.ManyToManyField(
        GoalArea, related_name="agreements", verbose_name=_("målområden"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFERED, db_index=True
    )
    offered_on = models.DateField(_("erbjuden den"), null=True, blank=True)
    state_signatory = models.CharField(_("undertecknare för staten"), max_length=200, blank=True)
    state_signatory_title = models.CharField(_("befattning (staten)"), max_length=200, blank=True)
    state_signed_on = models.DateField(_("undertecknat av staten den"), null=True, blank=True)
    municipality_signatory = models.CharField(
        _("undertecknare för kommunen"), max_length=200, blank=True
    )
    municipality_signatory_title = models.CharField(
        _("befattning (kommunen)"), max_length=200, blank=True
    )
    municipality_signed_on = models.DateField(
        _("undertecknat av kommunen den"), null=True, blank=True
    )
    accords_due_on = models.DateField(
        _("sista dag för samverkansöverenskommelser"), null=True, blank=True
    )
    plans_due_on = models.DateField(_("sista dag för stadsdelsplaner"), null=True, blank=True)
    signed_document = models.FileField(
        _("undertecknat avtal (PDF)"), upload_to="agreements/signed/", blank=True
    )
    status_reason = models.TextField(_("skäl för senaste statusändring"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[districts, goal_areas])

    class Meta:
        verbose_name = _("lokalt utvecklingsavtal")
        verbose_name_plural = _("lokala utvecklingsavtal")
        ordering = ["-starts_on", "municipality__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="agreement_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(accords_due_on__isnull=True)
                | (
                    Q(accords_due_on__gte=models.F("starts_on"))
                    & Q(accords_due_on__lte=models.F("ends_on"))
                ),
                name="agreement_accords_deadline_in_period",
            ),
            models.CheckConstraint(
                condition=Q(plans_due_on__isnull=True)
                | (
                    Q(plans_due_on__gte=models.F("starts_on"))
                    & Q(plans_due_on__lte=models.F("ends_on"))
                ),
                name="agreement_plans_deadline_in_period",
            ),
            PostgresExclusionConstraint(
                name="agreement_no_overlap_per_municipality_and_phase",
                expressions=[
                    ("municipality", RangeOperators.EQUAL),
                    ("policy_phase", RangeOperators.EQUAL),
                    (
                        DateRange("starts_on", "ends_on", models.Value("[]")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=~Q(status="declined"),
                violation_error_message=_(
                    "Kommunen har redan ett avtal inom samma politikområde under perioden."
                ),
            ),
        ]
        indexes = [models.Index(fields=["municipality", "policy_phase", "starts_on"])]
        permissions = [
            ("sign_agreement", _("Kan registrera underskrift av avtal")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement-detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class AgreementFunding(models.Model):
    """State and municipal funding of an agreement for one calendar year."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="funding", verbose_name=_("avtal")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    state_amount_sek = models.DecimalField(
        _("statliga medel (kr)"), max_digits=14, decimal_places=2, default=0
    )
    municipality_amount_sek = models.DecimalField(
        _("kommunala medel (kr)"), max_digits=14, decimal_places=2, default=0
    )
    note = models.CharField(_("kommentar"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finansiering per år")
        verbose_name_plural = _("finansiering per år")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="one_funding_line_per_year"),
            models.CheckConstraint(
                condition=Q(state_amount_sek__gte=0) & Q(municipality_amount_sek__gte=0),
                name="funding_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year}"

    @property
    def total_sek(self):
        return self.state_amount_sek + self.municipality_amount_sek


class AgreementRevision(models.Model):
    """A yearly revision: what changed, when it was decided, and the agreement as it then stood."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("avtal")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    description = models.TextField(_("vad som ändrades"))
    decided_on = models.DateField(_("beslutsdatum"))
    snapshot = models.JSONField(_("avtalet vid revideringen"), default=dict, blank=True)
    history_id = models.PositiveBigIntegerField(_("historikpost"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revidering")
        verbose_name_plural = _("revideringar")
        ordering = ["agreement", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"], name="one_revision_per_agreement_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} – revidering {self.year}"


class StrategicDistrictPlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> StrategicDistrictPlanQuerySet:
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        via_accords = Agreement.objects.filter(
            accords__agency_unit__agency_id__in=scope.agency_ids
        ).values("pk")
        return self.filter(
            Q(agreement__municipality_id__in=scope.municipality_ids)
            | Q(agreement_id__in=via_accords)
        )


class StrategicDistrictPlan(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Fastställd")
        REVISED = "revised", _("Reviderad")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="plans", verbose_name=_("avtal")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="plans", verbose_name=_("stadsdel")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    revised_on = models.DateField(_("senast reviderad den"), null=True, blank=True)
    current_situation = models.TextField(_("nulägesbeskrivning"), blank=True)
    analysis = models.TextField(_("analys"), blank=True)
    goals_summary = models.TextField(_("mål"), blank=True)
    strategy = models.TextField(_("strategi"), blank=True)
    measures_summary = models.TextField(_("insatser"), blank=True)
    resident_participation = models.TextField(_("boendemedverkan"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = StrategicDistrictPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategisk stadsdelsplan")
        verbose_name_plural = _("strategiska stadsdelsplaner")
        ordering = ["agreement", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "district"], name="one_plan_per_district_and_agreement"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_on__isnull=False),
                name="adopted_plan_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Stadsdelsplan {self.district.name}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:plan-detail", args=[self.pk])

    @property
    def due_on(self):
        return self.agreement.plans_due_on

    @property
    def is_overdue(self) -> bool:
        """A plan not yet adopted after the agreement's deadline for plans."""
        due_on = self.agreement.plans_due_on
        return (
            self.status == self.Status.DRAFT
            and due_on is not None
            and due_on < timezone.localdate()
        )


class PlanGoal(models.Model):
    plan = models.ForeignKey(
        StrategicDistrictPlan,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("stadsdelsplan"),
    )
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="plan_goals", verbose_name=_("målområde")
    )
    text = models.TextField(_("mål"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål i stadsdelsplanen")
        verbose_name_plural = _("mål i stadsdelsplanen")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        ONGOING = "ongoing", _("Pågående")
        DONE = "done", _("Genomförd")
        CANCELLED = "cancelled", _("Inställd")

    goal = models.ForeignKey(
        PlanGoal, on_delete=models.CASCADE, related_name="measures", verbose_name=_("mål")
    )
    title = models.CharField(_("insats"), max_length=250)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible = models.ForeignKey(
        "partnerships.PartnershipMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("ansvarig partner"),
    )
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    resources = models.TextField(_("resurser"), blank=True)
    budget_sek = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["goal", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="measure_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(budget_sek__isnull=True) | Q(budget_sek__gte=0),
                name="measure_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A file attached to any object (agreement, accord, report). Served only through a view that
    checks the permission on the object it belongs to."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("fil"), upload_to="attachments/%Y/")
    original_name = models.CharField(_("filnamn"), max_length=255)
    mime_type = models.CharField(_("filtyp"), max_length=100)
    size_bytes = models.PositiveBigIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.original_name
