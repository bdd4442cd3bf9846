"""Generated indicator series (utfall) for the demo: Exempeldata, never real statistics.

Every value is drawn from a random generator seeded with the area, indicator and a fixed seed, so
the same area always gets the same series, whatever else is loaded. A district lies further from
the national level than its municipality, and its gap narrows slowly over the years. Person-based
indicators get totals and values for women and men; small districts give small population bases
(below the suppression threshold of 10 for some school indicators), and a few values are missing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reports.demo.base import EXAMPLE

SEED = 20071001
FIRST_YEAR = 2014
LAST_YEAR = 2025
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
ELECTION_YEARS = (2014, 2018, 2022)
MISSING_SHARE = 0.025


@dataclass(frozen=True)
class Spec:
    """How one indicator behaves: national level in FIRST_YEAR and yearly trend, the gap of a
    typical district, women minus men, noise, bounds, the population share it is computed on, and
    the improvement a plan aims at."""

    base: float
    trend: float
    gap: float
    sex_gap: float
    sd: float
    low: float
    high: float
    share: float
    target_step: float


SPECS = {
    "sysselsattningsgrad": Spec(77.0, 0.35, -24, -4.0, 1.2, 20, 95, 0.57, 4),
    "arbetsloshet": Spec(7.0, -0.08, 9, -0.6, 0.7, 0.5, 40, 0.60, 2),
    "langtidsarbetsloshet": Spec(2.4, -0.03, 4.5, -0.4, 0.4, 0.1, 20, 0.52, 1),
    "ekonomiskt_bistand": Spec(4.4, -0.12, 11, 0.4, 0.8, 0.3, 50, 1.0, 3),
    "egen_forsorjning": Spec(81.0, 0.25, -21, -3.0, 1.2, 30, 97, 0.57, 4),
    "behorighet_gymnasiet": Spec(86.5, -0.25, -19, 3.0, 2.5, 30, 100, 0.011, 5),
    "godkant_alla_amnen": Spec(77.0, -0.2, -24, 4.0, 2.8, 20, 100, 0.011, 5),
    "eftergymnasial_utbildning": Spec(40.0, 0.7, -16, 10.0, 1.0, 5, 85, 0.52, 3),
    "unga_utanfor": Spec(8.0, -0.05, 7, -1.0, 1.2, 1, 40, 0.06, 2),
    "valdeltagande_kommunval": Spec(82.8, 0.1, -26, 1.5, 1.5, 30, 95, 0.76, 5),
    "otrygghet": Spec(22.0, -0.2, 17, 14.0, 2.5, 2, 80, 0.80, 4),
    "anmalda_brott": Spec(145.0, -0.8, 55, 0.0, 8.0, 20, 600, 1.0, 15),
    "ohalsotal": Spec(29.0, -0.6, 14, 8.0, 1.8, 5, 90, 0.62, 4),
    "utrikes_fodda": Spec(16.5, 0.45, 38, 0.5, 1.2, 1, 85, 1.0, 0),
    "medianinkomst": Spec(300.0, 8.0, -105, -55.0, 6.0, 80, 700, 0.57, 25),
}

# How far an area type lies from the national level (share of a typical district's gap) and how
# noisy its values are (share of the indicator's noise).
LEVELS = {
    "country": ((0.0, 0.0), 0.05, (10_300_000, 10_300_001)),
    "county": ((0.02, 0.12), 0.15, (60_000, 2_300_000)),
    "municipality": ((0.06, 0.30), 0.35, (25_000, 950_000)),
    "district": ((0.75, 1.25), 1.0, (1_500, 16_000)),
}


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    decimals: int
    person_based: bool
    election: bool


@dataclass(frozen=True)
class Area:
    area_type: str  # IndicatorValue.AreaType value
    code: str


@dataclass(frozen=True)
class Point:
    value: Decimal | None
    population_base: int | None


class Series:
    """All generated values, keyed (indicator code, area type, area code, year, sex)."""

    def __init__(self):
        self.points: dict[tuple[str, str, str, int, str], Point] = {}

    def value(self, code: str, area: Area, year: int, sex: str = "T") -> Decimal | None:
        point = self.points.get((code, area.area_type, area.code, year, sex))
        return point.value if point else None

    def latest(self, code: str, area: Area, year: int) -> tuple[int, Decimal] | None:
        """The latest total value at or before `year`: (year, value)."""
        for y in range(year, FIRST_YEAR - 1, -1):
            value = self.value(code, area, y)
            if value is not None:
                return y, value
        return None

    def __len__(self) -> int:
        return len(self.points)


def _rng(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (SEED, *parts)))


def _quantize(x: float, decimals: int) -> Decimal:
    return Decimal(str(round(x, decimals))).quantize(Decimal(1).scaleb(-decimals))


def build_series(indicators: list[IndicatorInfo], areas: list[Area]) -> Series:
    series = Series()
    for area in areas:
        (v_low, v_high), noise_share, (p_low, p_high) = LEVELS[area.area_type]
        area_rng = _rng(area.area_type, area.code)
        vulnerability = area_rng.uniform(v_low, v_high)
        population = area_rng.randint(p_low, p_high)
        for info in indicators:
            spec = SPECS[info.code]
            rng = _rng(area.area_type, area.code, info.code)
            years = ELECTION_YEARS if info.election else YEARS
            for year in years:
                t = year - FIRST_YEAR
                convergence = 1 - 0.012 * t if area.area_type == "district" else 1
                level = spec.base + spec.trend * t + spec.gap * vulnerability * convergence
                total = level + rng.gauss(0, spec.sd * noise_share)
                people = round(population * (1 + 0.008 * t) * spec.share)
                missing = area.area_type == "district" and rng.random() < MISSING_SHARE
                sexes = (
                    [
                        ("T", total, people),
                        ("K", total + spec.sex_gap / 2 + rng.gauss(0, spec.sd * 0.2), people // 2),
                        ("M", total - spec.sex_gap / 2 + rng.gauss(0, spec.sd * 0.2), people // 2),
                    ]
                    if info.person_based
                    else [("T", total, people)]
                )
                for sex, raw, base in sexes:
                    value = (
                        None
                        if missing
                        else _quantize(min(spec.high, max(spec.low, raw)), info.decimals)
                    )
                    series.points[(info.code, area.area_type, area.code, year, sex)] = Point(
                        value, base
                    )
    return series


def indicator_value_rows(series: Series, indicator_ids: dict[str, int]):
    """One row per point, as (indicator_id, area_type, area_code, year, sex, value,
    population_base, source, published_on, is_example): every value labelled example data."""
    for (code, area_type, area_code, year, sex), point in series.points.items():
        yield (
            indicator_ids[code],
            area_type,
            area_code,
            year,
            sex,
            point.value,
            point.population_base,
            EXAMPLE,
            date(year + 1, 4, 15),
            True,
        )
