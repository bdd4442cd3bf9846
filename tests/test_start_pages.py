"""Each role's start page lists what that role may see, and nothing of other municipalities."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agreements(malmo, botkyrka):
    malmo_agreement = factories.AgreementFactory(
        municipality=malmo,
        title="Avtal Malmö (test)",
        starts_on=datetime.date(2008, 1, 1),
        ends_on=datetime.date(2010, 12, 31),
    )
    botkyrka_agreement = factories.AgreementFactory(
        municipality=botkyrka,
        title="Avtal Botkyrka (test)",
        starts_on=datetime.date(2008, 1, 1),
        ends_on=datetime.date(2010, 12, 31),
    )
    factories.DistrictFactory(municipality=malmo, name="Rosengård (test)")
    factories.DistrictFactory(municipality=botkyrka, name="Alby (test)")
    return malmo_agreement, botkyrka_agreement


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_coordinator_start_page_shows_own_municipality_only(coordinator_client, two_agreements):
    response = coordinator_client.get(reverse("home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Avtal Malmö (test)" in content
    assert "Rosengård (test)" in content
    assert "Avtal Botkyrka (test)" not in content
    assert "Alby (test)" not in content


def test_officer_start_page_shows_every_municipality(officer_client, two_agreements):
    content = officer_client.get(reverse("home")).content.decode()
    assert "Avtal Malmö (test)" in content
    assert "Avtal Botkyrka (test)" in content


def test_reader_start_page_shows_every_municipality(reader_client, two_agreements):
    content = reader_client.get(reverse("home")).content.decode()
    assert "Avtal Malmö (test)" in content
    assert "Avtal Botkyrka (test)" in content


def test_agency_officer_sees_own_accords_only(agency_client, fk, two_agreements):
    malmo_agreement, botkyrka_agreement = two_agreements
    unit = factories.AgencyUnitFactory(agency=fk)
    other_agency_unit = factories.AgencyUnitFactory(
        agency=factories.AgencyFactory(name="Arbetsförmedlingen")
    )
    factories.AccordFactory(agreement=malmo_agreement, agency_unit=unit, title="FK och Malmö")
    factories.AccordFactory(
        agreement=botkyrka_agreement, agency_unit=other_agency_unit, title="AF och Botkyrka"
    )
    content = agency_client.get(reverse("home")).content.decode()
    assert "FK och Malmö" in content
    assert "AF och Botkyrka" not in content


def test_coordinator_gets_404_for_another_municipalitys_agreement(
    coordinator_client, two_agreements
):
    _, botkyrka_agreement = two_agreements
    response = coordinator_client.get(botkyrka_agreement.get_absolute_url())
    assert response.status_code == 404


def test_coordinator_opens_own_municipalitys_agreement(coordinator_client, two_agreements):
    malmo_agreement, _ = two_agreements
    response = coordinator_client.get(malmo_agreement.get_absolute_url())
    assert response.status_code == 200
    assert "Avtal Malmö (test)" in response.content.decode()


def test_agency_officer_reaches_agreement_only_through_an_accord(agency_client, fk, two_agreements):
    malmo_agreement, botkyrka_agreement = two_agreements
    factories.AccordFactory(
        agreement=malmo_agreement, agency_unit=factories.AgencyUnitFactory(agency=fk)
    )
    assert agency_client.get(malmo_agreement.get_absolute_url()).status_code == 200
    assert agency_client.get(botkyrka_agreement.get_absolute_url()).status_code == 404


def test_coordinator_gets_404_for_another_municipalitys_district_and_report(
    coordinator_client, botkyrka
):
    report = factories.DistrictReportFactory(
        agreement=factories.AgreementFactory(municipality=botkyrka)
    )
    assert coordinator_client.get(report.district.get_absolute_url()).status_code == 404
    assert coordinator_client.get(report.get_absolute_url()).status_code == 404
    assert coordinator_client.get(botkyrka.get_absolute_url()).status_code == 404
