"""Permission predicates for the annual report (imported by `reports.rules`).

- list and view: ministry officers (every report), readers (published reports).
- add, change, generate, publish: ministry officers; change, generate and publish only while the
  report is a draft.
- The public publication list and its downloads need no login and no permission.
"""

import rules

from agreements.rules import is_ministry_officer, is_reader


@rules.predicate
def is_published_annual_report(user, report) -> bool:
    return report is not None and report.status == "published"


@rules.predicate
def is_draft_annual_report(user, report) -> bool:
    return report is not None and report.status == "draft"


rules.add_perm("reports.list_annualreport", is_ministry_officer | is_reader)
rules.add_perm(
    "reports.view_annualreport",
    is_ministry_officer | (is_reader & is_published_annual_report),
)
rules.add_perm("reports.add_annualreport", is_ministry_officer)
rules.add_perm("reports.change_annualreport", is_ministry_officer & ~is_published_annual_report)
rules.add_perm("reports.publish_annualreport", is_ministry_officer & is_draft_annual_report)
