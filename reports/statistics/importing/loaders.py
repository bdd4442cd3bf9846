"""Writing validated rows: stage them, then merge them into `IndicatorValue` in bulk.

`PostgresLoader` (production, tests, benchmark): rows stream into a temporary table with COPY
while the file is read; the merge is two statements inside the database:

1. the stored values the file changes are copied to reports_replacedvalue (for undo) and updated,
   in one statement (an unchanged value is not touched and keeps the batch that wrote it);
2. the values that are not stored yet are inserted (INSERT … SELECT … WHERE NOT EXISTS).

`OrmLoader` (SQLite for a first local start; the test suite runs it on PostgreSQL too): the same
result with `bulk_create(update_conflicts=True)` in chunks.

Both return (created, updated); rows that are neither are unchanged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection

from reports.models import IndicatorValue, ReplacedValue
from reports.statistics.importing.validation import ValidRow

COLUMNS = (
    "indicator_id",
    "area_type",
    "area_code",
    "year",
    "sex",
    "value",
    "population_base",
    "source",
    "published_on",
)
KEY = ("indicator_id", "area_type", "year", "area_code", "sex")  # the unique index's order
STAGE = "udavtal_import_stage"
WORK_MEM = "256MB"  # for the sort and hash join of a million staged rows (default 4MB)
log = logging.getLogger("reports.import")


class PostgresLoader:
    def __init__(self):
        self.values = IndicatorValue._meta.db_table
        self.replaced = ReplacedValue._meta.db_table

    @contextmanager
    def staging(self) -> Iterator[Callable[[ValidRow], None]]:
        with connection.cursor() as cursor:
            # ON COMMIT DROP ends it with the transaction; dropped explicitly too, for an import
            # inside a longer transaction (a test, or two imports in one command).
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute(
                f"""CREATE TEMPORARY TABLE {STAGE} (
                    indicator_id bigint NOT NULL,
                    area_type varchar(12) NOT NULL,
                    area_code varchar(20) NOT NULL,
                    year smallint NOT NULL,
                    sex varchar(1) NOT NULL,
                    value numeric(16, 4),
                    population_base integer,
                    source varchar(200) NOT NULL,
                    published_on date
                ) ON COMMIT DROP"""
            )
            with cursor.copy(f"COPY {STAGE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                yield copy.write_row

    def merge(self, batch_id: int) -> tuple[int, int]:
        """Changed values: previous contents kept, then updated (one join, in a data-modifying
        WITH). New values: a plain INSERT of the rows that have no stored value, in the unique
        index's order so that its pages are visited once each. The advisory lock of the import
        keeps other imports out between the two statements."""
        join = " AND ".join(f"v.{c} = s.{c}" for c in KEY)
        columns = ", ".join(COLUMNS)
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(f"ANALYZE {STAGE}")
            cursor.execute(
                f"""WITH changed AS MATERIALIZED (
                    SELECT v.id, v.value AS old_value, v.population_base AS old_base,
                           v.source AS old_source, v.published_on AS old_published,
                           v.is_example AS old_example, v.batch_id AS old_batch,
                           s.value, s.population_base, s.source, s.published_on
                    FROM {STAGE} s JOIN {self.values} v ON {join}
                    WHERE {_differs("v", "s")}
                ), kept AS (
                    INSERT INTO {self.replaced}
                        (batch_id, value_id, value, population_base, source, published_on,
                         is_example, previous_batch_id)
                    SELECT %(batch)s, id, old_value, old_base, old_source, old_published,
                           old_example, old_batch
                    FROM changed
                )
                UPDATE {self.values} SET
                    value = c.value,
                    population_base = c.population_base,
                    source = c.source,
                    published_on = c.published_on,
                    is_example = false,
                    batch_id = %(batch)s
                FROM changed c WHERE {self.values}.id = c.id""",
                {"batch": batch_id},
            )
            updated = cursor.rowcount
            changed = time.perf_counter()
            cursor.execute(
                f"""INSERT INTO {self.values} ({columns}, is_example, batch_id)
                SELECT {columns}, false, %s FROM {STAGE} s
                WHERE NOT EXISTS (SELECT 1 FROM {self.values} v WHERE {join})
                ORDER BY {", ".join(KEY)}""",
                [batch_id],
            )
            created = cursor.rowcount
            cursor.execute(f"DROP TABLE {STAGE}")
            log.info(
                "merge: changed values %.1f s, new values %.1f s",
                changed - started,
                time.perf_counter() - changed,
            )
        return created, updated


def _differs(stored: str, new: str) -> str:
    """SQL: the stored row differs from the new one (NULLs compare as values)."""
    fields = ("value", "population_base", "source", "published_on")
    left = ", ".join(f"{stored}.{f}" for f in (*fields, "is_example"))
    right = ", ".join(f"{new}.{f}" for f in fields)
    return f"({left}) IS DISTINCT FROM ({right}, false)"


class OrmLoader:
    chunk_size = 2000

    def __init__(self):
        self.rows: list[ValidRow] = []

    @contextmanager
    def staging(self) -> Iterator[Callable[[ValidRow], None]]:
        yield self.rows.append

    def merge(self, batch_id: int) -> tuple[int, int]:
        created = updated = 0
        for start in range(0, len(self.rows), self.chunk_size):
            chunk = self.rows[start : start + self.chunk_size]
            existing = {
                (v.indicator_id, v.area_type, v.area_code, v.year, v.sex): v
                for v in IndicatorValue.objects.filter(
                    indicator_id__in={r[0] for r in chunk},
                    area_code__in={r[2] for r in chunk},
                    year__in={r[3] for r in chunk},
                )
            }
            write, replaced = [], []
            for row in chunk:
                new = IndicatorValue(
                    **dict(zip(COLUMNS, row, strict=True)), is_example=False, batch_id=batch_id
                )
                old = existing.get(row[:5])
                if old is None:
                    created += 1
                elif _fields(old) != _fields(new):
                    updated += 1
                    replaced.append(
                        ReplacedValue(
                            batch_id=batch_id,
                            value_id=old.pk,
                            value=old.value,
                            population_base=old.population_base,
                            source=old.source,
                            published_on=old.published_on,
                            is_example=old.is_example,
                            previous_batch_id=old.batch_id,
                        )
                    )
                else:
                    continue
                write.append(new)
            ReplacedValue.objects.bulk_create(replaced)
            IndicatorValue.objects.bulk_create(
                write,
                update_conflicts=True,
                unique_fields=list(KEY),
                update_fields=[
                    "value",
                    "population_base",
                    "source",
                    "published_on",
                    "is_example",
                    "batch",
                ],
            )
        return created, updated


def _fields(v: IndicatorValue) -> tuple:
    return (v.value, v.population_base, v.source, v.published_on, v.is_example)


def make_loader(strategy: str = "auto"):
    if strategy == "orm" or (strategy == "auto" and connection.vendor != "postgresql"):
        return OrmLoader()
    return PostgresLoader()
