"""`manage.py generate_bench_data --scale national`: benchmark data (see docs/benchmarks.md)."""

import time

from django.core.management.base import BaseCommand, CommandError

from reports.bench_data import SCALES, BenchDataRefused, check_database, generate


class Command(BaseCommand):
    help = "Fyll en egen PostgreSQL-databas med benchmarkdata i nationell skala."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="tiny")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kör även om databasen redan har annan data än referensdata.",
        )
        parser.add_argument("--seed", type=int, default=1001)

    def handle(self, *args, scale, force, seed, **options):
        try:
            check_database(force=force)
        except BenchDataRefused as error:
            raise CommandError(str(error)) from error
        started = time.monotonic()
        self.stdout.write(f"Benchmarkdata, skala {scale}:")
        generate(SCALES[scale], seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Klart på {time.monotonic() - started:.0f} s."))
