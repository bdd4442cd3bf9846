"""The grants' part of the annual report's funding chapter (reports.annual.hooks).

Registered in `GrantsConfig.ready`, because reports may not import grants (grants → reports)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from reports.annual.hooks import FundingSection

COLUMNS = ("applied_sek", "decided_sek", "paid_sek", "reclaimed_sek", "used_sek")


def funding_section(year: int) -> FundingSection | None:
    """Statsbidrag (förordning 2018:151) per municipality for the report's year, one query."""
    from grants.selectors import funding_by_municipality_and_year

    rows = funding_by_municipality_and_year(year=year)
    section = FundingSection(
        key="grants",
        title=_("Statsbidrag enligt förordningen (2018:151) %(year)s") % {"year": year},
        intro=_(
            "Sökt, beviljat, utbetalt, återkrävt och använt belopp per kommun för året, enligt "
            "ansökningarna, besluten och de godkända återrapporterna."
        ),
        source=_("Statsbidragsärendena i systemet"),
        columns=[
            _("Kommun"),
            _("Sökt"),
            _("Beviljat"),
            _("Utbetalt"),
            _("Återkrävt"),
            _("Använt"),
        ],
    )
    totals = [Decimal(0)] * len(COLUMNS)
    for row in rows:
        cells = [row[key] for key in COLUMNS]
        section.rows.append((row["municipality_name"], cells))
        totals = [t + (c or 0) for t, c in zip(totals, cells, strict=True)]
    section.totals = totals if rows else []
    return section
