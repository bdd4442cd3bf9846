"""Factories and helpers for indicators, their values and the districts they describe."""

from __future__ import annotations

import datetime
from decimal import Decimal

from agreements.models import Agreement, District, Municipality
from reports.models import Indicator, IndicatorValue
from tests import factories


def without_reference_indicators() -> None:
    """Remove the catalogue the migrations load, so that a test sees only its own indicators."""
    Indicator.objects.all().delete()


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


def statistics_world() -> dict:
    """Rosengård (Malmö) with an agreement, a comparison district in Botkyrka in the same
    phase, values for the district, Malmö, Sweden and the group, and a plan goal with a target."""
    from reports.models import GoalIndicator

    without_reference_indicators()
    phase = factories.PolicyPhaseFactory(name="Statsbidrag (test)", short_name="Statsbidrag")
    malmo = factories.malmo()
    rosengard = covered_district(malmo, phase=phase, code="1280-01", name="Rosengård")
    fittja = covered_district(factories.botkyrka(), phase=phase, code="0127-01", name="Fittja")
    alby = covered_district(factories.botkyrka(), phase=phase, code="0127-02", name="Alby")
    employment = indicator(decimals=1)
    turnout = indicator(
        "valdeltagande",
        name="Valdeltagande",
        person_based=False,
        periodicity=Indicator.Periodicity.ELECTION,
        decimals=1,
    )
    for year, district_value, municipal, country in [
        (2018, "45.0", "66.0", "77.0"),
        (2019, "47.0", "66.5", "77.5"),
        (2020, "50.0", "67.0", "78.0"),
    ]:
        value(employment, "1280-01", year, district_value, base=4000)
        value(employment, "1280", year, municipal, base=200000)
        value(employment, "SE", year, country, base=6000000)
        value(employment, "0127-01", year, "40.0", base=1000)
        value(employment, "0127-02", year, "50.0", base=3000)
    value(employment, "1280-01", 2020, "48.0", sex="K", base=2000)
    value(employment, "1280-01", 2020, "52.0", sex="M", base=8)  # suppressed
    value(employment, "1280", 2020, "65.0", sex="K", base=100000)
    value(turnout, "1280-01", 2018, "51.0")
    value(turnout, "1280-01", 2022, "49.5")
    plan = factories.PlanFactory(agreement=rosengard.agreements.get(), district=rosengard)
    goal = factories.PlanGoalFactory(plan=plan, text="Fler i arbete i Rosengård")
    GoalIndicator.objects.create(
        goal=goal,
        indicator=employment,
        baseline_year=2018,
        baseline_value=Decimal("45.0"),
        target_year=2027,
        target_value=Decimal("55.0"),
    )
    return {
        "phase": phase,
        "malmo": malmo,
        "rosengard": rosengard,
        "fittja": fittja,
        "alby": alby,
        "employment": employment,
        "turnout": turnout,
    }
