"""Filters of the accord, agency and partnership lists (django-filter). Choices are limited to
what the user may see."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import scope_of
from agreements.models import Municipality
from partnerships import selectors
from partnerships.models import Agency, AgencyUnit, CooperationAccord, Partnership
from udavtal.lib.collation import swedish


def _visible_agencies(request):
    if request is None:
        return Agency.objects.none()
    scope = scope_of(request.user)
    if scope.sees_everything:
        return Agency.objects.order_by(swedish("name"))
    accords = CooperationAccord.objects.visible_to(request.user).values("agency_unit__agency_id")
    return Agency.objects.filter(Q(pk__in=accords) | Q(pk__in=scope.agency_ids)).order_by(
        swedish("name")
    )


def _visible_units(request):
    if request is None:
        return AgencyUnit.objects.none()
    accords = CooperationAccord.objects.visible_to(request.user).values("agency_unit_id")
    return (
        AgencyUnit.objects.filter(pk__in=accords)
        .select_related("agency")
        .order_by(swedish("agency__name"), swedish("name"))
    )


def _visible_municipalities(request):
    if request is None:
        return Municipality.objects.none()
    return selectors.municipalities_for_filter(user=request.user)


class _UnitChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.agency.name} – {obj.name}"


class UnitFilterField(django_filters.ModelChoiceFilter):
    field_class = _UnitChoiceField


class AccordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Fritext"), method="search")
    agency = django_filters.ModelChoiceFilter(
        label=_("Myndighet"), field_name="agency_unit__agency", queryset=_visible_agencies
    )
    unit = UnitFilterField(label=_("Enhet"), field_name="agency_unit", queryset=_visible_units)
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommun"), field_name="municipality", queryset=_visible_municipalities
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CooperationAccord.Status.choices
    )
    year = django_filters.NumberFilter(
        label=_("Gäller år"), method="in_force_in_year", min_value=1990, max_value=2100
    )
    in_force_on = django_filters.DateFilter(
        label=_("Gäller den"),
        method="in_force_on_day",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = CooperationAccord
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(case_number__icontains=value)
            | Q(municipality__name__icontains=value)
            | Q(agency_unit__name__icontains=value)
            | Q(agency_unit__agency__name__icontains=value)
            | Q(agency_unit__agency__short_name__iexact=value)
        )

    def in_force_in_year(self, queryset, name, value):
        return queryset.in_force_in_year(int(value))

    def in_force_on_day(self, queryset, name, value):
        return queryset.filter(starts_on__lte=value, ends_on__gte=value)


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Fritext"), method="search")
    active = django_filters.ChoiceFilter(
        label=_("Verksamhet"),
        method="by_activity",
        choices=[("active", _("Verksamma")), ("closed", _("Nedlagda"))],
    )

    class Meta:
        model = Agency
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(organisation_number__icontains=value)
        )

    def by_activity(self, queryset, name, value):
        today = timezone.localdate()
        open_now = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        return queryset.filter(open_now) if value == "active" else queryset.exclude(open_now)


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Fritext"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommun"), field_name="agreement__municipality", queryset=_visible_municipalities
    )

    class Meta:
        model = Partnership
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(agreement__title__icontains=value)
            | Q(agreement__municipality__name__icontains=value)
            | Q(district__name__icontains=value)
        )
