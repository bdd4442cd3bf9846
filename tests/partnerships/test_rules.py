"""Role × action × state: who may do what with a cooperation accord, a partnership and its
members (the table in partnerships/rules.py)."""

import pytest

from partnerships.models import CooperationAccord
from tests import factories
from tests.factories import accords as build

pytestmark = pytest.mark.django_db

ROLES = ["officer", "reader", "coordinator_malmo", "coordinator_botkyrka", "agency_fk", "agency_af"]
ACTIONS = ["change", "revise", "propose", "accept", "decline", "reopen", "end", "attach"]
STATES = [
    "draft",
    "proposed_by_agency",
    "proposed_by_municipality",
    "signed",
    "revised",
    "declined",
    "ended",
]
PARTIES = {"coordinator_malmo", "agency_fk"}
PARTIES_AND_OFFICER = PARTIES | {"officer"}
PROPOSED = ("proposed_by_agency", "proposed_by_municipality")
IN_FORCE = ("signed", "revised")

ALLOWED = {
    ("change", "draft"): PARTIES_AND_OFFICER,
    **{("revise", s): PARTIES for s in IN_FORCE},
    ("propose", "draft"): PARTIES,
    ("accept", "proposed_by_agency"): {"coordinator_malmo"},
    ("accept", "proposed_by_municipality"): {"agency_fk"},
    ("decline", "proposed_by_agency"): {"coordinator_malmo"},
    ("decline", "proposed_by_municipality"): {"agency_fk"},
    **{("reopen", s): PARTIES for s in PROPOSED},
    **{("end", s): PARTIES_AND_OFFICER for s in IN_FORCE},
    **{("attach", s): PARTIES_AND_OFFICER for s in ("draft", *PROPOSED, *IN_FORCE)},
}


@pytest.fixture
def users(officer, reader, coordinator_malmo, coordinator_botkyrka, agency_officer_fk):
    af = factories.AgencyFactory(name="Arbetsförmedlingen", short_name="AF")
    return {
        "officer": officer,
        "reader": reader,
        "coordinator_malmo": coordinator_malmo,
        "coordinator_botkyrka": coordinator_botkyrka,
        "agency_fk": agency_officer_fk,
        "agency_af": factories.agency_officer(af, username="t.myndighet.af"),
    }


def _accord_in(state: str, agency) -> CooperationAccord:
    status, _, side = state.partition("_by_")
    accord = build.accord(agency=agency, status=status)
    if side:
        accord.proposed_by = side
    return accord


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_accord_permission_table(users, fk, role, action, state):
    accord = _accord_in(state, fk)

    allowed = users[role].has_perm(f"partnerships.{action}_cooperationaccord", accord)

    assert allowed == (role in ALLOWED.get((action, state), set()))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("officer", True),
        ("reader", False),
        ("coordinator_malmo", True),
        ("agency_fk", True),
    ],
)
def test_who_may_start_an_accord(users, role, allowed):
    assert users[role].has_perm("partnerships.add_cooperationaccord") is allowed


def test_a_user_on_both_sides_cannot_accept_a_proposal_of_either_side(fk, malmo):
    both = factories.agency_officer(fk, username="t.bada")
    factories.coordinator(malmo, username="t.bada")
    accord = _accord_in("proposed_by_agency", fk)

    assert not both.has_perm("partnerships.accept_cooperationaccord", accord)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("officer", True),
        ("reader", False),
        ("coordinator_malmo", True),
        ("coordinator_botkyrka", False),
        ("agency_fk", False),
    ],
)
def test_who_may_add_members_to_a_partnership(users, role, allowed, malmo):
    partnership = factories.PartnershipFactory(agreement=build.signed_agreement(malmo))

    assert users[role].has_perm("partnerships.change_partnership", partnership) is allowed


@pytest.mark.parametrize(
    ("role", "kind", "allowed"),
    [
        ("officer", "housing", True),
        ("coordinator_malmo", "housing", True),
        ("coordinator_botkyrka", "housing", False),
        ("agency_fk", "housing", False),
        ("reader", "housing", False),
        ("officer", "agency", False),
        ("coordinator_malmo", "agency", False),
    ],
)
def test_who_may_edit_a_member(users, fk, malmo, role, kind, allowed):
    partnership = factories.PartnershipFactory(agreement=build.signed_agreement(malmo))
    unit = build.central_unit(fk) if kind == "agency" else None
    member = factories.PartnershipMemberFactory(
        partnership=partnership, kind=kind, agency_unit=unit
    )

    assert users[role].has_perm("partnerships.change_partnershipmember", member) is allowed
