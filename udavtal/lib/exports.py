"""CSV and XLSX exports of list pages, written straight from database rows (decision 0025).

A list's table names, for each column it exports, the value as an ORM lookup or expression; the
database formats the cells (choice labels, local dates, yes/no) and the header is the table's own
column header, so page and file cannot drift apart:

    class DistrictReportTable(tables.Table):
        ...
        def export_columns(self):
            return {
                "district": "district__name",
                "status": exports.choice_label(AnnualDistrictReport, "status"),
                "submitted_at": exports.local_date("submitted_at"),
                ...
            }

The filtered and sorted queryset of the table is then exported with `values_list`: CSV is
streamed, on PostgreSQL through ``COPY (SELECT ...) TO STDOUT`` (the server writes the CSV,
about 1 µs a row), elsewhere (SQLite) row by row through the csv module; XLSX is written with
XlsxWriter. Empty values are empty cells. A table of Python rows (the statistics overview) gives
a function of the row for each column instead. Tables without ``export_columns`` (short lists of
reference data) keep django-tables2's own export. A large XLSX is written in the background
(udavtal.list_exports).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
from collections.abc import Iterator
from decimal import Decimal

import xlsxwriter
from django.db import connections
from django.db.models import Case, CharField, DateTimeField, F, Func, Q, QuerySet, Value, When
from django.db.models.functions import Cast, TruncDate
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_BYTES = 64 * 1024
XLSX_SHEET_NAME_MAX = 31


# Cell values -----------------------------------------------------------------------------------


def choice_label(model, field_name: str):
    """The Swedish label of a choice field (in the active language), the stored value otherwise."""
    field = model._meta.get_field(field_name)
    return Case(
        *(
            When(**{field_name: value}, then=Value(force_str(label)))
            for value, label in field.flatchoices
        ),
        default=Cast(F(field_name), CharField()),
        output_field=CharField(),
    )


def yes_no(condition: Q):
    """'Ja' where condition holds, 'Nej' otherwise."""
    return Case(
        When(condition, then=Value(_("Ja"))), default=Value(_("Nej")), output_field=CharField()
    )


def local_date(field_name: str):
    """The date (in Swedish time) of a date-time field."""
    return TruncDate(field_name, tzinfo=timezone.get_current_timezone())


class LocalDateTime(Func):
    """A date-time as 'YYYY-MM-DD HH:MM:SS' in Swedish time: formatted by PostgreSQL (so that
    COPY writes it so), elsewhere the value itself, which the Python writer formats the same way."""

    output_field = DateTimeField()

    def __init__(self, field_name: str):
        super().__init__(F(field_name))

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return f"to_char(timezone(%s, {sql}), 'YYYY-MM-DD HH24:MI:SS')", (zone, *params)

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


class Python:
    """A column formatted in Python from the given lookups: ``format(*values)``. For what the
    database cannot say (a content type's name, JSON made readable); an export with such a column
    is written row by row, not by COPY."""

    def __init__(self, *values, format):
        self.values = values
        self.format = format


# Export ----------------------------------------------------------------------------------------


class RowExport:
    """The rows of ``data`` with the given (header, value) columns. ``data`` is a queryset (each
    value a lookup, an expression or a `Python` column) or a list of records (each value a
    function of the record: lists computed in Python, such as the statistics overview)."""

    def __init__(self, data, columns: list[tuple[str, object]], *, title: str = ""):
        self.headers = [force_str(header) for header, _value in columns]
        self.title = title
        if not isinstance(data, QuerySet):
            self.rows = None
            self.records = data
            self.getters = [value for _header, value in columns]
            self.in_python = True
            return
        values, self.formats = [], []
        for _header, value in columns:
            if isinstance(value, Python):
                self.formats.append((len(values), len(value.values), value.format))
                values.extend(value.values)
            else:
                self.formats.append((len(values), 1, None))
                values.append(value)
        self.in_python = any(format is not None for _start, _count, format in self.formats)
        # Prefetches need model instances; select_related is ignored by values_list anyway.
        self.rows = data.prefetch_related(None).values_list(*values)

    def count(self) -> int:
        return len(self.records) if self.rows is None else self.rows.count()

    def cells(self) -> Iterator[tuple]:
        """The rows, with the Python-formatted columns formatted."""
        if self.rows is None:
            getters = self.getters
            for record in self.records:
                yield tuple(get(record) for get in getters)
            return
        rows = self.rows.iterator(chunk_size=5000)
        if not self.in_python:
            yield from rows
            return
        formats = self.formats
        for row in rows:
            yield tuple(
                row[start] if format is None else format(*row[start : start + count])
                for start, count, format in formats
            )

    @classmethod
    def from_table(cls, table) -> RowExport:
        """The export of a django-tables2 table with ``export_columns()``: its exported columns
        (``exclude_from_export`` honoured) in the table's order, its data in the table's sort."""
        values = table.export_columns()
        columns = []
        for bound in table.columns.iterall():
            if bound.column.exclude_from_export:
                continue
            if bound.name not in values:
                raise ValueError(
                    f"{type(table).__name__}.export_columns() has no value for {bound.name!r}"
                )
            columns.append((bound.header, values.pop(bound.name)))
        if values:
            raise ValueError(
                f"{type(table).__name__}.export_columns() names unknown columns {sorted(values)}"
            )
        model = table._meta.model
        title = force_str(model._meta.verbose_name_plural).capitalize() if model else ""
        data = table.data.data  # sorted by the table (a list is sorted in place)
        return cls(data, columns, title=title)

    # CSV

    def csv_response(self, filename: str) -> StreamingHttpResponse:
        return _download(
            StreamingHttpResponse(self.csv_chunks(), content_type=CSV_CONTENT_TYPE), filename
        )

    def csv_chunks(self) -> Iterator[bytes]:
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(self.headers)
        yield header.getvalue().encode()
        connection = connections[self.rows.db] if self.rows is not None else None
        if connection is not None and connection.vendor == "postgresql" and not self.in_python:
            yield from self._postgresql_csv(connection)
        else:
            yield from self._python_csv()

    def _postgresql_csv(self, connection) -> Iterator[bytes]:
        sql, params = self.rows.query.sql_with_params()
        buffer = bytearray()
        # COPY cannot take server-side parameters: psycopg binds them on the client.
        statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
        with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
            for data in copy:
                buffer += data
                if len(buffer) >= CHUNK_BYTES:
                    yield bytes(buffer)
                    buffer.clear()
        if buffer:
            yield bytes(buffer)

    def _python_csv(self) -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for row in self.cells():
            writer.writerow(_plain(value) for value in row)
            if buffer.tell() >= CHUNK_BYTES:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        if buffer.tell():
            yield buffer.getvalue().encode()

    # XLSX

    def xlsx_response(self, filename: str) -> HttpResponse:
        return _download(HttpResponse(self.xlsx_bytes(), content_type=XLSX_CONTENT_TYPE), filename)

    def xlsx_bytes(self) -> bytes:
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        sheet = workbook.add_worksheet(_sheet_name(self.title))
        sheet.write_row(0, 0, self.headers, workbook.add_format({"bold": True}))
        sheet.freeze_panes(1, 0)
        widths = [len(header) for header in self.headers]
        with _no_cyclic_gc():
            self._write_rows(sheet, widths)
        for position, width in enumerate(widths):
            sheet.set_column(position, position, min(width + 2, 60))
        workbook.close()
        return output.getvalue()

    def _write_rows(self, sheet, widths: list[int]) -> None:
        # Typed writes: write_row() would guess every cell's type again.
        write_string, write_number = sheet.write_string, sheet.write_number
        for index, row in enumerate(self.cells(), start=1):
            for position, value in enumerate(row):
                if value is None or value == "":
                    continue  # an empty cell
                if isinstance(value, str):
                    write_string(index, position, value)
                elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    write_number(index, position, value)
                else:
                    value = str(_plain(value))
                    write_string(index, position, value)
                if index <= 200:  # column widths from the first rows: enough to read, cheap
                    widths[position] = max(widths[position], len(str(value)))


@contextlib.contextmanager
def _no_cyclic_gc():
    """Without the cyclic garbage collector while a sheet is filled: XlsxWriter keeps an object
    per cell (none in a cycle), and the collections that tens of thousands of new objects set
    off walk every live object of the process, doubling the time at p95 (docs/benchmarks.md).
    Reference counting frees memory as usual; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _download(response, filename: str):
    """An export as a file download that no shared or browser cache keeps (the rows are the
    user's scope), as the stored files and PDFs are served."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _plain(value) -> object:
    """A value as PostgreSQL's COPY writes it: dates ISO, NULL empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sheet_name(title: str) -> str:
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return (title.strip() or "Export")[:XLSX_SHEET_NAME_MAX]
