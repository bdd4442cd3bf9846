"""The funding overview: per year and municipality, and per district."""

from django.utils.translation import gettext_lazy as _

from grants import selectors
from grants.filters import FundingFilter
from grants.tables import DistrictFundingTable, FundingTable
from udavtal.lib.lists import FilteredListView


class FundingListView(FilteredListView):
    table_class = FundingTable
    filterset_class = FundingFilter
    export_name = "statsbidrag-per-kommun"
    title = _("Statsbidrag per år och kommun")
    intro = _(
        "Sökt, beviljat, utbetalt och återkrävt bidrag och det som enligt godkända uppföljningar "
        "använts. Underlag till ekonomikapitlet i årsrapporten."
    )

    def get_queryset(self):
        return selectors.funding_rows_for_user(user=self.request.user)


class DistrictFundingListView(FilteredListView):
    table_class = DistrictFundingTable
    filterset_class = FundingFilter
    export_name = "statsbidrag-per-stadsdel"
    title = _("Statsbidrag per år och stadsdel")
    intro = _(
        "Sökt bidrag och använda medel som kommunerna angett per stadsdel. Beviljat och utbetalt "
        "fördelas på stadsdelarna i proportion till det sökta beloppet; kostnader som är "
        "gemensamma för flera stadsdelar visas som ”Gemensamt”."
    )

    def get_queryset(self):
        return selectors.district_funding_rows_for_user(user=self.request.user)
