"""Permission predicates for agreements, plans and geography (checked with `user.has_perm`).

Scope (which objects a user may see at all) is `visible_to(user)` on the querysets; these rules
decide what a user in scope may do.
"""

import rules

from accounts.roles import scope_of
from agreements.workflow import ACTIONS, EDITABLE, REVISABLE


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


def agreement_in(*statuses: str) -> rules.Predicate:
    """The agreement is in one of `statuses`. Without an object (the Django admin asks
    `has_perm("agreements.change_agreement")`) only the role decides."""

    def check(user, agreement) -> bool:
        return agreement is None or agreement.status in statuses

    return rules.Predicate(check, name=f"agreement_in_{'_'.join(statuses)}")


# Scope (who sees which agreement at all) is `Agreement.objects.visible_to(user)`: out of scope
# answers 404. In scope, coordinators, agency officers and readers read; officers and admins act.
rules.add_perm("agreements.view_agreement", rules.is_authenticated)
rules.add_perm("agreements.export_agreement", rules.is_authenticated)
rules.add_perm("agreements.add_agreement", is_ministry_officer)
rules.add_perm("agreements.change_agreement", is_ministry_officer & agreement_in(*EDITABLE))
rules.add_perm("agreements.revise_agreement", is_ministry_officer & agreement_in(*REVISABLE))
rules.add_perm("agreements.attach_agreement", is_ministry_officer)
for _action in ACTIONS.values():
    rules.add_perm(_action.permission, is_ministry_officer & agreement_in(*_action.allowed_from))

rules.add_perm("agreements.view_municipality", rules.is_authenticated)
rules.add_perm("agreements.view_district", rules.is_authenticated)

# Strategic district plans: agreements/plans/rules.py
from agreements.plans import rules as plan_rules  # noqa: E402, F401
