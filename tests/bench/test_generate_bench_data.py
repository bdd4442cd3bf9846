"""The benchmark data generator: counts at the tiny scale, and the databases it refuses."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agreements.models import Agreement, District, StrategicDistrictPlan
from partnerships.models import CooperationAccord
from reports.bench_data import CURRENT_YEAR, SCALES
from reports.models import AnnualDistrictReport, IndicatorValue
from tests import factories

pytestmark = pytest.mark.django_db

TINY = SCALES["tiny"]


def test_tiny_scale_creates_the_documented_counts():
    call_command("generate_bench_data", "--scale", "tiny", verbosity=0)

    assert District.objects.count() == TINY.districts
    assert Agreement.objects.count() == TINY.agreements
    assert CooperationAccord.objects.count() == TINY.accords
    assert AnnualDistrictReport.objects.count() == TINY.reports
    assert StrategicDistrictPlan.objects.count() == TINY.districts
    # 5 municipalities' districts + municipalities + their counties + Sweden, 14 person-based
    # indicators in three sexes and one in totals only, over three years.
    areas = TINY.districts + TINY.municipalities + 1
    areas += len(
        {d.municipality.county_id for d in District.objects.select_related("municipality")}
    )
    assert IndicatorValue.objects.count() == areas * TINY.value_years * (14 * 3 + 1)


def test_every_bench_coordinator_has_an_open_report_for_the_current_year():
    call_command("generate_bench_data", "--scale", "tiny", verbosity=0)

    coordinators = get_user_model().objects.filter(username__startswith="bench.coordinator.")
    assert coordinators.count() == TINY.coordinators
    for user in coordinators:
        municipality = user.municipality_memberships.get().municipality
        open_reports = AnnualDistrictReport.objects.filter(
            district__municipality=municipality,
            year=CURRENT_YEAR,
            status=AnnualDistrictReport.Status.NOT_STARTED,
        )
        assert open_reports.exists()


def test_no_two_agreements_of_a_municipality_overlap_within_a_phase():
    call_command("generate_bench_data", "--scale", "tiny", verbosity=0)

    agreements = list(Agreement.objects.order_by("municipality", "policy_phase", "starts_on"))
    for before, after in zip(agreements, agreements[1:], strict=False):
        if (before.municipality_id, before.policy_phase_id) == (
            after.municipality_id,
            after.policy_phase_id,
        ):
            assert before.ends_on < after.starts_on


def test_a_database_with_other_data_is_refused():
    factories.DistrictFactory()

    with pytest.raises(CommandError, match="annan data"):
        call_command("generate_bench_data", "--scale", "tiny", verbosity=0)


def test_force_runs_on_a_database_with_other_data():
    factories.UserFactory()

    call_command("generate_bench_data", "--scale", "tiny", "--force", verbosity=0)

    assert District.objects.filter(code__contains="-B").count() == TINY.districts


def test_a_second_run_is_refused():
    call_command("generate_bench_data", "--scale", "tiny", verbosity=0)

    with pytest.raises(CommandError, match="redan benchmarkdata"):
        call_command("generate_bench_data", "--scale", "tiny", verbosity=0)
