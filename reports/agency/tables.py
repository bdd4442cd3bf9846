"""The agency report list (django-tables2); `export_columns()` is what its export reads."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.models import AgencyReport
from udavtal.lib import exports

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}
NOWRAP = {"td": {"class": "nowrap"}}


class AgencyReportTable(tables.Table):
    caption = _("Myndigheternas redovisningar")
    empty_text = _("Inga redovisningar ännu.")

    unit = tables.Column(
        _("Rapporterande enhet"),
        accessor="unit__name",
        linkify=lambda record: record.get_absolute_url(),
    )
    agency = tables.Column(_("Myndighet"), accessor="agency__name")
    year = tables.Column(_("År"))
    status = tables.Column(_("Status"))
    due_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP, verbose_name=_("Sista dag"))
    submitted_at = tables.DateColumn(format="Y-m-d", attrs=NOWRAP, verbose_name=_("Inlämnad"))
    entry_count = tables.Column(_("Partnerskap"), attrs=NUM)

    class Meta:
        model = AgencyReport
        fields = ()
        default = "–"
        sequence = ("unit", "agency", "year", "status", "due_on", "submitted_at", "entry_count")

    def render_year(self, value):
        return str(value)

    def render_status(self, record):
        badge = format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )
        if record.is_overdue:
            return format_html('{} <span class="overdue">{}</span>', badge, _("Försenad"))
        return badge

    def export_columns(self):
        return {
            "unit": "unit__name",
            "agency": "agency__name",
            "year": "year",
            "status": exports.choice_label(AgencyReport, "status"),
            "due_on": "due_on",
            "submitted_at": exports.local_date("submitted_at"),
            "entry_count": "entry_count",
        }
