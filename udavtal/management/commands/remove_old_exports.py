"""Daily: remove stored list exports older than settings.EXPORT_KEEP_DAYS (docs/operations.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from udavtal.list_exports import list_exports_remove_old


class Command(BaseCommand):
    help = "Tar bort sparade exporter (och deras filer) som är äldre än EXPORT_KEEP_DAYS dagar."

    def handle(self, *args, **options):
        removed = list_exports_remove_old()
        self.stdout.write(
            f"{removed} exporter äldre än {settings.EXPORT_KEEP_DAYS} dagar togs bort."
        )
