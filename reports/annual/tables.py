"""The annual report list (page and CSV/XLSX export)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.models import AnnualReport


class AnnualReportTable(tables.Table):
    caption = _("Årsrapporter till riksdagen")
    year = tables.Column(verbose_name=_("År"))
    title = tables.Column(verbose_name=_("Titel"))
    case_number = tables.Column(verbose_name=_("Diarienummer"))
    status = tables.Column(verbose_name=_("Status"))
    page_count = tables.Column(verbose_name=_("Sidor"))
    generated_at = tables.DateTimeColumn(verbose_name=_("Senast framtagen"), format="Y-m-d H:i")
    published_at = tables.DateColumn(verbose_name=_("Publicerad"), format="Y-m-d")

    class Meta:
        model = AnnualReport
        fields = [
            "year",
            "title",
            "case_number",
            "status",
            "page_count",
            "generated_at",
            "published_at",
        ]
        empty_text = _("Inga årsrapporter ännu.")
        order_by = ("-year",)

    def render_title(self, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.title)

    def value_title(self, record):
        return record.title

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()
