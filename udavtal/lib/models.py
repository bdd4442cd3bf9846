"""Abstract bases shared by the apps (no concrete models live here)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """A record edited in forms. `version` is bumped by every service write; a form carries the
    version it was loaded at and a stale save is refused (see `udavtal.lib.concurrency`)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
