"""`manage.py load_demo_data [--dry-run]`: a believable demo dataset (Exempeldata).

Idempotent: a second run finds every object on its natural key and changes nothing. The users and
their password are listed in `docs/demo-data.md`.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.demo import ReferenceDataMissing, load_demo_data
from reports.demo.people import PASSWORD, PEOPLE


class Command(BaseCommand):
    help = (
        "Läser in exempeldata: avtal i alla statusar, stadsdelsplaner, "
        "samverkansöverenskommelser, redovisningar, indikatorserier och en användare per roll. "
        "Kan köras flera gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle skapas utan att spara något.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        try:
            with transaction.atomic():
                demo = load_demo_data()
                if apps.is_installed("grants"):
                    # The grant app builds on this data (grants → reports); only this entry
                    # point calls it, so the reports app itself does not depend on grants.
                    from grants.demo import load_grant_demo

                    if created := load_grant_demo():
                        demo.created["ansökningar om statsbidrag"] += created
                if dry_run:
                    transaction.set_rollback(True)
        except ReferenceDataMissing as error:
            raise CommandError(str(error)) from error

        if not demo.created:
            self.stdout.write(self.style.SUCCESS("Exempeldatan finns redan. Inget ändrades."))
            return
        verb = "Skulle skapas (provkörning, inget sparat)" if dry_run else "Skapat"
        self.stdout.write(f"{verb}:")
        for label, count in sorted(demo.created.items()):
            self.stdout.write(f"  {label}: {count}")
        if not dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    "Exempeldatan är inläst. Logga in som "
                    + ", ".join(p.username for p in PEOPLE)
                    + f" med lösenordet {PASSWORD}."
                )
            )
