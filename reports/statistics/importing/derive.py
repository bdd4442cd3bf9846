"""District values computed from DeSO or RegSO values in the same import file.

A district may be defined by SCB's small areas (`District.deso_codes`, else `regso_codes`). When
the file holds a value for *every* one of those areas for an indicator, year and sex, the district
gets a value too, stored with the import like the others (so that undo removes it as well):

- the population-weighted mean Σ(value × base) / Σ(base), with Σ(base) as population base, when
  every part has a population base;
- otherwise the plain mean of the parts, with no population base.

A district row in the file itself wins over a computed one. A part that is missing (no row, or an
empty value) means no computed value: a mean of some of the parts would be misleading.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from agreements.models import District
from reports.statistics.areas import AreaType
from reports.statistics.importing.validation import FOUR_PLACES, ValidRow

SMALL_AREA_TYPES = (AreaType.DESO, AreaType.REGSO)


class SmallAreaValues:
    def __init__(self):
        self.definitions: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for code, deso, regso in District.objects.exclude(
            deso_codes=[], regso_codes=[]
        ).values_list("code", "deso_codes", "regso_codes"):
            if deso:
                self.definitions[AreaType.DESO].append((code, tuple(deso)))
            elif regso:
                self.definitions[AreaType.REGSO].append((code, tuple(regso)))
        # (area type, indicator id, year, sex) → {small area code: (value, base, source)}
        self.values: dict[tuple, dict[str, tuple]] = defaultdict(dict)

    def add(self, row: ValidRow) -> None:
        indicator_id, area_type, code, year, sex, value, base, source, _published = row
        self.values[(area_type, indicator_id, year, sex)][code] = (value, base, source)

    def district_rows(self, already_in_file) -> Iterator[ValidRow]:
        """Computed district rows; `already_in_file(row)` is true for keys the file holds."""
        for (area_type, indicator_id, year, sex), parts in self.values.items():
            for district_code, codes in self.definitions.get(area_type, ()):
                if codes[0] not in parts:
                    continue
                found = [parts.get(c) for c in codes]
                if any(p is None or p[0] is None for p in found):
                    continue
                row = (
                    indicator_id,
                    AreaType.DISTRICT,
                    district_code,
                    year,
                    sex,
                    *combine(found),
                )
                if not already_in_file(row):
                    yield row


def combine(parts: list[tuple]) -> tuple[Decimal, int | None, str, None]:
    """(value, population base, source, publication date) of a district from its parts."""
    values = [p[0] for p in parts]
    bases = [p[1] for p in parts]
    sources = {p[2] for p in parts}
    source = sources.pop() if len(sources) == 1 else ""
    if all(b is not None for b in bases) and sum(bases) > 0:
        total = sum(bases)
        value = sum((v * b for v, b in zip(values, bases, strict=True)), Decimal(0)) / total
        return value.quantize(FOUR_PLACES), total, source, None
    return (sum(values, Decimal(0)) / len(values)).quantize(FOUR_PLACES), None, source, None
