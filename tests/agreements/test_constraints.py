"""Each database constraint rejects bad data, whatever code path writes it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement, AgreementFunding, Measure, PolicyPhase
from agreements.services import agreement_set_districts, check_no_overlap
from partnerships.models import CooperationAccord
from reports.models import AnnualDistrictReport, IndicatorValue
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def _rejected(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_agreement_period_must_be_in_order():
    assert _rejected(
        lambda: factories.AgreementFactory(starts_on=D(2010, 1, 1), ends_on=D(2009, 1, 1))
    )


def test_policy_phase_period_must_be_in_order():
    assert _rejected(
        lambda: PolicyPhase.objects.create(
            name="Fel", short_name="Fel", starts_on=D(2010, 1, 1), ends_on=D(2009, 1, 1)
        )
    )


def test_accord_period_must_be_in_order():
    agreement = factories.AgreementFactory(starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31))
    assert _rejected(
        lambda: factories.AccordFactory(
            agreement=agreement, starts_on=D(2010, 1, 1), ends_on=D(2009, 1, 1)
        )
    )


def test_measure_period_must_be_in_order():
    goal = factories.PlanGoalFactory()
    assert _rejected(
        lambda: Measure.objects.create(
            goal=goal, title="Jobbcenter", starts_on=D(2010, 1, 1), ends_on=D(2009, 1, 1)
        )
    )


def test_agreement_deadline_outside_period_is_rejected():
    assert _rejected(
        lambda: factories.AgreementFactory(
            starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31), plans_due_on=D(2011, 6, 1)
        )
    )


def test_negative_funding_is_rejected():
    agreement = factories.AgreementFactory()
    assert _rejected(
        lambda: AgreementFunding.objects.create(
            agreement=agreement, year=2009, state_amount_sek=Decimal("-1")
        )
    )


def test_one_plan_per_district_and_agreement():
    plan = factories.PlanFactory()
    assert _rejected(
        lambda: factories.PlanFactory(agreement=plan.agreement, district=plan.district)
    )


def test_one_district_report_per_district_and_year():
    report = factories.DistrictReportFactory(year=2009)
    assert _rejected(
        lambda: factories.DistrictReportFactory(
            agreement=report.agreement, district=report.district, year=2009
        )
    )


def test_one_indicator_value_per_indicator_area_year_and_sex():
    value = factories.IndicatorValueFactory()
    assert _rejected(
        lambda: factories.IndicatorValueFactory(
            indicator=value.indicator, area_code=value.area_code, year=value.year, sex=value.sex
        )
    )


def test_the_same_indicator_value_for_another_sex_is_allowed():
    value = factories.IndicatorValueFactory(sex=IndicatorValue.Sex.TOTAL)
    other = factories.IndicatorValueFactory(
        indicator=value.indicator, area_code=value.area_code, year=value.year, sex="K"
    )
    assert other.pk != value.pk


def test_submitted_report_needs_submission_time():
    assert _rejected(
        lambda: factories.DistrictReportFactory(status=AnnualDistrictReport.Status.SUBMITTED)
    )


def test_signed_accord_needs_both_signature_dates():
    assert _rejected(
        lambda: factories.AccordFactory(
            status=CooperationAccord.Status.SIGNED, agency_signed_on=D(2009, 1, 1)
        )
    )


def test_overlapping_agreements_of_one_municipality_and_phase_are_rejected_by_the_database():
    first = factories.AgreementFactory(starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31))
    assert _rejected(
        lambda: factories.AgreementFactory(
            municipality=first.municipality,
            policy_phase=first.policy_phase,
            starts_on=D(2010, 6, 1),
            ends_on=D(2012, 12, 31),
        )
    )


def test_adjacent_agreements_do_not_overlap():
    first = factories.AgreementFactory(starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31))
    second = factories.AgreementFactory(
        municipality=first.municipality,
        policy_phase=first.policy_phase,
        starts_on=D(2011, 1, 1),
        ends_on=D(2012, 12, 31),
    )
    assert second.pk


def test_a_declined_agreement_does_not_block_a_new_one_for_the_period():
    first = factories.AgreementFactory(
        starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31), status=Agreement.Status.DECLINED
    )
    second = factories.AgreementFactory(
        municipality=first.municipality,
        policy_phase=first.policy_phase,
        starts_on=D(2008, 1, 1),
        ends_on=D(2010, 12, 31),
    )
    assert second.pk


def test_other_municipality_may_overlap_in_the_same_phase(botkyrka):
    first = factories.AgreementFactory(starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31))
    second = factories.AgreementFactory(
        municipality=botkyrka,
        policy_phase=first.policy_phase,
        starts_on=D(2008, 1, 1),
        ends_on=D(2010, 12, 31),
    )
    assert second.pk


def test_service_names_the_overlapping_agreement():
    first = factories.AgreementFactory(
        title="LUA Malmö 2008–2010", starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31)
    )
    candidate = Agreement(
        municipality=first.municipality,
        policy_phase=first.policy_phase,
        title="Nytt",
        starts_on=D(2009, 1, 1),
        ends_on=D(2011, 12, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        check_no_overlap(agreement=candidate)
    assert "LUA Malmö 2008–2010" in excinfo.value.messages[0]


def test_districts_of_another_municipality_are_refused(officer, botkyrka):
    agreement = factories.AgreementFactory()
    own = factories.DistrictFactory(municipality=agreement.municipality, name="Rosengård (test)")
    foreign = factories.DistrictFactory(municipality=botkyrka, name="Alby (test)")
    with pytest.raises(ValidationError) as excinfo:
        agreement_set_districts(agreement=agreement, districts=[own, foreign], actor=officer)
    assert "Alby (test)" in excinfo.value.messages[0]
    assert list(agreement.districts.all()) == []
