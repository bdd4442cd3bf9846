"""Create the annual district reports of a year (idempotent): one per district covered by an
agreement in force during the year."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from reports.district.services import district_reports_create_for_year


class Command(BaseCommand):
    help = (
        "Skapar årets redovisningar för alla stadsdelar som omfattas av ett gällande avtal. "
        "Kan köras flera gånger; befintliga redovisningar lämnas orörda."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Redovisningsår, t.ex. 2026.")
        parser.add_argument(
            "--due-on",
            type=datetime.date.fromisoformat,
            help="Sista dag (ÅÅÅÅ-MM-DD). Sätts också på årets ej inlämnade redovisningar. "
            "Utan: årets redan satta sista dag, annars 1 oktober.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Visa bara vad som skulle ske.")

    def handle(self, *args, year, due_on, dry_run, **options):
        if not 1999 <= year <= 2100:
            raise CommandError("Året måste ligga mellan 1999 och 2100.")
        result = district_reports_create_for_year(year=year, due_on=due_on, dry_run=dry_run)
        prefix = "[torrkörning] " if dry_run else ""
        for report in result.created:
            self.stdout.write(f"{prefix}Skapad: {report.district.name} {year} ({report.agreement})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(result.created)} nya redovisningar för {year}, "
                f"{result.existing} fanns redan, {result.due_dates_changed} fick ny sista dag. "
                f"Sista dag: {result.due_on.isoformat()}."
            )
        )
