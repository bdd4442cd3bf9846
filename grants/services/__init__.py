"""Writes of the grant app, split by subdomain. Every function runs in one transaction, sets the
history user and reason, and raises `ValidationError` with Swedish messages for cross-row rules."""

from .applications import (
    advisory_comment_add,
    application_create,
    application_submit,
    application_update,
    budget_set,
    check_grant_share,
    goal_save,
    measure_delete,
    measure_save,
)
from .decisions import (
    decision_make,
    decision_store_pdf,
    payment_plan,
    payment_record,
    reclaim_record,
)
from .followups import (
    follow_up_accept,
    follow_up_return,
    follow_up_start,
    follow_up_submit,
    follow_up_update,
)
from .rounds import round_update

__all__ = [
    "advisory_comment_add",
    "application_create",
    "application_submit",
    "application_update",
    "budget_set",
    "check_grant_share",
    "decision_make",
    "decision_store_pdf",
    "follow_up_accept",
    "follow_up_return",
    "follow_up_start",
    "follow_up_submit",
    "follow_up_update",
    "goal_save",
    "measure_delete",
    "measure_save",
    "payment_plan",
    "payment_record",
    "reclaim_record",
    "round_update",
]
