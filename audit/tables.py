import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("Tidpunkt"), format="Y-m-d H:i:s")
    user = tables.Column(verbose_name=_("Användare"), default=_("Systemet"))
    content_type = tables.Column(verbose_name=_("Typ"), accessor="content_type__name")
    object_repr = tables.Column(verbose_name=_("Objekt"))
    action = tables.Column(verbose_name=_("Händelse"))
    changes = tables.Column(verbose_name=_("Ändringar"), orderable=False)
    reason = tables.Column(verbose_name=_("Skäl"), default="–")

    class Meta:
        model = AuditEvent
        fields = ["at", "user", "content_type", "object_repr", "action", "changes", "reason"]
        order_by = "-at"
        caption = _("Granskningslogg")
        empty_text = _("Inga händelser matchar filtret.")

    def render_changes(self, value):
        if not value:
            return "–"
        return format_html_join(
            "",
            "<div><strong>{}</strong>: {} → {}</div>",
            ((c["field"], c["old"], c["new"]) for c in value),
        )

    def value_changes(self, value):
        return "; ".join(f"{c['field']}: {c['old']} → {c['new']}" for c in value or [])
