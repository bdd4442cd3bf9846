"""Checking one row of an import file against the catalogue and the known areas.

`Validator.load()` reads what a check needs once (a handful of queries); `check(fields)` then
returns the row as it will be stored, or the Swedish reasons why it cannot be.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import County, District, Municipality
from reports.models import Indicator
from reports.statistics.areas import (
    AREA_TYPE_LABELS,
    AREA_TYPE_WORDS,
    DESO_RE,
    REGSO_RE,
    SWEDEN,
    AreaType,
)

FIRST_YEAR = 1950
FOUR_PLACES = Decimal("0.0001")
LIMIT = Decimal(10) ** 12  # DecimalField(max_digits=16, decimal_places=4)
SOURCE_MAX = 200
SEX_WORDS = {
    "": "T",
    "T": "T",
    "TOTALT": "T",
    "ALLA": "T",
    "K": "K",
    "KVINNOR": "K",
    "KVINNA": "K",
    "M": "M",
    "MÄN": "M",
    "MAN": "M",
}
COUNTRY_WORDS = {"SE", "RIKET", "SVERIGE", "0000"}
SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


@dataclass(frozen=True, slots=True)
class IndicatorInfo:
    id: int
    code: str
    person_based: bool


# The row as stored: indicator id, area type, area code, year, sex, value, population base,
# source, publication date.
ValidRow = tuple[int, str, str, int, str, Decimal | None, int | None, str, datetime.date | None]


def parse_decimal(raw) -> Decimal | None:
    """'55,1', '55.1', '1 234,5', '−2,5', 55.1 → Decimal; '', '..' and None → None (missing)."""
    if type(raw) is str:  # the common case (CSV): no spaces, one decimal separator
        text = raw.strip()
        if text == "" or text == "..":
            return None
        if "," in text:
            if "." in text:
                raise ValueError
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = _decimal_slow(text)
    elif raw is None:
        return None
    elif isinstance(raw, bool):
        raise ValueError
    elif isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        number = _decimal_slow(str(raw).strip())
    if not number.is_finite():
        raise ValueError
    return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def _decimal_slow(text: str) -> Decimal:
    """Grouping spaces (1 234,5) and the minus sign − (U+2212)."""
    text = text.translate(SPACES).replace("\u2212", "-")
    if "," in text:
        if "." in text:
            raise ValueError
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError from error


def parse_int(raw) -> int | None:
    """Whole numbers: 2020, 2020.0 (Excel), '1 234'; '' and None → None."""
    if type(raw) is str:
        text = raw.strip()
        if text.isdigit():
            return int(text)
        if text == "":
            return None
    elif raw is None:
        return None
    elif isinstance(raw, bool):
        raise ValueError
    elif isinstance(raw, int):
        return raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError
        return int(raw)
    text = str(raw).strip().translate(SPACES)
    if text.endswith(".0"):
        text = text[:-2]
    if not (text.isdigit() or (text.startswith("-") and text[1:].isdigit())):
        raise ValueError
    return int(text)


def parse_date(raw) -> datetime.date | None:
    if raw is None or raw == "" or (type(raw) is str and not raw.strip()):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    return datetime.date.fromisoformat(str(raw).strip())


def _text(raw) -> str:
    if type(raw) is str:
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


class Validator:
    def __init__(self, *, indicators: dict[str, IndicatorInfo], areas: dict[str, set[str]]):
        self.indicators = indicators
        self.areas = areas
        self.last_year = timezone.localdate().year
        # Checked raw values → their result, so that the millionth row costs a few lookups.
        self._seen_indicator: dict = {}
        self._seen_area: dict = {}
        self._seen_year: dict = {}
        self._seen_sex: dict = {}

    @classmethod
    def load(cls) -> Validator:
        indicators: dict[str, IndicatorInfo] = {}
        rows = Indicator.objects.values_list("id", "code", "kolada_kpi", "person_based")
        for pk, code, kpi, person_based in rows:
            info = IndicatorInfo(pk, code, person_based)
            if kpi:
                indicators.setdefault(kpi.upper(), info)
            indicators[code] = info
        deso: set[str] = set()
        regso: set[str] = set()
        districts: set[str] = set()
        for code, deso_codes, regso_codes in District.objects.values_list(
            "code", "deso_codes", "regso_codes"
        ):
            districts.add(code)
            deso.update(deso_codes or ())
            regso.update(regso_codes or ())
        areas = {
            AreaType.DISTRICT: districts,
            AreaType.MUNICIPALITY: set(Municipality.objects.values_list("code", flat=True)),
            AreaType.COUNTY: set(County.objects.values_list("code", flat=True)),
            AreaType.COUNTRY: {SWEDEN},
            AreaType.DESO: deso,
            AreaType.REGSO: regso,
        }
        return cls(indicators=indicators, areas=areas)

    def _indicator(self, raw, errors: list[str]) -> IndicatorInfo | None:
        code = _text(raw)
        if not code:
            errors.append(_("indikator saknas"))
            return None
        info = self.indicators.get(code) or self.indicators.get(code.upper())
        if info is None:
            errors.append(_("okänd indikator ”%(code)s”") % {"code": code})
        return info

    def _area(self, raw_type, raw_code, errors: list[str]) -> tuple[str, str] | None:
        code = _text(raw_code)
        word = _text(raw_type).lower()
        if not code:
            errors.append(_("områdeskod saknas"))
            return None
        if word:
            area_type = AREA_TYPE_WORDS.get(word)
            if area_type is None:
                errors.append(
                    _("okänd områdestyp ”%(type)s” (stadsdel, kommun, län, riket, deso, regso)")
                    % {"type": _text(raw_type)}
                )
                return None
        else:
            area_type = self._infer_type(code)
        if area_type == AreaType.COUNTRY and code.upper() in COUNTRY_WORDS:
            code = SWEDEN
        elif area_type == AreaType.MUNICIPALITY and code.isdigit() and len(code) < 4:
            code = code.zfill(4)  # Excel drops leading zeros: 114 → 0114
        elif area_type == AreaType.COUNTY and code.isdigit() and len(code) < 2:
            code = code.zfill(2)
        if code not in self.areas[area_type]:
            errors.append(
                _("okänd områdeskod ”%(code)s” för områdestypen %(type)s")
                % {"code": code, "type": AREA_TYPE_LABELS[area_type]}
            )
            return None
        return area_type, code

    def _infer_type(self, code: str) -> str:
        if code.upper() in COUNTRY_WORDS:
            return AreaType.COUNTRY
        if code.isdigit() and len(code) <= 2:
            return AreaType.COUNTY
        if code.isdigit() and len(code) <= 4:
            return AreaType.MUNICIPALITY
        if DESO_RE.match(code) and code not in self.areas[AreaType.DISTRICT]:
            return AreaType.DESO
        if REGSO_RE.match(code) and code not in self.areas[AreaType.DISTRICT]:
            return AreaType.REGSO
        return AreaType.DISTRICT

    def check(self, fields: tuple) -> tuple[ValidRow | None, list[str]]:
        """The row to store, or None and the reasons (Swedish, lower case, without full stop).

        Fast path: indicator, area, year and sex seen before in a good row are looked up; the
        value, base, source and date are parsed for every row."""
        indicator_raw, type_raw, code_raw, year_raw, sex_raw, value_raw, base_raw = fields[:7]
        try:
            indicator = self._seen_indicator[indicator_raw]
            area_type, area_code = self._seen_area[(type_raw, code_raw)]
            year = self._seen_year[year_raw]
            sex = self._seen_sex[(sex_raw, indicator.person_based)]
            value = parse_decimal(value_raw)
            base = parse_int(base_raw)
        except (KeyError, TypeError, ValueError):
            return self._check(fields)
        if (value is not None and abs(value) >= LIMIT) or (
            base is not None and not 0 <= base <= 2_147_483_647
        ):
            return self._check(fields)
        source = fields[7]
        source = source.strip() if type(source) is str else _text(source)
        if len(source) > SOURCE_MAX:
            return self._check(fields)
        published = fields[8]
        if published is not None and published != "":
            return self._check(fields)
        return (indicator.id, area_type, area_code, year, sex, value, base, source, None), []

    def _check(self, fields: tuple) -> tuple[ValidRow | None, list[str]]:
        """Every check, with a reason for each failure; remembers what passed."""
        errors: list[str] = []
        indicator_raw, type_raw, code_raw, year_raw, sex_raw, value_raw, base_raw = fields[:7]
        source_raw, published_raw = fields[7], fields[8]
        indicator = self._indicator(indicator_raw, errors)
        area = self._area(type_raw, code_raw, errors)

        year = None
        try:
            year = parse_int(year_raw)
        except ValueError:
            errors.append(_("året ”%(year)s” är inget heltal") % {"year": _text(year_raw)})
        else:
            if year is None:
                errors.append(_("år saknas"))
            elif not FIRST_YEAR <= year <= self.last_year:
                errors.append(
                    _("året %(year)s är orimligt (tillåtet %(first)s–%(last)s)")
                    % {"year": year, "first": FIRST_YEAR, "last": self.last_year}
                )
                year = None

        sex = SEX_WORDS.get(_text(sex_raw).upper())
        if sex is None:
            errors.append(_("ogiltigt kön ”%(sex)s” (T, K eller M)") % {"sex": _text(sex_raw)})
        elif indicator is not None and not indicator.person_based and sex != "T":
            errors.append(
                _("indikatorn %(code)s är inte personbaserad: kön ska vara T")
                % {"code": indicator.code}
            )

        value = None
        try:
            value = parse_decimal(value_raw)
        except ValueError:
            errors.append(_("värdet ”%(value)s” är inget tal") % {"value": _text(value_raw)})
        else:
            if value is not None and abs(value) >= LIMIT:
                errors.append(_("värdet %(value)s är för stort") % {"value": _text(value_raw)})

        base = None
        try:
            base = parse_int(base_raw)
        except ValueError:
            errors.append(
                _("befolkningsunderlaget ”%(base)s” är inget heltal") % {"base": _text(base_raw)}
            )
        else:
            if base is not None and not 0 <= base <= 2_147_483_647:
                errors.append(_("befolkningsunderlaget %(base)s är orimligt") % {"base": base})

        source = _text(source_raw)
        if len(source) > SOURCE_MAX:
            errors.append(_("källan är längre än %(n)s tecken") % {"n": SOURCE_MAX})

        published = None
        try:
            published = parse_date(published_raw)
        except ValueError:
            errors.append(
                _("publiceringsdatumet ”%(date)s” är inget datum (ÅÅÅÅ-MM-DD)")
                % {"date": _text(published_raw)}
            )

        if errors:
            return None, errors
        try:
            self._seen_indicator[indicator_raw] = indicator
            self._seen_area[(type_raw, code_raw)] = area
            self._seen_year[year_raw] = year
            self._seen_sex[(sex_raw, indicator.person_based)] = sex
        except TypeError:
            pass  # an unhashable cell value: not remembered, checked again next time
        return (indicator.id, area[0], area[1], year, sex, value, base, source, published), []
