"""A year's worth of data for the national annual report: used by the tests (a few districts)
and by bench/annual_report.py (40 districts). Bulk inserts where the numbers grow."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from agreements.models import (
    Agreement,
    AgreementFunding,
    County,
    District,
    GoalArea,
    Measure,
    Municipality,
)
from partnerships.models import AccordCommitment
from reports.models import (
    AgencyReport,
    AnnualDistrictReport,
    AnnualReport,
    GoalIndicator,
    Indicator,
    IndicatorValue,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)
from tests import factories
from tests.factories.accords import central_unit

#: A value with this population base is below the small-number threshold (10): suppressed.
SUPPRESSED_BASE = 7
#: The value written with SUPPRESSED_BASE; it must never appear in a PDF.
SUPPRESSED_VALUE = Decimal("987.6543")  # "987,7": far outside every other value


@dataclass
class AnnualWorld:
    year: int
    report: AnnualReport
    districts: list[District]
    indicators: list[Indicator]
    municipalities: list[Municipality]
    uncommitted_goal_text: str


def annual_world(
    *, districts: int = 4, year: int = 2026, seed: int = 7, name_prefix: str = "Teststadsdel"
) -> AnnualWorld:
    rng = random.Random(seed)
    county, _created = County.objects.get_or_create(code="99", defaults={"name": "Testlän"})
    municipality_count = max(1, min(8, districts // 5 or 1))
    municipalities = [
        Municipality.objects.get_or_create(
            code=f"99{n:02d}", defaults={"name": f"Testkommun {n}", "county": county}
        )[0]
        for n in range(1, municipality_count + 1)
    ]
    phase = factories.PolicyPhaseFactory(name=f"Årsrapportfas {year} (test)")
    areas = list(GoalArea.objects.order_by("position")[:3])
    if len(areas) < 3:  # the reference goal areas may be missing (e.g. after a flush)
        areas = [
            factories.GoalAreaFactory(code=f"test-omrade-{n}", name=f"Målområde {n} (test)")
            for n in (1, 2, 3)
        ]
    indicators = list(
        Indicator.objects.filter(is_active=True).select_related("goal_area").order_by("position")
    )
    agency = factories.AgencyFactory(name="Testmyndigheten", short_name="TM")
    unit = central_unit(agency)

    agreements = []
    for n, municipality in enumerate(municipalities, start=1):
        agreement = factories.AgreementFactory(
            municipality=municipality,
            policy_phase=phase,
            title=f"Lokalt utvecklingsavtal {municipality.name} {year - 2}–{year + 1}",
            case_number=f"TEST-{year}/{n:03d}",
            starts_on=datetime.date(year - 2, 1, 1),
            ends_on=datetime.date(year + 1, 12, 31),
            status=Agreement.Status.IN_FORCE,
        )
        agreement.goal_areas.add(*areas)
        AgreementFunding.objects.bulk_create(
            AgreementFunding(
                agreement=agreement,
                year=y,
                state_amount_sek=Decimal(1_000_000 + 100_000 * n),
                municipality_amount_sek=Decimal(800_000 + 50_000 * n),
            )
            for y in range(year - 2, year + 1)
        )
        agreements.append(agreement)

    made: list[District] = []
    uncommitted = ""
    value_rows = []
    for i in range(districts):
        agreement = agreements[i % len(agreements)]
        district = District.objects.create(
            municipality=agreement.municipality,
            code=f"{agreement.municipality.code}-T{year % 100}{i:03d}",
            name=f"{name_prefix} {i + 1:02d}",
            status=District.Status.COVERED,
            population=5000 + 100 * i,
        )
        agreement.districts.add(district)
        plan = factories.PlanFactory(agreement=agreement, district=district)
        goals = [
            factories.PlanGoalFactory(
                plan=plan, goal_area=area, position=k, text=f"Mål {k + 1} för {district.name}"
            )
            for k, area in enumerate(areas)
        ]
        goal_indicators = [
            GoalIndicator.objects.create(
                goal=goals[0],
                indicator=indicator,
                baseline_year=year - 3,
                baseline_value=Decimal("50"),
                target_year=year + 1,
                target_value=Decimal("60"),
            )
            for indicator in indicators[:2]
        ]
        measure = Measure.objects.create(goal=goals[0], title=f"Insats i {district.name}")
        accord = factories.AccordFactory(
            agreement=agreement,
            agency_unit=unit,
            status="signed",
            agency_signed_on=datetime.date(year - 2, 3, 1),
            municipality_signed_on=datetime.date(year - 2, 3, 1),
        )
        AccordCommitment.objects.create(accord=accord, plan_goal=goals[0], what="Stöd till jobb")
        uncommitted = goals[-1].text
        report = AnnualDistrictReport.objects.create(
            agreement=agreement,
            district=district,
            year=year,
            due_on=datetime.date(year + 1, 3, 31),
            status=ReviewStatus.DRAFT,
            summary=f"Sammanfattning från {district.name}: arbetet har gått framåt.",
            cooperation="Samverkan med Arbetsförmedlingen och Polisen.",
            obstacles="Svårt att rekrytera.",
        )
        ReportNarrative.objects.bulk_create(
            ReportNarrative(report=report, goal_area=area, text=f"Berättelse om {area.name}.")
            for area in areas
        )
        ReportIndicatorValue.objects.bulk_create(
            ReportIndicatorValue(report=report, goal_indicator=gi, value=Decimal("55"))
            for gi in goal_indicators
        )
        ReportMeasure.objects.create(report=report, measure=measure, status="ongoing")
        # Accepted only now: the database refuses rows added to an accepted report.
        AnnualDistrictReport.objects.filter(pk=report.pk).update(
            status=ReviewStatus.ACCEPTED,
            submitted_at=datetime.datetime(year + 1, 2, 1, tzinfo=datetime.UTC),
            reviewed_at=datetime.datetime(year + 1, 3, 1, tzinfo=datetime.UTC),
        )
        made.append(district)
        for indicator in indicators:
            for y in range(year - 5, year + 1):
                for sex in ("T", "K", "M") if indicator.person_based else ("T",):
                    value_rows.append(
                        IndicatorValue(
                            indicator=indicator,
                            area_type="district",
                            area_code=district.code,
                            year=y,
                            sex=sex,
                            value=Decimal(rng.randint(200, 800)) / 10,
                            population_base=rng.randint(200, 4000),
                        )
                    )
    # One suppressed value: the first district's men, latest year, first person-based indicator.
    person_based = [i for i in indicators if i.person_based]
    if person_based:
        for row in value_rows:
            if (
                row.indicator == person_based[0]
                and row.area_code == made[0].code
                and row.year == year
                and row.sex == "M"
            ):
                row.value, row.population_base = SUPPRESSED_VALUE, SUPPRESSED_BASE
    for indicator in indicators:
        for y in range(year - 5, year + 1):
            for code, area_type in [(m.code, "municipality") for m in municipalities] + [
                ("SE", "country")
            ]:
                for sex in ("T", "K", "M") if indicator.person_based else ("T",):
                    value_rows.append(
                        IndicatorValue(
                            indicator=indicator,
                            area_type=area_type,
                            area_code=code,
                            year=y,
                            sex=sex,
                            value=Decimal(rng.randint(400, 900)) / 10,
                            population_base=100000,
                        )
                    )
    IndicatorValue.objects.bulk_create(value_rows, batch_size=5000, ignore_conflicts=True)
    AgencyReport.objects.create(
        agency=agency,
        unit=unit,
        year=year,
        due_on=datetime.date(year + 1, 3, 31),
        status=ReviewStatus.ACCEPTED,
        submitted_at=datetime.datetime(year + 1, 2, 1, tzinfo=datetime.UTC),
        reviewed_at=datetime.datetime(year + 1, 3, 1, tzinfo=datetime.UTC),
        summary="Myndigheten har deltagit i de lokala partnerskapen.",
        proposals="Förenkla uppföljningen.",
    )
    report, _created = AnnualReport.objects.update_or_create(
        year=year,
        defaults={
            "title": f"Lokala utvecklingsavtal – årsrapport {year}",
            "case_number": f"Ku{year + 1}/00042",
            "introduction": "Regeringen redovisar här arbetet med lokala utvecklingsavtal.",
            "assessment": "Det som gått bra: sysselsättningen.\n\n"
            "Det som inte gått bra: tryggheten.",
        },
    )
    return AnnualWorld(year, report, made, indicators, municipalities, uncommitted)
