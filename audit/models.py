"""One row per recorded change of any model with history: the admins' audit log.

django-simple-history keeps one history table per model; this table indexes all of them by
user, object and date so that the audit page can filter and export across the whole system.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATED = "+", _("Skapad")
        CHANGED = "~", _("Ändrad")
        DELETED = "-", _("Borttagen")

    at = models.DateTimeField(_("tidpunkt"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("typ av uppgift")
    )
    object_id = models.CharField(_("objektets id"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    action = models.CharField(_("händelse"), max_length=1, choices=Action.choices)
    reason = models.CharField(_("skäl"), max_length=300, blank=True)
    changes = models.JSONField(_("ändringar"), default=list, blank=True)
    history_id = models.PositiveBigIntegerField(_("historikpost"))

    class Meta:
        verbose_name = _("händelse i granskningsloggen")
        verbose_name_plural = _("granskningslogg")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"]),
            models.Index(fields=["user", "-at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "history_id"], name="one_audit_event_per_history_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_repr}"

    @property
    def changed_fields(self) -> str:
        return ", ".join(change["field"] for change in self.changes)
