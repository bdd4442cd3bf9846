"""The group of comparable districts a district is measured against ("jämfört med andra
jämförbara stadsdelar", skr. 2002/03), and the arithmetic of the group's value.

The group's value for an indicator, year and sex is computed from the districts of the group that
have a value (suppressed values left out, see `suppression`):

- the population-weighted mean Σ(value × base) / Σ(base) when every one of those values has a
  population base, with Σ(base) as the group's population base;
- otherwise the plain mean of the values, with no population base.

`GroupAggregate` holds the sums the rule needs; the database computes them (`selectors`), and
`GroupAggregate.of(points)` computes the same sums in Python, so both can be checked against each
other. `group_figure` applies the rule and the suppression threshold to the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, District
from reports.statistics import suppression

FOUR_PLACES = Decimal("0.0001")

# Agreements that were actually entered: a district they cover is "covered by an agreement".
ENTERED_STATUSES = (
    Agreement.Status.SIGNED,
    Agreement.Status.IN_FORCE,
    Agreement.Status.ENDED,
    Agreement.Status.PAUSED,
    Agreement.Status.TERMINATED,
)


class GroupRule:
    """How the comparison group is chosen (the page's "Jämförelsegrupp" choice)."""

    SAME_PHASE = "fas"
    ALL_COVERED = "avtal"
    NOT_COVERED = "utan-avtal"

    choices = [
        (SAME_PHASE, _("Stadsdelar med avtal inom samma politikområde")),
        (ALL_COVERED, _("Alla stadsdelar med avtal")),
        (NOT_COVERED, _("Utpekade stadsdelar utan avtal")),
    ]
    default = SAME_PHASE

    @classmethod
    def parse(cls, value: str | None) -> str:
        return value if value in dict(cls.choices) else cls.default

    @classmethod
    def label(cls, value: str):
        return dict(cls.choices)[value]


def covered_districts() -> QuerySet[District]:
    """Districts covered by at least one entered agreement, or marked as covered."""
    # EXISTS, not a join with DISTINCT: the join grouped every district-agreement row of the
    # country (decision 0024, the statistics overview).
    entered = Agreement.districts.through.objects.filter(
        district_id=OuterRef("pk"), agreement__status__in=ENTERED_STATUSES
    )
    return District.objects.filter(Q(status=District.Status.COVERED) | Exists(entered))


def phase_of(district: District):
    """The policy phase of the district's latest entered agreement (or of any agreement)."""
    agreements = (
        Agreement.objects.filter(districts=district)
        .order_by("-starts_on", "-pk")
        .select_related("policy_phase")
    )
    entered = agreements.filter(status__in=ENTERED_STATUSES).first()
    chosen = entered or agreements.first()
    return chosen.policy_phase if chosen else None


def group_district_codes(district: District, rule: str, phase) -> list[str]:
    """The codes of the group's districts; the district itself is never in its own group."""
    return [code for code in rule_district_codes(rule, phase) if code != district.code]


def rule_district_codes(rule: str, phase) -> list[str]:
    """The codes of every district the rule takes in (for a district's group, without the
    district itself: group_district_codes). The same list for every district of a phase, so
    the sums over it can be cached (decision 0024)."""
    if rule == GroupRule.SAME_PHASE and phase is not None:
        in_phase = Agreement.districts.through.objects.filter(
            district_id=OuterRef("pk"),
            agreement__policy_phase=phase,
            agreement__status__in=ENTERED_STATUSES,
        )
        districts = District.objects.filter(Exists(in_phase))  # one row per district, no join
    elif rule == GroupRule.NOT_COVERED:
        districts = District.objects.filter(status=District.Status.DESIGNATED).exclude(
            agreements__status__in=ENTERED_STATUSES
        )
    else:
        districts = covered_districts()
    return sorted(set(districts.values_list("code", flat=True).order_by()))


@dataclass(frozen=True, slots=True)
class GroupAggregate:
    """Sums over the group's unsuppressed values for one indicator, year and sex."""

    count: int = 0  # values
    based: int = 0  # values that have a population base
    sum_value: Decimal = Decimal(0)
    sum_weighted: Decimal = Decimal(0)  # Σ value × base over the values with a base
    sum_base: int = 0

    @classmethod
    def of(cls, points: Iterable[tuple[Decimal | None, int | None]]) -> GroupAggregate:
        """The sums over (value, population base) pairs, leaving out missing and suppressed."""
        count = based = sum_base = 0
        sum_value = sum_weighted = Decimal(0)
        for value, base in points:
            if value is None or suppression.is_suppressed(base):
                continue
            count += 1
            sum_value += value
            if base is not None:
                based += 1
                sum_weighted += value * base
                sum_base += base
        return cls(count, based, sum_value, sum_weighted, sum_base)

    def without(self, other: GroupAggregate) -> GroupAggregate:
        """These sums less `other`'s (the group's sums without one district's values)."""
        return GroupAggregate(
            self.count - other.count,
            self.based - other.based,
            self.sum_value - other.sum_value,
            self.sum_weighted - other.sum_weighted,
            self.sum_base - other.sum_base,
        )


def group_value(aggregate: GroupAggregate) -> tuple[Decimal | None, int | None, bool]:
    """(value, population base, weighted?) of the group by the rule above."""
    if aggregate.count == 0:
        return None, None, False
    if aggregate.based == aggregate.count and aggregate.sum_base > 0:
        value = Decimal(aggregate.sum_weighted) / aggregate.sum_base
        return value.quantize(FOUR_PLACES), aggregate.sum_base, True
    value = Decimal(aggregate.sum_value) / aggregate.count
    return value.quantize(FOUR_PLACES), None, False


def group_figure(aggregate: GroupAggregate) -> suppression.Figure:
    value, base, _weighted = group_value(aggregate)
    return suppression.figure(value, base)
