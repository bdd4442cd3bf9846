"""Tables of district reports (page and CSV/XLSX export)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.district.selectors import overdue_q
from reports.models import AnnualDistrictReport
from udavtal.lib import exports

# Status labels looked up once: get_status_display() hashes every (lazy) choice label per
# call, a third of a large export's time (decision 0024).
ANNUALDISTRICTREPORT_STATUS_LABELS = dict(
    AnnualDistrictReport._meta.get_field("status").flatchoices
)


class DistrictReportTable(tables.Table):
    caption = _("Årliga redovisningar för stadsdelar")
    district = tables.Column(verbose_name=_("Stadsdel"), order_by=("district__name",))
    municipality = tables.Column(
        verbose_name=_("Kommun"),
        accessor="district__municipality__name",
        order_by=("district__municipality__name",),
    )
    year = tables.Column(verbose_name=_("År"))
    status = tables.Column(verbose_name=_("Status"))
    due_on = tables.DateColumn(verbose_name=_("Sista dag"), format="Y-m-d")
    overdue = tables.Column(
        verbose_name=_("Försenad"), accessor="is_overdue", orderable=False, empty_values=()
    )
    submitted_at = tables.DateColumn(verbose_name=_("Inlämnad"), format="Y-m-d")

    class Meta:
        model = AnnualDistrictReport
        fields = ["district", "municipality", "year", "status", "due_on", "overdue", "submitted_at"]
        empty_text = _("Inga redovisningar ännu.")
        order_by = ("-year",)

    def render_district(self, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.district.name)

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>',
            record.status,
            ANNUALDISTRICTREPORT_STATUS_LABELS.get(record.status, record.status),
        )

    def render_overdue(self, record):
        if record.is_overdue:
            return format_html('<span class="overdue">{}</span>', _("Försenad"))
        return "–"

    def export_columns(self):
        return {
            "district": "district__name",
            "municipality": "district__municipality__name",
            "year": "year",
            "status": exports.choice_label(AnnualDistrictReport, "status"),
            "due_on": "due_on",
            "overdue": exports.yes_no(overdue_q()),
            "submitted_at": exports.local_date("submitted_at"),
        }
