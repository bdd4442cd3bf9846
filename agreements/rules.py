"""Permission predicates for agreements, plans and geography (checked with `user.has_perm`).

Scope (which objects a user may see at all) is `visible_to(user)` on the querysets; these rules
decide what a user in scope may do.
"""

import rules

from accounts.roles import scope_of


@rules.predicate
def is_ministry_admin(user) -> bool:
    return scope_of(user).is_admin


@rules.predicate
def is_ministry_officer(user) -> bool:
    """Ministry officers and admins."""
    return scope_of(user).is_officer


@rules.predicate
def is_reader(user) -> bool:
    return scope_of(user).is_reader


@rules.predicate
def is_coordinator_of_agreement(user, agreement) -> bool:
    return agreement is not None and agreement.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_coordinator_of_plan(user, plan) -> bool:
    return plan is not None and plan.agreement.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_coordinator(user) -> bool:
    return scope_of(user).is_coordinator


rules.add_perm("agreements.view_agreement", rules.is_authenticated)
rules.add_perm("agreements.add_agreement", is_ministry_officer)
rules.add_perm("agreements.change_agreement", is_ministry_officer)
rules.add_perm("agreements.sign_agreement", is_ministry_officer)
rules.add_perm("agreements.revise_agreement", is_ministry_officer)
rules.add_perm("agreements.export_agreement", rules.is_authenticated)

# Strategic district plans: agreements/plans/rules.py
from agreements.plans import rules as plan_rules  # noqa: E402, F401
