"""Permission predicates for annual district reports (imported by `reports.rules`).

- view: officers, the municipality's coordinators, and readers once the report is accepted.
- change (edit, attachments) and submit: the municipality's coordinators while the report is not
  started, a draft or returned.
- review (return, accept): officers while the report is submitted. Accepting also needs a reviewer
  who wrote no part of it, checked by `services.may_accept` against the history.
- add (create a year's reports) and monitor (the overdue list): officers.

The table of roles is in reports/README.md.
"""

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_officer, is_reader
from reports.models import ReviewStatus

OPEN_STATUSES = frozenset({ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED})


@rules.predicate
def is_coordinator_of_report(user, report) -> bool:
    return report is not None and report.district.municipality_id in scope_of(user).municipality_ids


@rules.predicate
def is_open_report(user, report) -> bool:
    return report is not None and report.status in OPEN_STATUSES


@rules.predicate
def is_submitted_report(user, report) -> bool:
    return report is not None and report.status == ReviewStatus.SUBMITTED


@rules.predicate
def is_accepted_report(user, report) -> bool:
    return report is not None and report.status == ReviewStatus.ACCEPTED


rules.add_perm(
    "reports.view_annualdistrictreport",
    is_ministry_officer | is_coordinator_of_report | (is_reader & is_accepted_report),
)
rules.add_perm("reports.change_annualdistrictreport", is_coordinator_of_report & is_open_report)
rules.add_perm("reports.submit_annualdistrictreport", is_coordinator_of_report & is_open_report)
rules.add_perm("reports.review_annualdistrictreport", is_ministry_officer & is_submitted_report)
rules.add_perm("reports.add_annualdistrictreport", is_ministry_officer)
rules.add_perm("reports.monitor_annualdistrictreport", is_ministry_officer)
