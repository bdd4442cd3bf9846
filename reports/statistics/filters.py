"""Filters of the statistics list pages (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import District, GoalArea, Municipality, PolicyPhase
from reports.models import ImportBatch, Indicator, IndicatorValue
from udavtal.lib.collation import swedish


class IndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="search")
    goal_area = django_filters.ModelChoiceFilter(
        label=_("Målområde"), queryset=GoalArea.objects.order_by("position", "name")
    )
    is_active = django_filters.ChoiceFilter(
        label=_("Aktiv"),
        choices=[("true", _("Aktiva")), ("false", _("Inaktiva"))],
        empty_label=_("Alla"),
        method="active",
    )

    class Meta:
        model = Indicator
        fields = ["q", "goal_area", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(code__icontains=value)
            | Q(kolada_kpi__iexact=value)
            | Q(source__icontains=value)
        )

    def active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")


class ImportBatchFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ImportBatch.Status.choices, empty_label=_("Alla")
    )
    q = django_filters.CharFilter(
        label=_("Filnamn"), field_name="file_name", lookup_expr="icontains"
    )

    class Meta:
        model = ImportBatch
        fields = ["q", "status"]


def _keep(queryset, name, value):
    """A choice of the page that is not a filter of the rows (indicator, sex, year)."""
    return queryset


class OverviewFilter(django_filters.FilterSet):
    """The overview's choices: which indicator, sex and base year; which districts."""

    indikator = django_filters.ModelChoiceFilter(
        label=_("Indikator"),
        queryset=Indicator.objects.filter(is_active=True).order_by("position", "name"),
        to_field_name="code",
        empty_label=None,
        method=_keep,
    )
    kon = django_filters.ChoiceFilter(
        label=_("Kön"),
        choices=IndicatorValue.Sex.choices,
        empty_label=None,
        method=_keep,
        help_text=_("Gäller personbaserade indikatorer."),
    )
    sedan = django_filters.ChoiceFilter(
        label=_("Förändring sedan år"), choices=[], empty_label=None, method=_keep
    )
    kommun = django_filters.ModelChoiceFilter(
        label=_("Kommun"),
        field_name="municipality",
        queryset=Municipality.objects.none(),
        empty_label=_("Alla"),
    )
    politikomrade = django_filters.ModelChoiceFilter(
        label=_("Politikområde"),
        queryset=PolicyPhase.objects.order_by("starts_on"),
        empty_label=_("Alla"),
        method="in_phase",
    )

    class Meta:
        model = District
        fields = ["indikator", "kon", "sedan", "kommun", "politikomrade"]

    def __init__(self, *args, years: list[int] = (), municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The form is built lazily from the filters: set their choices before it is.
        self.filters["sedan"].extra["choices"] = [(y, str(y)) for y in years]
        if municipalities is not None:
            self.filters["kommun"].queryset = municipalities.order_by(swedish("name"))

    def in_phase(self, queryset, name, value):
        return queryset.filter(agreements__policy_phase=value).distinct()
