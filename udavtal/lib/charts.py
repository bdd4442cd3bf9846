"""Charts as SVG text, made on the server: the same code for web pages and PDFs.

Pure Python (no Django, no plotting library): a list of series in, an `<svg>` string out.

    svg = line_chart(
        [
            Series("Rosengård", [(2019, Decimal("41.2")), (2020, None), (2021, Decimal("43"))]),
            Series("Malmö", [(2019, Decimal("66")), (2020, Decimal("65.1")), (2021, None)]),
        ],
        title="Sysselsättningsgrad 2019–2021",
        chart_id="syss",
        unit="procent",
    )

Accessibility (WCAG 2.1 AA, DOS-lagen):
- `role="img"` with `aria-labelledby` pointing at the chart's `<title>` and `<desc>`; the
  description summarises every series (first and last value). Pages put a data table beside it.
- Colour is never the only carrier of meaning: every series has its own line style (solid,
  dashed, dotted, dash-dot …) and marker shape (circle, square, triangle, diamond …), repeated in
  the legend. Colours have at least 3:1 contrast against white.
- A value of None (missing, or suppressed by small-number protection) is a gap in the line.
- Only SVG presentation attributes, never `style=` (Content-Security-Policy `style-src 'self'`).
- Numbers in Swedish format (1 234,5; minus sign −), years without a thousands separator.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from udavtal.lib import formats

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#595959"
GRID = "#d9d9d9"

# (colour, stroke-dasharray, marker) per series, in order. Contrast ≥ 3:1 against white.
STYLES = (
    ("#1d4f91", "", "circle"),
    ("#b3500b", "8 4", "square"),
    ("#2e7d32", "2 3", "triangle"),
    ("#6a3d9a", "10 4 2 4", "diamond"),
    ("#4d4d4d", "14 5", "triangle-down"),
    ("#a11d48", "4 2", "cross"),
)

Number = Decimal | float | int


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[int, Number | None]]  # (year, value); None draws a gap
    style: int | None = None  # index into STYLES; default: the series' position
    extra: dict = field(default_factory=dict)  # reserved for callers (not drawn)


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _fmt(x: float) -> str:
    """Coordinates with at most one decimal."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high], about `count` of them."""
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude * 10
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            step = multiple * magnitude
            break
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    ticks = []
    value = start
    while value <= end + step * 1e-6:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _tick_decimals(ticks: list[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = Decimal(str(round(ticks[1] - ticks[0], 10))).normalize()
    return max(0, -step.as_tuple().exponent)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    common = f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if kind == "circle":
        return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4.5" {common}/>'
    if kind == "square":
        return f'<rect x="{_fmt(x - 4)}" y="{_fmt(y - 4)}" width="8" height="8" {common}/>'
    if kind == "triangle":
        d = f"M{_fmt(x)} {_fmt(y - 5.5)}L{_fmt(x + 5)} {_fmt(y + 4)}L{_fmt(x - 5)} {_fmt(y + 4)}Z"
    elif kind == "triangle-down":
        d = f"M{_fmt(x)} {_fmt(y + 5.5)}L{_fmt(x + 5)} {_fmt(y - 4)}L{_fmt(x - 5)} {_fmt(y - 4)}Z"
    elif kind == "diamond":
        d = (
            f"M{_fmt(x)} {_fmt(y - 5.5)}L{_fmt(x + 5.5)} {_fmt(y)}"
            f"L{_fmt(x)} {_fmt(y + 5.5)}L{_fmt(x - 5.5)} {_fmt(y)}Z"
        )
    else:  # cross
        return (
            f'<path d="M{_fmt(x - 4)} {_fmt(y - 4)}L{_fmt(x + 4)} {_fmt(y + 4)}'
            f'M{_fmt(x - 4)} {_fmt(y + 4)}L{_fmt(x + 4)} {_fmt(y - 4)}" '
            f'stroke="{colour}" stroke-width="2.5" fill="none"/>'
        )
    return f'<path d="{d}" {common}/>'


def _style(s: Series, position: int) -> tuple[str, str, str]:
    return STYLES[(s.style if s.style is not None else position) % len(STYLES)]


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width (no font metrics on the server)."""
    return len(text) * size * 0.58


def summary(series: Sequence[Series], *, decimals: int = 1, unit: str = "") -> str:
    """A text alternative: each series' first and last value."""
    suffix = f" {unit}" if unit else ""
    parts = []
    for s in series:
        known = [(x, y) for x, y in s.points if y is not None]
        if not known:
            parts.append(f"{s.label}: inga värden")
        elif len(known) == 1:
            x, y = known[0]
            parts.append(f"{s.label}: {formats.number(y, decimals)}{suffix} år {x}")
        else:
            (x0, y0), (x1, y1) = known[0], known[-1]
            parts.append(
                f"{s.label}: från {formats.number(y0, decimals)}{suffix} år {x0} "
                f"till {formats.number(y1, decimals)}{suffix} år {x1}"
            )
    return "; ".join(parts) + "."


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    chart_id: str,
    description: str = "",
    unit: str = "",
    decimals: int = 1,
    width: int = 760,
    height: int = 320,
    font_size: float = 13,
) -> str:
    """A line chart of yearly series as an `<svg>` element (a string of SVG text)."""
    years = sorted({x for s in series for x, _ in s.points})
    values = [float(y) for s in series for _, y in s.points if y is not None]
    parts = [description, "Linjediagram." if values else "Inga värden att visa."]
    if values:
        parts.append(summary(series, decimals=decimals, unit=unit))
    desc = " ".join(part for part in parts if part)

    # Legend rows (below the plot), laid out before the plot so that its height is known.
    legend_items = []
    row, x_cursor, rows = 0, 0.0, 1
    for position, s in enumerate(series):
        item_width = 36 + _text_width(s.label, font_size) + 24
        if x_cursor and x_cursor + item_width > width - 16:
            row, x_cursor, rows = row + 1, 0.0, rows + 1
        legend_items.append((position, s, row, x_cursor))
        x_cursor += item_width
    legend_height = rows * (font_size + 10) + 8 if series else 0

    ticks = nice_ticks(min(values), max(values)) if values else [0.0, 1.0]
    tick_decimals = _tick_decimals(ticks)
    tick_labels = [formats.number(Decimal(str(t)), tick_decimals) for t in ticks]
    left = 14 + max(_text_width(label, font_size) for label in tick_labels)
    top = 12 + (font_size + 8 if unit else 0)
    right = 18
    bottom = font_size + 30 + legend_height
    plot_w = max(width - left - right, 10)
    plot_h = max(height - top - bottom, 10)
    lo, hi = ticks[0], ticks[-1]

    def sx(year: int) -> float:
        if len(years) < 2:
            return left + plot_w / 2
        return left + (year - years[0]) / (years[-1] - years[0]) * plot_w

    def sy(value: float) -> float:
        return top + plot_h - (value - lo) / (hi - lo) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'font-family="{_attr(FONT)}" font-size="{_fmt(font_size)}" fill="{TEXT}">',
        f'<title id="{_attr(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]

    # Grid and y-axis labels.
    out.append('<g class="chart__y-axis">')
    if unit:
        out.append(
            f'<text x="{_fmt(left)}" y="{_fmt(top - 8)}" fill="{MUTED}">{escape(unit)}</text>'
        )
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = sy(tick)
        out.append(
            f'<line x1="{_fmt(left)}" y1="{_fmt(y)}" x2="{_fmt(left + plot_w)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_fmt(left - 8)}" y="{_fmt(y + font_size * 0.35)}" '
            f'text-anchor="end">{escape(label)}</text>'
        )
    out.append("</g>")

    # X axis with the years (thinned out when there are many).
    out.append('<g class="chart__x-axis">')
    axis_y = top + plot_h
    out.append(
        f'<line x1="{_fmt(left)}" y1="{_fmt(axis_y)}" x2="{_fmt(left + plot_w)}" '
        f'y2="{_fmt(axis_y)}" stroke="{MUTED}" stroke-width="1"/>'
    )
    label_room = _text_width("2000", font_size) + 10
    every = max(1, math.ceil(len(years) * label_room / plot_w)) if years else 1
    for index, year in enumerate(years):
        x = sx(year)
        out.append(
            f'<line x1="{_fmt(x)}" y1="{_fmt(axis_y)}" x2="{_fmt(x)}" y2="{_fmt(axis_y + 4)}" '
            f'stroke="{MUTED}" stroke-width="1"/>'
        )
        if index % every == 0:
            out.append(
                f'<text x="{_fmt(x)}" y="{_fmt(axis_y + font_size + 6)}" '
                f'text-anchor="middle">{year}</text>'
            )
    if not values:
        out.append(
            f'<text x="{_fmt(left + plot_w / 2)}" y="{_fmt(top + plot_h / 2)}" '
            f'text-anchor="middle" fill="{MUTED}">Inga värden att visa.</text>'
        )
    out.append("</g>")

    # Series: one path each (a gap where a value is None), markers on every known point.
    for position, s in enumerate(series):
        colour, dash, marker = _style(s, position)
        out.append(f'<g class="chart__series" data-series="{_attr(s.label)}">')
        d, pen_down = [], False
        for year, value in s.points:
            if value is None:
                pen_down = False
                continue
            d.append(f"{'L' if pen_down else 'M'}{_fmt(sx(year))} {_fmt(sy(float(value)))}")
            pen_down = True
        if d:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<path d="{"".join(d)}" fill="none" stroke="{colour}" stroke-width="2.5" '
                f'stroke-linejoin="round" stroke-linecap="round"{dash_attr}/>'
            )
        for year, value in s.points:
            if value is None:
                continue
            out.append(
                f'<g class="chart__point" data-year="{year}" data-value="{_attr(value)}">'
                f"<title>{escape(s.label)} {year}: {escape(formats.number(value, decimals))}"
                f"{escape(' ' + unit) if unit else ''}</title>"
                f"{_marker(marker, sx(year), sy(float(value)), colour)}</g>"
            )
        out.append("</g>")

    # Legend: line sample with its marker, then the label.
    if series:
        out.append('<g class="chart__legend">')
        legend_top = height - legend_height + 4
        for position, s, item_row, item_x in legend_items:
            colour, dash, marker = _style(s, position)
            y = legend_top + item_row * (font_size + 10) + font_size / 2
            x = 8 + item_x
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{_fmt(x)}" y1="{_fmt(y)}" x2="{_fmt(x + 28)}" y2="{_fmt(y)}" '
                f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            )
            out.append(_marker(marker, x + 14, y, colour))
            out.append(
                f'<text x="{_fmt(x + 36)}" y="{_fmt(y + font_size * 0.35)}">'
                f"{escape(s.label)}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
