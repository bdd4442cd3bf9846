"""Stored list exports: XLSX files too large to write while the user waits (decision 0025)."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A file still queued or being written this long after it was asked for is not coming (the
# worker stopped); the page says so and offers to ask again.
STALE_AFTER = datetime.timedelta(hours=1)


class ListExport(models.Model):
    """One XLSX export of a list, written in the background by `udavtal.tasks` by running the
    list's own view as the user who asked (the same scope, filters and sort), kept for
    settings.EXPORT_KEEP_DAYS and downloadable by that user only."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Tas fram")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="list_exports",
        verbose_name=_("användare"),
    )
    title = models.CharField(_("lista"), max_length=200)
    path = models.CharField(_("sökväg"), max_length=300)
    query = models.TextField(_("filter"), blank=True)
    filename = models.CharField(_("filnamn"), max_length=200)
    language = models.CharField(_("språk"), max_length=10, default="sv")
    row_count = models.PositiveIntegerField(_("rader"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("fil"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("fel"), blank=True)
    created_at = models.DateTimeField(_("beställd"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("export av lista")
        verbose_name_plural = _("exporter av listor")
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["user", "-created_at"], name="listexport_user_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("export-detail", args=[self.pk])

    @property
    def list_url(self) -> str:
        path = get_script_prefix() + self.path.lstrip("/")
        return f"{path}?{self.query}" if self.query else path

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING} and not self.is_stale

    @property
    def is_stale(self) -> bool:
        return (
            self.status in {self.Status.QUEUED, self.Status.RUNNING}
            and timezone.now() - self.created_at > STALE_AFTER
        )
