import django_tables2 as tables
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from udavtal.lib import exports


def _changes_text(changes) -> str:
    return "; ".join(f"{c['field']}: {c['old']} → {c['new']}" for c in changes or [])


def _user_name(first_name, last_name, username) -> str:
    """str(user): the full name, else the user name; events without a user are the system's."""
    if username is None:
        return gettext("Systemet")
    return f"{first_name} {last_name}".strip() or username


def _type_name(content_type_id) -> str:
    return ContentType.objects.get_for_id(content_type_id).name  # cached per id


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

    def export_columns(self):
        return {
            "at": exports.LocalDateTime("at"),
            "user": exports.Python(
                "user__first_name", "user__last_name", "user__username", format=_user_name
            ),
            "content_type": exports.Python("content_type_id", format=_type_name),
            "object_repr": "object_repr",
            "action": exports.choice_label(AuditEvent, "action"),
            "changes": exports.Python("changes", format=_changes_text),
            "reason": "reason",
        }
