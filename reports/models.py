"""Indicators and their values, the yearly reports of municipalities and agencies, and the national
annual report to the Riksdag."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import scope_of
from agreements.models import (
    Agreement,
    District,
    GoalArea,
    Measure,
    PlanGoal,
)
from partnerships.models import Agency, AgencyUnit, Partnership
from udavtal.lib.models import VersionedModel


class Indicator(VersionedModel):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Högre är bättre")
        LOWER = "lower", _("Lägre är bättre")
        NEUTRAL = "neutral", _("Beskrivande")

    class Periodicity(models.TextChoices):
        YEARLY = "yearly", _("Årligen")
        ELECTION = "election", _("Valår")

    code = models.CharField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("enhet"), max_length=40, help_text=_("T.ex. procent, antal, kr."))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("källa"), max_length=200)
    kolada_kpi = models.CharField(_("Kolada-KPI"), max_length=20, blank=True, db_index=True)
    periodicity = models.CharField(
        _("periodicitet"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEARLY
    )
    person_based = models.BooleanField(_("personbaserad"), default=True)
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("målområde"),
    )
    decimals = models.PositiveSmallIntegerField(_("antal decimaler"), default=1)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:indicator-detail", args=[self.code])


class GoalIndicator(models.Model):
    """An indicator a plan goal is followed with: baseline and target."""

    goal = models.ForeignKey(
        PlanGoal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("mål")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="goal_uses", verbose_name=_("indikator")
    )
    baseline_year = models.PositiveSmallIntegerField(_("basår"))
    baseline_value = models.DecimalField(_("utgångsvärde"), max_digits=14, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("målår"))
    target_value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator för mål")
        verbose_name_plural = _("indikatorer för mål")
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="indicator_once_per_goal"),
            models.CheckConstraint(
                condition=Q(target_year__gte=models.F("baseline_year")),
                name="target_year_not_before_baseline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.indicator}"


class ImportBatch(models.Model):
    """One imported file of indicator values; can be undone."""

    class Status(models.TextChoices):
        IMPORTED = "imported", _("Importerad")
        UNDONE = "undone", _("Ångrad")

    file_name = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file_format = models.CharField(_("format"), max_length=10)
    row_count = models.PositiveIntegerField(_("antal rader"), default=0)
    created_count = models.PositiveIntegerField(_("nya värden"), default=0)
    updated_count = models.PositiveIntegerField(_("uppdaterade värden"), default=0)
    unchanged_count = models.PositiveIntegerField(_("oförändrade värden"), default=0)
    derived_count = models.PositiveIntegerField(
        _("stadsdelsvärden beräknade från DeSO/RegSO"), default=0
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IMPORTED
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importerad av"),
    )
    imported_at = models.DateTimeField(_("importerad"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ångrad av"),
    )
    undone_at = models.DateTimeField(_("ångrad"), null=True, blank=True)

    # Imports and undos appear in the audit log (/granskningslogg/); the values themselves are
    # bulk-written and kept per batch (ReplacedValue), not row by row in history.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("importerad fil")
        verbose_name_plural = _("importerade filer")
        ordering = ["-imported_at"]
        permissions = [("undo_importbatch", _("Kan ångra en import"))]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("reports:import-batch-detail", args=[self.pk])

    @property
    def changed_count(self) -> int:
        return self.created_count + self.updated_count


class IndicatorValue(models.Model):
    """Utfall: indicator × area × year × sex. `value` null means missing, never 0."""

    class AreaType(models.TextChoices):
        DISTRICT = "district", _("Stadsdel")
        MUNICIPALITY = "municipality", _("Kommun")
        COUNTY = "county", _("Län")
        COUNTRY = "country", _("Riket")
        DESO = "deso", _("DeSO")
        REGSO = "regso", _("RegSO")

    class Sex(models.TextChoices):
        TOTAL = "T", _("Totalt")
        WOMEN = "K", _("Kvinnor")
        MEN = "M", _("Män")

    # No index of its own: the unique constraint's index starts with the indicator.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indikator"),
        db_index=False,
    )
    area_type = models.CharField(_("områdestyp"), max_length=12, choices=AreaType.choices)
    area_code = models.CharField(
        _("områdeskod"),
        max_length=20,
        help_text=_("Stadsdelens kod, kommunkod (4 siffror), länskod (2 siffror) eller SE."),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    sex = models.CharField(_("kön"), max_length=1, choices=Sex.choices, default=Sex.TOTAL)
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=4, null=True, blank=True)
    population_base = models.PositiveIntegerField(_("befolkningsunderlag"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)
    published_on = models.DateField(_("publicerad"), null=True, blank=True)
    is_example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Genererade värden för demonstration.")
    )
    # Which import wrote the value (undo finds its values by it). Written only by the import, in
    # the transaction that creates the batch, and batches are never deleted: no database
    # constraint, which would cost a check per row (a million per large file).
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("importerad fil"),
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        # Two indexes serve every read: the unique one (an indicator's values by area type and
        # year: overviews, national report) and the area one (an area's values: district pages).
        # Each index costs time on every imported row (docs/benchmarks.md).
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_type", "year", "area_code", "sex"],
                name="one_value_per_indicator_area_year_sex",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100), name="value_year_plausible"
            ),
        ]
        indexes = [
            models.Index(fields=["area_type", "area_code", "indicator", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area_code} {self.year} {self.sex}"


class ReplacedValue(models.Model):
    """What an import overwrote, so that undoing the import restores it.

    One row per value the import *changed* (values it created are recognised by their `batch`,
    unchanged ones are not touched), written by one INSERT … SELECT inside the database. A plain
    id rather than a foreign key: a million rows are written without a constraint check each.
    """

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="replaced_values",
        verbose_name=_("importerad fil"),
    )
    value_id = models.BigIntegerField(_("utfallets id"))
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=4, null=True)
    population_base = models.PositiveIntegerField(_("befolkningsunderlag"), null=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)
    published_on = models.DateField(_("publicerad"), null=True)
    is_example = models.BooleanField(_("exempeldata"), default=False)
    previous_batch_id = models.BigIntegerField(_("tidigare importerad fil"), null=True)

    class Meta:
        verbose_name = _("ersatt utfall")
        verbose_name_plural = _("ersatta utfall")
        indexes = [models.Index(fields=["batch", "value_id"])]

    def __str__(self) -> str:
        return f"{self.batch_id}: {self.value_id}"


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(district__municipality_id__in=scope.municipality_ids)


class ReviewStatus(models.TextChoices):
    """The review cycle shared by district reports and agency reports."""

    NOT_STARTED = "not_started", _("Ej påbörjad")
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")
    RETURNED = "returned", _("Återsänd")
    ACCEPTED = "accepted", _("Godkänd")


class ReviewedReport(VersionedModel):
    """Fields of a report that is submitted, returned with a note and finally accepted."""

    Status = ReviewStatus

    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.NOT_STARTED,
        db_index=True,
    )
    due_on = models.DateField(_("sista dag"))
    summary = models.TextField(_("sammanfattning"), blank=True)
    obstacles = models.TextField(_("hinder för samverkan"), blank=True)
    return_note = models.TextField(_("kommentar vid återsändning"), blank=True)
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    pdf = models.FileField(_("arkiverad PDF"), upload_to="reports/archive/", blank=True)
    pdf_sha256 = models.CharField(_("PDF:ens SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_editable_by_author(self) -> bool:
        return self.status in {
            ReviewStatus.NOT_STARTED,
            ReviewStatus.DRAFT,
            ReviewStatus.RETURNED,
        }

    @property
    def is_overdue(self) -> bool:
        return (
            self.status not in {ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED}
            and self.due_on < timezone.localdate()
        )


class AnnualDistrictReport(ReviewedReport):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="reports", verbose_name=_("stadsdel")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="district_reports",
        verbose_name=_("avtal"),
    )
    cooperation = models.TextField(_("samverkan med myndigheter"), blank=True)
    goal_conflicts = models.TextField(_("målkonflikter"), blank=True)
    resident_participation = models.TextField(_("de boendes medverkan"), blank=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årlig redovisning för stadsdel")
        verbose_name_plural = _("årliga redovisningar för stadsdelar")
        ordering = ["-year", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year"], name="one_district_report_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | Q(submitted_at__isnull=False),
                name="submitted_report_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The report list's default order (newest year first) without sorting every report
            # of the country (decision 0024).
            models.Index(fields=["year"], name="district_report_year_idx"),
        ]
        permissions = [("review_annualdistrictreport", _("Kan granska redovisningar"))]

    def __str__(self) -> str:
        return f"Redovisning {self.district.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reports:district-report-detail", args=[self.pk])


class ReportNarrative(models.Model):
    """The report's narrative for one goal area."""

    report = models.ForeignKey(
        AnnualDistrictReport,
        on_delete=models.CASCADE,
        related_name="narratives",
        verbose_name=_("redovisning"),
    )
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("målområde")
    )
    text = models.TextField(_("berättelse"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("berättelse per målområde")
        verbose_name_plural = _("berättelser per målområde")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "goal_area"], name="one_narrative_per_goal_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.goal_area}"


class ReportIndicatorValue(models.Model):
    """The value the municipality reports for a goal's indicator in the report's year."""

    report = models.ForeignKey(
        AnnualDistrictReport,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        verbose_name=_("redovisning"),
    )
    goal_indicator = models.ForeignKey(
        GoalIndicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indikator")
    )
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=4, null=True, blank=True)
    comment = models.CharField(_("kommentar"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("redovisat utfall")
        verbose_name_plural = _("redovisade utfall")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "goal_indicator"], name="one_reported_value_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.goal_indicator.indicator}"


class ReportMeasure(models.Model):
    """What became of a plan measure in the report's year."""

    report = models.ForeignKey(
        AnnualDistrictReport,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("redovisning"),
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="+", verbose_name=_("insats")
    )
    status = models.CharField(_("status"), max_length=20, choices=Measure.Status.choices)
    comment = models.TextField(_("kommentar"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("redovisad insats")
        verbose_name_plural = _("redovisade insatser")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "measure"], name="one_reported_status_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.measure}"


class ReportReminder(models.Model):
    """A reminder e-mail sent about a district report: at most one per report, kind and due date,
    so that `send_report_reminders` can run every day without sending anything twice."""

    report = models.ForeignKey(
        AnnualDistrictReport,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("redovisning"),
    )
    kind = models.CharField(
        _("typ"),
        max_length=20,
        help_text=_("”before_30” = 30 dagar före sista dag, ”overdue” = efter sista dag."),
    )
    due_on = models.DateField(_("sista dag som påminnelsen gällde"))
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)
    recipients = models.JSONField(_("mottagare"), default=list, blank=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "due_on"],
                name="one_reminder_per_report_kind_and_due_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.kind}"


class AgencyReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(agency_id__in=scope.agency_ids)


class AgencyReport(ReviewedReport):
    """Myndighetens redovisning enligt 13 § förordningen (2008:348)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="reports", verbose_name=_("myndighet")
    )
    unit = models.ForeignKey(
        AgencyUnit,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("rapporterande enhet"),
    )
    proposals = models.TextField(_("förslag till Regeringskansliet"), blank=True)
    compiled_from = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="compiled_into",
        verbose_name=_("sammanställer"),
    )

    objects = AgencyReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("myndighetens redovisning")
        verbose_name_plural = _("myndigheternas redovisningar")
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="one_agency_report_per_unit_year"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | Q(submitted_at__isnull=False),
                name="submitted_agency_report_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reports:agency-report-detail", args=[self.pk])


class AgencyReportEntry(models.Model):
    """Per partnership: what was done, obstacles, proposals."""

    report = models.ForeignKey(
        AgencyReport,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("redovisning"),
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="+", verbose_name=_("partnerskap")
    )
    done = models.TextField(_("vad som gjorts"), blank=True)
    obstacles = models.TextField(_("hinder"), blank=True)
    proposals = models.TextField(_("förslag"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("redovisning per partnerskap")
        verbose_name_plural = _("redovisningar per partnerskap")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "partnership"], name="one_entry_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.partnership}"


class AgencyReportCompilation(models.Model):
    """One compilation of regional reports into a central report (Rikspolisstyrelsen compiles the
    police authorities' reports): who compiled which reports, when, and in which state they were."""

    report = models.ForeignKey(
        AgencyReport,
        on_delete=models.CASCADE,
        related_name="compilations",
        verbose_name=_("sammanställd redovisning"),
    )
    sources = models.ManyToManyField(
        AgencyReport, related_name="+", verbose_name=_("sammanställda redovisningar")
    )
    source_states = models.JSONField(
        _("redovisningarnas status vid sammanställningen"), default=list, blank=True
    )
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sammanställd av"),
    )
    compiled_at = models.DateTimeField(_("sammanställd"), default=timezone.now)

    class Meta:
        verbose_name = _("sammanställning av redovisningar")
        verbose_name_plural = _("sammanställningar av redovisningar")
        ordering = ["-compiled_at"]

    def __str__(self) -> str:
        return f"{self.report} – {self.compiled_at:%Y-%m-%d %H:%M}"


class AnnualReport(VersionedModel):
    """Årsrapport till riksdagen: a draft is regenerated at will, a published one never changes
    (services, and a PostgreSQL trigger: migration 0008_published_annual_report_immutable)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publicerad")

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("titel"), max_length=250)
    case_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    assessment = models.TextField(_("bedömning"), blank=True)
    introduction = models.TextField(_("inledning"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="annual/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("antal sidor"), null=True, blank=True)
    generated_at = models.DateTimeField(_("genererad"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    progress_message = models.CharField(_("förloppsmeddelande"), max_length=250, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicerad av"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årsrapport till riksdagen")
        verbose_name_plural = _("årsrapporter till riksdagen")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(published_at__isnull=False) & ~Q(pdf_sha256="")),
                name="published_report_has_file_and_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:annual-report-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_generating(self) -> bool:
        """Queued or rendering (progress 1–99); 0 is idle or failed, 100 done."""
        return 0 < self.progress < 100
