"""Template filters of the statistics pages: figures after small-number protection."""

from django import template
from django.utils.html import format_html_join

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


@register.simple_tag
def year_cells(rows, attribute: str, decimals=None) -> str:
    """One row of a year table, written in Python: `<td class="num">` with the figure (or, without
    `decimals`, the number) of `attribute` for each year's row; `attribute="year"` gives the
    header cells. The district statistics page has about 1 600 such cells, and a template loop
    costs several times more per cell than this."""
    if attribute == "year":
        return format_html_join(
            "", '<th scope="col" class="num">{}</th>', ((r.year,) for r in rows)
        )
    if decimals is None:
        values = ((getattr(r, attribute),) for r in rows)
    else:
        places = int(decimals)
        values = ((getattr(r, attribute).display(places),) for r in rows)
    return format_html_join("", '<td class="num">{}</td>', values)
