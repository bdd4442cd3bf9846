"""Permission predicates for the reports app. Each part keeps its rules with its pages:
district reports in reports/district/rules.py, agency reports in reports/agency/rules.py."""

import rules

from reports.district import rules as district_rules  # noqa: F401  (district report permissions)

rules.add_perm("reports.view_indicator", rules.is_authenticated)

# The agency reports' rules live with their pages (reports/agency/rules.py).
import reports.agency.rules  # noqa: E402, F401
