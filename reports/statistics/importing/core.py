"""Importing indicator values from a file: all rows or none.

The file is read once, row by row. Each row is checked (`validation`) and, when good, written to
the loader's staging area at once (COPY on PostgreSQL), so memory does not grow with the file –
except for one small integer key per row, to find duplicate rows. If any row is bad, or the file
cannot be read to its end, the transaction is rolled back and the result lists every bad row with
its line number and reason. A good file is merged in the same transaction and recorded as an
`ImportBatch` (who, when, file name, SHA-256, counts); what it overwrote is kept as
`ReplacedValue` rows so that `batch_undo` can restore it.

Imports and undos are serialised with a PostgreSQL advisory lock: two files touching the same
values never interleave.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from reports.models import ImportBatch
from reports.statistics.importing import readers
from reports.statistics.importing.derive import SMALL_AREA_TYPES, SmallAreaValues
from reports.statistics.importing.loaders import make_loader
from reports.statistics.importing.validation import Validator

LOCK_KEY = 7_301_920_001  # pg_advisory_xact_lock key of indicator imports and undos
KEPT_ERRORS = 10_000  # errors kept for the page; `on_error` sees every one
log = logging.getLogger("reports.import")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    where: str  # "rad 12" or, for JSON, "post 3 (kpi …), värde 2"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportResult:
    file_name: str
    file_format: str = ""
    sha256: str = ""
    row_count: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    derived: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    file_error: str = ""
    dry_run: bool = False
    batch: ImportBatch | None = None
    earlier_batch: ImportBatch | None = None  # the same file (SHA-256) imported before

    @property
    def ok(self) -> bool:
        return not self.file_error and self.error_count == 0

    @property
    def hidden_error_count(self) -> int:
        return self.error_count - len(self.errors)


class _Rollback(Exception):
    pass


def lock_imports() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def import_indicator_values(
    *,
    file,
    file_name: str,
    actor,
    dry_run: bool = False,
    strategy: str = "auto",
    on_error: Callable[[RowError], None] | None = None,
) -> ImportResult:
    """Import a CSV, XLSX or Kolada JSON file (a binary file object). Nothing is written unless
    every row is good; with `dry_run` nothing is written at all, but the counts are exact."""
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    digest = hashlib.sha256()
    encoding = readers.hash_and_encoding(getattr(file, "file", file), digest)
    result.sha256 = digest.hexdigest()
    raw = getattr(file, "file", file)
    raw.seek(0)
    try:
        result.file_format = readers.detect_format(file_name, raw.read(4096))
    except readers.FileError as error:
        result.file_error = str(error)
        return result
    result.earlier_batch = (
        ImportBatch.objects.filter(sha256=result.sha256, status=ImportBatch.Status.IMPORTED)
        .order_by("-imported_at")
        .first()
    )

    def fail(line: int, where: str | None, reason: str) -> None:
        error = RowError(line, where or _("rad %(line)s") % {"line": line}, reason)
        result.error_count += 1
        if len(result.errors) < KEPT_ERRORS:
            result.errors.append(error)
        if on_error is not None:
            on_error(error)

    started = time.perf_counter()
    try:
        with transaction.atomic():
            lock_imports()
            validator = Validator.load()
            small_areas = SmallAreaValues()
            loader = make_loader(strategy)
            seen: dict[int, int | str] = {}  # row key → its line (or place, for JSON)
            area_index: dict[tuple[str, str], int] = {}
            sexes = {"T": 0, "K": 1, "M": 2}

            def key_of(row) -> int:
                area = area_index.setdefault((row[1], row[2]), len(area_index))
                return ((row[0] * 1_000_003 + area) * 256 + row[3] - 1900) * 3 + sexes[row[4]]

            with loader.staging() as write:
                try:
                    for line, where, fields in readers.read_rows(
                        file, result.file_format, encoding
                    ):
                        if isinstance(fields, readers.Malformed):
                            fail(line, where, fields.message)
                            continue
                        row, reasons = validator.check(fields)
                        if row is None:
                            fail(line, where, "; ".join(reasons))
                            continue
                        key = key_of(row)
                        first = seen.get(key)
                        if first is not None:
                            fail(
                                line,
                                where,
                                _("dubblett: samma indikator, område, år och kön som %(first)s")
                                % {
                                    "first": _("rad %(line)s") % {"line": first}
                                    if isinstance(first, int)
                                    else first
                                },
                            )
                            continue
                        seen[key] = line if where is None else where
                        result.row_count += 1
                        if row[1] in SMALL_AREA_TYPES:
                            small_areas.add(row)
                        if not result.error_count:
                            write(row)
                except readers.FileError as error:
                    result.file_error = str(error)
                if result.file_error or result.error_count:
                    raise _Rollback
                if result.row_count == 0:
                    result.file_error = _("Filen innehåller inga rader med värden.")
                    raise _Rollback
                for row in small_areas.district_rows(lambda r: key_of(r) in seen):
                    result.derived += 1
                    write(row)

            read = time.perf_counter()
            log.info("read, checked and staged %s rows: %.1f s", result.row_count, read - started)
            batch = ImportBatch(
                file_name=file_name[:255],
                sha256=result.sha256,
                file_format=result.file_format,
                imported_by=actor if getattr(actor, "pk", None) else None,
            )
            batch._history_user = batch.imported_by
            batch._change_reason = _("Fil importerad")
            batch.save()
            result.created, result.updated = loader.merge(batch.pk)
            result.unchanged = result.row_count + result.derived - result.created - result.updated
            batch.row_count = result.row_count
            batch.created_count = result.created
            batch.updated_count = result.updated
            batch.unchanged_count = result.unchanged
            batch.derived_count = result.derived
            batch.save()
            if dry_run:
                raise _Rollback
            result.batch = batch
            merged = time.perf_counter()
        log.info("commit (deferred foreign key checks): %.1f s", time.perf_counter() - merged)
    except _Rollback:
        pass
    return result
