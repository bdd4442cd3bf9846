"""Charts of the statistics pages (and the PDFs), drawn by `udavtal.lib.charts` from figures
that have passed small-number protection: a suppressed value is None here, a gap in the line."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.models import Indicator, IndicatorValue
from reports.statistics.selectors import IndicatorSection
from reports.statistics.suppression import Figure
from udavtal.lib import charts


def _sex_label(sex: str) -> str:
    return str(dict(IndicatorValue.Sex.choices)[sex]).lower()


def section_chart_title(
    section: IndicatorSection, *, district_name: str, municipality_name: str
) -> str:
    """The chart's title (also its alternative text where it is shown as an image)."""
    indicator = section.indicator
    years = [r.year for r in section.rows]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    return _(
        "%(indicator)s%(sex)s, %(district)s jämfört med %(municipality)s, riket och "
        "jämförelsegruppen %(span)s"
    ) % {
        "indicator": indicator.name,
        "sex": f" ({_sex_label(section.sex)})" if indicator.person_based else "",
        "district": district_name,
        "municipality": municipality_name,
        "span": span,
    }


def section_chart(
    section: IndicatorSection,
    *,
    district_name: str,
    municipality_name: str,
    chart_id: str,
    size: tuple[int, int] | None = None,
) -> SafeString:
    """District, municipality, Sweden and the comparison group over the years (`size` is the
    chart's (width, height) in SVG units; the charts module's default when None)."""
    indicator = section.indicator
    series = [
        charts.Series(district_name, [(r.year, r.district.public) for r in section.rows]),
        charts.Series(municipality_name, [(r.year, r.municipality.public) for r in section.rows]),
        charts.Series(_("Riket"), [(r.year, r.country.public) for r in section.rows]),
        charts.Series(_("Jämförelsegrupp"), [(r.year, r.group.public) for r in section.rows]),
    ]
    title = section_chart_title(
        section, district_name=district_name, municipality_name=municipality_name
    )
    svg = charts.line_chart(
        series,
        title=title,
        chart_id=chart_id,
        unit=indicator.unit,
        decimals=indicator.decimals,
        description=_("Värden som saknas eller skyddas (..) är luckor i linjerna."),
        **({"width": size[0], "height": size[1]} if size else {}),
    )
    return mark_safe(svg)  # noqa: S308 – charts escapes every text it draws


def series_chart(
    indicator: Indicator, label: str, points: list[tuple[int, Figure]], *, chart_id: str
) -> SafeString:
    """One area's series (e.g. Sweden on the indicator's page)."""
    svg = charts.line_chart(
        [charts.Series(label, [(year, f.public) for year, f in points])],
        title=f"{indicator.name}, {label}",
        chart_id=chart_id,
        unit=indicator.unit,
        decimals=indicator.decimals,
    )
    return mark_safe(svg)  # noqa: S308
