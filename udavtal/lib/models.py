"""Abstract bases and query expressions shared by the apps (no concrete models live here)."""

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """A record edited in forms. `version` is bumped by every service write; a form carries the
    version it was loaded at and a stale save is refused (see `udavtal.lib.concurrency`)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def subquery_count(queryset: models.QuerySet, outer: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` rows whose `outer` column is the outer row's pk.

    For list pages: unlike ``Count()`` over a join, it does not GROUP BY every row of the
    filtered list before ORDER BY ... LIMIT, so only the page's rows are counted (decision 0024).
    """
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)
