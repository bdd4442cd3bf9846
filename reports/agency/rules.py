"""Permission predicates for the agencies' yearly reports (13 § förordningen (2008:348)).

| action   | who                                           | states                          |
|----------|-----------------------------------------------|---------------------------------|
| add      | agency officer, ministry officer              | –                               |
| change   | officer of the report's agency                | ej påbörjad, utkast, återsänd   |
| submit   | officer of the report's agency                | utkast, återsänd                |
| review   | ministry officer who did not submit it        | inlämnad                        |
| compile  | officer of the agency, central unit's report  | ej påbörjad, utkast, återsänd   |

Accepted reports never change: the services refuse every write to them.
"""

from __future__ import annotations

import rules

from accounts.roles import scope_of
from agreements.rules import is_ministry_officer

EDITABLE = ("not_started", "draft", "returned")


@rules.predicate
def is_officer_of_report_agency(user, report) -> bool:
    return report is not None and report.agency_id in scope_of(user).agency_ids


@rules.predicate
def is_agency_officer(user) -> bool:
    return scope_of(user).is_agency_officer


@rules.predicate
def report_is_editable(user, report) -> bool:
    return report is not None and report.status in EDITABLE


@rules.predicate
def report_is_submittable(user, report) -> bool:
    return report is not None and report.status in ("draft", "returned")


@rules.predicate
def report_is_submitted(user, report) -> bool:
    return report is not None and report.status == "submitted"


@rules.predicate
def did_not_submit_report(user, report) -> bool:
    return report is not None and report.submitted_by_id != user.pk


@rules.predicate
def report_is_central(user, report) -> bool:
    return report is not None and report.unit.level == "central"


rules.set_perm("reports.view_agencyreport", rules.is_authenticated)
rules.set_perm("reports.add_agencyreport", is_agency_officer | is_ministry_officer)
rules.set_perm("reports.change_agencyreport", is_officer_of_report_agency & report_is_editable)
rules.set_perm("reports.submit_agencyreport", is_officer_of_report_agency & report_is_submittable)
rules.set_perm(
    "reports.review_agencyreport",
    is_ministry_officer & report_is_submitted & did_not_submit_report,
)
rules.set_perm(
    "reports.compile_agencyreport",
    is_officer_of_report_agency & report_is_editable & report_is_central,
)
