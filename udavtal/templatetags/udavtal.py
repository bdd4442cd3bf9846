"""Template filters loaded everywhere (TEMPLATES builtins)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

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
        return format_html('aria-current="page"')
    return ""
