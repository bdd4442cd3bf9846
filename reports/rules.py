"""Permission predicates of the reports app. The district reports' rules live in
reports/district/rules.py and the agency reports' in reports/agency/rules.py; the indicators'
and statistics' rules are here."""

import rules

import reports.agency.rules  # noqa: F401  (agency report permissions)
import reports.annual.rules  # noqa: F401  (annual report permissions)
from accounts.roles import scope_of
from agreements.rules import is_ministry_admin, is_ministry_officer
from reports.district import rules as district_rules  # noqa: F401  (district report permissions)

# Indicators and statistics (reports/statistics/). Values are public as open data, so every role
# reads them; the rows a coordinator or agency officer sees are still their own scope's districts.


@rules.predicate
def has_a_role(user) -> bool:
    return scope_of(user).role != "none"


@rules.predicate
def is_undoable_batch(user, batch) -> bool:
    return batch is not None and batch.status == "imported"


rules.add_perm("reports.view_indicator", has_a_role)
rules.add_perm("reports.add_indicator", is_ministry_admin)
rules.add_perm("reports.change_indicator", is_ministry_admin)
rules.add_perm("reports.view_statistics", has_a_role)
rules.add_perm("reports.import_indicatorvalue", is_ministry_officer)
rules.add_perm("reports.view_importbatch", is_ministry_officer)
rules.add_perm("reports.undo_importbatch", is_ministry_officer & is_undoable_batch)
