"""Filters of the annual report list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import AnnualReport


class AnnualReportFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("År"), widget=forms.NumberInput(attrs={"min": 2000}))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AnnualReport.Status.choices, empty_label=_("Alla")
    )

    class Meta:
        model = AnnualReport
        fields = ["year", "status"]
