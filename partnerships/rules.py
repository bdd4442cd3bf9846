"""Permission predicates for agencies, partnerships and cooperation accords.

Scope (which accords a user sees at all) is `CooperationAccord.objects.visible_to(user)`; these
rules decide what a user in scope may do, given the accord's state. The services check the state
again (`transition`), so a forged request for a wrong state is refused too.

| action      | who                                                   | states              |
|-------------|-------------------------------------------------------|---------------------|
| add         | agency officer, coordinator, ministry officer         | –                   |
| change      | either party or ministry officer                      | utkast              |
| revise      | either party                                          | undertecknad, rev.  |
| propose     | either party                                          | utkast              |
| accept      | the party that did not propose                        | föreslagen          |
| decline     | the party that did not propose                        | föreslagen          |
| reopen      | either party                                          | föreslagen          |
| end         | either party or ministry officer                      | undertecknad, rev.  |
| attach      | either party or ministry officer                      | all but avböjd/upph.|
"""

from __future__ import annotations

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_officer

DRAFT = "draft"
PROPOSED = "proposed"
IN_FORCE = ("signed", "revised")
CLOSED = ("declined", "ended")


def accord_side_of(user, accord) -> str | None:
    """Which party of the accord the user acts for: "agency", "municipality" or None."""
    scope = scope_of(user)
    if accord.agency_unit.agency_id in scope.agency_ids:
        return "agency"
    if accord.municipality_id in scope.municipality_ids:
        return "municipality"
    return None


@rules.predicate
def is_officer_of_accord_agency(user, accord) -> bool:
    return accord is not None and accord.agency_unit.agency_id in scope_of(user).agency_ids


@rules.predicate
def is_coordinator_of_accord_municipality(user, accord) -> bool:
    return accord is not None and accord.municipality_id in scope_of(user).municipality_ids


is_accord_party = is_officer_of_accord_agency | is_coordinator_of_accord_municipality


@rules.predicate
def is_other_party_of_proposal(user, accord) -> bool:
    """The side that did not propose (and the user does not also act for the proposing side)."""
    if accord is None:
        return False
    agency = is_officer_of_accord_agency(user, accord)
    municipality = is_coordinator_of_accord_municipality(user, accord)
    if accord.proposed_by == "agency":
        return municipality and not agency
    if accord.proposed_by == "municipality":
        return agency and not municipality
    return False


@rules.predicate
def is_agency_officer(user) -> bool:
    return scope_of(user).is_agency_officer


@rules.predicate
def is_coordinator(user) -> bool:
    return scope_of(user).is_coordinator


@rules.predicate
def accord_is_draft(user, accord) -> bool:
    return accord is not None and accord.status == DRAFT


@rules.predicate
def accord_is_proposed(user, accord) -> bool:
    return accord is not None and accord.status == PROPOSED


@rules.predicate
def accord_is_in_force(user, accord) -> bool:
    return accord is not None and accord.status in IN_FORCE


@rules.predicate
def accord_is_open(user, accord) -> bool:
    return accord is not None and accord.status not in CLOSED


@rules.predicate
def is_coordinator_of_partnership(user, partnership) -> bool:
    return (
        partnership is not None
        and partnership.agreement.municipality_id in scope_of(user).municipality_ids
    )


@rules.predicate
def is_coordinator_of_member_partnership(user, member) -> bool:
    return member is not None and is_coordinator_of_partnership(user, member.partnership)


@rules.predicate
def member_is_not_agency(user, member) -> bool:
    return member is not None and member.kind != "agency"


rules.add_perm("partnerships.view_cooperationaccord", rules.is_authenticated)
rules.add_perm(
    "partnerships.add_cooperationaccord", is_agency_officer | is_coordinator | is_ministry_officer
)
rules.add_perm(
    "partnerships.change_cooperationaccord",
    (is_accord_party | is_ministry_officer) & accord_is_draft,
)
rules.add_perm("partnerships.revise_cooperationaccord", is_accord_party & accord_is_in_force)
rules.add_perm("partnerships.propose_cooperationaccord", is_accord_party & accord_is_draft)
rules.add_perm(
    "partnerships.accept_cooperationaccord", is_other_party_of_proposal & accord_is_proposed
)
rules.add_perm(
    "partnerships.decline_cooperationaccord", is_other_party_of_proposal & accord_is_proposed
)
rules.add_perm("partnerships.reopen_cooperationaccord", is_accord_party & accord_is_proposed)
rules.add_perm(
    "partnerships.end_cooperationaccord",
    (is_accord_party | is_ministry_officer) & accord_is_in_force,
)
rules.add_perm(
    "partnerships.attach_cooperationaccord",
    (is_accord_party | is_ministry_officer) & accord_is_open,
)

rules.add_perm("partnerships.view_partnership", rules.is_authenticated)
rules.add_perm("partnerships.add_partnership", is_ministry_officer | is_coordinator)
rules.add_perm(
    "partnerships.change_partnership", is_ministry_officer | is_coordinator_of_partnership
)
rules.add_perm(
    "partnerships.change_partnershipmember",
    (is_ministry_officer | is_coordinator_of_member_partnership) & member_is_not_agency,
)
rules.add_perm("partnerships.view_agency", rules.is_authenticated)
