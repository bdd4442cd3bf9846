"""Import indicator values from a CSV, XLSX or Kolada JSON file: all rows or none.

    python manage.py import_indicator_values utfall.csv [--dry-run] [--user USERNAME]

Every bad row is printed with its line number and reason, and nothing is imported; the exit
status is then 1. A good file is imported in one transaction and recorded as an import batch that
can be undone in the browser (Importerade filer).
"""

from __future__ import annotations

from pathlib import Path
from time import perf_counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports.statistics.importing import import_indicator_values


class Command(BaseCommand):
    help = "Importerar utfall för indikatorer från en CSV-, XLSX- eller Kolada-JSON-fil."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Filen att importera.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Kontrollera filen och räkna vad som skulle ändras, men spara inget.",
        )
        parser.add_argument("--user", help="Användarnamn som importen registreras på.")
        parser.add_argument(
            "--strategy",
            choices=["auto", "orm"],
            default="auto",
            help="auto: COPY och INSERT … SELECT på PostgreSQL; orm: bulk_create.",
        )

    def handle(self, *args, file, dry_run, user, strategy, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Användaren {user} finns inte.")

        def report(error):
            self.stderr.write(f"{error.where}: {error.reason}")

        started = perf_counter()
        with path.open("rb") as handle:
            result = import_indicator_values(
                file=handle,
                file_name=path.name,
                actor=actor,
                dry_run=dry_run,
                strategy=strategy,
                on_error=report,
            )
        seconds = perf_counter() - started
        if result.file_error:
            self.stderr.write(result.file_error)
        if not result.ok:
            raise CommandError(
                f"Inget importerades: {result.error_count} felaktiga rader"
                + (" och filen kunde inte läsas till slut." if result.file_error else ".")
            )
        verb = "Skulle ge" if dry_run else "Importerade"
        self.stdout.write(
            f"{verb} {result.row_count} rader från {path.name} ({result.file_format}, "
            f"SHA-256 {result.sha256[:12]}…) på {seconds:.1f} s: {result.created} nya, "
            f"{result.updated} ändrade, {result.unchanged} oförändrade"
            + (
                f", varav {result.derived} stadsdelsvärden från DeSO/RegSO"
                if result.derived
                else ""
            )
            + "."
        )
        if result.batch is not None:
            self.stdout.write(f"Importen har nummer {result.batch.pk} och kan ångras.")
        if result.earlier_batch is not None:
            self.stdout.write(
                f"Obs: samma fil importerades redan ({result.earlier_batch.file_name}, "
                f"nummer {result.earlier_batch.pk})."
            )
