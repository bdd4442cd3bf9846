"""Reading import files row by row: CSV, XLSX and Kolada-shaped JSON.

Each reader yields `(line, where, fields)`: the line (row) number, a Swedish description of the
place for formats without lines (JSON; None otherwise), and the fields in `columns.FIELDS` order.
A file that cannot be read at all raises `FileError` with a Swedish message.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from operator import itemgetter

from django.utils.translation import gettext as _

from reports.statistics.importing import columns

CSV, XLSX, JSON = "csv", "xlsx", "json"
FORMAT_LABELS = {CSV: "CSV", XLSX: "Excel (XLSX)", JSON: "JSON (Kolada)"}

Row = tuple[int, str | None, tuple]


class FileError(Exception):
    """The file as a whole cannot be read (format, encoding, truncation, headers)."""


class Malformed:
    """In place of a row's fields: the row cannot be split into fields at all."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


def detect_format(name: str, head: bytes) -> str:
    """By content: a zip container is XLSX, text starting with { or [ is JSON, other text CSV."""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if b"\x00" in head:
        raise FileError(_("Filen är varken CSV, Excel (XLSX) eller JSON."))
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        return JSON
    if name.lower().endswith(".xlsx"):
        raise FileError(_("Filen har ändelsen .xlsx men är ingen Excel-fil."))
    return CSV


def hash_and_encoding(fileobj, digest) -> str:
    """Feed the whole file to `digest`; return the text encoding (UTF-8, else Windows-1252, as
    Excel's "CSV (semikolonavgränsad)" writes on Swedish Windows)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1 << 20), b""):
        digest.update(chunk)
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    fileobj.seek(0)
    return "utf-8-sig" if utf8 else "cp1252"


def _header_map(headers: list) -> tuple[list[int], int]:
    """Column index of each canonical field (absent → index `width`, a padding cell)."""
    names = [columns.canonical(h) for h in headers]
    while names and names[-1] == "":
        names.pop()
    width = len(names)
    unknown = [
        str(h) for h, n in zip(headers, names, strict=False) if n and n not in columns.FIELDS
    ]
    unknown = [h for h in unknown if columns.canonical(h) not in columns.IGNORED]
    if unknown:
        raise FileError(
            _("Okända kolumner i rubrikraden: %(columns)s. Tillåtna kolumner: %(allowed)s.")
            % {"columns": ", ".join(unknown), "allowed": ", ".join(columns.FIELDS)}
        )
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        raise FileError(
            _("Kolumnen %(columns)s förekommer flera gånger i rubrikraden.")
            % {"columns": ", ".join(repeated)}
        )
    missing = [c for c in columns.REQUIRED if c not in names]
    if missing:
        raise FileError(
            _(
                "Rubrikraden saknar kolumnerna %(columns)s. Första raden ska vara rubriker; "
                "ladda ner mallen för att se dem."
            )
            % {"columns": ", ".join(missing)}
        )
    return [names.index(f) if f in names else width for f in columns.FIELDS], width


def read_csv(fileobj, encoding: str) -> Iterator[Row]:
    raw = getattr(fileobj, "file", fileobj)
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        first = text.readline()
        if not first.strip():
            raise FileError(_("Filen är tom eller saknar rubrikrad."))
        delimiter = max(";,\t", key=first.count)
        headers = next(csv.reader([first], delimiter=delimiter))
        indexes, width = _header_map(headers)
        pick = itemgetter(*indexes)
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        line = 1
        try:
            for row in reader:
                line = reader.line_num + 1
                if len(row) != width:
                    if not any(cell.strip() for cell in row):
                        continue
                    while len(row) > width and row[-1] == "":
                        row.pop()  # trailing delimiters
                    if len(row) != width:
                        yield (
                            line,
                            None,
                            Malformed(
                                _(
                                    "raden har %(found)s fält men rubrikraden har %(expected)s "
                                    "(avkortad eller felaktigt avgränsad rad)"
                                )
                                % {"found": len(row), "expected": width}
                            ),
                        )
                        continue
                row.append("")
                yield line, None, pick(row)
        except csv.Error as error:
            raise FileError(
                _(
                    "Filen kunde inte läsas som CSV vid rad %(line)s: ett citattecken avslutas "
                    "inte, eller filen är avkortad."
                )
                % {"line": reader.line_num + 1}
            ) from error
        except UnicodeDecodeError as error:
            raise FileError(
                _("Filens teckenkodning kunde inte läsas. Spara den som CSV UTF-8.")
            ) from error
    except UnicodeDecodeError as error:  # already in the header row (found by hypothesis)
        raise FileError(
            _("Filens teckenkodning kunde inte läsas. Spara den som CSV UTF-8.")
        ) from error
    finally:
        text.detach()


def read_xlsx(fileobj) -> Iterator[Row]:
    from openpyxl import load_workbook

    raw = getattr(fileobj, "file", fileobj)
    raw.seek(0)
    try:
        workbook = load_workbook(raw, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileError(
            _("Filen kunde inte läsas som Excel (XLSX). Den kan vara skadad eller avkortad.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        line = 0
        header = None
        for values in rows:
            line += 1
            if any(v not in (None, "") for v in values):
                header = list(values)
                break
        if header is None:
            raise FileError(_("Filen är tom eller saknar rubrikrad."))
        indexes, width = _header_map(header)
        for values in rows:
            line += 1
            row = list(values[:width])
            if not any(v not in (None, "") for v in row):
                continue
            row += [None] * (width + 1 - len(row))
            yield line, None, tuple(row[i] for i in indexes)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise FileError(
            _("Filen kunde inte läsas som Excel (XLSX). Den kan vara skadad eller avkortad.")
        ) from error
    finally:
        workbook.close()


KOLADA_SEX = {"T": "T", "K": "K", "M": "M"}


def _kolada_area(code: str) -> tuple[str, str]:
    """Kolada's ids: 0000 is Sweden, 00XX the region (county) XX, otherwise a municipality."""
    if code == "0000":
        return "country", "SE"
    if len(code) == 4 and code.startswith("00"):
        return "county", code[2:]
    return "municipality", code


def read_kolada_json(fileobj) -> Iterator[Row]:
    """{"values": [{"kpi", "municipality", "period", "values": [{"gender", "value", "count"}]}]}"""
    raw = getattr(fileobj, "file", fileobj)
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig")
    try:
        data = json.load(text)
    except json.JSONDecodeError as error:
        raise FileError(
            _(
                "Filen är inte giltig JSON (rad %(line)s, kolumn %(column)s: %(error)s). "
                "Den kan vara avkortad."
            )
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error
    except UnicodeDecodeError as error:
        raise FileError(_("JSON-filen ska vara kodad i UTF-8.")) from error
    finally:
        text.detach()
    records = data.get("values") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise FileError(_('JSON-filen ska ha formen {"values": [...]} som Koladas API (v2/v3).'))
    for number, record in enumerate(records, start=1):
        where = _("post %(n)s") % {"n": number}
        if not isinstance(record, dict) or not isinstance(record.get("values"), list):
            yield number, where, Malformed(_("posten saknar listan ”values”"))
            continue
        code = str(record.get("municipality", "")).strip()
        area_type, area_code = _kolada_area(code)
        kpi = record.get("kpi")
        period = record.get("period")
        where = _("post %(n)s (kpi %(kpi)s, område %(area)s, år %(year)s)") % {
            "n": number,
            "kpi": kpi,
            "area": code,
            "year": period,
        }
        for inner, entry in enumerate(record["values"], start=1):
            place = _("%(where)s, värde %(m)s") % {"where": where, "m": inner}
            if not isinstance(entry, dict):
                yield number, place, Malformed(_("värdet är inget objekt"))
                continue
            value = entry.get("value")
            yield (
                number,
                place,
                (
                    kpi,
                    area_type,
                    area_code,
                    period,
                    entry.get("gender", "T"),
                    "" if value is None else value,
                    entry.get("count"),
                    "Kolada",
                    None,
                ),
            )


def read_rows(fileobj, file_format: str, encoding: str = "utf-8-sig") -> Iterator[Row]:
    if file_format == XLSX:
        return read_xlsx(fileobj)
    if file_format == JSON:
        return read_kolada_json(fileobj)
    return read_csv(fileobj, encoding)
