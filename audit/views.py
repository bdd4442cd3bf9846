"""The audit page: every change by user, object and date, for admins only."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.roles import scope_of
from audit.filters import AuditEventFilter
from audit.models import AuditEvent
from audit.tables import AuditEventTable
from udavtal.lib.lists import FilteredListView


class AuditEventListView(FilteredListView):
    table_class = AuditEventTable
    filterset_class = AuditEventFilter
    export_name = "granskningslogg"
    title = _("Granskningslogg")
    intro = _(
        "Varje ändring i systemet: vem som ändrade vad, när, från vilket värde till vilket, "
        "och med vilket skäl."
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).is_admin:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AuditEvent.objects.select_related("user", "content_type").order_by("-at", "-id")
