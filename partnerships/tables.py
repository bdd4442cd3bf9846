"""Tables of the accord, agency and partnership lists (django-tables2). Columns read only what
the selectors preloaded; `export_columns()` is what the CSV/XLSX export reads (lib/exports.py)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from partnerships.models import Agency, CooperationAccord, Partnership
from udavtal.lib import exports

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}
NOWRAP = {"td": {"class": "nowrap"}}


# Status labels looked up once: get_status_display() hashes every (lazy) choice label per
# call, a third of a large export's time (decision 0024).
COOPERATIONACCORD_STATUS_LABELS = dict(CooperationAccord._meta.get_field("status").flatchoices)


class AccordTable(tables.Table):
    caption = _("Samverkansöverenskommelser")
    empty_text = _("Inga samverkansöverenskommelser ännu.")

    title = tables.Column(_("Överenskommelse"), linkify=True)
    agency = tables.Column(
        _("Myndighet"), accessor="agency_unit__agency__name", order_by="agency_unit__agency__name"
    )
    agency_unit = tables.Column(_("Enhet"), accessor="agency_unit__name")
    municipality = tables.Column(_("Kommun"), accessor="municipality__name")
    starts_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP, verbose_name=_("Från"))
    ends_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP, verbose_name=_("Till"))
    status = tables.Column(_("Status"))
    commitment_count = tables.Column(_("Åtaganden"), attrs=NUM)

    class Meta:
        model = CooperationAccord
        fields = ()
        default = "–"
        sequence = (
            "title",
            "agency",
            "agency_unit",
            "municipality",
            "starts_on",
            "ends_on",
            "status",
            "commitment_count",
        )

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>',
            record.status,
            COOPERATIONACCORD_STATUS_LABELS.get(record.status, record.status),
        )

    def export_columns(self):
        return {
            "title": "title",
            "agency": "agency_unit__agency__name",
            "agency_unit": "agency_unit__name",
            "municipality": "municipality__name",
            "starts_on": "starts_on",
            "ends_on": "ends_on",
            "status": exports.choice_label(CooperationAccord, "status"),
            "commitment_count": "commitment_count",
        }


class AgencyTable(tables.Table):
    caption = _("Myndigheter")
    empty_text = _("Inga myndigheter är registrerade ännu.")

    name = tables.Column(_("Myndighet"), linkify=True)
    short_name = tables.Column(_("Förkortning"))
    organisation_number = tables.Column(_("Organisationsnummer"))
    unit_count = tables.Column(_("Enheter"), attrs=NUM)
    valid_to = tables.DateColumn(format="Y-m-d", attrs=NOWRAP, verbose_name=_("Verksam till"))
    successor = tables.Column(_("Efterföljare"), linkify=True, accessor="successor")

    class Meta:
        model = Agency
        fields = ()
        default = "–"
        sequence = (
            "name",
            "short_name",
            "organisation_number",
            "unit_count",
            "valid_to",
            "successor",
        )

    def export_columns(self):
        return {
            "name": "name",
            "short_name": "short_name",
            "organisation_number": "organisation_number",
            "unit_count": "unit_count",
            "valid_to": "valid_to",
            "successor": "successor__name",
        }


class PartnershipTable(tables.Table):
    caption = _("Lokala partnerskap")
    empty_text = _("Inga lokala partnerskap ännu.")

    name = tables.Column(_("Partnerskap"), linkify=True)
    municipality = tables.Column(_("Kommun"), accessor="agreement__municipality__name")
    agreement = tables.Column(_("Avtal"), accessor="agreement__title")
    district = tables.Column(_("Stadsdel"), accessor="district__name")
    member_count = tables.Column(_("Medlemmar"), attrs=NUM)

    class Meta:
        model = Partnership
        fields = ()
        default = "–"
        sequence = ("name", "municipality", "agreement", "district", "member_count")

    def export_columns(self):
        return {
            "name": "name",
            "municipality": "agreement__municipality__name",
            "agreement": "agreement__title",
            "district": "district__name",
            "member_count": "member_count",
        }
