"""Performance fixes found by the page benchmark (bench/pages.py), pinned."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_agreement_filter_offers_no_district_list_of_the_whole_country(officer_client):
    factories.DistrictFactory(name="Bänkstadsdelen")

    response = officer_client.get(reverse("agreements:agreement-list"))

    assert response.status_code == 200
    assert "Bänkstadsdelen" not in response.content.decode()


def test_agreement_filter_offers_the_districts_of_the_chosen_municipality(officer_client):
    district = factories.DistrictFactory(name="Bänkstadsdelen")

    response = officer_client.get(
        reverse("agreements:agreement-list"), {"municipality": district.municipality_id}
    )

    assert "Bänkstadsdelen" in response.content.decode()


def test_agreement_filter_by_a_district_still_works_without_a_municipality(officer_client):
    agreement = factories.AgreementFactory()
    district = factories.DistrictFactory(municipality=agreement.municipality)
    agreement.districts.add(district)
    factories.AgreementFactory()

    response = officer_client.get(reverse("agreements:agreement-list"), {"district": district.pk})

    assert response.status_code == 200
    assert list(response.context["table"].data) == [agreement]
