"""Factories and helpers for indicators, their values and the districts they describe."""

from __future__ import annotations

import datetime
from decimal import Decimal

from agreements.models import Agreement, District, Municipality
from reports.models import Indicator, IndicatorValue
from tests import factories


def indicator(code: str = "sysselsattningsgrad", **kwargs) -> Indicator:
    defaults = {
        "name": "Sysselsättningsgrad",
        "definition": "Andel förvärvsarbetande 20–64 år.",
        "unit": "procent",
        "direction": Indicator.Direction.HIGHER,
        "source": "SCB",
        "person_based": True,
    }
    defaults.update(kwargs)
    return factories.IndicatorFactory(code=code, **defaults)


def covered_district(
    municipality: Municipality | None = None, *, phase=None, code: str | None = None, **kwargs
) -> District:
    """A district covered by an agreement in force (in `phase`, default the test phase)."""
    municipality = municipality or factories.malmo()
    district = factories.DistrictFactory(
        municipality=municipality, **({"code": code} if code else {}), **kwargs
    )
    agreement = factories.AgreementFactory(
        municipality=municipality,
        policy_phase=phase or factories.PolicyPhaseFactory(),
        status=Agreement.Status.IN_FORCE,
    )
    agreement.districts.add(district)
    return district


def value(
    indicator: Indicator,
    area_code: str,
    year: int,
    number,
    *,
    area_type: str | None = None,
    sex: str = "T",
    base: int | None = None,
    is_example: bool = False,
) -> IndicatorValue:
    if area_type is None:
        area_type = (
            "country"
            if area_code == "SE"
            else "municipality"
            if area_code.isdigit() and len(area_code) == 4
            else "county"
            if area_code.isdigit()
            else "district"
        )
    return IndicatorValue.objects.create(
        indicator=indicator,
        area_type=area_type,
        area_code=area_code,
        year=year,
        sex=sex,
        value=None if number is None else Decimal(str(number)),
        population_base=base,
        is_example=is_example,
        published_on=datetime.date(year + 1, 3, 1),
    )
