"""Permission predicates for district reports, agency reports and the annual report."""

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_officer


@rules.predicate
def is_coordinator_of_report(user, report) -> bool:
    return report is not None and report.district.municipality_id in scope_of(user).municipality_ids


rules.add_perm("reports.view_annualdistrictreport", rules.is_authenticated)
rules.add_perm("reports.change_annualdistrictreport", is_coordinator_of_report)
rules.add_perm("reports.review_annualdistrictreport", is_ministry_officer)
rules.add_perm("reports.view_indicator", rules.is_authenticated)

# The agency reports' rules live with their pages (reports/agency/rules.py).
import reports.agency.rules  # noqa: E402, F401
