"""Factories for the grant app (förordning 2018:151). Rounds get their own policy phase and
appropriation, so a test does not depend on the reference data the migrations load."""

import datetime
from decimal import Decimal

import factory

from agreements.models import PhaseAppropriation, PolicyPhase
from grants.models import (
    GrantApplication,
    GrantBudgetLine,
    GrantGoal,
    GrantGoalIndicator,
    GrantMeasure,
    GrantProgramme,
    GrantRound,
)
from tests import factories

MNKR = Decimal("1000000")


class GrantPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyPhase
        django_get_or_create = ("name",)

    name = "Statsbidrag (testfas)"
    short_name = "Statsbidrag test"
    legal_basis = "förordning (2018:151)"
    starts_on = datetime.date(2018, 1, 1)
    ends_on = datetime.date(2027, 12, 31)


class GrantProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantProgramme
        django_get_or_create = ("name",)

    name = "Statsbidrag till kommuner med socioekonomiskt eftersatta områden (test)"
    short_name = "Statsbidrag (test)"
    legal_basis = "Förordning (2018:151)"
    policy_phase = factory.SubFactory(GrantPhaseFactory)


def grant_round(
    year: int = 2020,
    *,
    appropriation: Decimal | None = Decimal("100") * MNKR,
    eligible=(),
    administering_body=None,
    advisory_body=None,
    programme=None,
    opens_on=None,
    closes_on=None,
) -> GrantRound:
    """A round for `year` (default 2020) with its appropriation and eligible municipalities."""
    # The programme the migrations load, or (after a transactional test's flush) a test one.
    programme = programme or GrantProgramme.objects.first() or GrantProgrammeFactory()
    line = None
    if appropriation is not None:
        line, _ = PhaseAppropriation.objects.update_or_create(
            phase=programme.policy_phase, year=year, defaults={"amount_sek": appropriation}
        )
    grant_round, _ = GrantRound.objects.update_or_create(
        programme=programme,
        year=year,
        defaults={
            "appropriation": line,
            "opens_on": opens_on or datetime.date(year - 1, 10, 1),
            "closes_on": closes_on or datetime.date(year - 1, 11, 30),
            "administering_body": administering_body,
            "advisory_body": advisory_body,
        },
    )
    grant_round.eligible_municipalities.add(*eligible)
    return grant_round


def application(
    grant_round: GrantRound,
    municipality,
    *,
    created_by=None,
    years: int = 1,
    status: str = GrantApplication.Status.DRAFT,
    applied_per_year: Decimal = Decimal("900000"),
    cost_per_year: Decimal = Decimal("1000000"),
    complete: bool = True,
    districts: int = 1,
) -> GrantApplication:
    """An application with districts, a goal with an indicator, a measure and a budget that keeps
    the 90 % rule, saved directly (no service) in the given status."""
    created_by = created_by or factories.UserFactory()
    app = GrantApplication.objects.create(
        round=grant_round,
        municipality=municipality,
        title=f"Insatser i {municipality.name}",
        first_year=grant_round.year,
        last_year=grant_round.year + years - 1,
        description="Tidiga insatser för barn och unga, trygghet och sysselsättning.",
        created_by=created_by,
        status=status,
        submitted_at=None
        if status == GrantApplication.Status.DRAFT
        else datetime.datetime(grant_round.year - 1, 11, 1, tzinfo=datetime.UTC),
        submitted_by=None if status == GrantApplication.Status.DRAFT else created_by,
    )
    if not complete:
        return app
    area = factories.GoalAreaFactory()
    district_rows = [factories.DistrictFactory(municipality=municipality) for _ in range(districts)]
    app.districts.set(district_rows)
    goal = GrantGoal.objects.create(application=app, goal_area=area, text="Fler i arbete")
    GrantGoalIndicator.objects.create(
        goal=goal,
        indicator=factories.IndicatorFactory(),
        baseline_year=grant_round.year - 1,
        baseline_value=Decimal("50"),
        target_year=grant_round.year + 2,
        target_value=Decimal("60"),
    )
    measure = GrantMeasure.objects.create(
        application=app,
        title="Sommarjobb för unga",
        goal_area=area,
        starts_on=datetime.date(grant_round.year, 1, 1),
        ends_on=datetime.date(app.last_year, 12, 31),
    )
    measure.districts.set(district_rows)
    for year in app.years:
        GrantBudgetLine.objects.create(
            application=app,
            year=year,
            cost_type=GrantBudgetLine.CostType.PERSONNEL,
            district=district_rows[0] if district_rows else None,
            cost_sek=cost_per_year,
            own_financing_sek=cost_per_year - applied_per_year,
            applied_sek=applied_per_year,
        )
    return app
