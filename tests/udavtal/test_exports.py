"""Exports straight from database rows (udavtal.lib.exports): PostgreSQL's COPY and the Python
writer (SQLite) give the same file; headers, order, filters and sorting are the list's own;
XLSX keeps numbers as numbers."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import District
from reports.district.tables import DistrictReportTable
from reports.models import AnnualDistrictReport
from tests import factories
from tests.downloads import body, csv_rows
from udavtal.lib import exports
from udavtal.lib.lists import FilteredListView

pytestmark = pytest.mark.django_db

REPORTS = reverse("reports:district-report-list")


def _tricky_districts():
    """Names with what CSV must quote, a missing value, and a report submitted late in the
    evening of 30 September in Sweden (already 1 October in no time zone that matters)."""
    agreement = factories.AgreementFactory()
    names = ['Kvarteret "Eken", norra', "Rad\nbrytning", "Åby"]
    reports = []
    for position, name in enumerate(names):
        district = factories.DistrictFactory(
            municipality=agreement.municipality, name=name, population=1000 * position or None
        )
        reports.append(
            factories.DistrictReportFactory(
                agreement=agreement,
                district=district,
                year=2026,
                due_on=datetime.date(2026, 10, 1),
            )
        )
    submitted = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=datetime.UTC)  # 01:30 Swedish time
    AnnualDistrictReport.objects.filter(pk=reports[0].pk).update(
        status=AnnualDistrictReport.Status.SUBMITTED, submitted_at=submitted
    )
    return agreement, reports


def _export(queryset):
    return exports.RowExport(
        queryset.order_by("pk"),
        [
            ("Stadsdel", "district__name"),
            ("Folkmängd", "district__population"),
            ("Status", exports.choice_label(AnnualDistrictReport, "status")),
            ("Sista dag", "due_on"),
            ("Inlämnad", exports.local_date("submitted_at")),
            ("Försenad", exports.yes_no(exports_overdue())),
        ],
    )


def exports_overdue():
    from reports.district.selectors import overdue_q

    return overdue_q(datetime.date(2026, 10, 2))


def test_copy_and_the_python_writer_write_the_same_csv():
    _tricky_districts()
    export = _export(AnnualDistrictReport.objects.filter(year=2026))

    from_copy = b"".join(export._postgresql_csv(_connection()))
    from_python = b"".join(export._python_csv())

    assert from_copy == from_python
    rows = csv_rows_of(from_copy)
    assert rows == [
        ['Kvarteret "Eken", norra', "", "Inlämnad", "2026-10-01", "2026-10-01", "Nej"],
        ["Rad\nbrytning", "1000", "Ej påbörjad", "2026-10-01", "", "Ja"],
        ["Åby", "2000", "Ej påbörjad", "2026-10-01", "", "Ja"],
    ]


def test_copy_binds_filter_parameters_including_percent_signs():
    agreement, reports = _tricky_districts()
    District.objects.filter(pk=reports[2].district_id).update(name="Åby 50% norra")
    queryset = AnnualDistrictReport.objects.filter(
        district__name__icontains="50%", district__municipality=agreement.municipality
    )

    rows = csv_rows_of(b"".join(_export(queryset)._postgresql_csv(_connection())))

    assert [row[0] for row in rows] == ["Åby 50% norra"]


def test_python_columns_are_formatted_row_by_row_in_both_formats():
    _tricky_districts()
    export = exports.RowExport(
        District.objects.filter(name="Åby"),
        [("Namn", exports.Python("name", "code", format=lambda name, code: f"{name} ({code})"))],
    )

    text = b"".join(export.csv_chunks()).decode()
    sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes())).active

    code = District.objects.get(name="Åby").code
    assert text == f"Namn\nÅby ({code})\n"
    assert [c.value for c in sheet[2]] == [f"Åby ({code})"]


def test_the_list_export_has_the_tables_headers_filters_and_sort(officer_client):
    _tricky_districts()

    rows = csv_rows(
        officer_client.get(REPORTS, {"year": 2026, "sort": "-district", "export": "csv"})
    )

    table_headers = [str(c.verbose_name) for c in DistrictReportTable.base_columns.values()]
    assert rows[0] == table_headers
    assert [row[0] for row in rows[1:]] == ["Åby", "Rad\nbrytning", 'Kvarteret "Eken", norra']


def test_the_csv_download_streams_with_a_dated_file_name(officer_client):
    _tricky_districts()

    response = officer_client.get(REPORTS, {"export": "csv"})

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="redovisningar-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert len(csv_rows(response)) == 4


def test_xlsx_keeps_numbers_as_numbers_and_missing_values_empty(officer_client):
    agreement = factories.AgreementFactory(title="Avtal med pengar")
    factories.FundingFactory(agreement=agreement, year=2008, state_amount_sek=Decimal("1500.50"))

    response = officer_client.get(reverse("agreements:agreement-list"), {"export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert response["Cache-Control"] == "private, no-store"
    assert sheet.title == "Lokala utvecklingsavtal"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert row[header.index("Statliga medel")] == 1500.5
    assert row[header.index("Stadsdelar")] == 0
    assert row[header.index("Diarienummer")] is None
    assert row[header.index("Från")] == f"{agreement.starts_on:%Y-%m-%d}"


def test_a_formula_like_value_stays_text_in_xlsx(officer_client):
    factories.AgreementFactory(title='=HYPERLINK("http://example.org")')

    response = officer_client.get(reverse("agreements:agreement-list"), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://example.org")'


def test_every_list_with_an_export_names_a_value_for_each_exported_column(rf, officer):
    """A column added to a table without its export value fails here, not at a user's click."""
    request = rf.get("/")
    request.user = officer
    checked = []
    for view_class in _list_views():
        table_class = view_class.table_class
        if not hasattr(table_class, "export_columns"):
            continue
        view = view_class()
        view.setup(request)
        data = view.get_queryset().none() if table_class._meta.model else []
        table = table_class(data)
        export = exports.RowExport.from_table(table)
        exported = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
        assert export.headers == [str(c.header) for c in exported], table_class
        checked.append(table_class.__name__)
    assert len(checked) >= 11, checked


def test_a_missing_or_unknown_export_value_is_named():
    class Broken(DistrictReportTable):
        def export_columns(self):
            values = super().export_columns()
            values.pop("year")
            return values

    class Unknown(DistrictReportTable):
        def export_columns(self):
            return {**super().export_columns(), "colour": "district__name"}

    with pytest.raises(ValueError, match="'year'"):
        exports.RowExport.from_table(Broken(AnnualDistrictReport.objects.none()))
    with pytest.raises(ValueError, match="colour"):
        exports.RowExport.from_table(Unknown(AnnualDistrictReport.objects.none()))


def _list_views():
    seen, pending = [], [FilteredListView]
    while pending:
        for subclass in pending.pop().__subclasses__():
            seen.append(subclass)
            pending.append(subclass)
    return seen


def _connection():
    from django.db import connection

    return connection


def csv_rows_of(data: bytes) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(data.decode())))
