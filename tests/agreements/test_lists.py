"""The agreement, municipality and district lists: filters, Swedish order (also when sorting by
a column), export of the filtered rows, scope, and a number of queries that does not grow."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from agreements.models import Agreement, District
from tests import factories
from tests.downloads import body, csv_rows
from tests.factories import agreements as make

pytestmark = pytest.mark.django_db

D = datetime.date
AGREEMENTS = reverse("agreements:agreement-list")
MUNICIPALITIES = reverse("agreements:municipality-list")
DISTRICTS = reverse("agreements:district-list")


def _titles(response) -> list[str]:
    return [row.record.title for row in response.context["table"].paginated_rows]


def _municipality(code: str, name: str, county=None):
    return factories.MunicipalityFactory(
        code=code, name=name, county=county or factories.CountyFactory()
    )


@pytest.fixture
def three_municipalities(malmo):
    """Örebro, Ängelholm and Alvesta: in Swedish order A < Ä < Ö (code point order differs)."""
    county = factories.CountyFactory(code="07", name="Kronobergs län")
    return [
        _municipality("1880", "Örebro", county),
        _municipality("1292", "Ängelholm", county),
        _municipality("0764", "Alvesta", county),
    ]


def test_agreements_are_listed_in_swedish_order_of_municipality(
    officer_client, three_municipalities
):
    for municipality in three_municipalities:
        factories.AgreementFactory(municipality=municipality, title=f"Avtal {municipality.name}")

    response = officer_client.get(AGREEMENTS)

    assert _titles(response) == ["Avtal Alvesta", "Avtal Ängelholm", "Avtal Örebro"]


def test_sorting_by_municipality_column_uses_swedish_order_both_ways(
    officer_client, three_municipalities
):
    for municipality in three_municipalities:
        factories.AgreementFactory(municipality=municipality, title=f"Avtal {municipality.name}")

    ascending = officer_client.get(AGREEMENTS, {"sort": "municipality"})
    descending = officer_client.get(AGREEMENTS, {"sort": "-municipality"})

    assert _titles(ascending) == ["Avtal Alvesta", "Avtal Ängelholm", "Avtal Örebro"]
    assert _titles(descending) == ["Avtal Örebro", "Avtal Ängelholm", "Avtal Alvesta"]


def test_sorting_by_title_uses_swedish_order(officer_client):
    for title in ("Öxnehaga", "Araby", "Ärligt avtal", "Zeta"):
        factories.AgreementFactory(title=title)

    response = officer_client.get(AGREEMENTS, {"sort": "title"})

    assert _titles(response) == ["Araby", "Zeta", "Ärligt avtal", "Öxnehaga"]


def test_agreement_filters_by_status_phase_year_district_and_text(officer_client, malmo, botkyrka):
    phase = factories.PolicyPhaseFactory()
    other_phase = factories.PolicyPhaseFactory(name="Storstadspolitiken", short_name="Storstad")
    rosengard = factories.DistrictFactory(municipality=malmo, name="Rosengård (test)")
    early = make.agreement(
        Agreement.Status.ENDED,
        municipality=malmo,
        policy_phase=phase,
        title="Tidigt",
        starts_on=D(2008, 1, 1),
        ends_on=D(2010, 12, 31),
    )
    early.districts.add(rosengard)
    make.agreement(
        Agreement.Status.IN_FORCE,
        municipality=malmo,
        policy_phase=phase,
        title="Sent",
        case_number="Ju2018/77",
        starts_on=D(2018, 1, 1),
        ends_on=D(2020, 12, 31),
    )
    make.agreement(
        Agreement.Status.NEGOTIATING,
        municipality=botkyrka,
        policy_phase=other_phase,
        title="Botkyrka",
        starts_on=D(2009, 1, 1),
        ends_on=D(2009, 12, 31),
    )

    assert _titles(officer_client.get(AGREEMENTS, {"status": "in_force"})) == ["Sent"]
    assert _titles(officer_client.get(AGREEMENTS, {"policy_phase": other_phase.pk})) == ["Botkyrka"]
    assert set(_titles(officer_client.get(AGREEMENTS, {"year": "2009"}))) == {"Tidigt", "Botkyrka"}
    assert _titles(officer_client.get(AGREEMENTS, {"district": rosengard.pk})) == ["Tidigt"]
    assert _titles(officer_client.get(AGREEMENTS, {"q": "rosengård"})) == ["Tidigt"]
    assert _titles(officer_client.get(AGREEMENTS, {"q": "Ju2018"})) == ["Sent"]
    assert _titles(officer_client.get(AGREEMENTS, {"municipality": botkyrka.pk})) == ["Botkyrka"]
    assert _titles(officer_client.get(AGREEMENTS, {"county": malmo.county_id})) == [
        "Sent",
        "Tidigt",
    ]


def test_csv_export_has_the_filtered_rows_only(officer_client, malmo, botkyrka):
    factories.AgreementFactory(municipality=malmo, title="Avtal Malmö (export)")
    factories.AgreementFactory(municipality=botkyrka, title="Avtal Botkyrka (export)")

    response = officer_client.get(AGREEMENTS, {"municipality": malmo.pk, "export": "csv"})

    rows = csv_rows(response)
    assert response.status_code == 200
    assert rows[0][:3] == ["Avtal", "Diarienummer", "Kommun"]
    assert [row[0] for row in rows[1:]] == ["Avtal Malmö (export)"]
    assert "Under överläggning" in rows[1]


def test_xlsx_export_has_the_filtered_rows(officer_client, malmo):
    agreement = factories.AgreementFactory(municipality=malmo, title="Avtal (xlsx)")
    factories.FundingFactory(agreement=agreement, year=2008, state_amount_sek=1500)

    response = officer_client.get(AGREEMENTS, {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == "Avtal (xlsx)"
    assert values[1][values[0].index("Statliga medel")] == 1500  # a number, not text


def test_coordinator_lists_only_own_municipalitys_agreements_and_districts(
    coordinator_client, malmo, botkyrka
):
    factories.AgreementFactory(municipality=malmo, title="Avtal Malmö (scope)")
    factories.AgreementFactory(municipality=botkyrka, title="Avtal Botkyrka (scope)")
    factories.DistrictFactory(municipality=malmo, name="Holma (scope)")
    factories.DistrictFactory(municipality=botkyrka, name="Alby (scope)")

    agreements = coordinator_client.get(AGREEMENTS)
    districts = coordinator_client.get(DISTRICTS).content.decode()
    export = body(coordinator_client.get(AGREEMENTS, {"export": "csv"})).decode()

    assert _titles(agreements) == ["Avtal Malmö (scope)"]
    assert "Holma (scope)" in districts and "Alby (scope)" not in districts
    assert "Avtal Botkyrka (scope)" not in export
    assert "Botkyrka" not in agreements.context["filter"].form.as_p()


def test_coordinator_sees_no_create_button(coordinator_client, malmo):
    assert (
        reverse("agreements:agreement-create")
        not in coordinator_client.get(AGREEMENTS).content.decode()
    )


def test_municipality_list_counts_agreements_and_filters_by_phase(officer_client, malmo, botkyrka):
    phase = factories.PolicyPhaseFactory()
    make.agreement(Agreement.Status.IN_FORCE, municipality=malmo, policy_phase=phase)
    factories.DistrictFactory(municipality=malmo)

    response = officer_client.get(MUNICIPALITIES, {"policy_phase": phase.pk})

    rows = list(response.context["table"].paginated_rows)
    assert [row.record.name for row in rows] == ["Malmö"]
    assert (rows[0].record.agreement_count, rows[0].record.in_force_count) == (1, 1)
    assert rows[0].record.district_count == 1


def test_municipality_filter_combines_conditions_on_one_agreement(officer_client, malmo):
    phase = factories.PolicyPhaseFactory()
    other = factories.PolicyPhaseFactory(name="Annan fas", short_name="Annan")
    make.agreement(Agreement.Status.IN_FORCE, municipality=malmo, policy_phase=phase)
    make.agreement(Agreement.Status.OFFERED, municipality=malmo, policy_phase=other)

    response = officer_client.get(MUNICIPALITIES, {"policy_phase": other.pk, "status": "in_force"})

    assert list(response.context["table"].paginated_rows) == []


def test_district_list_sorts_by_name_in_swedish_order(officer_client, malmo):
    for name in ("Östra Sorgenfri", "Almhög", "Ärtholmen", "Kroksbäck"):
        factories.DistrictFactory(municipality=malmo, name=name)

    response = officer_client.get(DISTRICTS, {"sort": "name"})

    names = [row.record.name for row in response.context["table"].paginated_rows]
    assert names == ["Almhög", "Kroksbäck", "Ärtholmen", "Östra Sorgenfri"]


def test_district_list_filters_by_agreement_year_and_text(officer_client, malmo):
    covered = factories.DistrictFactory(municipality=malmo, name="Holma (år)")
    factories.DistrictFactory(municipality=malmo, name="Lindängen (år)")
    District.objects.filter(pk=covered.pk).update(former_names=["Gamla Holma"])
    make.agreement(
        Agreement.Status.ENDED, municipality=malmo, starts_on=D(2008, 1, 1), ends_on=D(2010, 12, 31)
    ).districts.add(covered)

    by_year = officer_client.get(DISTRICTS, {"year": "2009"})
    by_former_name = officer_client.get(DISTRICTS, {"q": "gamla"})

    assert [r.record.name for r in by_year.context["table"].paginated_rows] == ["Holma (år)"]
    assert [r.record.name for r in by_former_name.context["table"].paginated_rows] == ["Holma (år)"]


def test_list_paginates_at_fifty_rows(officer_client):
    for n in range(55):
        factories.AgreementFactory(title=f"Avtal {n:02}")

    first = officer_client.get(AGREEMENTS)
    second = officer_client.get(AGREEMENTS, {"page": 2})

    assert len(first.context["table"].page.object_list) == 50
    assert len(second.context["table"].page.object_list) == 5
    assert "Sida 1 av 2" in " ".join(first.content.decode().split())


def _many_agreements(count: int = 60):
    county = factories.CountyFactory(code="13", name="Hallands län")
    phase = factories.PolicyPhaseFactory()
    for n in range(count):
        municipality = _municipality(f"9{n:03d}", f"Kommun {n:02}", county)
        agreement = factories.AgreementFactory(municipality=municipality, policy_phase=phase)
        district = factories.DistrictFactory(municipality=municipality)
        agreement.districts.add(district)
        factories.FundingFactory(agreement=agreement, year=agreement.starts_on.year)


def test_agreement_list_queries_do_not_grow_with_rows(
    officer_client, django_assert_max_num_queries
):
    _many_agreements()
    with django_assert_max_num_queries(11):
        response = officer_client.get(AGREEMENTS)
    assert len(response.context["table"].page.object_list) == 50


def test_municipality_list_queries_do_not_grow_with_rows(
    officer_client, django_assert_max_num_queries
):
    _many_agreements()
    with django_assert_max_num_queries(9):
        response = officer_client.get(MUNICIPALITIES)
    assert len(response.context["table"].page.object_list) == 50


def test_district_list_queries_do_not_grow_with_rows(officer_client, django_assert_max_num_queries):
    _many_agreements()
    with django_assert_max_num_queries(10):
        response = officer_client.get(DISTRICTS)
    assert len(response.context["table"].page.object_list) == 50


def test_agreement_export_queries_do_not_grow_with_rows(
    officer_client, django_assert_max_num_queries
):
    _many_agreements()
    with django_assert_max_num_queries(8):
        rows = csv_rows(officer_client.get(AGREEMENTS, {"export": "csv"}))
    assert len(rows) == 61  # header + 60 agreements
