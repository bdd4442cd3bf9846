"""Page-shaped reads for the indicator catalogue, the district statistics page, the national
overview and the import log. Every value leaves here wrapped as a `suppression.Figure`; every
reader runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    Count,
    DecimalField,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.shortcuts import get_object_or_404

from agreements.models import District
from reports.models import GoalIndicator, ImportBatch, Indicator, IndicatorValue
from reports.statistics import comparison, suppression
from reports.statistics.areas import SWEDEN, AreaType
from reports.statistics.suppression import NO_FIGURE, Figure
from udavtal.lib.collation import swedish

Sex = IndicatorValue.Sex
SEXES = (Sex.TOTAL, Sex.WOMEN, Sex.MEN)


# ---------- Catalogue ----------


def indicator_list_for_table() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("goal_area").order_by("position", swedish("name"))


def indicator_get(*, code: str) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("goal_area"), code=code)


@dataclass
class IndicatorFacts:
    value_count: int
    first_year: int | None
    last_year: int | None
    country_series: list[tuple[int, Figure]]
    example_count: int = 0


def indicator_facts(*, indicator: Indicator, sex: str = Sex.TOTAL) -> IndicatorFacts:
    """How much data there is, and Sweden's series (two queries)."""
    stats = IndicatorValue.objects.filter(indicator=indicator).aggregate(
        n=Count("id"),
        first=Min("year"),
        last=Max("year"),
        examples=Count("id", filter=Q(is_example=True)),
    )
    country = IndicatorValue.objects.filter(
        indicator=indicator, area_type=AreaType.COUNTRY, area_code=SWEDEN, sex=sex
    ).order_by("year")
    return IndicatorFacts(
        stats["n"],
        stats["first"],
        stats["last"],
        [(v.year, suppression.figure(v.value, v.population_base)) for v in country],
        stats["examples"],
    )


# ---------- District statistics ----------


@dataclass
class YearRow:
    year: int
    district: Figure = NO_FIGURE
    municipality: Figure = NO_FIGURE
    country: Figure = NO_FIGURE
    group: Figure = NO_FIGURE
    group_count: int = 0


@dataclass
class SexSplit:
    label: str
    women: Figure
    men: Figure
    total: Figure


@dataclass
class GoalProgress:
    goal_text: str
    plan_label: str
    baseline_year: int
    baseline_value: Decimal
    target_year: int
    target_value: Decimal
    latest: Figure
    latest_year: int | None
    change: Figure
    progress_percent: Decimal | None  # share of the way from baseline to target


@dataclass
class IndicatorSection:
    indicator: Indicator
    sex: str
    rows: list[YearRow]
    latest_year: int | None
    latest: Figure
    baseline_year: int | None
    baseline: Figure
    change: Figure
    goals: list[GoalProgress]
    has_examples: bool = False
    sex_split_year: int | None = None
    sex_split: list[SexSplit] = field(default_factory=list)

    @property
    def has_values(self) -> bool:
        return any(
            not f.is_missing
            for r in self.rows
            for f in (r.district, r.municipality, r.country, r.group)
        )

    @property
    def sex_label(self) -> str:
        return str(dict(Sex.choices)[self.sex]).lower()

    @property
    def change_unit(self) -> str:
        unit = self.indicator.unit
        return "procentenheter" if unit.strip().lower() in {"procent", "%"} else unit


@dataclass
class DistrictStatistics:
    district: District
    sex: str
    rule: str
    phase: object
    group_size: int
    sections: list[IndicatorSection]


def district_for_statistics(*, user, pk: int) -> District:
    return get_object_or_404(
        District.objects.visible_to(user).select_related("municipality__county", "parent"), pk=pk
    )


GROUP_CACHE_SECONDS = 600


def _values_version() -> tuple:
    """Changes with every import and undo (one small query). Values edited otherwise (admin)
    reach the cached group sums within GROUP_CACHE_SECONDS."""
    return tuple(ImportBatch.objects.aggregate(last=Max("pk"), undone=Max("undone_at")).values())


class _ProcessCache:
    """The last few results of this process, as objects, for GROUP_CACHE_SECONDS: in front of
    Django's cache, which pickles and unpickles (for the overview's 3 000 rows of figures most
    of what they cost to compute). Keys hold every input, including the import state, so an
    import or an undo is seen at once."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[tuple, tuple[float, list]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple):
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key: tuple, value: list) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic() + GROUP_CACHE_SECONDS, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_OVERVIEW_ROWS = _ProcessCache(size=8)  # the overview's rows
_GROUP_SUMS = _ProcessCache(size=16)  # the comparison groups' sums (also in Django's cache)


def clear_cached_statistics() -> None:
    """Forget every cached figure of this process and of Django's cache (after values were
    written other than by an import, which the caches would see by themselves: tests, shell)."""
    cache.clear()
    _OVERVIEW_ROWS.clear()
    _GROUP_SUMS.clear()


def _cached_group_aggregates(codes: list[str], indicator_ids: list[int]) -> dict[tuple, tuple]:
    """_group_aggregates, cached per list of districts, indicators, suppression threshold and
    import state: the sums run over every value of the group (millions of rows at national
    scale, about two seconds) and are the same for every district of the group."""
    if not codes:
        return {}
    digest = hashlib.sha256(
        repr((codes, sorted(indicator_ids), suppression.threshold(), _values_version())).encode()
    ).hexdigest()
    key = f"statistics:group-sums:{digest}"
    groups = _GROUP_SUMS.get(key)
    if groups is not None:
        return groups  # read only by the caller (it copies before subtracting)
    groups = cache.get(key)
    if groups is None:
        groups = _group_aggregates(codes, indicator_ids)
        cache.set(key, groups, GROUP_CACHE_SECONDS)
    _GROUP_SUMS.put(key, groups)
    return groups


def _group_aggregates(codes: list[str], indicator_ids: list[int]) -> dict[tuple, tuple]:
    """(indicator id, year, sex) → GroupAggregate, in one query."""
    if not codes:
        return {}
    rows = (
        IndicatorValue.objects.filter(
            area_type=AreaType.DISTRICT,
            area_code__in=codes,
            indicator_id__in=indicator_ids,
            value__isnull=False,
        )
        .exclude(suppression.suppressed_q())
        .order_by()
        .values("indicator_id", "year", "sex")
        .annotate(
            count=Count("id"),
            based=Count("population_base"),
            sum_value=Sum("value"),
            sum_weighted=Sum(
                F("value") * F("population_base"),
                output_field=DecimalField(max_digits=30, decimal_places=4),
            ),
            sum_base=Sum("population_base"),
        )
    )
    return {
        (r["indicator_id"], r["year"], r["sex"]): comparison.GroupAggregate(
            r["count"],
            r["based"],
            r["sum_value"] or Decimal(0),
            r["sum_weighted"] or Decimal(0),
            r["sum_base"] or 0,
        )
        for r in rows
    }


def group_aggregates(codes: list[str], indicator_ids: list[int]) -> dict[tuple, object]:
    """The same sums for any set of districts (e.g. the national report's comparison group)."""
    return _group_aggregates(codes, indicator_ids)


def _goals_for(district: District) -> dict[int, list[GoalIndicator]]:
    goals = (
        GoalIndicator.objects.filter(goal__plan__district=district)
        .select_related("goal__plan__agreement")
        .order_by("-goal__plan__agreement__starts_on", "goal__position", "pk")
    )
    by_indicator: dict[int, list[GoalIndicator]] = defaultdict(list)
    for goal in goals:
        by_indicator[goal.indicator_id].append(goal)
    return by_indicator


def _progress(goal: GoalIndicator, latest_year: int | None, latest: Figure) -> GoalProgress:
    baseline = Figure(goal.baseline_value)
    change = latest.minus(baseline)
    percent = None
    span = goal.target_value - goal.baseline_value
    if change.value is not None and span:
        percent = (change.value / span * 100).quantize(Decimal(1))
    return GoalProgress(
        goal_text=goal.goal.text,
        plan_label=str(goal.goal.plan.agreement),
        baseline_year=goal.baseline_year,
        baseline_value=goal.baseline_value,
        target_year=goal.target_year,
        target_value=goal.target_value,
        latest=latest,
        latest_year=latest_year,
        change=change,
        progress_percent=percent,
    )


def district_statistics(
    *,
    district: District,
    sex: str = Sex.TOTAL,
    rule: str = comparison.GroupRule.default,
    indicators: list[Indicator] | None = None,
) -> DistrictStatistics:
    """Every active indicator's series for the district against its municipality, Sweden and
    the comparison group. Nine queries, whatever the number of indicators, years and districts."""
    municipality = district.municipality
    phase = comparison.phase_of(district)
    if rule == comparison.GroupRule.SAME_PHASE and phase is None:
        rule = comparison.GroupRule.ALL_COVERED  # no agreement: compare with all covered
    rule_codes = comparison.rule_district_codes(rule, phase)
    codes = [code for code in rule_codes if code != district.code]  # its group
    if indicators is None:
        indicators = list(
            Indicator.objects.filter(is_active=True)
            .select_related("goal_area")
            .order_by("goal_area__position", "position", "name")
        )
    ids = [i.pk for i in indicators]

    own: dict[tuple, Figure] = {}  # (area type, indicator id, year, sex) → figure
    places = (
        Q(area_type=AreaType.DISTRICT, area_code=district.code)
        | Q(area_type=AreaType.MUNICIPALITY, area_code=municipality.code)
        | Q(area_type=AreaType.COUNTRY, area_code=SWEDEN)
    )
    # The series show one sex (totals for indicators that are not person-based); the other
    # sexes only appear in the split table of the district's latest year with women's or men's
    # values. Reading just those leaves out two thirds of the rows.
    person_based = {i.pk for i in indicators if i.person_based}
    split_year_of = dict(
        IndicatorValue.objects.filter(
            indicator_id__in=person_based,
            area_type=AreaType.DISTRICT,
            area_code=district.code,
            sex__in=[Sex.WOMEN, Sex.MEN],
        )
        .values("indicator_id")
        .annotate(last=Max("year"))
        .values_list("indicator_id", "last")
        .order_by()
    )
    shown = Q(indicator_id__in=person_based, sex=sex) | Q(
        indicator_id__in=[pk for pk in ids if pk not in person_based], sex=Sex.TOTAL
    )
    for indicator_id, year in split_year_of.items():
        shown |= Q(indicator_id=indicator_id, year=year)
    values = IndicatorValue.objects.filter(indicator_id__in=ids).filter(places).filter(shown)
    # Example data is marked on a section whichever of its values are examples.
    with_examples: set[int] = set(
        IndicatorValue.objects.filter(indicator_id__in=ids, is_example=True)
        .filter(places)
        .values_list("indicator_id", flat=True)
        .distinct()
        .order_by()
    )
    own_points: dict[tuple, tuple] = {}  # (indicator id, year, sex) → the district's (value, base)
    for area_type, indicator_id, year, value_sex, value, base in values.values_list(
        "area_type", "indicator_id", "year", "sex", "value", "population_base"
    ):
        own[(area_type, indicator_id, year, value_sex)] = suppression.figure(value, base)
        if area_type == AreaType.DISTRICT:
            own_points[(indicator_id, year, value_sex)] = (value, base)
    # The sums over every district of the rule (cached), less the district's own values: the
    # same sums as over its group, which leaves the district out.
    groups = _cached_group_aggregates(rule_codes, ids) if codes else {}
    if district.code in rule_codes and groups:
        groups = dict(groups)
        for key, point in own_points.items():
            if key in groups:
                groups[key] = groups[key].without(comparison.GroupAggregate.of([point]))
    goals = _goals_for(district)

    # The years with a figure, per (indicator id, sex), and the district's years split by sex:
    # indexed once instead of scanning every figure for every indicator.
    years_of: dict[tuple, set] = defaultdict(set)
    split_years_of: dict[int, set] = defaultdict(set)
    for area_type, indicator_id, year, value_sex in own:
        years_of[(indicator_id, value_sex)].add(year)
        if area_type == AreaType.DISTRICT and value_sex != Sex.TOTAL:
            split_years_of[indicator_id].add(year)
    for indicator_id, year, value_sex in groups:
        years_of[(indicator_id, value_sex)].add(year)

    sections = []
    for indicator in indicators:
        shown_sex = sex if indicator.person_based else Sex.TOTAL
        years = sorted(years_of.get((indicator.pk, shown_sex), ()))
        rows = []
        for year in years:
            aggregate = groups.get((indicator.pk, year, shown_sex), comparison.GroupAggregate())
            rows.append(
                YearRow(
                    year,
                    own.get((AreaType.DISTRICT, indicator.pk, year, shown_sex), NO_FIGURE),
                    own.get((AreaType.MUNICIPALITY, indicator.pk, year, shown_sex), NO_FIGURE),
                    own.get((AreaType.COUNTRY, indicator.pk, year, shown_sex), NO_FIGURE),
                    comparison.group_figure(aggregate),
                    aggregate.count,
                )
            )
        known = [r for r in rows if not r.district.is_missing]
        latest_row = known[-1] if known else None
        latest = latest_row.district if latest_row else NO_FIGURE
        latest_year = latest_row.year if latest_row else None
        goal_rows = goals.get(indicator.pk, [])
        if goal_rows and shown_sex == Sex.TOTAL:
            baseline_year = goal_rows[0].baseline_year
            baseline = Figure(goal_rows[0].baseline_value)
        else:
            first = known[0] if len(known) > 1 else None
            baseline_year = first.year if first else None
            baseline = first.district if first else NO_FIGURE
        section = IndicatorSection(
            indicator=indicator,
            sex=shown_sex,
            rows=rows,
            latest_year=latest_year,
            latest=latest,
            baseline_year=baseline_year,
            baseline=baseline,
            change=latest.minus(baseline) if baseline_year is not None else NO_FIGURE,
            goals=[_progress(g, latest_year, latest) for g in goal_rows]
            if shown_sex == Sex.TOTAL
            else [],
            has_examples=indicator.pk in with_examples,
        )
        if indicator.person_based:
            split_years = sorted(split_years_of.get(indicator.pk, ()))
            if split_years:
                y = split_years[-1]
                section.sex_split_year = y
                for label, area_type in (
                    (district.name, AreaType.DISTRICT),
                    (municipality.name, AreaType.MUNICIPALITY),
                    ("Riket", AreaType.COUNTRY),
                ):
                    section.sex_split.append(
                        SexSplit(
                            label,
                            own.get((area_type, indicator.pk, y, Sex.WOMEN), NO_FIGURE),
                            own.get((area_type, indicator.pk, y, Sex.MEN), NO_FIGURE),
                            own.get((area_type, indicator.pk, y, Sex.TOTAL), NO_FIGURE),
                        )
                    )
        sections.append(section)
    return DistrictStatistics(district, sex, rule, phase, len(codes), sections)


# ---------- National overview ----------


def overview_districts(*, user) -> QuerySet[District]:
    """Covered districts the user may see (the overview's rows before the filters)."""
    return (
        District.objects.visible_to(user)
        .filter(pk__in=comparison.covered_districts().values("pk"))
        .select_related("municipality__county")
    )


def indicator_years(*, indicator: Indicator) -> tuple[int | None, int | None]:
    span = IndicatorValue.objects.filter(
        indicator=indicator, area_type=AreaType.DISTRICT
    ).aggregate(first=Min("year"), last=Max("year"))
    return span["first"], span["last"]


@dataclass(frozen=True)
class OverviewDistrict:
    """The few facts of a district that an overview row shows (no model instances: the
    overview has a row for every covered district of the country)."""

    pk: int
    code: str
    name: str
    municipality_name: str
    municipality_code: str


@dataclass(frozen=True)
class OverviewRow:
    district: OverviewDistrict
    latest_year: int | None
    latest: Figure
    since: Figure
    change: Figure
    municipality_value: Figure
    gap: Figure
    is_example: bool = False

    # Sort keys: the public number (never a suppressed one), missing lowest.
    @property
    def name(self) -> str:
        return self.district.name

    @property
    def municipality_name(self) -> str:
        return self.district.municipality_name

    @staticmethod
    def _key(f: Figure) -> float:
        return float(f.public) if f.public is not None else float("-inf")

    @property
    def latest_key(self) -> float:
        return self._key(self.latest)

    @property
    def change_key(self) -> float:
        return self._key(self.change)

    @property
    def municipality_key(self) -> float:
        return self._key(self.municipality_value)

    @property
    def gap_key(self) -> float:
        return self._key(self.gap)


def overview_rows(
    *,
    districts: QuerySet[District],
    indicator: Indicator,
    sex: str,
    since_year: int | None,
    last_year: int | None = None,
) -> list[OverviewRow]:
    """One row per district: latest value, change since `since_year`, gap to its municipality
    in the same year. A fixed number of queries, each a range scan of the value index: the
    districts; their values in the indicator's last year (`last_year`, the last year any
    district has a value) and in `since_year`; the older values of the few districts without a
    value in the last year; the municipalities' values of the years found. The rows of the last
    few overviews are kept in this process (`_OVERVIEW_ROWS`); only the districts and the import
    state are read again."""
    if not indicator.person_based:
        sex = Sex.TOTAL
    places = tuple(
        districts.order_by(swedish("name")).values_list(
            "pk", "code", "name", "municipality__name", "municipality__code"
        )
    )
    # The districts themselves are part of the key (compared, not hashed only): a renamed or
    # newly covered district is a new key.
    key = (places, indicator.pk, sex, since_year, last_year, suppression.threshold())
    key += _values_version()
    cached = _OVERVIEW_ROWS.get(key)
    if cached is not None:
        return list(cached)  # a copy: the table sorts its list in place
    rows = _overview_rows(
        [OverviewDistrict(*row) for row in places], indicator, sex, since_year, last_year
    )
    _OVERVIEW_ROWS.put(key, rows)
    return list(rows)


def _overview_rows(places, indicator, sex, since_year, last_year) -> list[OverviewRow]:
    codes = [place.code for place in places]
    latest_year, own_values, municipal_values = _cached_overview_values(
        indicator=indicator,
        sex=sex,
        codes=codes,
        municipality_codes=sorted({place.municipality_code for place in places}),
        since_year=since_year,
        last_year=last_year,
    )
    result = []
    for place in places:
        year = latest_year.get(place.code)
        value, base, example = own_values.get((place.code, year), (None, None, False))
        latest_figure = suppression.figure(value, base)
        since = suppression.figure(*own_values.get((place.code, since_year), (None, None))[:2])
        municipality_figure = suppression.figure(
            *municipal_values.get((place.municipality_code, year), (None, None))
        )
        changed = (
            latest_figure.minus(since)
            if since_year is not None and year is not None and year > since_year
            else NO_FIGURE
        )
        result.append(
            OverviewRow(
                district=place,
                latest_year=year,
                latest=latest_figure,
                since=since,
                change=changed,
                municipality_value=municipality_figure,
                gap=latest_figure.minus(municipality_figure),
                is_example=bool(example),
            )
        )
    return result


def _cached_overview_values(**kwargs) -> tuple[dict, dict, dict]:
    """_overview_values, cached per indicator, sex, years, districts, threshold and import
    state (values change only through imports and their undo: the admin shows them read-only),
    so a repeated overview of all Sweden reads no values at all."""
    facts = {**kwargs, "indicator": kwargs["indicator"].pk}
    digest = hashlib.sha256(
        repr((sorted(facts.items()), suppression.threshold(), _values_version())).encode()
    ).hexdigest()
    key = f"statistics:overview-values:{digest}"
    found = cache.get(key)
    if found is None:
        found = _overview_values(**kwargs)
        cache.set(key, found, GROUP_CACHE_SECONDS)
    return found


def _overview_values(
    *,
    indicator: Indicator,
    sex: str,
    codes: list[str],
    municipality_codes: list[str],
    since_year: int | None,
    last_year: int | None,
) -> tuple[dict, dict, dict]:
    """(latest year per district code, district values by (code, year), municipal values by
    (code, year)) for the overview."""
    values = IndicatorValue.objects.filter(indicator=indicator, sex=sex)
    own = values.filter(area_type=AreaType.DISTRICT, area_code__in=codes)
    if last_year is None:
        last_year = own.filter(value__isnull=False).aggregate(last=Max("year"))["last"]
    fields = ("area_code", "year", "value", "population_base", "is_example")
    wanted = {year for year in (last_year, since_year) if year is not None}
    own_values = {
        (code, year): (value, base, example)
        for code, year, value, base, example in own.filter(year__in=wanted).values_list(*fields)
    }
    latest_year = {
        code: year
        for (code, year), (value, _base, _example) in own_values.items()
        if year == last_year and value is not None
    }
    missing = [code for code in codes if code not in latest_year]
    if missing and last_year is not None:
        older = own.filter(area_code__in=missing, year__lt=last_year, value__isnull=False)
        for code, year, value, base, example in older.order_by("area_code", "-year").values_list(
            *fields
        ):
            if code not in latest_year:
                latest_year[code] = year
                own_values[(code, year)] = (value, base, example)
    municipal_values = {
        (code, year): (value, base)
        for code, year, value, base, _example in values.filter(
            area_type=AreaType.MUNICIPALITY,
            area_code__in=municipality_codes,
            year__in=set(latest_year.values()),
        ).values_list(*fields)
    }
    return latest_year, own_values, municipal_values


# ---------- Import log ----------


def import_batch_list_for_table() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("imported_by", "undone_by").order_by("-imported_at")


def import_batch_get(*, pk: int) -> ImportBatch:
    return get_object_or_404(import_batch_list_for_table(), pk=pk)
