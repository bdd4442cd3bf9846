"""django-filter filter sets of the grant lists."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from agreements.models import Municipality
from grants.models import GrantApplication, GrantBudgetLine, GrantRound
from udavtal.lib.collation import swedish


def _years():
    return [(y, str(y)) for y in GrantRound.objects.order_by("year").values_list("year", flat=True)]


def _municipalities(request):
    """Only municipalities that have applied, among those the user sees."""
    if request is None:
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(
            grant_applications__in=GrantApplication.objects.visible_to(request.user)
        )
        .distinct()
        .order_by(swedish("name"))
    )


class ApplicationFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        field_name="round__year",
        label=_("År"),
        choices=_years,
        empty_label=_("Alla år"),
    )
    municipality = django_filters.ModelChoiceFilter(
        field_name="municipality",
        label=_("Kommun"),
        queryset=_municipalities,
        empty_label=_("Alla kommuner"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=GrantApplication.Status.choices, empty_label=_("Alla")
    )

    class Meta:
        model = GrantApplication
        fields = ["year", "municipality", "status"]


class FundingFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        field_name="year", label=_("År"), choices=_years, empty_label=_("Alla år")
    )
    municipality = django_filters.ModelChoiceFilter(
        field_name="application__municipality",
        label=_("Kommun"),
        queryset=_municipalities,
        empty_label=_("Alla kommuner"),
    )

    class Meta:
        model = GrantBudgetLine
        fields = ["year", "municipality"]
