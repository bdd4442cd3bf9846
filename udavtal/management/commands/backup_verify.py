"""Dump the PostgreSQL database, restore the dump into a fresh database and verify it.

    python manage.py backup_verify [--output DIR] [--keep-restored]

Verifies that every table has the same number of rows in the restored database as in the live
one, and that every archived file (accepted reports' PDFs, published annual reports,
attachments) in MEDIA_ROOT still has the SHA-256 the database recorded. Exit status 1 on any
difference. See docs/operations.md for the full backup and restore procedure.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import datetime
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# (table, file column, checksum column) of archived files.
ARCHIVED_FILES = [
    ("reports_annualdistrictreport", "pdf", "pdf_sha256"),
    ("reports_agencyreport", "pdf", "pdf_sha256"),
    ("reports_annualreport", "pdf", "pdf_sha256"),
    ("agreements_attachment", "file", "sha256"),
]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1_048_576), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Säkerhetskopiera databasen, återställ kopian i en ny databas och kontrollera den."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BASE_DIR / "var" / "backups"))
        parser.add_argument(
            "--keep-restored", action="store_true", help="Behåll den återställda databasen."
        )

    def handle(self, *args, output: str, keep_restored: bool, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Säkerhetskopiering stöds bara för PostgreSQL (DATABASE_URL).")
        params = connection.get_connection_params()
        dbname = connection.settings_dict["NAME"]
        env = {**os.environ, "PGPASSWORD": str(params.get("password") or "")}
        base = ["-h", str(params.get("host") or "127.0.0.1"), "-p", str(params.get("port") or 5432)]
        base += ["-U", str(params.get("user") or "postgres")]

        Path(output).mkdir(parents=True, exist_ok=True)
        dump = Path(output) / f"{dbname}-{datetime.now():%Y%m%d-%H%M%S}.dump"
        restored = f"{dbname}_restore_check"[:63]
        self._run(["pg_dump", *base, "-Fc", "-f", str(dump), dbname], env)
        self.stdout.write(f"Säkerhetskopia: {dump} ({dump.stat().st_size} byte)")

        self._run(["dropdb", *base, "--if-exists", restored], env)
        self._run(["createdb", *base, restored], env)
        try:
            self._run(["pg_restore", *base, "--no-owner", "-d", restored, str(dump)], env)
            problems = self._compare(params, dbname, restored) + self._check_files()
        finally:
            if not keep_restored:
                self._run(["dropdb", *base, "--if-exists", restored], env)
        if problems:
            for problem in problems:
                self.stderr.write(f"FEL: {problem}")
            raise CommandError(f"Kontrollen hittade {len(problems)} fel.")
        self.stdout.write(self.style.SUCCESS("Återställningen är kontrollerad: inga avvikelser."))

    def _run(self, command: list[str], env: dict) -> None:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"{command[0]} misslyckades: {result.stderr.strip()}")

    def _counts(self, params: dict, dbname: str) -> dict[str, int]:
        conninfo = {k: v for k, v in params.items() if k in {"host", "port", "user", "password"}}
        with psycopg.connect(dbname=dbname, **conninfo) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "select tablename from pg_tables where schemaname = 'public' order by 1"
                )
            ]
            return {
                table: conn.execute(f'select count(*) from "{table}"').fetchone()[0]
                for table in tables
            }

    def _compare(self, params: dict, live: str, restored: str) -> list[str]:
        before, after = self._counts(params, live), self._counts(params, restored)
        problems = [
            f"Tabellen {table}: {before.get(table)} rader i drift, {after.get(table)} återställda"
            for table in sorted(set(before) | set(after))
            if before.get(table) != after.get(table)
        ]
        self.stdout.write(
            f"Radantal jämförda i {len(before)} tabeller, {sum(before.values())} rader."
        )
        return problems

    def _check_files(self) -> list[str]:
        problems, checked = [], 0
        root = Path(settings.MEDIA_ROOT)
        with connection.cursor() as cursor:
            for table, file_column, checksum_column in ARCHIVED_FILES:
                cursor.execute(
                    f'select id, "{file_column}", "{checksum_column}" from "{table}" '
                    f"where \"{file_column}\" <> '' and \"{checksum_column}\" <> ''"
                )
                for pk, name, expected in cursor.fetchall():
                    path = root / name
                    checked += 1
                    if not path.is_file():
                        problems.append(f"{table} {pk}: filen {name} saknas")
                    elif _sha256(path) != expected:
                        problems.append(f"{table} {pk}: filen {name} har fel kontrollsumma")
        self.stdout.write(f"Kontrollsummor kontrollerade för {checked} arkiverade filer.")
        return problems
