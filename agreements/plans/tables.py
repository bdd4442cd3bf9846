"""The plan list's table (page and CSV/XLSX export)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.models import StrategicDistrictPlan
from agreements.plans.selectors import overdue_plans_q
from udavtal.lib import exports

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


class PlanTable(tables.Table):
    caption = _("Strategiska stadsdelsplaner")

    district = tables.Column(verbose_name=_("Stadsdel"), order_by=("district__name",))
    municipality = tables.Column(
        verbose_name=_("Kommun"),
        accessor="agreement__municipality__name",
        order_by=("agreement__municipality__name",),
    )
    agreement = tables.Column(verbose_name=_("Avtal"), order_by=("agreement__title",))
    status = tables.Column(verbose_name=_("Status"))
    adopted_on = tables.DateColumn(verbose_name=_("Fastställd"), format="Y-m-d")
    revised_on = tables.DateColumn(verbose_name=_("Reviderad"), format="Y-m-d")
    due_on = tables.DateColumn(
        verbose_name=_("Sista dag"), accessor="agreement__plans_due_on", format="Y-m-d"
    )
    overdue = tables.Column(
        verbose_name=_("Försenad"), accessor="is_overdue", orderable=False, empty_values=()
    )
    goal_count = tables.Column(verbose_name=_("Mål"), attrs=NUM)
    measure_count = tables.Column(verbose_name=_("Insatser"), attrs=NUM)

    class Meta:
        model = StrategicDistrictPlan
        fields = [
            "district",
            "municipality",
            "agreement",
            "status",
            "adopted_on",
            "revised_on",
            "due_on",
            "overdue",
            "goal_count",
            "measure_count",
        ]
        empty_text = _("Inga stadsdelsplaner ännu.")

    def render_district(self, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.district.name)

    def render_agreement(self, record):
        return format_html(
            '<a href="{}">{}</a>', record.agreement.get_absolute_url(), record.agreement.title
        )

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )

    def render_overdue(self, record):
        if record.is_overdue:
            return format_html('<span class="overdue">{}</span>', _("Försenad"))
        return "–"

    def export_columns(self):
        return {
            "district": "district__name",
            "municipality": "agreement__municipality__name",
            "agreement": "agreement__title",
            "status": exports.choice_label(StrategicDistrictPlan, "status"),
            "adopted_on": "adopted_on",
            "revised_on": "revised_on",
            "due_on": "agreement__plans_due_on",
            "overdue": exports.yes_no(overdue_plans_q()),
            "goal_count": "goal_count",
            "measure_count": "measure_count",
        }
