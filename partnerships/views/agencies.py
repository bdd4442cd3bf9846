"""Agencies as hierarchies of units (reference data every logged-in user reads)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from partnerships import selectors
from partnerships.filters import AgencyFilter
from partnerships.tables import AgencyTable
from partnerships.views.common import require
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView


class AgencyListView(FilteredListView):
    table_class = AgencyTable
    filterset_class = AgencyFilter
    export_name = "myndigheter"
    title = gettext_lazy("Myndigheter")
    intro = gettext_lazy(
        "Statliga myndigheter med centrala, regionala och lokala enheter. Nedlagda myndigheter "
        "visas med sin efterföljare."
    )

    def get_queryset(self):
        return selectors.agency_list_for_table(user=self.request.user)


@login_required
def agency_detail_view(request, pk: int):
    agency = selectors.agency_get_for_user(user=request.user, pk=pk)
    require(request.user, "partnerships.view_agency", agency)
    context = {
        "agency": agency,
        "tree": selectors.unit_tree(agency=agency),
        "predecessors": agency.predecessors.all(),
        "changes": changes_for(agency),
    }
    return render(request, "partnerships/agency_detail.html", context)
