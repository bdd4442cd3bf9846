"""Send the day's reminders about district reports. Safe to run daily: nothing is sent twice."""

from django.core.management.base import BaseCommand, CommandError

from reports.district.reminders import send_report_reminders


class Command(BaseCommand):
    help = (
        "Skickar påminnelser till kommunernas samordnare före och efter sista dag för årliga "
        "redovisningar. Samma påminnelse skickas aldrig två gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle skickas, skicka inget."
        )

    def handle(self, *args, dry_run, **options):
        run = send_report_reminders(dry_run=dry_run)
        prefix = "[torrkörning] " if dry_run else ""
        for reminder in run.sent:
            self.stdout.write(
                f"{prefix}{reminder.kind}: {reminder.report} → {', '.join(reminder.recipients)}"
            )
        for report in run.without_recipients:
            self.stdout.write(self.style.WARNING(f"Ingen samordnare med e-postadress för {report}"))
        self.stdout.write(self.style.SUCCESS(f"{prefix}{len(run.sent)} påminnelser skickade."))
        if run.failed:
            raise CommandError(
                f"{len(run.failed)} påminnelser kunde inte skickas: "
                + ", ".join(str(report) for report in run.failed)
            )
