"""The indicator catalogue: list, detail, and editing by the Systemadministratör."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.models import Indicator
from reports.statistics import presentation, selectors, services
from reports.statistics.filters import IndicatorFilter
from reports.statistics.forms import IndicatorForm
from reports.statistics.tables import IndicatorTable
from reports.statistics.views.base import PermissionMixin, require_perm
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView


class IndicatorListView(PermissionMixin, FilteredListView):
    permission = "reports.view_indicator"
    template_name = "reports/indicator_list.html"
    table_class = IndicatorTable
    filterset_class = IndicatorFilter
    export_name = "indikatorer"
    title = gettext_lazy("Indikatorer")
    intro = gettext_lazy(
        "Katalogen över de indikatorer som stadsdelarnas utveckling följs med: definition, "
        "enhet, riktning, källa och periodicitet."
    )

    def get_queryset(self):
        return selectors.indicator_list_for_table()

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_add=user.has_perm("reports.add_indicator"),
            can_import=user.has_perm("reports.import_indicatorvalue"),
            **kwargs,
        )


@login_required
def indicator_detail_view(request, code: str):
    require_perm(request.user, "reports.view_indicator")
    indicator = selectors.indicator_get(code=code)
    facts = selectors.indicator_facts(indicator=indicator)
    context = {
        "indicator": indicator,
        "facts": facts,
        "chart": presentation.series_chart(
            indicator, _("Riket"), facts.country_series, chart_id="chart-riket"
        )
        if facts.country_series
        else "",
        "changes": changes_for(indicator),
        "can_change": request.user.has_perm("reports.change_indicator", indicator),
    }
    return render(request, "reports/indicator_detail.html", context)


@login_required
def indicator_create_view(request):
    require_perm(request.user, "reports.add_indicator")
    form = IndicatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        indicator = services.indicator_create(
            code=form.cleaned_data["code"],
            data=form.cleaned_data,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Indikatorn har lagts till."))
        return redirect(indicator)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "indicator": None}
    return render(request, "reports/indicator_form.html", context, status=status)


@login_required
def indicator_update_view(request, code: str):
    indicator = selectors.indicator_get(code=code)
    require_perm(request.user, "reports.change_indicator", indicator)
    form = IndicatorForm(
        request.POST if request.method == "POST" else None,
        instance=Indicator.objects.get(pk=indicator.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                indicator=indicator,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Ändringarna har sparats."))
            return redirect(indicator)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "indicator": indicator}
    return render(request, "reports/indicator_form.html", context, status=status)
