"""Fill the audit log from every history table (idempotent)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction

from audit.models import AuditEvent
from audit.recorder import _short, changes_between


class Command(BaseCommand):
    help = "Bygg granskningsloggen från historiktabellerna."

    def handle(self, *args, **options):
        created = 0
        for model in apps.get_models():
            history = getattr(model, "history", None)
            if history is None or not hasattr(history, "model"):
                continue
            content_type = ContentType.objects.get_for_model(model)
            known = set(
                AuditEvent.objects.filter(content_type=content_type).values_list(
                    "history_id", flat=True
                )
            )
            records = history.model.objects.select_related("history_user").order_by(
                "id", "history_date", "history_id"
            )
            previous_by_object: dict = {}
            events = []
            for record in records.iterator(chunk_size=2000):
                older = previous_by_object.get(record.id) if record.history_type == "~" else None
                previous_by_object[record.id] = record
                if record.history_id in known:
                    continue
                events.append(
                    AuditEvent(
                        at=record.history_date,
                        user=record.history_user,
                        content_type=content_type,
                        object_id=str(record.id),
                        object_repr=_short(record.history_object)[:300],
                        action=record.history_type,
                        reason=(record.history_change_reason or "")[:300],
                        changes=changes_between(record, older),
                        history_id=record.history_id,
                    )
                )
            with transaction.atomic():
                AuditEvent.objects.bulk_create(events, batch_size=2000)
            created += len(events)
        self.stdout.write(f"{created} händelser lades till i granskningsloggen.")
