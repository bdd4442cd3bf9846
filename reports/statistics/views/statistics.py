"""The district statistics page and the national overview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from agreements.models import Municipality
from reports.models import Indicator, IndicatorValue
from reports.statistics import comparison, presentation, selectors, suppression
from reports.statistics.filters import OverviewFilter
from reports.statistics.forms import DistrictStatisticsForm
from reports.statistics.tables import OverviewTable
from reports.statistics.views.base import PermissionMixin, require_perm
from udavtal.lib.lists import FilteredListView


@login_required
def district_statistics_view(request, pk: int):
    district = selectors.district_for_statistics(user=request.user, pk=pk)
    require_perm(request.user, "reports.view_statistics", district)
    form = DistrictStatisticsForm(request.GET or None)
    sex, rule = form.choices()
    stats = selectors.district_statistics(district=district, sex=sex, rule=rule)
    charts = [
        presentation.section_chart(
            section,
            district_name=district.name,
            municipality_name=district.municipality.name,
            chart_id=f"chart-{section.indicator.code}",
        )
        if section.has_values
        else ""
        for section in stats.sections
    ]
    context = {
        "district": district,
        "form": form,
        "stats": stats,
        "sections": list(zip(stats.sections, charts, strict=True)),
        "rule_label": comparison.GroupRule.label(stats.rule),
        "sex_label": dict(IndicatorValue.Sex.choices)[sex],
        "threshold": suppression.threshold(),
    }
    return render(request, "reports/district_statistics.html", context)


class IndicatorOverviewView(PermissionMixin, FilteredListView):
    """All covered districts for one indicator: latest value, change since a chosen year, gap
    to the municipality. Rows are computed (suppression applied) and sorted in Python."""

    permission = "reports.view_statistics"
    template_name = "reports/indicator_overview.html"
    table_class = OverviewTable
    filterset_class = OverviewFilter
    export_name = "statistik"
    title = gettext_lazy("Statistik per stadsdel")
    intro = gettext_lazy(
        "Stadsdelar med avtal: senaste värde, förändring sedan valt år och skillnad mot kommunen "
        "samma år."
    )

    def get_queryset(self):
        return selectors.overview_districts(user=self.request.user)

    def _choices(self):
        """The chosen indicator, sex and base year, with defaults (one or two queries)."""
        if not hasattr(self, "_chosen"):
            active = Indicator.objects.filter(is_active=True).order_by("position", "name")
            code = self.request.GET.get("indikator")
            indicator = (active.filter(code=code).first() if code else None) or active.first()
            first, last = (
                selectors.indicator_years(indicator=indicator) if indicator else (None, None)
            )
            years = list(range(first, last + 1)) if first is not None else []
            sex = self.request.GET.get("kon")
            sex = sex if sex in IndicatorValue.Sex.values else IndicatorValue.Sex.TOTAL
            try:
                since = int(self.request.GET.get("sedan", ""))
            except ValueError:
                since = None
            self._chosen = (indicator, sex, since if since in years else first, years)
        return self._chosen

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        indicator, sex, since, years = self._choices()
        data = self.request.GET.copy()
        if indicator is not None:
            data["indikator"] = indicator.code
        data["kon"] = sex
        if since is not None:
            data["sedan"] = str(since)
        kwargs["data"] = data
        kwargs["years"] = years
        kwargs["municipalities"] = Municipality.objects.filter(
            pk__in=self.get_queryset().values("municipality_id")
        )
        return kwargs

    def get_table_data(self):
        indicator, sex, since, years = self._choices()
        if indicator is None:
            return []
        self.rows = selectors.overview_rows(
            districts=self.object_list,
            indicator=indicator,
            sex=sex,
            since_year=since,
            last_year=years[-1] if years else None,
        )
        return self.rows

    def get_table_kwargs(self):
        indicator, _sex, since, _years = self._choices()
        return {"indicator": indicator, "since_year": since}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # builds the table, hence self.rows
        indicator, sex, since, _years = self._choices()
        context.update(
            indicator=indicator,
            sex_label=dict(IndicatorValue.Sex.choices)[sex],
            since_year=since,
            has_examples=any(row.is_example for row in getattr(self, "rows", ())),
            threshold=suppression.threshold(),
        )
        return context
