"""Filters of the agreement, municipality and district lists (django-filter). Choices are limited
to the user's scope; the rows themselves come from the selectors, already scoped."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.roles import scope_of
from agreements.models import Agreement, County, District, Municipality, PolicyPhase
from udavtal.lib.collation import swedish

AgreementDistricts = Agreement.districts.through


def _municipalities(request) -> QuerySet[Municipality]:
    if request is None:
        return Municipality.objects.none()
    return Municipality.objects.visible_to(request.user).order_by(swedish("name"))


def _counties(request) -> QuerySet[County]:
    return County.objects.order_by(swedish("name"))


def _phases(request) -> QuerySet[PolicyPhase]:
    return PolicyPhase.objects.order_by("starts_on")


def _districts(request) -> QuerySet[District]:
    """The chosen municipality's districts, or every district the user sees. For a user who sees
    the whole country (3 000 districts) without a chosen municipality only the chosen district is
    offered: rendering thousands of options took most of the list page's time (docs/benchmarks.md).
    """
    if request is None:
        return District.objects.none()
    districts = District.objects.visible_to(request.user).select_related("municipality")
    municipality = request.GET.get("municipality", "")
    if municipality.isdigit():
        districts = districts.filter(municipality_id=int(municipality))
    elif scope_of(request.user).sees_everything:
        district = request.GET.get("district", "")
        districts = districts.filter(pk=int(district)) if district.isdigit() else districts.none()
    return districts.order_by(swedish("municipality__name"), swedish("name"))


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.municipality.name})"


class DistrictChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = DistrictChoiceField


def _in_force_during(year: int, prefix: str = "") -> Q:
    """Agreements in force some time during `year` (period overlapping the calendar year)."""
    return Q(
        **{
            f"{prefix}starts_on__lte": datetime.date(year, 12, 31),
            f"{prefix}ends_on__gte": datetime.date(year, 1, 1),
        }
    )


def _matching_agreements(user, data: dict) -> QuerySet[Agreement] | None:
    """The user's agreements matching every agreement condition of a municipality or district
    filter (one agreement in the phase, with the status, in force in the year), or None when no
    such condition is given."""
    conditions = Q()
    if data.get("policy_phase"):
        conditions &= Q(policy_phase=data["policy_phase"])
    if data.get("status"):
        conditions &= Q(status=data["status"])
    if data.get("year"):
        conditions &= _in_force_during(int(data["year"]))
    if not conditions:
        return None
    return Agreement.objects.visible_to(user).filter(conditions)


YEAR_WIDGET = forms.NumberInput(attrs={"min": 1990, "max": 2100})


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Sök"),
        method="filter_text",
        help_text=_("Rubrik, diarienummer, kommun eller stadsdel."),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommun"), queryset=_municipalities, empty_label=_("Alla kommuner")
    )
    county = django_filters.ModelChoiceFilter(
        label=_("Län"),
        field_name="municipality__county",
        queryset=_counties,
        empty_label=_("Alla län"),
    )
    policy_phase = django_filters.ModelChoiceFilter(
        label=_("Politikområde"), queryset=_phases, empty_label=_("Alla politikområden")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices, empty_label=_("Alla")
    )
    year = django_filters.NumberFilter(
        label=_("I kraft år"), method="filter_year", widget=YEAR_WIDGET
    )
    district = DistrictChoiceFilter(
        label=_("Stadsdel"),
        queryset=_districts,
        method="filter_district",
        empty_label=_("Alla stadsdelar"),
    )

    class Meta:
        model = Agreement
        fields = ["q", "municipality", "county", "policy_phase", "status", "year", "district"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        by_district = AgreementDistricts.objects.filter(district__name__icontains=value).values(
            "agreement_id"
        )
        return queryset.filter(
            Q(title__icontains=value)
            | Q(case_number__icontains=value)
            | Q(municipality__name__icontains=value)
            | Q(pk__in=by_district)
        )

    def filter_year(self, queryset, name, value):
        return queryset.filter(_in_force_during(int(value)))

    def filter_district(self, queryset, name, value):
        return queryset.filter(
            pk__in=AgreementDistricts.objects.filter(district=value).values("agreement_id")
        )


class MunicipalityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Sök"), method="filter_text", help_text=_("Kommunens namn eller kommunkod.")
    )
    county = django_filters.ModelChoiceFilter(
        label=_("Län"), queryset=_counties, empty_label=_("Alla län")
    )
    policy_phase = django_filters.ModelChoiceFilter(
        label=_("Avtal inom politikområde"),
        queryset=_phases,
        method="filter_agreements",
        empty_label=_("Alla"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Avtal med status"),
        choices=Agreement.Status.choices,
        method="filter_agreements",
        empty_label=_("Alla"),
    )
    year = django_filters.NumberFilter(
        label=_("Avtal i kraft år"), method="filter_agreements", widget=YEAR_WIDGET
    )

    class Meta:
        model = Municipality
        fields = ["q", "county", "policy_phase", "status", "year"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))

    def filter_agreements(self, queryset, name, value):
        return queryset  # combined into one condition in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        agreements = _matching_agreements(self.request.user, self.form.cleaned_data)
        if agreements is None:
            return queryset
        return queryset.filter(pk__in=agreements.values("municipality_id"))


class DistrictFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Sök"),
        method="filter_text",
        help_text=_("Namn, tidigare namn eller områdeskod."),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommun"), queryset=_municipalities, empty_label=_("Alla kommuner")
    )
    county = django_filters.ModelChoiceFilter(
        label=_("Län"),
        field_name="municipality__county",
        queryset=_counties,
        empty_label=_("Alla län"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=District.Status.choices, empty_label=_("Alla")
    )
    policy_phase = django_filters.ModelChoiceFilter(
        label=_("Avtal inom politikområde"),
        queryset=_phases,
        method="filter_agreements",
        empty_label=_("Alla"),
    )
    year = django_filters.NumberFilter(
        label=_("Omfattas av avtal år"), method="filter_agreements", widget=YEAR_WIDGET
    )

    class Meta:
        model = District
        fields = ["q", "municipality", "county", "status", "policy_phase", "year"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(code__icontains=value) | Q(former_names__icontains=value)
        )

    def filter_agreements(self, queryset, name, value):
        return queryset  # combined into one condition in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        agreements = _matching_agreements(self.request.user, self.form.cleaned_data)
        if agreements is None:
            return queryset
        covered = AgreementDistricts.objects.filter(agreement_id__in=agreements.values("pk"))
        return queryset.filter(pk__in=covered.values("district_id"))
