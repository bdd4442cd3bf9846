"""Permission predicates for agencies, partnerships and cooperation accords."""

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_officer


@rules.predicate
def is_officer_of_accord_agency(user, accord) -> bool:
    return accord is not None and accord.agency_unit.agency_id in scope_of(user).agency_ids


@rules.predicate
def is_coordinator_of_accord_municipality(user, accord) -> bool:
    return accord is not None and accord.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_agency_officer(user) -> bool:
    return scope_of(user).is_agency_officer


rules.add_perm("partnerships.view_cooperationaccord", rules.is_authenticated)
rules.add_perm("partnerships.add_cooperationaccord", is_agency_officer | is_ministry_officer)
rules.add_perm(
    "partnerships.change_cooperationaccord",
    is_officer_of_accord_agency | is_coordinator_of_accord_municipality | is_ministry_officer,
)
rules.add_perm("partnerships.view_partnership", rules.is_authenticated)
rules.add_perm("partnerships.view_agency", rules.is_authenticated)
