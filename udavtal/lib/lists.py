"""The one way to build a list page: django-filter for the filters, django-tables2 for the table,
CSV and XLSX export of the filtered rows.

Speed at national scale (docs/benchmarks.md, decision 0024): the filtered rows are counted once
per page (the table's paginator; ListView's own pagination is off), an export builds only the
export table (no page table, no count), and plain select boxes of the filter form render their
options in Python (ListSelect), which is what a list of 290 municipalities costs most.

    class AgreementListView(FilteredListView):
        table_class = AgreementTable
        filterset_class = AgreementFilter
        export_name = "avtal"
        title = _("Avtal")

        def get_queryset(self):
            return selectors.agreement_list_for_table(user=self.request.user)
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.forms.utils import flatatt
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin, TableExport

from udavtal import list_exports
from udavtal.lib.exports import RowExport

PAGE_SIZE = 50


class ListSelect(forms.Select):
    """A single select box rendered in Python: the same markup as Django's template-rendered
    Select (``<option value="..." selected>``), at a fraction of the cost for hundreds of options.
    Option groups fall back to the template."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = [choice for choice in self.choices]  # list() would ask len(): a COUNT(*)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        chosen = chosen[0] if chosen else None
        options = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = chosen is not None and option_value == chosen
            if selected:
                chosen = None  # a single select marks its first match only, as Django does
            options.append((option_value, " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )


def use_list_selects(form) -> None:
    """Swap the plain Select widgets of a (filter) form for ListSelect, keeping their state."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            widget = ListSelect.__new__(ListSelect)
            widget.__dict__ = field.widget.__dict__.copy()
            field.widget = widget


class FilteredListView(LoginRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    template_name = "includes/list_page.html"
    # Only the table paginates (and counts the rows once); ListView's paginate_by would paginate
    # object_list a second time, with a second COUNT(*).
    paginate_by = None
    table_pagination = {"per_page": PAGE_SIZE}
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

    def is_export(self) -> bool:
        return self.export_class.is_valid_format(self.request.GET.get(self.export_trigger_param))

    def create_export(self, export_format):
        """Tables with ``export_columns()`` export straight from database rows
        (udavtal.lib.exports): CSV streams, a large XLSX is written in the background
        (udavtal.list_exports) and the user is sent to its page. Other tables export through
        django-tables2 and tablib."""
        if export_format not in self.export_formats:
            raise Http404  # a format this list does not offer
        if not hasattr(self.get_table_class(), "export_columns"):
            return super().create_export(export_format)
        export = RowExport.from_table(self.get_table(**self.get_table_kwargs()))
        filename = self.get_export_filename(export_format)
        if export_format == TableExport.CSV:
            return export.csv_response(filename)
        if not list_exports.in_background(self.request):
            row_count = export.count()
            if list_exports.needs_background(row_count=row_count, column_count=len(export.headers)):
                stored = list_exports.list_export_queue(
                    request=self.request,
                    title=self.title or export.title,
                    filename=filename,
                    row_count=row_count,
                )
                return redirect(stored)
        return export.xlsx_response(filename)

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        use_list_selects(filterset.form)
        return filterset

    def get_table_pagination(self, table):
        # The export has every filtered row: no paginator, hence no COUNT(*).
        return False if self.is_export() else super().get_table_pagination(table)

    def get_context_data(self, **kwargs):
        if self.is_export():
            # render_to_response builds the export table itself; the page's table (with its
            # count) would be thrown away.
            kwargs.setdefault("object_list", self.object_list)
            return kwargs
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
