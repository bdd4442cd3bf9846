"""The deliberate way past the database guard on accepted district reports.

On PostgreSQL a trigger refuses every UPDATE and DELETE of an accepted report and of its rows
(migration `reports.0005_accepted_district_report_immutable`). Only a purge may delete them: a
command that removes data on purpose (resetting the demo data, an erasure ordered by law) wraps
the deletion in `allow_purge()`. Nothing can update an accepted report.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def allow_purge():
    """Inside this block (one transaction) accepted reports may be deleted, never updated."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL udavtal.allow_purge = 'on'")
        try:
            yield
        finally:
            if connection.vendor == "postgresql" and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL udavtal.allow_purge = 'off'")
