"""Permission predicates for district reports, agency reports and the annual report."""

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_officer
from reports.district import rules as district_rules  # noqa: F401  (district report permissions)


@rules.predicate
def is_officer_of_report_agency(user, report) -> bool:
    return report is not None and report.agency_id in scope_of(user).agency_ids


rules.add_perm("reports.view_agencyreport", rules.is_authenticated)
rules.add_perm("reports.change_agencyreport", is_officer_of_report_agency)
rules.add_perm("reports.review_agencyreport", is_ministry_officer)
rules.add_perm("reports.view_indicator", rules.is_authenticated)
