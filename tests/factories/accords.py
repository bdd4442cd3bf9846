"""Factories and small builders for accords, partnerships and agency reports."""

from __future__ import annotations

import datetime

import factory

from agreements.models import Agreement, GoalArea
from partnerships.models import AccordCommitment, AgencyUnit, CooperationAccord
from reports.models import AgencyReportEntry
from tests import factories

PERIOD = (datetime.date(2008, 1, 1), datetime.date(2010, 12, 31))


def signed_agreement(municipality=None, **kwargs) -> Agreement:
    """An agreement in force 2008–2010 (accords can be signed under it)."""
    municipality = municipality or factories.malmo()
    values = {
        "municipality": municipality,
        "title": f"Lokalt utvecklingsavtal {municipality.name}",
        "starts_on": PERIOD[0],
        "ends_on": PERIOD[1],
        "status": Agreement.Status.IN_FORCE,
        "municipality_signed_on": datetime.date(2007, 12, 1),
        **kwargs,
    }
    return factories.AgreementFactory(**values)


def goal_area(code: str = "arbete", name: str = "Arbete och sysselsättning") -> GoalArea:
    return factories.GoalAreaFactory(code=code, name=name)


def plan_with_goals(agreement: Agreement, *texts: str, district_name: str | None = None):
    """A strategic district plan of the agreement with one goal per text."""
    district = factories.DistrictFactory(
        municipality=agreement.municipality,
        **({"name": district_name} if district_name else {}),
    )
    plan = factories.PlanFactory(agreement=agreement, district=district)
    agreement.districts.add(district)
    area = goal_area()
    goals = [
        factories.PlanGoalFactory(plan=plan, goal_area=area, text=text, position=i)
        for i, text in enumerate(texts or ("Fler i arbete",))
    ]
    return plan, goals


def central_unit(agency, **kwargs) -> AgencyUnit:
    return factories.AgencyUnitFactory(agency=agency, **kwargs)


def local_unit(agency, municipality, name: str | None = None, **kwargs) -> AgencyUnit:
    parent = central_unit(agency)
    return AgencyUnit.objects.create(
        agency=agency,
        name=name or f"{agency.name} {municipality.name} (test)",
        level=AgencyUnit.Level.LOCAL,
        parent=parent,
        municipality=municipality,
        county=municipality.county,
        **kwargs,
    )


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccordCommitment

    accord = factory.SubFactory(factories.AccordFactory)
    plan_goal = factory.SubFactory(factories.PlanGoalFactory)
    what = "Gemensamma träffar för arbetssökande"
    who = "Lokalkontoret"
    when = "Varje kvartal"


def accord(
    *,
    agency,
    agreement: Agreement | None = None,
    status: str = CooperationAccord.Status.DRAFT,
    unit: AgencyUnit | None = None,
    goals=None,
    **kwargs,
) -> CooperationAccord:
    """An accord with one plan and one commitment per goal, in the given state."""
    agreement = agreement or signed_agreement()
    unit = unit or local_unit(agency, agreement.municipality)
    if goals is None:
        _plan, goals = plan_with_goals(agreement, "Fler i arbete")
    values = {
        "agreement": agreement,
        "agency_unit": unit,
        "status": status,
        **kwargs,
    }
    if status in ("proposed", "declined"):
        values.setdefault("proposed_by", CooperationAccord.Side.AGENCY)
    if status in ("signed", "revised", "ended"):
        values.setdefault("proposed_by", CooperationAccord.Side.AGENCY)
        values.setdefault("agency_signed_on", datetime.date(2008, 3, 1))
        values.setdefault("municipality_signed_on", datetime.date(2008, 3, 2))
        values.setdefault("agency_signatory", "Anna Myndighet")
        values.setdefault("municipality_signatory", "Kim Kommun")
    created = factories.AccordFactory(**values)
    created.plans.set({goal.plan for goal in goals})
    for goal in goals:
        CommitmentFactory(accord=created, plan_goal=goal)
    return created


class AgencyReportEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyReportEntry

    report = factory.SubFactory(factories.AgencyReportFactory)
    partnership = factory.SubFactory(factories.PartnershipFactory)
    done = "Gemensamma insatser för arbetssökande."
    obstacles = "Sekretess mellan myndigheterna."
    proposals = "Förenkla informationsutbytet."
