"""Contributions from other apps to the annual report, without reports importing them.

The dependencies point grants → reports (grants imports reports' models), so the funding chapter
cannot import grants. Instead an app registers a *funding provider* when it is ready
(`grants.apps.GrantsConfig.ready`); the annual report's selector asks every registered provider
for its section. A provider is a callable `provider(year) -> FundingSection | None` that runs a
fixed number of queries. See docs/decisions/0021-annual-report.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class FundingSection:
    """One table of the funding chapter: `columns` are headings, each row is a label (e.g. the
    municipality) and one value per column after the first (Decimal in SEK, or None)."""

    key: str
    title: str
    intro: str
    source: str
    columns: list[str]
    rows: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)
    totals: list[Decimal | None] = field(default_factory=list)


FundingProvider = Callable[[int], "FundingSection | None"]

_providers: dict[str, FundingProvider] = {}


def register_funding_provider(key: str, provider: FundingProvider) -> None:
    """Register (or replace) the provider known as `key`; idempotent across reloads."""
    _providers[key] = provider


def funding_sections(year: int) -> list[FundingSection]:
    sections = []
    for key in sorted(_providers):
        section = _providers[key](year)
        if section is not None:
            sections.append(section)
    return sections
