"""Reference data loaded by the data migrations and by `manage.py load_reference_data`."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from agreements.models import County, GoalArea, Municipality, PhaseAppropriation, PolicyPhase
from agreements.reference import ELIGIBLE_2018, LUA_2007, ORIGINAL_SEVEN
from partnerships.models import Agency, AgencyUnit
from reports.models import Indicator

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table, history tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_migrations_load_21_counties_with_two_digit_codes():
    codes = list(County.objects.values_list("code", flat=True))

    assert len(codes) == 21
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert County.objects.get(code="12").name == "Skåne län"


def test_migrations_load_290_municipalities_with_four_digit_codes():
    codes = list(Municipality.objects.values_list("code", flat=True))

    assert len(codes) == 290
    assert all(len(code) == 4 and code.isdigit() for code in codes)


@pytest.mark.parametrize(
    ("code", "name", "county_code"),
    [
        ("1280", "Malmö", "12"),
        ("0114", "Upplands Väsby", "01"),
        ("2584", "Kiruna", "25"),
        ("0127", "Botkyrka", "01"),
        ("1480", "Göteborg", "14"),
    ],
)
def test_municipality_has_its_scb_code_and_county(code, name, county_code):
    municipality = Municipality.objects.select_related("county").get(code=code)

    assert municipality.name == name
    assert municipality.county.code == county_code


def test_the_seeds_cohorts_are_all_known_municipalities():
    cohorts = set(ORIGINAL_SEVEN) | set(LUA_2007) | set(ELIGIBLE_2018)

    assert len(ORIGINAL_SEVEN) == 7
    assert len(LUA_2007) == 21
    assert len(ELIGIBLE_2018) == 32
    assert Municipality.objects.filter(code__in=cohorts).count() == len(cohorts)


def test_six_goal_areas_are_loaded():
    assert set(GoalArea.objects.values_list("code", flat=True)) == {
        "arbete",
        "utbildning",
        "trygghet",
        "demokrati",
        "halsa",
        "lokal-utveckling",
    }


def test_grant_phase_has_the_appropriations_of_the_press_release():
    phase = PolicyPhase.objects.get(legal_basis__contains="2018:151")
    amounts = dict(PhaseAppropriation.objects.filter(phase=phase).values_list("year", "amount_sek"))

    assert amounts[2018] == 425_000_000
    assert amounts[2019] == 1_350_000_000
    assert all(amounts[year] == 2_200_000_000 for year in range(2020, 2028))
    assert phase.total_amount_sek == sum(amounts.values())


def test_storstadspolitiken_had_about_two_billion_in_special_funds():
    phase = PolicyPhase.objects.get(name="Storstadspolitiken")

    assert phase.total_amount_sek == 2_100_000_000
    assert phase.starts_on.year == 1999


def test_integrationsverket_closed_in_2007_with_migrationsverket_as_successor():
    agency = Agency.objects.select_related("successor").get(name="Integrationsverket")

    assert str(agency.valid_to) == "2007-06-30"
    assert agency.successor.name == "Migrationsverket"


def test_rikspolisstyrelsen_is_the_central_unit_over_one_police_authority_per_county():
    central = AgencyUnit.objects.get(name="Rikspolisstyrelsen")
    authorities = AgencyUnit.objects.filter(parent=central)

    assert central.level == AgencyUnit.Level.CENTRAL
    assert authorities.count() == 21
    assert {unit.level for unit in authorities} == {AgencyUnit.Level.REGIONAL}
    assert authorities.get(county__code="12").name == "Polismyndigheten i Skåne län"


def test_local_offices_exist_for_the_demo_municipalities():
    office = AgencyUnit.objects.select_related("parent", "municipality").get(
        name="Arbetsförmedlingen Malmö"
    )

    assert office.level == AgencyUnit.Level.LOCAL
    assert office.municipality.code == "1280"
    assert office.parent.name == "Arbetsförmedlingen"
    assert AgencyUnit.objects.filter(name="Försäkringskassan Botkyrka").exists()


def test_fifteen_indicators_each_with_definition_source_and_goal_area():
    indicators = list(Indicator.objects.all())

    assert len(indicators) == 15
    assert all(i.definition and i.unit and i.source and i.goal_area_id for i in indicators)
    assert Indicator.objects.get(code="valdeltagande_kommunval").periodicity == "election"
    assert Indicator.objects.get(code="sysselsattningsgrad").kolada_kpi == "N00914"


def test_loading_reference_data_again_changes_nothing():
    before = row_counts()
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    assert row_counts() == before
    assert "Inget ändrades" in out.getvalue()
    assert " 0 nya, 0 ändrade, 290 oförändrade" in out.getvalue()


def test_loader_restores_a_changed_name_and_records_why():
    Municipality.objects.filter(code="1280").update(name="Malmoe")

    call_command("load_reference_data", stdout=StringIO())

    municipality = Municipality.objects.get(code="1280")
    assert municipality.name == "Malmö"
    assert municipality.history.first().history_change_reason == "Referensdata"


def test_dry_run_reports_the_change_but_saves_nothing():
    Municipality.objects.filter(code="0114").update(name="Väsby")
    out = StringIO()

    call_command("load_reference_data", "--dry-run", stdout=out)

    assert "Kommuner: 0 nya, 1 ändrade" in out.getvalue()
    assert Municipality.objects.get(code="0114").name == "Väsby"


def test_loader_recreates_a_missing_reference_row():
    Indicator.objects.filter(code="ohalsotal").delete()

    call_command("load_reference_data", stdout=StringIO())

    assert Indicator.objects.get(code="ohalsotal").goal_area.code == "halsa"
