"""Tables of the agreement, municipality and district lists (django-tables2).

Columns read only what the selectors preload or annotate. Names sort in Swedish order (Å Ä Ö
last) through `order_<column>`, also when a user sorts by a column.
"""

from __future__ import annotations

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, District, Municipality
from udavtal.lib import exports, formats
from udavtal.lib.collation import swedish

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


def _swedish_order(*fields: str):
    """An `order_<column>` method: the fields in Swedish collation, the pk as tie-breaker."""

    def order(self, queryset, is_descending):
        expressions = [swedish(field, descending=is_descending) for field in fields]
        return queryset.order_by(*expressions, "-pk" if is_descending else "pk"), True

    return order


def _by(*fields: str):
    """An `order_<column>` method for fields that are not names (dates, numbers, codes)."""

    def order(self, queryset, is_descending):
        if is_descending:
            expressions = [F(field).desc(nulls_last=True) for field in fields]
        else:
            expressions = [F(field).asc(nulls_last=True) for field in fields]
        return queryset.order_by(*expressions, "-pk" if is_descending else "pk"), True

    return order


_STATUS_LABELS: dict[type, dict] = {}


def _status_label(record):
    """record.get_status_display(), with the labels looked up once per model: Django's method
    hashes every (lazy) choice label per call (decision 0024)."""
    model = type(record)
    labels = _STATUS_LABELS.get(model)
    if labels is None:
        labels = _STATUS_LABELS[model] = dict(model._meta.get_field("status").flatchoices)
    return labels.get(record.status, record.status)


class DateColumn(tables.Column):
    def render(self, value):
        return f"{value:%Y-%m-%d}"


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return formats.money(value)


class CountColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return formats.number(value)


class StatusColumn(tables.Column):
    def render(self, value, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>',
            record.status,
            _status_label(record),
        )


class AgreementTable(tables.Table):
    caption = _("Lokala utvecklingsavtal")
    empty_text = _("Inga avtal matchar filtret.")

    title = tables.Column(verbose_name=_("Avtal"), linkify=True)
    case_number = tables.Column(verbose_name=_("Diarienummer"), empty_values=())
    municipality = tables.Column(
        verbose_name=_("Kommun"),
        accessor="municipality__name",
        linkify=lambda record: record.municipality.get_absolute_url(),
    )
    county = tables.Column(verbose_name=_("Län"), accessor="municipality__county__name")
    policy_phase = tables.Column(
        verbose_name=_("Politikområde"), accessor="policy_phase__short_name"
    )
    starts_on = DateColumn(verbose_name=_("Från"))
    ends_on = DateColumn(verbose_name=_("Till"))
    status = StatusColumn(verbose_name=_("Status"))
    district_count = CountColumn(verbose_name=_("Stadsdelar"))
    state_total = MoneyColumn(verbose_name=_("Statliga medel"), empty_values=())
    municipality_total = MoneyColumn(verbose_name=_("Kommunala medel"), empty_values=())

    class Meta:
        model = Agreement
        fields = ()
        sequence = (
            "title",
            "case_number",
            "municipality",
            "county",
            "policy_phase",
            "starts_on",
            "ends_on",
            "status",
            "district_count",
            "state_total",
            "municipality_total",
        )

    order_title = _swedish_order("title")
    order_case_number = _by("case_number")
    order_municipality = _swedish_order("municipality__name")
    order_county = _swedish_order("municipality__county__name", "municipality__name")
    order_policy_phase = _by("policy_phase__starts_on")
    order_starts_on = _by("starts_on")
    order_ends_on = _by("ends_on")
    order_status = _by("status")
    order_district_count = _by("district_count")
    order_state_total = _by("state_total")
    order_municipality_total = _by("municipality_total")

    def render_case_number(self, value):
        return value or "–"

    def export_columns(self):
        return {
            "title": "title",
            "case_number": "case_number",
            "municipality": "municipality__name",
            "county": "municipality__county__name",
            "policy_phase": "policy_phase__short_name",
            "starts_on": "starts_on",
            "ends_on": "ends_on",
            "status": exports.choice_label(Agreement, "status"),
            "district_count": "district_count",
            "state_total": "state_total",
            "municipality_total": "municipality_total",
        }


class MunicipalityTable(tables.Table):
    caption = _("Kommuner")
    empty_text = _("Inga kommuner matchar filtret.")

    name = tables.Column(verbose_name=_("Kommun"), linkify=True)
    code = tables.Column(verbose_name=_("Kommunkod"))
    county = tables.Column(verbose_name=_("Län"), accessor="county__name")
    agreement_count = CountColumn(verbose_name=_("Avtal"))
    in_force_count = CountColumn(verbose_name=_("Gällande avtal"))
    district_count = CountColumn(verbose_name=_("Stadsdelar"))

    class Meta:
        model = Municipality
        fields = ()
        sequence = ("name", "code", "county", "agreement_count", "in_force_count", "district_count")

    order_name = _swedish_order("name")
    order_code = _by("code")
    order_county = _swedish_order("county__name", "name")
    order_agreement_count = _by("agreement_count")
    order_in_force_count = _by("in_force_count")
    order_district_count = _by("district_count")

    def export_columns(self):
        return {
            "name": "name",
            "code": "code",
            "county": "county__name",
            "agreement_count": "agreement_count",
            "in_force_count": "in_force_count",
            "district_count": "district_count",
        }


class DistrictTable(tables.Table):
    caption = _("Stadsdelar")
    empty_text = _("Inga stadsdelar matchar filtret.")

    name = tables.Column(verbose_name=_("Stadsdel"), linkify=True)
    code = tables.Column(verbose_name=_("Områdeskod"))
    municipality = tables.Column(verbose_name=_("Kommun"), accessor="municipality__name")
    county = tables.Column(verbose_name=_("Län"), accessor="municipality__county__name")
    parent = tables.Column(verbose_name=_("Ingår i"), accessor="parent__name", default="–")
    status = StatusColumn(verbose_name=_("Status"))
    population = CountColumn(verbose_name=_("Folkmängd"), empty_values=())
    agreement_count = CountColumn(verbose_name=_("Avtal"))

    class Meta:
        model = District
        fields = ()
        sequence = (
            "name",
            "code",
            "municipality",
            "county",
            "parent",
            "status",
            "population",
            "agreement_count",
        )

    order_name = _swedish_order("name", "municipality__name")
    order_code = _by("code")
    order_municipality = _swedish_order("municipality__name", "name")
    order_county = _swedish_order("municipality__county__name", "municipality__name", "name")
    order_parent = _swedish_order("parent__name", "name")
    order_status = _by("status")
    order_population = _by("population")
    order_agreement_count = _by("agreement_count")

    def export_columns(self):
        return {
            "name": "name",
            "code": "code",
            "municipality": "municipality__name",
            "county": "municipality__county__name",
            "parent": "parent__name",
            "status": exports.choice_label(District, "status"),
            "population": "population",
            "agreement_count": "agreement_count",
        }
