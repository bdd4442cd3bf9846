"""The one way to build a list page: django-filter for the filters, django-tables2 for the table,
CSV and XLSX export of the filtered rows.

    class AgreementListView(FilteredListView):
        table_class = AgreementTable
        filterset_class = AgreementFilter
        export_name = "avtal"
        title = _("Avtal")

        def get_queryset(self):
            return selectors.agreement_list_for_table(user=self.request.user)
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin, TableExport


class FilteredListView(LoginRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    template_name = "includes/list_page.html"
    paginate_by = 50
    export_formats = (TableExport.CSV, TableExport.XLSX)
    export_trigger_param = "export"
    export_name = "lista"
    title = ""
    intro = ""
    # A filter form with errors still shows the (unfiltered) rows, as django-filter does by
    # default with strict=False; an explicit empty state is rendered by the table template.
    strict = False

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.export_name}-{timezone.localdate():%Y-%m-%d}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(self.export_trigger_param, None)
        context.update(
            title=self.title,
            intro=self.intro,
            export_links=[
                (fmt.upper(), f"?{_with(query, self.export_trigger_param, fmt)}")
                for fmt in self.export_formats
            ],
        )
        return context


def _with(query, key: str, value: str) -> str:
    query = query.copy()
    query[key] = value
    return query.urlencode()
