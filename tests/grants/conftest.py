"""A small grant world for the view and permission tests: a 2020 round open to Malmö and
Botkyrka, administered by Tillväxtverket with Delegationen mot segregation as advisory body, and
one Malmö application in each state."""

import datetime
from decimal import Decimal

import pytest

from grants import services
from tests import factories
from tests.factories import grants as gf


@pytest.fixture
def tillvaxtverket(db):
    return factories.AgencyFactory(name="Tillväxtverket", short_name="")


@pytest.fixture
def delmos(db):
    return factories.AgencyFactory(name="Delegationen mot segregation", short_name="Delmos")


@pytest.fixture
def delmos_officer(delmos):
    return factories.agency_officer(delmos, username="t.delmos", first_name="Leila")


@pytest.fixture
def tillvaxtverket_officer(tillvaxtverket):
    return factories.agency_officer(tillvaxtverket, username="t.tillvaxtverket", first_name="Tor")


@pytest.fixture
def grant_round(malmo, botkyrka, tillvaxtverket, delmos):
    return gf.grant_round(
        2020,
        eligible=[malmo, botkyrka],
        administering_body=tillvaxtverket,
        advisory_body=delmos,
    )


@pytest.fixture
def applications(grant_round, malmo, coordinator_malmo, officer):
    """Malmö applications in the three states (three rounds, one application per round)."""
    draft = gf.application(grant_round, malmo, created_by=coordinator_malmo)
    submitted_round = gf.grant_round(2021, eligible=[malmo], **_bodies(grant_round))
    submitted = gf.application(
        submitted_round, malmo, created_by=coordinator_malmo, status="submitted"
    )
    decided_round = gf.grant_round(2022, eligible=[malmo], **_bodies(grant_round))
    decided = gf.application(decided_round, malmo, created_by=coordinator_malmo, status="submitted")
    services.decision_make(
        application=decided,
        amounts={2022: Decimal("900000")},
        reasoning="Uppfyller villkoren.",
        conditions="",
        decided_on=datetime.date(2022, 1, 20),
        actor=officer,
    )
    decided.refresh_from_db()
    return {"draft": draft, "submitted": submitted, "decided": decided}


def _bodies(grant_round):
    return {
        "administering_body": grant_round.administering_body,
        "advisory_body": grant_round.advisory_body,
    }
