"""Load (or reload) the grant's reference data: programme, rounds 2018–2027, eligibility 2018."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from grants.reference import load


class Command(BaseCommand):
    help = "Läser in statsbidragets referensdata (program, omgångar 2018–2027, kommuner 2018)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle göras men spara inget."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        with transaction.atomic():
            load(apps.get_model)
            Round = apps.get_model("grants", "GrantRound")
            self.stdout.write(f"Bidragsomgångar: {Round.objects.count()}")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Torrkörning: inget sparades.")
