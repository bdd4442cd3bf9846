"""Factories and ready-made worlds for strategic district plans and annual district reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory

from agreements.models import Agreement, Measure, StrategicDistrictPlan
from reports.models import AnnualDistrictReport, GoalIndicator, Indicator
from tests import factories


class GoalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalIndicator

    goal = factory.SubFactory(factories.PlanGoalFactory)
    indicator = factory.SubFactory(factories.IndicatorFactory)
    baseline_year = 2024
    baseline_value = Decimal("50.0")
    target_year = 2028
    target_value = Decimal("60.0")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(factories.PlanGoalFactory)
    title = factory.Sequence(lambda n: f"Insats {n}")
    status = Measure.Status.ONGOING


_phase_numbers = iter(range(1, 1_000_000))


def agreement_in_force(municipality, **kwargs) -> Agreement:
    """An agreement in force 2024–2027 under its own policy phase (no overlap with others)."""
    defaults = {
        "municipality": municipality,
        "policy_phase": factories.PolicyPhaseFactory(
            name=f"Testfas för planer {next(_phase_numbers)}"
        ),
        "starts_on": datetime.date(2024, 1, 1),
        "ends_on": datetime.date(2027, 12, 31),
        "plans_due_on": datetime.date(2024, 6, 30),
        "status": Agreement.Status.IN_FORCE,
    }
    defaults.update(kwargs)
    return factories.AgreementFactory(**defaults)


@dataclass
class ReportWorld:
    agreement: Agreement
    plan: StrategicDistrictPlan
    report: AnnualDistrictReport
    rising: GoalIndicator  # higher is better
    falling: GoalIndicator  # lower is better
    measure: Measure

    @property
    def district(self):
        return self.plan.district


def report_world(municipality, *, year: int = 2026, district_name: str = "Rosengård (test)"):
    """An agreement in force with one district, its plan (one goal, a rising and a falling
    indicator, one measure) and the district's report for `year`, not started."""
    agreement = agreement_in_force(municipality)
    district = factories.DistrictFactory(municipality=municipality, name=district_name)
    agreement.districts.add(district)
    work = factories.GoalAreaFactory(code="test-arbete", name="Arbete (test)")
    agreement.goal_areas.add(work)
    plan = factories.PlanFactory(agreement=agreement, district=district)
    goal = factories.PlanGoalFactory(plan=plan, goal_area=work, text="Fler i arbete")
    employed = factories.IndicatorFactory(
        code="T_EMPLOYED", name="Förvärvsarbetande (test)", direction=Indicator.Direction.HIGHER
    )
    unemployed = factories.IndicatorFactory(
        code="T_UNEMPLOYED",
        name="Arbetslösa (test)",
        direction=Indicator.Direction.LOWER,
        unit="procent",
    )
    rising = GoalIndicatorFactory(
        goal=goal, indicator=employed, baseline_value=Decimal("50"), target_value=Decimal("60")
    )
    falling = GoalIndicatorFactory(
        goal=goal, indicator=unemployed, baseline_value=Decimal("20"), target_value=Decimal("10")
    )
    measure = MeasureFactory(goal=goal, title="Jobbtorg (test)")
    report = factories.DistrictReportFactory(
        agreement=agreement,
        district=district,
        year=year,
        due_on=datetime.date(year, 10, 1),
    )
    return ReportWorld(agreement, plan, report, rising, falling, measure)


def complete_post_data(world: ReportWorld, **overrides) -> dict:
    """The edit form as a coordinator fills it in completely."""
    area = world.agreement.goal_areas.get()
    data = {
        "version": world.report.version,
        "summary": "Ett år med fler i arbete.",
        f"narrative_{area.pk}": "Jobbtorget har kommit igång.",
        f"value_{world.rising.pk}": "55,5",
        f"comment_{world.rising.pk}": "",
        f"value_{world.falling.pk}": "15",
        f"comment_{world.falling.pk}": "",
        f"measure_status_{world.measure.pk}": Measure.Status.ONGOING,
        f"measure_comment_{world.measure.pk}": "Pågår enligt plan.",
        "cooperation": "Arbetsförmedlingen finns på plats två dagar i veckan.",
        "obstacles": "Sekretess mellan myndigheterna.",
        "goal_conflicts": "Inga kända.",
        "resident_participation": "Boendedialoger i tre bostadsområden.",
    }
    data.update(overrides)
    return data
