"""Small-number protection: the one place that decides whether a value may be shown.

A value whose population base (the number of people it is computed from) is known and below
`settings.SMALL_NUMBER_THRESHOLD` (default 10) is *suppressed*: every page, export, chart and
open-data file shows ".." instead of the number, and never the population base either.
A value whose population base is unknown is shown (the source is trusted to have protected it).

Every channel goes through this module:

- `figure(value, population_base)` → a `Figure` for pages, tables, exports and charts
  (`Figure.public` is None when suppressed, so a chart draws a gap);
- `public_row(value, population_base)` → the value and base for open-data files;
- `suppressed_q()` → the database condition for the same rule (comparison groups leave
  suppressed values out of their means, so that a group value never leaks a suppressed one).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from udavtal.lib import formats

SUPPRESSED = formats.SUPPRESSED  # ".."
MISSING = formats.MISSING  # "–"


def threshold() -> int:
    return settings.SMALL_NUMBER_THRESHOLD


def is_suppressed(population_base: int | None) -> bool:
    """The rule itself."""
    return population_base is not None and population_base < threshold()


def suppressed_q(prefix: str = "") -> Q:
    """The rule as a database condition on IndicatorValue (`prefix` e.g. "values__")."""
    return Q(**{f"{prefix}population_base__lt": threshold()})


@dataclass(frozen=True, slots=True)
class Figure:
    """A value as it may be shown. `value` is the stored number (None = missing); `public` is
    what any channel may show (None when missing or suppressed)."""

    value: Decimal | None
    population_base: int | None = None
    suppressed: bool = False

    @property
    def public(self) -> Decimal | None:
        return None if self.suppressed else self.value

    @property
    def public_base(self) -> int | None:
        return None if self.suppressed else self.population_base

    @property
    def is_missing(self) -> bool:
        return self.value is None and not self.suppressed

    def display(self, decimals: int = 1, *, signed: bool = False) -> str:
        """Swedish text: '55,1', '..' (suppressed) or '–' (missing); `signed` adds '+' to a
        positive number (for changes)."""
        if self.suppressed:
            return SUPPRESSED
        text = formats.number(self.value, decimals)
        if signed and self.value is not None and self.value > 0 and text.strip("0,") != "":
            return f"+{text}"
        return text

    def export(self, decimals: int = 1) -> Decimal | str | None:
        """For CSV/XLSX exports: a number, '..' or None (empty cell)."""
        if self.suppressed:
            return SUPPRESSED
        if self.value is None:
            return None
        return self.value.quantize(Decimal(1).scaleb(-decimals))

    def minus(self, other: Figure) -> Figure:
        """The difference self − other: suppressed if either side is, missing if either is."""
        if self.suppressed or other.suppressed:
            return Figure(None, None, suppressed=True)
        if self.value is None or other.value is None:
            return Figure(None)
        return Figure(self.value - other.value)

    def __str__(self) -> str:
        return self.display()


NO_FIGURE = Figure(None)


def figure(value: Decimal | None, population_base: int | None = None) -> Figure:
    """Wrap a stored value with its population base, applying the rule."""
    if is_suppressed(population_base):
        return Figure(value, population_base, suppressed=True)
    return Figure(value, population_base)


def public_row(value: Decimal | None, population_base: int | None) -> tuple[object, object, bool]:
    """(value or '..' or None, population base or None, suppressed) for open-data files."""
    if is_suppressed(population_base):
        return SUPPRESSED, None, True
    return value, population_base, False
