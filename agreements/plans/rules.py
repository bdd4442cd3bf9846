"""Permission predicates for strategic district plans (imported by `agreements.rules`).

- view: everyone with the plan in scope (`visible_to`).
- add (object: the agreement, or none for "may write plans at all"): officers and the
  municipality's coordinators.
- change (sections, goals, indicators, measures): officers and the municipality's coordinators, in
  any status; a change to an adopted plan is a revision (date and reason, see services).
- adopt: the same people, drafts only.
- delete a goal, an indicator or a measure (object: the plan): the same people, drafts only.

The table of roles is in agreements/README.md.
"""

import rules

from accounts.roles import scope_of


@rules.predicate
def _is_officer(user) -> bool:
    return scope_of(user).is_officer


@rules.predicate
def is_coordinator_of_agreement(user, agreement) -> bool:
    """Without an agreement: may the user write a plan under some agreement at all."""
    if agreement is None:
        return scope_of(user).is_coordinator
    return agreement.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_coordinator_of_plan(user, plan) -> bool:
    return plan is not None and plan.agreement.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_draft_plan(user, plan) -> bool:
    return plan is not None and plan.status == "draft"


may_edit_plan = _is_officer | is_coordinator_of_plan

rules.add_perm("agreements.view_strategicdistrictplan", rules.is_authenticated)
rules.add_perm("agreements.add_strategicdistrictplan", _is_officer | is_coordinator_of_agreement)
rules.add_perm("agreements.change_strategicdistrictplan", may_edit_plan)
rules.add_perm("agreements.adopt_strategicdistrictplan", may_edit_plan & is_draft_plan)
rules.add_perm("agreements.delete_plangoal", may_edit_plan & is_draft_plan)
rules.add_perm("reports.delete_goalindicator", may_edit_plan & is_draft_plan)
rules.add_perm("agreements.delete_measure", may_edit_plan & is_draft_plan)
