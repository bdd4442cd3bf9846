"""Benchmark data at national scale: `manage.py generate_bench_data --scale national`.

Lives in the reports app (not in `bench/`, which holds scripts and is no Django app) so that the
management command, the tests and the page benchmark import it like any other module of the
project. Everything it creates is marked as benchmark data (district codes `MMMM-Bnnn`, agreement
case numbers `BENCH-…`, users `bench.…`, indicator source `Benchmark`), so a database that already
holds other data is recognised and refused.

Only bulk operations: `bulk_create` for the objects and PostgreSQL COPY for the indicator values.
No history rows are written (benchmark data need not have a history); the whole run is one
transaction.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction

from accounts.roles import MINISTRY_ADMIN, MINISTRY_OFFICER, READER
from agreements.models import (
    Agreement,
    County,
    District,
    GoalArea,
    Municipality,
    MunicipalityMembership,
    PlanGoal,
    PolicyPhase,
    StrategicDistrictPlan,
)
from partnerships.models import AgencyMembership, AgencyUnit, CooperationAccord
from reports.models import AnnualDistrictReport, Indicator, IndicatorValue

PASSWORD = "bench-udavtal"
CASE_PREFIX = "BENCH-"
USER_PREFIX = "bench."
SOURCE = "Benchmark"
CURRENT_YEAR = 2026  # the reporting year the coordinators are working on in the load test


@dataclass(frozen=True)
class Scale:
    municipalities: int
    districts: int
    value_years: int
    agreements: int
    accords: int
    reports: int
    coordinators: int


SCALES = {
    "tiny": Scale(5, 20, 3, 20, 40, 100, 3),
    "small": Scale(30, 300, 10, 200, 1_000, 5_000, 10),
    "national": Scale(290, 3_000, 25, 2_000, 10_000, 50_000, 50),
}

# Agreement periods per policy phase (by start year of the phase), most recent first: the
# exclusion constraint allows one agreement per municipality, phase and (non-overlapping) period.
PERIODS = {
    2018: [(2024, 2027), (2022, 2023), (2020, 2021), (2018, 2019)],
    2008: [(2008, 2010)],
    2007: [(2007, 2007)],
    1999: [(2003, 2007), (1999, 2002)],
}


class BenchDataRefused(Exception):
    """The database is not one the benchmark may fill."""


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)


def foreign_data() -> list[str]:
    """What in the database is neither reference data nor benchmark data."""
    found = []
    if District.objects.exclude(code__contains="-B").exists():
        found.append("stadsdelar")
    if Agreement.objects.exclude(case_number__startswith=CASE_PREFIX).exists():
        found.append("avtal")
    if get_user_model().objects.exclude(username__startswith=USER_PREFIX).exists():
        found.append("användare")
    return found


def bench_data_present() -> bool:
    return District.objects.filter(code__contains="-B").exists()


def check_database(*, force: bool) -> None:
    if connection.vendor != "postgresql":
        raise BenchDataRefused("Benchmarkdata kräver PostgreSQL (COPY); SQLite stöds inte.")
    if bench_data_present():
        raise BenchDataRefused(
            "Databasen har redan benchmarkdata. Töm den först (make bench gör det)."
        )
    foreign = foreign_data()
    if foreign and not force:
        raise BenchDataRefused(
            "Databasen innehåller annan data än referens- och benchmarkdata ("
            + ", ".join(foreign)
            + "). Använd en egen databas, eller --force."
        )


def generate(scale: Scale, *, seed: int = 1001, stdout=None) -> Result:
    """Build the benchmark dataset in one transaction. Returns the counts created."""
    rng = random.Random(seed)
    result = Result()

    def note(label: str, n: int) -> None:
        result.counts[label] = result.counts.get(label, 0) + n
        if stdout is not None:
            stdout.write(f"  {label}: {n}")
            stdout.flush()

    with transaction.atomic():
        municipalities = list(Municipality.objects.order_by("code")[: scale.municipalities])
        districts = _districts(scale, municipalities, rng)
        note("stadsdelar", len(districts))
        by_municipality: dict[int, list[District]] = {}
        for d in districts:
            by_municipality.setdefault(d.municipality_id, []).append(d)

        agreements = _agreements(scale, municipalities, by_municipality)
        note("avtal", len(agreements))

        current = {a.municipality_id: a for a in agreements if a.ends_on.year >= CURRENT_YEAR}
        plans = _plans(current, by_municipality)
        note("stadsdelsplaner", len(plans))
        goal_areas = list(GoalArea.objects.order_by("position", "code"))
        goals = [
            PlanGoal(plan=plan, goal_area=goal_areas[i % len(goal_areas)], text=f"Mål {i + 1}.")
            for plan in plans
            for i in range(2)
        ]
        PlanGoal.objects.bulk_create(goals, batch_size=5_000)
        note("mål", len(goals))

        accords = _accords(scale, agreements, rng)
        note("samverkansöverenskommelser", len(accords))

        users = _users(scale, municipalities, by_municipality)
        note("användare", len(users))

        reports = _reports(scale, agreements, by_municipality, users)
        note("stadsdelsredovisningar", len(reports))

        values = _indicator_values(scale, municipalities, districts, rng)
        note("indikatorvärden", values)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return result


def _districts(scale: Scale, municipalities, rng) -> list[District]:
    rows = []
    per = scale.districts // len(municipalities)
    extra = scale.districts % len(municipalities)
    for i, m in enumerate(municipalities):
        for n in range(1, per + (1 if i < extra else 0) + 1):
            rows.append(
                District(
                    municipality=m,
                    code=f"{m.code}-B{n:03d}",
                    name=f"Bänkområde {n:03d}",
                    status=District.Status.COVERED,
                    population=rng.randint(1_500, 16_000),
                    description="Benchmarkdata.",
                )
            )
    return District.objects.bulk_create(rows, batch_size=5_000)


def _agreements(scale: Scale, municipalities, by_municipality) -> list[Agreement]:
    phases = {p.starts_on.year: p for p in PolicyPhase.objects.all()}
    slots = [
        (phases[start], period)
        for start, periods in PERIODS.items()
        if start in phases
        for period in periods
    ]
    rows = []
    for phase, (first, last) in slots:
        for m in municipalities:
            if len(rows) >= scale.agreements:
                break
            ongoing = last >= CURRENT_YEAR
            rows.append(
                Agreement(
                    municipality=m,
                    policy_phase=phase,
                    case_number=f"{CASE_PREFIX}{m.code}-{first}",
                    title=f"Lokalt utvecklingsavtal {m.name} {first}–{last}",
                    starts_on=date(first, 1, 1),
                    ends_on=date(last, 12, 31),
                    status=Agreement.Status.IN_FORCE if ongoing else Agreement.Status.ENDED,
                    offered_on=date(first - 1, 10, 1),
                    state_signed_on=date(first - 1, 12, 1),
                    municipality_signed_on=date(first - 1, 12, 10),
                    description="Benchmarkdata.",
                )
            )
    agreements = Agreement.objects.bulk_create(rows, batch_size=2_000)
    Through = Agreement.districts.through
    links = [
        Through(agreement_id=a.pk, district_id=d.pk)
        for a in agreements
        for d in by_municipality.get(a.municipality_id, [])
    ]
    Through.objects.bulk_create(links, batch_size=10_000)
    area_ids = list(GoalArea.objects.values_list("pk", flat=True))
    AreaThrough = Agreement.goal_areas.through
    AreaThrough.objects.bulk_create(
        [AreaThrough(agreement_id=a.pk, goalarea_id=g) for a in agreements for g in area_ids],
        batch_size=10_000,
    )
    return agreements


def _plans(current, by_municipality) -> list[StrategicDistrictPlan]:
    rows = [
        StrategicDistrictPlan(
            agreement=agreement,
            district=d,
            status=StrategicDistrictPlan.Status.ADOPTED,
            adopted_on=date(agreement.starts_on.year, 6, 1),
            current_situation="Benchmarkdata.",
        )
        for agreement in current.values()
        for d in by_municipality.get(agreement.municipality_id, [])
    ]
    return StrategicDistrictPlan.objects.bulk_create(rows, batch_size=5_000)


def _accords(scale: Scale, agreements, rng) -> list[CooperationAccord]:
    units = list(AgencyUnit.objects.order_by("pk").values_list("pk", flat=True))
    per = -(-scale.accords // len(agreements))
    S = CooperationAccord.Status
    rows = []
    for a in agreements:
        for unit in rng.sample(units, min(per, len(units))):
            if len(rows) >= scale.accords:
                break
            ongoing = a.ends_on.year >= CURRENT_YEAR
            status = S.SIGNED if ongoing else S.ENDED
            rows.append(
                CooperationAccord(
                    agreement=a,
                    municipality_id=a.municipality_id,
                    agency_unit_id=unit,
                    title=f"Samverkan {a.case_number} {unit}",
                    case_number=f"{CASE_PREFIX}S-{a.pk}-{unit}",
                    starts_on=a.starts_on,
                    ends_on=a.ends_on,
                    status=status,
                    agency_signed_on=a.starts_on,
                    municipality_signed_on=a.starts_on,
                    ended_on=None if ongoing else a.ends_on,
                    description="Benchmarkdata.",
                )
            )
    return CooperationAccord.objects.bulk_create(rows, batch_size=5_000)


def _users(scale: Scale, municipalities, by_municipality) -> list:
    User = get_user_model()
    password = make_password(PASSWORD)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GLOBAL}
    people = [
        ("bench.admin", "Admin", MINISTRY_ADMIN, True),
        ("bench.officer", "Handläggare", MINISTRY_OFFICER, False),
        ("bench.reader", "Läsare", READER, False),
        ("bench.agency", "Myndighet", None, False),
    ]
    with_districts = [m for m in municipalities if by_municipality.get(m.pk)]
    coordinators = [
        (f"bench.coordinator.{n:02d}", f"Samordnare {n:02d}", None, False)
        for n in range(1, min(scale.coordinators, len(with_districts)) + 1)
    ]
    users = User.objects.bulk_create(
        [
            User(
                username=username,
                first_name=first,
                last_name="Bänk",
                email=f"{username}@bench.example.se",
                password=password,
                is_staff=superuser,
                is_superuser=superuser,
            )
            for username, first, _group, superuser in people + coordinators
        ]
    )
    by_name = {u.username: u for u in users}
    for username, _first, group, _superuser in people:
        if group:
            by_name[username].groups.add(groups[group])
    MunicipalityMembership.objects.bulk_create(
        [
            MunicipalityMembership(user=by_name[username], municipality=m)
            for (username, *_), m in zip(coordinators, with_districts, strict=False)
        ]
    )
    unit = AgencyUnit.objects.select_related("agency").order_by("pk").first()
    AgencyMembership.objects.create(user=by_name["bench.agency"], agency=unit.agency)
    return users


GLOBAL = (MINISTRY_ADMIN, MINISTRY_OFFICER, READER)


def _reports(scale: Scale, agreements, by_municipality, users) -> list[AnnualDistrictReport]:
    """One report per district and year an agreement covers, latest first, up to the scale's
    total; the current year's reports are open (not started), the older ones accepted."""
    officer = next(u for u in users if u.username == "bench.officer")
    by_year: dict[tuple[int, int], Agreement] = {}
    for a in sorted(agreements, key=lambda a: a.starts_on, reverse=True):
        for year in range(a.starts_on.year, min(a.ends_on.year, CURRENT_YEAR) + 1):
            by_year.setdefault((a.municipality_id, year), a)
    per_district = -(-scale.reports // sum(len(v) for v in by_municipality.values()))
    S = AnnualDistrictReport.Status
    rows = []
    for municipality_id, districts in by_municipality.items():
        years = sorted((y for (m, y) in by_year if m == municipality_id), reverse=True)
        for d in districts:
            for year in years[:per_district]:
                agreement = by_year[(municipality_id, year)]
                done = year < CURRENT_YEAR
                submitted = datetime(year, 9, 20, 12, tzinfo=UTC) if done else None
                rows.append(
                    AnnualDistrictReport(
                        district=d,
                        agreement=agreement,
                        year=year,
                        status=S.ACCEPTED if done else S.NOT_STARTED,
                        due_on=date(year, 10, 1),
                        summary=f"Benchmarkdata {d.code} {year}." if done else "",
                        submitted_at=submitted,
                        submitted_by=officer if done else None,
                        reviewed_at=datetime(year, 10, 15, 9, tzinfo=UTC) if done else None,
                        reviewed_by=officer if done else None,
                        created_at=datetime(year, 8, 1, 9, tzinfo=UTC),
                    )
                )
    # Keep every current-year report (the load test needs them), drop the oldest beyond the total.
    rows.sort(key=lambda r: -r.year)
    rows = rows[: max(scale.reports, sum(1 for r in rows if r.year == CURRENT_YEAR))]
    return AnnualDistrictReport.objects.bulk_create(rows, batch_size=5_000)


VALUE_COLUMNS = (
    "indicator_id",
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


def _indicator_values(scale: Scale, municipalities, districts, rng) -> int:
    """Values for every district, municipality, county and Sweden: each indicator, year and sex
    (totals only for indicators that are not person based), written with COPY in text format."""
    indicators = list(Indicator.objects.order_by("code").values_list("pk", "person_based"))
    counties = County.objects.filter(municipalities__in=[m.pk for m in municipalities]).distinct()
    areas = (
        [("district", d.code) for d in districts]
        + [("municipality", m.code) for m in municipalities]
        + [("county", c.code) for c in counties]
        + [("country", "SE")]
    )
    last = CURRENT_YEAR - 1
    years = range(last - scale.value_years + 1, last + 1)
    table = IndicatorValue._meta.db_table
    columns = ", ".join(
        IndicatorValue._meta.get_field(c.removesuffix("_id")).column for c in VALUE_COLUMNS
    )
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        buffer = io.StringIO()
        for area_type, code in areas:
            level = rng.uniform(5, 95)
            for indicator_id, person_based in indicators:
                sexes = ("T", "K", "M") if person_based else ("T",)
                for year in years:
                    published = f"{year + 1}-04-15"
                    for sex in sexes:
                        value = level + rng.uniform(-3, 3)
                        buffer.write(
                            f"{indicator_id}\t{area_type}\t{code}\t{year}\t{sex}\t"
                            f"{value:.1f}\t{rng.randint(100, 9000)}\t{SOURCE}\t"
                            f"{published}\tt\n"
                        )
                        count += 1
            if buffer.tell() > 4_000_000:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count
