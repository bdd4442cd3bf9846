"""The comparison group: who is in it, and the arithmetic of its value."""

from decimal import Decimal

import pytest

from agreements.models import Agreement, District
from reports.statistics import comparison, selectors
from reports.statistics.comparison import GroupAggregate, GroupRule, group_value
from tests import factories
from tests.factories import statistics as stats

D = Decimal


def test_weighted_mean_when_every_value_has_a_population_base():
    aggregate = GroupAggregate.of([(D("40"), 100), (D("50"), 300)])

    assert group_value(aggregate) == (D("47.5000"), 400, True)


def test_plain_mean_when_a_population_base_is_missing():
    aggregate = GroupAggregate.of([(D("40"), 100), (D("50"), None), (D("60"), 300)])

    assert group_value(aggregate) == (D("50.0000"), None, False)


def test_districts_without_a_value_are_left_out():
    aggregate = GroupAggregate.of([(D("40"), 100), (None, 500), (D("50"), 100)])

    assert group_value(aggregate) == (D("45.0000"), 200, True)


def test_suppressed_values_are_left_out_of_the_mean(settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    aggregate = GroupAggregate.of([(D("40"), 100), (D("90"), 9), (D("50"), 100)])

    assert group_value(aggregate) == (D("45.0000"), 200, True)


def test_an_empty_group_has_no_value():
    assert group_value(GroupAggregate.of([])) == (None, None, False)
    assert group_value(GroupAggregate.of([(None, 100)])) == (None, None, False)


def test_a_group_whose_total_base_is_small_is_itself_suppressed(settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    figure = comparison.group_figure(GroupAggregate.of([(D("40"), 4), (D("50"), 4)]))

    assert figure.suppressed is False  # each part is below the threshold: both left out
    assert figure.value is None
    figure = comparison.group_figure(GroupAggregate.of([(D("40"), 12)]))
    assert figure.display() == "40,0"


@pytest.mark.django_db
def test_the_database_aggregate_equals_the_python_one(settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    indicator = stats.indicator()
    points = [(D("40.5"), 120), (D("51.25"), 300), (D("33"), 7), (None, 50), (D("70"), 45)]
    codes = []
    for number, (value, base) in enumerate(points):
        district = factories.DistrictFactory(code=f"G-{number}")
        codes.append(district.code)
        stats.value(indicator, district.code, 2020, value, base=base)

    from_db = selectors._group_aggregates(codes, [indicator.pk])[(indicator.pk, 2020, "T")]

    assert from_db == GroupAggregate.of(points)
    assert group_value(from_db) == (D("50.2903"), 465, True)


@pytest.mark.django_db
def test_the_default_group_is_the_other_districts_of_agreements_in_the_same_phase():
    phase = factories.PolicyPhaseFactory(name="Fas A")
    other_phase = factories.PolicyPhaseFactory(name="Fas B", short_name="B")
    district = stats.covered_district(phase=phase, code="A-1")
    stats.covered_district(factories.botkyrka(), phase=phase, code="A-2")
    stats.covered_district(phase=other_phase, code="B-1")
    declined = factories.AgreementFactory(policy_phase=phase, status=Agreement.Status.DECLINED)
    declined.districts.add(factories.DistrictFactory(code="A-declined"))

    codes = comparison.group_district_codes(district, GroupRule.SAME_PHASE, phase)

    assert codes == ["A-2"]


@pytest.mark.django_db
def test_the_group_of_designated_districts_without_agreements():
    district = stats.covered_district(code="A-1")
    factories.DistrictFactory(code="U-1", status=District.Status.DESIGNATED)
    stats.covered_district(code="A-2")

    codes = comparison.group_district_codes(district, GroupRule.NOT_COVERED, None)

    assert codes == ["U-1"]


@pytest.mark.django_db
def test_the_phase_of_a_district_is_that_of_its_latest_entered_agreement():
    old = factories.PolicyPhaseFactory(name="Gammal fas", short_name="Gammal")
    new = factories.PolicyPhaseFactory(name="Ny fas", short_name="Ny")
    district = stats.covered_district(phase=old)
    later = factories.AgreementFactory(policy_phase=new, status=Agreement.Status.SIGNED)
    later.districts.add(district)

    assert comparison.phase_of(district) == new
