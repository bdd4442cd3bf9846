"""Yearly revisions: what changed and when it was decided, with the agreement as it stood, shown
on a page of its own after later changes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementRevision
from agreements.services import FundingLine
from tests import factories
from tests.factories import agreements as make

pytestmark = pytest.mark.django_db

D = datetime.date
S = Agreement.Status


@pytest.fixture
def agreement(malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo, plans_due_on=D(2019, 6, 30))
    agreement.districts.add(factories.DistrictFactory(municipality=malmo, name="Holma (rev)"))
    factories.FundingFactory(agreement=agreement, year=2019, state_amount_sek=Decimal("1000000"))
    return agreement


def test_officer_records_a_revision_with_a_snapshot(officer_client, officer, agreement):
    url = reverse("agreements:agreement-revise", args=[agreement.pk])

    response = officer_client.post(
        url, {"year": 2020, "description": "Ny frist för planerna.", "decided_on": "2020-03-01"}
    )

    revision = AgreementRevision.objects.get(agreement=agreement, year=2020)
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:revision-detail", args=[agreement.pk, 2020])
    assert revision.created_by == officer
    assert revision.snapshot["plans_due_on"] == "2019-06-30"
    assert revision.snapshot["districts"][0]["name"] == "Holma (rev)"
    assert revision.snapshot["funding"][0]["state_amount_sek"] == "1000000.00"
    assert revision.history_id == agreement.history.latest().history_id


def test_revision_page_shows_the_agreement_as_it_stood(officer_client, officer, agreement, malmo):
    services.agreement_revise(
        agreement=agreement,
        year=2020,
        description="Första revideringen",
        decided_on=D(2020, 3, 1),
        actor=officer,
    )
    line = agreement.funding.get()
    services.agreement_update(
        agreement=agreement,
        expected_version=agreement.version,
        fields={"title": "Nytt namn efter revideringen"},
        districts=[factories.DistrictFactory(municipality=malmo, name="Lindängen (rev)")],
        goal_areas=[],
        funding=[FundingLine(2019, Decimal("9999"), Decimal(0), line=line)],
        actor=officer,
    )

    response = officer_client.get(reverse("agreements:revision-detail", args=[agreement.pk, 2020]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Första revideringen" in content
    assert "Holma (rev)" in content and "Lindängen (rev)" not in content
    assert "1\u00a0000\u00a0000\u00a0kr" in content
    assert "Nytt namn efter revideringen" not in content.split("<main", 1)[1].split("</h1>")[1]


def test_a_second_revision_for_the_same_year_is_refused(officer_client, officer, agreement):
    make.revision(agreement, year=2020)
    url = reverse("agreements:agreement-revise", args=[agreement.pk])

    response = officer_client.post(
        url, {"year": 2020, "description": "Igen", "decided_on": "2020-05-01"}
    )

    assert response.status_code == 400
    assert "Avtalet har redan en revidering för 2020." in response.content.decode()
    assert "Igen</textarea>" in response.content.decode()


def test_revision_year_outside_the_period_is_refused(officer_client, agreement):
    url = reverse("agreements:agreement-revise", args=[agreement.pk])
    response = officer_client.post(
        url, {"year": 2030, "description": "Fel år", "decided_on": "2020-05-01"}
    )
    assert response.status_code == 400
    assert "Året måste ligga inom avtalsperioden (2019–2021)." in response.content.decode()


def test_revision_of_another_municipality_is_not_found_for_a_coordinator(
    other_coordinator_client, agreement
):
    make.revision(agreement, year=2020)
    response = other_coordinator_client.get(
        reverse("agreements:revision-detail", args=[agreement.pk, 2020])
    )
    assert response.status_code == 404
