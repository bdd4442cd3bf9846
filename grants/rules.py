"""Permission predicates of the grant app (checked with `user.has_perm(perm, obj)`).

Scope (which applications a user sees at all) is `GrantApplication.objects.visible_to(user)`;
these rules decide what a user in scope may do, including in which state.

- coordinator of the municipality: write and submit the application while it is a draft; write
  and submit the yearly follow-up.
- officer of the advisory body (Delegationen mot segregation): comment on a submitted application.
- ministry officer or admin, officer of the round's administering body: decide (never on an
  application they wrote), plan and record payments, record reclaims, return or accept
  follow-ups (never one they wrote).
- ministry officer or admin: change a round (window, due dates, eligible municipalities).
"""

from __future__ import annotations

import rules

from accounts.roles import scope_of
from agreements.rules import is_coordinator, is_ministry_officer
from grants.models import GrantApplication, GrantDecisionAmount, GrantFollowUp, GrantRound
from reports.models import ReviewStatus


def _application(obj) -> GrantApplication | None:
    """The application an object belongs to (application, follow-up, decision amount)."""
    if isinstance(obj, GrantApplication):
        return obj
    if isinstance(obj, GrantFollowUp):
        return obj.application
    if isinstance(obj, GrantDecisionAmount):
        return obj.decision.application
    return None


def _round(obj) -> GrantRound | None:
    if isinstance(obj, GrantRound):
        return obj
    application = _application(obj)
    return application.round if application is not None else None


@rules.predicate
def is_coordinator_of_application(user, obj) -> bool:
    application = _application(obj)
    return (
        application is not None and application.municipality_id in scope_of(user).municipality_ids
    )


@rules.predicate
def is_officer_of_administering_body(user, obj) -> bool:
    grant_round = _round(obj)
    return (
        grant_round is not None
        and grant_round.administering_body_id is not None
        and grant_round.administering_body_id in scope_of(user).agency_ids
    )


@rules.predicate
def is_officer_of_advisory_body(user, obj) -> bool:
    grant_round = _round(obj)
    return (
        grant_round is not None
        and grant_round.advisory_body_id is not None
        and grant_round.advisory_body_id in scope_of(user).agency_ids
    )


@rules.predicate
def wrote_application(user, obj) -> bool:
    application = _application(obj)
    return application is not None and user.pk in application.authors


@rules.predicate
def application_is_draft(user, obj) -> bool:
    application = _application(obj)
    return application is not None and application.status == "draft"


@rules.predicate
def application_is_submitted(user, obj) -> bool:
    application = _application(obj)
    return application is not None and application.status == "submitted"


@rules.predicate
def application_is_decided(user, obj) -> bool:
    application = _application(obj)
    return application is not None and application.status == "decided"


@rules.predicate
def follow_up_is_editable(user, follow_up) -> bool:
    return follow_up is not None and follow_up.is_editable_by_author


@rules.predicate
def follow_up_is_submitted(user, follow_up) -> bool:
    return follow_up is not None and follow_up.status == ReviewStatus.SUBMITTED


@rules.predicate
def wrote_follow_up(user, follow_up) -> bool:
    return follow_up is not None and user.pk in {
        follow_up.created_by_id,
        follow_up.submitted_by_id,
    }


is_grant_administrator = is_ministry_officer | is_officer_of_administering_body

rules.add_perm("grants.view_grantround", rules.is_authenticated)
rules.add_perm("grants.change_grantround", is_ministry_officer)

rules.add_perm("grants.view_grantapplication", rules.is_authenticated)
rules.add_perm("grants.add_grantapplication", is_coordinator)
rules.add_perm(
    "grants.change_grantapplication", is_coordinator_of_application & application_is_draft
)
rules.add_perm(
    "grants.submit_grantapplication", is_coordinator_of_application & application_is_draft
)
rules.add_perm(
    "grants.comment_grantapplication", is_officer_of_advisory_body & application_is_submitted
)
rules.add_perm(
    "grants.decide_grantapplication",
    is_grant_administrator & application_is_submitted & ~wrote_application,
)
rules.add_perm("grants.view_grantdecision", rules.is_authenticated)
rules.add_perm("grants.pay_grantpayment", is_grant_administrator & application_is_decided)
rules.add_perm("grants.add_grantreclaim", is_grant_administrator & application_is_decided)

rules.add_perm("grants.view_grantfollowup", rules.is_authenticated)
rules.add_perm("grants.add_grantfollowup", is_coordinator_of_application & application_is_decided)
rules.add_perm("grants.change_grantfollowup", is_coordinator_of_application & follow_up_is_editable)
rules.add_perm("grants.submit_grantfollowup", is_coordinator_of_application & follow_up_is_editable)
rules.add_perm(
    "grants.review_grantfollowup",
    is_grant_administrator & follow_up_is_submitted & ~wrote_follow_up,
)
