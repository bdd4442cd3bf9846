"""Page-shaped reads for agencies, partnerships and accords. Every read goes through the user's
scope and preloads what the page shows, so the number of queries does not grow with the rows."""

from partnerships.selectors.accords import (  # noqa: F401
    accord_attachment_get,
    accord_attachments,
    accord_get_for_user,
    accord_history,
    accord_list_for_table,
    accord_list_for_user,
    accord_status_counts,
    accords_waiting_for,
    agreements_open_for_accords,
    partnerships_of_accord,
    plan_goals_of_accord,
    plans_of_agreement,
    signing_units_for_user,
    units_for_accord,
)
from partnerships.selectors.agencies import (  # noqa: F401
    UnitNode,
    agencies_of_user,
    agency_get_for_user,
    agency_list_for_table,
    unit_tree,
    units_of_agencies,
    units_of_user,
)
from partnerships.selectors.partnerships import (  # noqa: F401
    Coverage,
    CoverageRow,
    agreements_without_partnership,
    municipalities_for_filter,
    partnership_coverage,
    partnership_get_for_user,
    partnership_list_for_user,
    partnership_member_get_for_user,
    partnership_members,
    partnerships_of_users_agencies,
)
