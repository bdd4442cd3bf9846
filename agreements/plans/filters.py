"""Filters of the plan list."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import GoalArea, Municipality, StrategicDistrictPlan
from agreements.plans.selectors import overdue_plans_q
from udavtal.lib.collation import swedish


def _municipalities(request):
    if request is None:
        return Municipality.objects.none()
    return Municipality.objects.visible_to(request.user).order_by(swedish("name"))


class PlanFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommun"),
        field_name="agreement__municipality",
        queryset=_municipalities,
        empty_label=_("Alla kommuner"),
    )
    district = django_filters.CharFilter(
        label=_("Stadsdel"), field_name="district__name", lookup_expr="icontains"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StrategicDistrictPlan.Status.choices, empty_label=_("Alla")
    )
    goal_area = django_filters.ModelChoiceFilter(
        label=_("Målområde"),
        field_name="goals__goal_area",
        queryset=GoalArea.objects.order_by("position", "name"),
        empty_label=_("Alla målområden"),
        distinct=True,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Försenade"),
        method="filter_overdue",
        widget=forms.Select(
            choices=[("", _("Alla")), ("true", _("Bara försenade")), ("false", _("Ej försenade"))]
        ),
    )

    class Meta:
        model = StrategicDistrictPlan
        fields = ["municipality", "district", "status", "goal_area", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_plans_q()) if value else queryset.exclude(overdue_plans_q())
