"""Template filters loaded everywhere (TEMPLATES builtins)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from udavtal.lib import formats

register = template.Library()


@register.filter
def sek(value, decimals=0):
    """Money in Swedish format: {{ amount|sek }} → 1 234 567 kr."""
    return formats.money(value, int(decimals))


@register.filter
def sek_short(value):
    return formats.money_short(value)


@register.filter
def num(value, decimals=0):
    """A number in Swedish format; None shows as '–' (missing, never 0)."""
    return formats.number(value, int(decimals))


@register.filter
def longdate(value):
    return formats.long_date(value)


@register.simple_tag
def status_badge(obj, field="status"):
    """A status as a badge with text (colour is never the only carrier of meaning)."""
    value = getattr(obj, field)
    label = getattr(obj, f"get_{field}_display")()
    return format_html('<span class="badge badge--{}">{}</span>', value, label)


@register.simple_tag(takes_context=True)
def nav_active(context, url_name):
    """aria-current for the navigation link of the current section."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        url = reverse(url_name)
    except Exception:
        return ""
    if request.path == url or (url != "/" and request.path.startswith(url)):
        return mark_safe('aria-current="page"')
    return ""


@register.filter
def field_anchor(bound_field) -> str:
    """The id an error summary links to: the field's input, or the first option of a radio or
    checkbox group (whose widget has no single id to label)."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    return f"{bound_field.auto_id}_0" if bound_field.auto_id else ""


@register.filter
def minutes(value) -> int | None:
    """A timedelta in whole minutes (for 'try again in 30 minutes')."""
    if value is None:
        return None
    return round(value.total_seconds() / 60)
