"""Filters of the district report list."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Municipality
from reports.district.selectors import overdue_q
from reports.models import AnnualDistrictReport, ReviewStatus
from udavtal.lib.collation import swedish


def _municipalities(request):
    if request is None:
        return Municipality.objects.none()
    return Municipality.objects.visible_to(request.user).order_by(swedish("name"))


class DistrictReportFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommun"),
        field_name="district__municipality",
        queryset=_municipalities,
        empty_label=_("Alla kommuner"),
    )
    district = django_filters.CharFilter(
        label=_("Stadsdel"), field_name="district__name", lookup_expr="icontains"
    )
    year = django_filters.NumberFilter(label=_("År"), widget=forms.NumberInput(attrs={"min": 1999}))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReviewStatus.choices, empty_label=_("Alla")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Försenade"),
        method="filter_overdue",
        widget=forms.Select(
            choices=[("", _("Alla")), ("true", _("Bara försenade")), ("false", _("Ej försenade"))]
        ),
    )

    class Meta:
        model = AnnualDistrictReport
        fields = ["municipality", "district", "year", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())
