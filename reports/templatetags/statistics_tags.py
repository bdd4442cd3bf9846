"""Template filters of the statistics pages: figures after small-number protection."""

from django import template

from reports.statistics.suppression import Figure

register = template.Library()


@register.filter
def figure(value: Figure, decimals=1) -> str:
    """{{ row.district|figure:indicator.decimals }} → '55,1', '..' or '–'."""
    if value is None:
        return "–"
    return value.display(int(decimals))


@register.filter
def change(value: Figure, decimals=1) -> str:
    """A change with its sign: '+3,2', '−1,0', '..' or '–'."""
    if value is None:
        return "–"
    return value.display(int(decimals), signed=True)
