"""factory-boy factories. Geography uses get_or_create so that it works with the reference data
that migrations load (all 290 municipalities) and without it."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from agreements.models import (
    Agreement,
    AgreementFunding,
    County,
    District,
    GoalArea,
    Municipality,
    MunicipalityMembership,
    PlanGoal,
    PolicyPhase,
    StrategicDistrictPlan,
)
from partnerships.models import (
    Agency,
    AgencyMembership,
    AgencyUnit,
    CooperationAccord,
    Partnership,
    PartnershipMember,
)
from reports.models import AgencyReport, AnnualDistrictReport, Indicator, IndicatorValue


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = "12"
    name = "Skåne län"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "1280"
    name = "Malmö"
    county = factory.SubFactory(CountyFactory)


def malmo() -> Municipality:
    return MunicipalityFactory(code="1280", name="Malmö", county=CountyFactory(code="12"))


def botkyrka() -> Municipality:
    return MunicipalityFactory(
        code="0127", name="Botkyrka", county=CountyFactory(code="01", name="Stockholms län")
    )


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.LazyFunction(malmo)
    code = factory.Sequence(lambda n: f"T-{n:05d}")
    name = factory.Sequence(lambda n: f"Stadsdel {n}")


class PolicyPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyPhase
        django_get_or_create = ("name",)

    name = "Urbant utvecklingsarbete (testfas)"
    short_name = "Testfas"
    legal_basis = "förordning (2008:348)"
    starts_on = datetime.date(2008, 1, 1)
    ends_on = datetime.date(2030, 12, 31)


class GoalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"testomrade-{n}")
    name = factory.Sequence(lambda n: f"Testområde {n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    municipality = factory.LazyFunction(malmo)
    policy_phase = factory.SubFactory(PolicyPhaseFactory)
    title = factory.Sequence(lambda n: f"Lokalt utvecklingsavtal {n}")
    starts_on = factory.Sequence(lambda n: datetime.date(2008, 1, 1) + datetime.timedelta(days=n))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    status = Agreement.Status.NEGOTIATING


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementFunding

    agreement = factory.SubFactory(AgreementFactory)
    year = 2009
    state_amount_sek = Decimal("1000000.00")
    municipality_amount_sek = Decimal("1000000.00")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicDistrictPlan

    agreement = factory.SubFactory(AgreementFactory)
    district = factory.SubFactory(
        DistrictFactory, municipality=factory.SelfAttribute("..agreement.municipality")
    )


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(PlanFactory)
    goal_area = factory.SubFactory(GoalAreaFactory)
    text = "Fler i arbete"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = "Försäkringskassan"
    short_name = "FK"


class AgencyUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyUnit
        django_get_or_create = ("agency", "name")

    agency = factory.SubFactory(AgencyFactory)
    name = factory.LazyAttribute(lambda o: f"{o.agency.name} central")
    level = AgencyUnit.Level.CENTRAL


class AccordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAccord

    agreement = factory.SubFactory(AgreementFactory)
    municipality = factory.SelfAttribute("agreement.municipality")
    agency_unit = factory.SubFactory(AgencyUnitFactory)
    title = factory.Sequence(lambda n: f"Samverkansöverenskommelse {n}")
    starts_on = factory.SelfAttribute("agreement.starts_on")
    ends_on = factory.SelfAttribute("agreement.ends_on")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    agreement = factory.SubFactory(AgreementFactory)
    name = factory.Sequence(lambda n: f"Partnerskap {n}")


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    kind = PartnershipMember.Kind.HOUSING
    name = "MKB Fastighets AB"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST{n:03d}")
    name = factory.Sequence(lambda n: f"Testindikator {n}")
    definition = "Andel av befolkningen 20–64 år som förvärvsarbetar."
    unit = "procent"
    direction = Indicator.Direction.HIGHER
    source = "SCB"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    area_type = IndicatorValue.AreaType.MUNICIPALITY
    area_code = "1280"
    year = 2020
    sex = IndicatorValue.Sex.TOTAL
    value = Decimal("55.5")


class DistrictReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualDistrictReport

    agreement = factory.SubFactory(AgreementFactory)
    district = factory.SubFactory(
        DistrictFactory, municipality=factory.SelfAttribute("..agreement.municipality")
    )
    year = 2009
    due_on = datetime.date(2009, 10, 1)


class AgencyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyReport

    agency = factory.SubFactory(AgencyFactory)
    unit = factory.SubFactory(AgencyUnitFactory, agency=factory.SelfAttribute("..agency"))
    year = 2009
    due_on = datetime.date(2009, 10, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = "Anna"
    last_name = "Andersson"
    password = factory.PostGenerationMethodCall("set_password", "udavtal-test")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_in_group(group_name: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    group, _ = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)
    return user


def officer(**kwargs) -> User:
    return user_in_group(roles.MINISTRY_OFFICER, **kwargs)


def ministry_admin(**kwargs) -> User:
    user = user_in_group(roles.MINISTRY_ADMIN, **kwargs)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def reader(**kwargs) -> User:
    return user_in_group(roles.READER, **kwargs)


def coordinator(municipality: Municipality, **kwargs) -> User:
    user = UserFactory(**kwargs)
    MunicipalityMembership.objects.get_or_create(user=user, municipality=municipality)
    return user


def agency_officer(agency: Agency, **kwargs) -> User:
    user = UserFactory(**kwargs)
    AgencyMembership.objects.get_or_create(user=user, agency=agency)
    return user
