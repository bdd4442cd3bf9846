"""django-tables2 tables of the grant lists (exported as CSV and XLSX with the filtered rows)."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from grants.models import GrantApplication
from udavtal.lib import formats

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


class MoneyColumn(tables.Column):
    """Kronor in Swedish format on the page, the plain number in exports; missing shows "–"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        kwargs.setdefault("default", formats.MISSING)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return formats.money(value)

    def value(self, value):
        return value


class YearColumn(tables.Column):
    def render(self, value):
        return str(value)


class ApplicationTable(tables.Table):
    caption = _("Ansökningar om statsbidrag")
    year = YearColumn(accessor="round__year", verbose_name=_("År"))
    municipality = tables.Column(accessor="municipality__name", verbose_name=_("Kommun"))
    title = tables.Column(verbose_name=_("Rubrik"), linkify=True)
    years = tables.Column(accessor="last_year", verbose_name=_("Bidragsår"), orderable=False)
    status = tables.Column(verbose_name=_("Status"))
    applied_sek = MoneyColumn(verbose_name=_("Sökt"))
    decided_sek = MoneyColumn(verbose_name=_("Beviljat"))
    paid_sek = MoneyColumn(verbose_name=_("Utbetalt"))

    class Meta:
        model = GrantApplication
        fields = ()
        sequence = (
            "year",
            "municipality",
            "title",
            "years",
            "status",
            "applied_sek",
            "decided_sek",
            "paid_sek",
        )
        empty_text = _("Inga ansökningar ännu.")

    def render_years(self, record):
        if record.first_year == record.last_year:
            return str(record.first_year)
        return f"{record.first_year}–{record.last_year}"

    def value_years(self, record):
        return self.render_years(record)

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()


class FundingTable(tables.Table):
    """Per year and municipality (rows are dicts from `selectors.funding_rows_for_user`)."""

    caption = _("Statsbidrag per år och kommun")

    year = YearColumn(verbose_name=_("År"))
    municipality = tables.Column(
        accessor="application__municipality__name", verbose_name=_("Kommun")
    )
    code = tables.Column(accessor="application__municipality__code", verbose_name=_("Kommunkod"))
    cost_sek = MoneyColumn(verbose_name=_("Kostnader"))
    own_financing_sek = MoneyColumn(verbose_name=_("Egen finansiering"))
    applied_sek = MoneyColumn(verbose_name=_("Sökt"))
    decided_sek = MoneyColumn(verbose_name=_("Beviljat"))
    paid_sek = MoneyColumn(verbose_name=_("Utbetalt"))
    reclaimed_sek = MoneyColumn(verbose_name=_("Återkrävt"))
    used_sek = MoneyColumn(verbose_name=_("Använt"))

    class Meta:
        empty_text = _("Inga inlämnade ansökningar ännu.")

    def render_municipality(self, record, value):
        url = reverse("grants:application-list")
        return format_html(
            '<a href="{}?municipality={}&amp;year={}">{}</a>',
            url,
            record["application__municipality"],
            record["year"],
            value,
        )

    def value_municipality(self, value):
        return value


class DistrictFundingTable(tables.Table):
    caption = _("Statsbidrag per år och stadsdel")
    year = YearColumn(verbose_name=_("År"))
    municipality = tables.Column(
        accessor="application__municipality__name", verbose_name=_("Kommun")
    )
    district = tables.Column(
        accessor="district__name", verbose_name=_("Stadsdel"), default=_("Gemensamt")
    )
    applied_sek = MoneyColumn(verbose_name=_("Sökt"))
    decided_sek = MoneyColumn(verbose_name=_("Beviljat (andel)"))
    paid_sek = MoneyColumn(verbose_name=_("Utbetalt (andel)"))
    used_sek = MoneyColumn(verbose_name=_("Använt"))

    class Meta:
        empty_text = _("Inga inlämnade ansökningar ännu.")

    def render_district(self, record, value):
        url = reverse("grants:application-detail", args=[record["application"]])
        return format_html('<a href="{}">{}</a>', url, value)

    def value_district(self, value):
        return value
