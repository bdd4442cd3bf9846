from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Granskningslogg")

    def ready(self) -> None:
        from simple_history.signals import post_create_historical_record

        from audit.recorder import record_history_event

        post_create_historical_record.connect(
            record_history_event, dispatch_uid="audit.record_history_event"
        )
