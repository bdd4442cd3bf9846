"""The table and filter of "Mina exporter" (the user's stored list exports)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from udavtal.lib import formats
from udavtal.models import ListExport

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


class ListExportTable(tables.Table):
    caption = _("Mina exporter")

    title = tables.Column(verbose_name=_("Lista"), linkify=True)
    created_at = tables.DateTimeColumn(verbose_name=_("Beställd"), format="SHORT_DATETIME_FORMAT")
    row_count = tables.Column(verbose_name=_("Rader"), attrs=NUM)
    status = tables.Column(verbose_name=_("Status"))
    filename = tables.Column(verbose_name=_("Fil"), orderable=False)

    class Meta:
        model = ListExport
        fields = ()
        sequence = ("title", "created_at", "row_count", "status", "filename")
        order_by = ("-created_at",)
        empty_text = _("Du har inga sparade exporter. Stora Excel-filer från listorna hamnar här.")

    def render_row_count(self, value):
        return formats.number(value)

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )

    def render_filename(self, record, value):
        if record.status != ListExport.Status.DONE:
            return "–"
        url = reverse("export-file", args=[record.pk])
        return format_html('<a href="{}" download>{}</a>', url, value)


class ListExportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ListExport.Status.choices, empty_label=_("Alla")
    )

    class Meta:
        model = ListExport
        fields = ["status"]
