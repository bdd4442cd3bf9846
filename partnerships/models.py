"""State agencies as hierarchies of units, local partnerships and cooperation accords."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import scope_of
from agreements.models import Agreement, GoalArea, Municipality, PlanGoal, StrategicDistrictPlan
from udavtal.lib.models import VersionedModel


class Agency(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("förkortning"), max_length=30, blank=True)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    has_regional_level = models.BooleanField(_("har regional nivå"), default=True)
    valid_from = models.DateField(_("verksam från"), null=True, blank=True)
    valid_to = models.DateField(_("verksam till"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("efterföljare"),
    )
    description = models.TextField(_("beskrivning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("myndighet")
        verbose_name_plural = _("myndigheter")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agency_period_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")), name="agency_not_its_own_successor"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agency-detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()


class AgencyMembership(models.Model):
    """An agency officer (myndighetshandläggare) works at an agency, optionally at one unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_memberships",
        verbose_name=_("användare"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("myndighet")
    )
    unit = models.ForeignKey(
        "AgencyUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("enhet"),
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("myndighetshandläggare")
        verbose_name_plural = _("myndighetshandläggare")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"], name="one_membership_per_user_and_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.agency}"


class AgencyUnit(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        REGIONAL = "regional", _("Regional")
        LOCAL = "local", _("Lokal")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("myndighet")
    )
    name = models.CharField(_("namn"), max_length=200)
    level = models.CharField(_("nivå"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad enhet"),
    )
    county = models.ForeignKey(
        "agreements.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_units",
        verbose_name=_("län"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_units",
        verbose_name=_("kommun"),
    )
    may_sign_accords = models.BooleanField(_("får teckna samverkansöverenskommelser"), default=True)
    valid_from = models.DateField(_("verksam från"), null=True, blank=True)
    valid_to = models.DateField(_("verksam till"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("efterföljare"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("myndighetsenhet")
        verbose_name_plural = _("myndighetsenheter")
        ordering = ["agency__name", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agency_unit_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(level="central") | Q(parent__isnull=False),
                name="non_central_unit_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agency-detail", args=[self.agency_id]) + f"#enhet-{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    def is_valid_on(self, day) -> bool:
        """The unit existed on `day` (open ends count as valid)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def covers(self, municipality) -> bool:
        """A central unit covers the whole country; a regional or local unit covers its own
        municipality, or every municipality of its county."""
        if self.level == self.Level.CENTRAL:
            return True
        if self.municipality_id is not None and self.municipality_id == municipality.pk:
            return True
        return self.county_id is not None and self.county_id == municipality.county_id


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user) -> PartnershipQuerySet:
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        via_members = PartnershipMember.objects.filter(
            agency_unit__agency_id__in=scope.agency_ids
        ).values("partnership_id")
        # Partnerships of agreements the agency works on (a declined accord does not count).
        via_accords = (
            CooperationAccord.objects.filter(agency_unit__agency_id__in=scope.agency_ids)
            .exclude(status=CooperationAccord.Status.DECLINED)
            .values("agreement_id")
        )
        return self.filter(
            Q(agreement__municipality_id__in=scope.municipality_ids)
            | Q(pk__in=via_members)
            | Q(agreement_id__in=via_accords)
        )


class Partnership(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("avtal")
    )
    district = models.ForeignKey(
        "agreements.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("stadsdel"),
        help_text=_("Tomt när partnerskapet gäller hela avtalet."),
    )
    name = models.CharField(_("namn"), max_length=250)
    description = models.TextField(_("beskrivning"), blank=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lokalt partnerskap")
        verbose_name_plural = _("lokala partnerskap")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(district__isnull=True),
                name="one_partnership_per_agreement",
            ),
            models.UniqueConstraint(
                fields=["agreement", "district"],
                condition=Q(district__isnull=False),
                name="one_partnership_per_agreement_and_district",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership-detail", args=[self.pk])


class PartnershipMember(VersionedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommun")
        AGENCY = "agency", _("Statlig myndighet")
        REGION = "region", _("Region/landsting")
        HOUSING = "housing", _("Bostadsföretag")
        PRIVATE = "private", _("Näringsliv")
        CIVIL_SOCIETY = "civil_society", _("Civilsamhälle")
        OTHER = "other", _("Annan")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="members", verbose_name=_("partnerskap")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=250)
    agency_unit = models.ForeignKey(
        AgencyUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_memberships",
        verbose_name=_("myndighetsenhet"),
    )
    accord = models.ForeignKey(
        "CooperationAccord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_members",
        verbose_name=_("ansluten genom överenskommelse"),
    )
    joined_on = models.DateField(_("ansluten den"), null=True, blank=True)
    left_on = models.DateField(_("lämnade den"), null=True, blank=True)
    contact = models.CharField(_("kontaktperson"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnerskapsmedlem")
        verbose_name_plural = _("partnerskapsmedlemmar")
        ordering = ["partnership", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="agency") | Q(agency_unit__isnull=False),
                name="agency_member_has_unit",
            ),
            models.UniqueConstraint(
                fields=["partnership", "agency_unit"],
                condition=Q(agency_unit__isnull=False),
                name="agency_unit_once_per_partnership",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CooperationAccordQuerySet(models.QuerySet):
    def visible_to(self, user) -> CooperationAccordQuerySet:
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(municipality_id__in=scope.municipality_ids)
            | Q(agency_unit__agency_id__in=scope.agency_ids)
        )

    def in_force(self) -> CooperationAccordQuerySet:
        """Signed accords, revised or not (the ones whose commitments count)."""
        return self.filter(status__in=CooperationAccord.IN_FORCE)

    def in_force_in_year(self, year: int) -> CooperationAccordQuerySet:
        """Accords whose period touches `year`."""
        return self.filter(starts_on__year__lte=year, ends_on__year__gte=year)


class CooperationAccord(VersionedModel):
    """Samverkansöverenskommelse between one agency unit and one municipality with an agreement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PROPOSED = "proposed", _("Föreslagen")
        SIGNED = "signed", _("Undertecknad")
        REVISED = "revised", _("Reviderad")
        DECLINED = "declined", _("Avböjd")
        ENDED = "ended", _("Upphörd")

    class Side(models.TextChoices):
        AGENCY = "agency", _("Myndigheten")
        MUNICIPALITY = "municipality", _("Kommunen")

    # Signed accords, revised or not: in force, their commitments count.
    IN_FORCE = (Status.SIGNED, Status.REVISED)

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="accords", verbose_name=_("avtal")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="accords", verbose_name=_("kommun")
    )
    agency_unit = models.ForeignKey(
        AgencyUnit, on_delete=models.PROTECT, related_name="accords", verbose_name=_("enhet")
    )
    plans = models.ManyToManyField(
        StrategicDistrictPlan,
        related_name="accords",
        blank=True,
        verbose_name=_("bygger på stadsdelsplaner"),
    )
    goal_areas = models.ManyToManyField(
        GoalArea, related_name="accords", blank=True, verbose_name=_("målområden")
    )
    title = models.CharField(_("rubrik"), max_length=250)
    case_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    starts_on = models.DateField(_("gäller från"))
    ends_on = models.DateField(_("gäller till"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    proposed_by = models.CharField(
        _("föreslagen av"), max_length=20, choices=Side.choices, blank=True
    )
    proposed_at = models.DateTimeField(_("föreslagen"), null=True, blank=True)
    agency_signatory = models.CharField(
        _("undertecknare för myndigheten"), max_length=200, blank=True
    )
    agency_signed_on = models.DateField(_("undertecknad av myndigheten"), null=True, blank=True)
    municipality_signatory = models.CharField(
        _("undertecknare för kommunen"), max_length=200, blank=True
    )
    municipality_signed_on = models.DateField(_("undertecknad av kommunen"), null=True, blank=True)
    agency_contact = models.CharField(
        _("kontaktperson hos myndigheten"), max_length=250, blank=True
    )
    municipality_contact = models.CharField(
        _("kontaktperson i kommunen"), max_length=250, blank=True
    )
    description = models.TextField(_("beskrivning"), blank=True)
    status_reason = models.TextField(_("skäl för senaste statusändring"), blank=True)
    ended_on = models.DateField(_("upphörde den"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = CooperationAccordQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[plans, goal_areas])

    class Meta:
        verbose_name = _("samverkansöverenskommelse")
        verbose_name_plural = _("samverkansöverenskommelser")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="accord_period_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed")
                | (Q(agency_signed_on__isnull=False) & Q(municipality_signed_on__isnull=False)),
                name="signed_accord_has_both_dates",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:accord-detail", args=[self.pk])

    @property
    def is_in_force(self) -> bool:
        return self.status in self.IN_FORCE

    @property
    def agency(self) -> Agency:
        return self.agency_unit.agency


class AccordCommitmentQuerySet(models.QuerySet):
    def active(self) -> AccordCommitmentQuerySet:
        return self.filter(removed_at__isnull=True)


class AccordCommitment(models.Model):
    """What the agency commits to in an accord, tied to one goal of a strategic district plan."""

    accord = models.ForeignKey(
        CooperationAccord,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("överenskommelse"),
    )
    plan_goal = models.ForeignKey(
        PlanGoal,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("mål i stadsdelsplanen"),
    )
    what = models.TextField(_("åtagande"))
    who = models.CharField(_("vem"), max_length=250, blank=True)
    when = models.CharField(_("när"), max_length=250, blank=True)
    resources = models.TextField(_("resurser"), blank=True)
    removed_at = models.DateTimeField(
        _("borttaget"),
        null=True,
        blank=True,
        help_text=_("Ett borttaget åtagande finns kvar i historiken."),
    )

    objects = AccordCommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        ordering = ["accord", "id"]

    def __str__(self) -> str:
        return self.what[:80]
