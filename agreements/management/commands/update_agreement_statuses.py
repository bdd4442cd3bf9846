"""Move signed agreements to in force from their start date and agreements to ended after their
end date. Idempotent and safe to run daily (e.g. from cron at 00:15)."""

import datetime

from django.core.management.base import BaseCommand

from agreements.transitions import agreement_update_statuses


class Command(BaseCommand):
    help = "Gällande från startdatumet, avslutat efter slutdatumet (kör dagligen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle ändras utan att spara."
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Dagen att räkna från (ÅÅÅÅ-MM-DD), i dag om den utelämnas.",
        )

    def handle(self, *args, dry_run: bool, date, **options):
        changes = agreement_update_statuses(today=date, dry_run=dry_run)
        labels = dict(changes[0][0].Status.choices) if changes else {}
        for agreement, before, after in changes:
            self.stdout.write(
                f"{agreement.pk} {agreement.title}: {labels[before]} → {labels[after]}"
            )
        prefix = "Skulle ändra" if dry_run else "Ändrade"
        self.stdout.write(self.style.SUCCESS(f"{prefix} {len(changes)} avtal."))
