from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AccessibilityReport(models.Model):
    """A problem with accessibility reported by anyone through the statement page (DOS-lagen
    requires a way to report shortcomings)."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        HANDLED = "handled", _("Hanterad")

    page_url = models.CharField(_("sida"), max_length=500, blank=True)
    description = models.TextField(_("beskrivning av problemet"))
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    wants_answer = models.BooleanField(_("vill ha svar"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="new")
    created_at = models.DateTimeField(_("inkommen"), default=timezone.now)
    handled_note = models.TextField(_("anteckning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapporterat tillgänglighetsproblem")
        verbose_name_plural = _("rapporterade tillgänglighetsproblem")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(wants_answer=True) | ~models.Q(email=""),
                name="answer_needs_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.description[:60]}"
