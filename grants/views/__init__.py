"""Views of the grant app, split by subdomain."""

from .applications import (
    ApplicationListView,
    advisory_comment_view,
    application_create_view,
    application_detail_view,
    application_edit_view,
    application_submit_view,
    budget_edit_view,
    follow_up_start_view,
    goal_edit_view,
    measure_delete_view,
    measure_edit_view,
)
from .decisions import (
    application_decide_view,
    decision_pdf_view,
    payment_create_view,
    payment_record_view,
    reclaim_create_view,
)
from .followups import (
    follow_up_accept_view,
    follow_up_detail_view,
    follow_up_edit_view,
    follow_up_return_view,
    follow_up_submit_view,
)
from .overview import DistrictFundingListView, FundingListView
from .rounds import round_detail_view, round_edit_view, round_list_view

__all__ = [
    "ApplicationListView",
    "DistrictFundingListView",
    "FundingListView",
    "advisory_comment_view",
    "application_create_view",
    "application_decide_view",
    "application_detail_view",
    "application_edit_view",
    "application_submit_view",
    "budget_edit_view",
    "decision_pdf_view",
    "follow_up_accept_view",
    "follow_up_detail_view",
    "follow_up_edit_view",
    "follow_up_return_view",
    "follow_up_start_view",
    "follow_up_submit_view",
    "goal_edit_view",
    "measure_delete_view",
    "measure_edit_view",
    "payment_create_view",
    "payment_record_view",
    "reclaim_create_view",
    "round_detail_view",
    "round_edit_view",
    "round_list_view",
]
