"""Filters of the agency report list; choices limited to the user's scope."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import scope_of
from partnerships.models import Agency
from reports.models import AgencyReport
from udavtal.lib.collation import swedish


def _agencies(request):
    if request is None:
        return Agency.objects.none()
    scope = scope_of(request.user)
    if scope.sees_everything:
        return Agency.objects.order_by(swedish("name"))
    return Agency.objects.filter(pk__in=scope.agency_ids).order_by(swedish("name"))


class AgencyReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Fritext"), method="search")
    agency = django_filters.ModelChoiceFilter(label=_("Myndighet"), queryset=_agencies)
    year = django_filters.NumberFilter(label=_("År"), min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgencyReport.Status.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Endast försenade"),
        method="only_overdue",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = AgencyReport
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(unit__name__icontains=value)
            | Q(agency__name__icontains=value)
            | Q(agency__short_name__iexact=value)
        )

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(due_on__lt=timezone.localdate()).exclude(
            status__in=[AgencyReport.Status.SUBMITTED, AgencyReport.Status.ACCEPTED]
        )
