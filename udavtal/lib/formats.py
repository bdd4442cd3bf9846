"""Swedish number, money and date formatting, independent of the active locale where the
document is Swedish by definition (PDFs, exports)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MISSING = "–"
SUPPRESSED = ".."


def number(value, decimals: int = 0) -> str:
    """1234.5 → '1 234,5' (non-breaking space, decimal comma). None → '–'."""
    if value is None or value == "":
        return MISSING
    quantum = Decimal(1).scaleb(-decimals)
    d = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "−" if d < 0 else ""
    text = f"{abs(d):,.{decimals}f}"
    integer, _, fraction = text.partition(".")
    integer = integer.replace(",", NBSP)
    return f"{sign}{integer},{fraction}" if fraction else f"{sign}{integer}"


def money(value, decimals: int = 0) -> str:
    """Amount in kronor: '1 234 567 kr'."""
    if value is None:
        return MISSING
    return f"{number(value, decimals)}{NBSP}kr"


def money_short(value) -> str:
    """Large amounts as in government texts: 425 mnkr, 2,2 mdkr."""
    if value is None:
        return MISSING
    v = Decimal(str(value))
    if abs(v) >= Decimal("1e9"):
        return f"{number(v / Decimal('1e9'), 2).rstrip('0').rstrip(',')}{NBSP}mdkr"
    if abs(v) >= Decimal("1e6"):
        return f"{number(v / Decimal('1e6'), 1).rstrip('0').rstrip(',')}{NBSP}mnkr"
    return money(v)


def percent(value, decimals: int = 1) -> str:
    if value is None:
        return MISSING
    return f"{number(value, decimals)}{NBSP}%"


MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def long_date(value: date | None) -> str:
    """2026-10-01 → '1 oktober 2026'."""
    if value is None:
        return MISSING
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
