import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent


def _audited_types(request=None):
    """Every model that keeps history (a fixed list, no scan of the log)."""
    models = [m for m in apps.get_models() if hasattr(getattr(m, "history", None), "model")]
    ids = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")


class AuditEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="search")
    user = django_filters.ModelChoiceFilter(
        label=_("Användare"),
        queryset=get_user_model().objects.order_by("username"),
        empty_label=_("Alla"),
    )
    content_type = django_filters.ModelChoiceFilter(
        label=_("Typ av uppgift"), queryset=_audited_types, empty_label=_("Alla")
    )
    action = django_filters.ChoiceFilter(
        label=_("Händelse"), choices=AuditEvent.Action.choices, empty_label=_("Alla")
    )
    date_from = django_filters.DateFilter(
        label=_("Från och med"), field_name="at", lookup_expr="date__gte"
    )
    date_to = django_filters.DateFilter(
        label=_("Till och med"), field_name="at", lookup_expr="date__lte"
    )
    object_id = django_filters.CharFilter(label=_("Objektets id"))

    class Meta:
        model = AuditEvent
        fields = ["q", "user", "content_type", "action", "date_from", "date_to", "object_id"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(object_repr__icontains=value) | Q(reason__icontains=value))
