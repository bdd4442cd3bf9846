"""The demo dataset: `load_demo_data()` builds it, `manage.py load_demo_data` runs it.

What comes from the seeds and what is generated is listed in `docs/demo-data.md`. Every object is
looked up on a natural key before it is created, so a second run creates nothing and writes no
history; the whole run is one transaction.
"""

from __future__ import annotations

from django.db import connection, transaction

from agreements.models import County, GoalArea, Municipality, PolicyPhase
from agreements.reference import POLICY_PHASES
from partnerships.models import AgencyUnit
from reports.demo.agreements import ensure_agreements
from reports.demo.annual import ensure_annual_report
from reports.demo.base import Demo
from reports.demo.people import ensure_users
from reports.demo.places import ensure_districts
from reports.demo.plans import ACCORDS, ensure_accords, ensure_measures, ensure_plans
from reports.demo.reporting import AGENCY_REPORTS, ensure_agency_reports, ensure_district_reports
from reports.demo.series import (
    SPECS,
    Area,
    IndicatorInfo,
    Series,
    build_series,
    indicator_value_rows,
)
from reports.models import Indicator, IndicatorValue

__all__ = ["ReferenceDataMissing", "load_demo_data"]


class ReferenceDataMissing(Exception):
    """The demo builds on the reference data loaded by the migrations."""


def check_reference_data() -> None:
    problems = []
    if Municipality.objects.count() < 290:
        problems.append("kommuner")
    if GoalArea.objects.count() < 6:
        problems.append("målområden")
    if Indicator.objects.filter(code__in=SPECS).count() < len(SPECS):
        problems.append("indikatorer")
    if PolicyPhase.objects.filter(name__in=[p["name"] for p in POLICY_PHASES]).count() < len(
        POLICY_PHASES
    ):
        problems.append("politikområden")
    unit_names = {a.unit for a in ACCORDS} | {r.unit for r in AGENCY_REPORTS}
    if AgencyUnit.objects.filter(name__in=unit_names).count() < len(unit_names):
        problems.append("myndighetsenheter")
    if problems:
        raise ReferenceDataMissing(
            "Referensdata saknas (" + ", ".join(problems) + "). Kör först "
            "”python manage.py migrate” eller ”python manage.py load_reference_data”."
        )


def series_areas(districts) -> list[Area]:
    """The demo districts, their municipalities, their counties and Sweden."""
    municipality_ids = {d.municipality_id for d in districts.values()}
    municipalities = Municipality.objects.filter(pk__in=municipality_ids).order_by("code")
    counties = County.objects.filter(municipalities__in=municipalities).distinct().order_by("code")
    return (
        [Area("district", code) for code in sorted(districts)]
        + [Area("municipality", m.code) for m in municipalities]
        + [Area("county", c.code) for c in counties]
        + [Area("country", "SE")]
    )


VALUE_COLUMNS = (
    "indicator",
    "area_type",
    "area_code",
    "year",
    "sex",
    "value",
    "population_base",
    "source",
    "published_on",
    "is_example",
)


def ensure_indicator_values(demo: Demo, series: Series, indicators: dict[str, Indicator]) -> None:
    """Insert the generated values that are not stored yet (values have no history).

    About 40 000 rows, written with COPY on PostgreSQL and `executemany` elsewhere rather than
    `bulk_create`, which compiles every batch anew (batches of 999 parameters on SQLite) and took
    most of the run. Values are adapted by the fields themselves.
    """
    ids = {code: indicator.pk for code, indicator in indicators.items()}
    area_codes = {key[2] for key in series.points}
    existing = set(
        IndicatorValue.objects.filter(area_code__in=area_codes).values_list(
            "indicator_id", "area_type", "area_code", "year", "sex"
        )
    )
    fields = [IndicatorValue._meta.get_field(name) for name in VALUE_COLUMNS]
    adapt = {
        index: field
        for index, field in enumerate(fields)
        if field.get_internal_type() in {"DecimalField", "DateField"}
    }
    rows = [
        tuple(
            adapt[i].get_db_prep_save(v, connection) if i in adapt and v is not None else v
            for i, v in enumerate(row)
        )
        for row in indicator_value_rows(series, ids)
        if row[:5] not in existing
    ]
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(IndicatorValue._meta.db_table)
    columns = ", ".join(qn(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
    demo.created[str(IndicatorValue._meta.verbose_name_plural)] += len(rows)


def load_demo_data() -> Demo:
    """Build (or complete) the demo dataset. Returns what was created."""
    check_reference_data()
    demo = Demo()
    with transaction.atomic():
        users = ensure_users(demo)
        districts = ensure_districts(demo)
        agreements = ensure_agreements(demo, districts)
        goal_areas = {g.code: g for g in GoalArea.objects.all()}
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=SPECS)}
        series = build_series(
            [
                IndicatorInfo(
                    i.code,
                    i.decimals,
                    i.person_based,
                    i.periodicity == Indicator.Periodicity.ELECTION,
                )
                for i in sorted(indicators.values(), key=lambda i: i.code)
            ],
            series_areas(districts),
        )
        plans, partnerships = ensure_plans(
            demo, agreements, districts, goal_areas, indicators, series
        )
        ensure_accords(demo, agreements, plans, partnerships, goal_areas)
        ensure_measures(demo, plans)
        ensure_district_reports(demo, agreements, plans, users, series)
        ensure_agency_reports(demo, users)
        ensure_indicator_values(demo, series, indicators)
        ensure_annual_report(demo)
    return demo
