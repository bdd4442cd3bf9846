"""Load (or reload) the reference data of every app: `manage.py load_reference_data [--dry-run]`.

Each app that has a `reference` module with `load(get_model)` is loaded, in the order of
INSTALLED_APPS (agreements, partnerships, reports), so that this app does not import the apps that
depend on it. The data migrations call the same functions.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from udavtal.lib.reference import Changes


def load_all_reference_data() -> list[Changes]:
    """Run every app's reference loader with the real models (history is recorded)."""
    changes: list[Changes] = []
    for config in apps.get_app_configs():
        if config.module is None or not module_has_submodule(config.module, "reference"):
            continue
        module = import_module(f"{config.name}.reference")
        loader = getattr(module, "load", None)
        if callable(loader):
            changes.extend(loader(apps.get_model))
    return changes


class Command(BaseCommand):
    help = (
        "Läser in referensdata (län, kommuner, målområden, politikområden, myndigheter, "
        "indikatorer). Kan köras flera gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle ändras utan att spara något.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        with transaction.atomic():
            changes = load_all_reference_data()
            if dry_run:
                transaction.set_rollback(True)
        heading = "Referensdata (provkörning, inget sparat)" if dry_run else "Referensdata"
        self.stdout.write(heading)
        for change in changes:
            self.stdout.write(f"  {change.summary()}")
        if any(change.changed for change in changes):
            verb = "skulle ändras" if dry_run else "är inläst"
            self.stdout.write(self.style.SUCCESS(f"Referensdatan {verb}."))
        else:
            self.stdout.write(self.style.SUCCESS("Referensdatan är redan aktuell. Inget ändrades."))
