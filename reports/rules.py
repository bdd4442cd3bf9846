"""Permission predicates for district reports, agency reports and the annual report."""

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_admin, is_ministry_officer


@rules.predicate
def is_coordinator_of_report(user, report) -> bool:
    return report is not None and report.district.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_officer_of_report_agency(user, report) -> bool:
    return report is not None and report.agency_id in scope_of(user).agency_ids


rules.add_perm("reports.view_annualdistrictreport", rules.is_authenticated)
rules.add_perm("reports.change_annualdistrictreport", is_coordinator_of_report)
rules.add_perm("reports.review_annualdistrictreport", is_ministry_officer)
rules.add_perm("reports.view_agencyreport", rules.is_authenticated)
rules.add_perm("reports.change_agencyreport", is_officer_of_report_agency)
rules.add_perm("reports.review_agencyreport", is_ministry_officer)

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
