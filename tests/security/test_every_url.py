"""Every URL of the project decided: for each URL pattern and each role, the expected answer.

The table below (TABLE) has one line per URL pattern name, in the order of the URLconf:

    <namespace:name>  <anonymous> <officer> <ministry_admin> <reader> <coordinator_malmo>
                      <coordinator_botkyrka> <agency_officer_fk>  [kwarg=world.path ...] [POST]

- The seven outcome columns are the roles of the fixed cast in tests/conftest.py, in that order:
  anonymous, ministry officer, ministry admin, reader, coordinator of Malmö, coordinator of
  Botkyrka (another municipality: everything in the world is out of their scope) and an officer
  of Försäkringskassan (which has an accord and a partnership in Malmö).
- An outcome is a status code (200, 400, 403, 404, 405), `L` (302 to the login page) or `R`
  (302 anywhere else).
- The kwargs build a concrete URL from the shared world of tests/security/world.py:
  `pk=report.pk` is the world's district report's pk, `file_format==csv` the literal "csv".
- `POST` marks a view that only accepts POST: the outcomes are those of a POST with an empty
  form instead of a GET.
- Adding a view = adding one line. A URL name that is missing here fails `test_every_url_is_in_
  the_table` with "new view without an entry"; a line for a name that no longer exists fails too.
- Django admin URLs (`admin:*`) follow one rule instead of lines: staff (the ministry admin) get
  the page, everybody else is redirected to the admin's login (`test_admin_is_staff_only`, on a
  sample).

Besides the GET table, every role whose outcome is 403 or 404 also POSTs (a small form) to the
URL: it must again get 403 or 404, and the transaction must not have written a single row
(PostgreSQL's per-transaction statistics, sessions excepted).
"""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from tests.security import urltable

pytestmark = pytest.mark.django_db

L, R = urltable.LOGIN, urltable.ELSEWHERE

# fmt: off
TABLE = """
# name                                    anon off  adm  read coMa coBo age  kwargs / flags
home                                      L    200  200  200  200  200  200
accounts:login                            200  R    R    R    R    R    R
accounts:logout                           405  405  405  405  405  405  405
accounts:otp-setup                        L    200  200  200  200  200  200
accounts:otp-verify                       L    R    R    R    R    R    R
set_language                              R    R    R    R    R    R    R
agreements:agreement-list                 L    200  200  200  200  200  200
agreements:agreement-create               L    200  200  403  403  403  403
agreements:agreement-detail               L    200  200  200  200  404  200  pk=agreement.pk
agreements:agreement-edit                 L    200  200  403  403  404  403  pk=agreement.pk
agreements:agreement-negotiate            L    403  403  403  403  404  403  pk=agreement.pk
agreements:agreement-sign                 L    403  403  403  403  404  403  pk=agreement.pk
agreements:agreement-pause                L    200  200  403  403  404  403  pk=agreement.pk
agreements:agreement-resume               L    403  403  403  403  404  403  pk=agreement.pk
agreements:agreement-decline              L    403  403  403  403  404  403  pk=agreement.pk
agreements:agreement-terminate            L    200  200  403  403  404  403  pk=agreement.pk
agreements:agreement-revise               L    200  200  403  403  404  403  pk=agreement.pk
agreements:revision-detail                L    200  200  200  200  404  200  pk=agreement.pk year=revision.year
agreements:agreement-attach               L    200  200  403  403  404  403  pk=agreement.pk
agreements:agreement-attachment           L    200  200  200  200  404  200  pk=agreement.pk attachment_pk=agreement_attachment.pk
agreements:agreement-document             L    404  404  404  404  404  404  pk=agreement.pk
agreements:agreement-pdf                  L    200  200  200  200  404  200  pk=agreement.pk
agreements:municipality-list              L    200  200  200  200  200  200
agreements:municipality-detail            L    200  200  200  200  404  200  pk=municipality.pk
agreements:district-list                  L    200  200  200  200  200  200
agreements:district-detail                L    200  200  200  200  404  200  pk=district.pk
agreements:plan-list                      L    200  200  200  200  200  200
agreements:plan-create                    L    200  200  403  200  200  403
agreements:plan-detail                    L    200  200  200  200  404  200  pk=plan.pk
agreements:plan-edit                      L    200  200  403  200  404  403  pk=plan.pk
agreements:plan-adopt                     L    200  200  403  200  404  403  pk=plan.pk
agreements:plan-goal-create               L    200  200  403  200  404  403  pk=plan.pk
agreements:plan-goal-edit                 L    200  200  403  200  404  403  pk=plan.pk goal_pk=goal.pk
agreements:plan-goal-delete               L    200  200  403  200  404  403  pk=plan.pk goal_pk=goal.pk
agreements:plan-indicator-create          L    200  200  403  200  404  403  pk=plan.pk goal_pk=goal.pk
agreements:plan-indicator-edit            L    200  200  403  200  404  403  pk=plan.pk indicator_pk=goal_indicator.pk
agreements:plan-indicator-delete          L    200  200  403  200  404  403  pk=plan.pk indicator_pk=goal_indicator.pk
agreements:plan-measure-create            L    200  200  403  200  404  403  pk=plan.pk goal_pk=goal.pk
agreements:plan-measure-edit              L    200  200  403  200  404  403  pk=plan.pk measure_pk=plan_measure.pk
agreements:plan-measure-delete            L    200  200  403  200  404  403  pk=plan.pk measure_pk=plan_measure.pk
partnerships:accord-list                  L    200  200  200  200  200  200
partnerships:accord-create                L    200  200  403  200  200  200
partnerships:accord-detail                L    200  200  200  200  404  200  pk=accord.pk
partnerships:accord-pdf                   L    200  200  200  200  404  200  pk=accord.pk
partnerships:accord-edit                  L    200  200  403  200  404  200  pk=accord.pk
partnerships:accord-commitments           L    200  200  403  200  404  200  pk=accord.pk
partnerships:accord-propose               L    403  403  403  200  404  200  pk=accord.pk
partnerships:accord-accept                L    403  403  403  403  404  403  pk=accord.pk
partnerships:accord-decline               L    403  403  403  403  404  403  pk=accord.pk
partnerships:accord-reopen                L    403  403  403  403  404  403  pk=accord.pk
partnerships:accord-end                   L    403  403  403  403  404  403  pk=accord.pk
partnerships:accord-attachment-add        L    200  200  403  200  404  200  pk=accord.pk
partnerships:accord-attachment-download   L    200  200  200  200  404  200  pk=accord.pk attachment_pk=accord_attachment.pk
partnerships:agency-list                  L    200  200  200  200  200  200
partnerships:agency-detail                L    200  200  200  200  200  200  pk=agency.pk
partnerships:partnership-list             L    200  200  200  200  200  200
partnerships:partnership-create           L    200  200  403  200  200  403
partnerships:partnership-detail           L    200  200  200  200  404  200  pk=partnership.pk
partnerships:partnership-member-add       L    200  200  403  200  404  403  pk=partnership.pk
partnerships:partnership-member-edit      L    200  200  403  200  404  403  pk=partnership.pk member_pk=member.pk
reports:district-report-list              L    200  200  200  200  200  200
reports:district-report-create-year       L    200  200  403  403  403  403
reports:overdue-reports                   L    200  200  403  403  403  403
reports:district-report-detail            L    200  200  403  200  404  404  pk=report.pk
reports:district-report-edit              L    403  403  403  200  404  404  pk=report.pk
reports:district-report-submit            L    403  403  403  200  404  404  pk=report.pk
reports:district-report-return            L    403  403  403  403  404  404  pk=report.pk
reports:district-report-accept            L    403  403  403  403  404  404  pk=report.pk
reports:district-report-pdf               L    404  404  403  404  404  404  pk=report.pk
reports:district-report-attachment-add    L    403  403  403  400  404  404  pk=report.pk POST
reports:district-report-attachment        L    200  200  403  200  404  404  pk=report.pk attachment_pk=report_attachment.pk
reports:district-report-attachment-delete L    403  403  403  200  404  404  pk=report.pk attachment_pk=report_attachment.pk
reports:agency-report-list                L    200  200  200  200  200  200
reports:agency-report-create              L    200  200  403  403  403  200
reports:agency-report-detail              L    200  200  200  404  404  200  pk=agency_report.pk
reports:agency-report-edit                L    403  403  403  404  404  200  pk=agency_report.pk
reports:agency-report-entry-add           L    403  403  403  404  404  200  pk=agency_report.pk
reports:agency-report-entry-edit          L    403  403  403  404  404  200  pk=agency_report.pk entry_pk=agency_entry.pk
reports:agency-report-submit              L    403  403  403  404  404  403  pk=agency_report.pk
reports:agency-report-return              L    403  403  403  404  404  403  pk=agency_report.pk
reports:agency-report-accept              L    403  403  403  404  404  403  pk=agency_report.pk
reports:agency-report-compile             L    403  403  403  404  404  403  pk=agency_report.pk
reports:agency-report-pdf                 L    404  404  404  404  404  404  pk=agency_report.pk
reports:indicator-list                    L    200  200  200  200  200  200
reports:indicator-create                  L    403  200  403  403  403  403
reports:indicator-detail                  L    200  200  200  200  200  200  code=indicator.code
reports:indicator-update                  L    403  200  403  403  403  403  code=indicator.code
reports:indicator-import                  L    200  200  403  403  403  403
reports:indicator-import-template         L    200  200  403  403  403  403  file_format==csv
reports:import-batch-list                 L    200  200  403  403  403  403
reports:import-batch-detail               L    200  200  403  403  403  403  pk=batch.pk
reports:import-batch-undo                 L    200  200  403  403  403  403  pk=batch.pk
reports:indicator-overview                L    200  200  200  200  200  200
reports:district-statistics               L    200  200  200  200  404  200  pk=district.pk
reports:open-data                         200  200  200  200  200  200  200
reports:open-data-csv                     200  200  200  200  200  200  200
reports:open-data-json                    200  200  200  200  200  200  200
reports:open-data-indicators              200  200  200  200  200  200  200
reports:annual-report-list                L    200  200  200  403  403  403
reports:annual-report-create              L    200  200  403  403  403  403
reports:annual-report-detail              L    200  200  404  403  403  403  pk=annual_report.pk
reports:annual-report-edit                L    200  200  404  403  403  403  pk=annual_report.pk
reports:annual-report-generate            L    R    R    404  403  403  403  pk=annual_report.pk POST
reports:annual-report-publish             L    R    R    404  403  403  403  pk=annual_report.pk
reports:annual-report-pdf                 L    404  404  404  403  403  403  pk=annual_report.pk
reports:publication-list                  200  200  200  200  200  200  200
reports:publication-download              200  200  200  200  200  200  200  pk=published_report.pk
grants:round-list                         L    200  200  200  200  200  200
grants:round-detail                       L    200  200  200  200  200  200  year=round.year
grants:round-edit                         L    200  200  403  403  403  403  year=round.year
grants:application-create                 L    403  403  403  200  200  403  year=round.year
grants:application-list                   L    200  200  200  200  200  200
grants:application-detail                 L    200  200  200  200  404  404  pk=application.pk
grants:application-edit                   L    403  403  403  200  404  404  pk=application.pk
grants:goal-create                        L    403  403  403  200  404  404  pk=application.pk
grants:goal-edit                          L    403  403  403  200  404  404  pk=application.pk goal_pk=grant_goal.pk
grants:measure-create                     L    403  403  403  200  404  404  pk=application.pk
grants:measure-edit                       L    403  403  403  200  404  404  pk=application.pk measure_pk=grant_measure.pk
grants:measure-delete                     L    403  403  403  200  404  404  pk=application.pk measure_pk=grant_measure.pk
grants:budget-edit                        L    403  403  403  200  404  404  pk=application.pk
grants:application-submit                 L    403  403  403  200  404  404  pk=application.pk
grants:advisory-comment                   L    403  403  403  403  404  404  pk=application.pk
grants:application-decide                 L    403  403  403  403  404  404  pk=application.pk
grants:decision-pdf                       L    200  200  200  200  404  404  pk=decided.pk
grants:follow-up-start                    L    403  403  403  R    404  404  pk=decided.pk year==2022 POST
grants:payment-create                     L    200  200  403  403  404  404  amount_pk=amount.pk
grants:reclaim-create                     L    200  200  403  403  404  404  amount_pk=amount.pk
grants:payment-record                     L    200  200  403  403  404  404  payment_pk=payment.pk
grants:follow-up-detail                   L    200  200  200  200  404  404  pk=follow_up.pk
grants:follow-up-edit                     L    403  403  403  200  404  404  pk=follow_up.pk
grants:follow-up-submit                   L    403  403  403  200  404  404  pk=follow_up.pk
grants:follow-up-return                   L    403  403  403  403  404  404  pk=follow_up.pk
grants:follow-up-accept                   L    403  403  403  403  404  404  pk=follow_up.pk
grants:funding-list                       L    200  200  200  200  200  200
grants:district-funding-list              L    200  200  200  200  200  200
audit:event-list                          L    403  200  403  403  403  403
export-list                               L    200  200  200  200  200  200
export-detail                             L    200  404  404  404  404  404  pk=list_export.pk
export-file                               L    200  404  404  404  404  404  pk=list_export.pk
accessibility                             200  200  200  200  200  200  200
"""
# fmt: on


def _parse(text: str) -> dict[str, tuple[dict[str, str], dict[str, object], bool]]:
    entries = {}
    for line in text.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *tokens = line.split()
        codes = tokens[: len(urltable.ROLES)]
        extra = tokens[len(urltable.ROLES) :]
        assert len(codes) == len(urltable.ROLES), f"{name}: needs {len(urltable.ROLES)} outcomes"
        assert name not in entries, f"{name} has two lines in the table"
        expected = {
            role: (code if code in (L, R) else int(code))
            for role, code in zip(urltable.ROLES, codes, strict=True)
        }
        kwargs = dict(token.split("=", 1) for token in extra if "=" in token)
        entries[name] = (kwargs, expected, "POST" in extra)
    return entries


ENTRIES = _parse(TABLE)
FORBIDDEN = (403, 404)


def _url(world, name: str) -> str:
    kwargs, _expected, _post = ENTRIES[name]
    return reverse(name, kwargs={key: world.resolve(path) for key, path in kwargs.items()})


def test_every_url_is_in_the_table():
    names = [name for name in urltable.url_names() if not name.startswith("admin:")]
    missing = [name for name in names if name not in ENTRIES]
    gone = [name for name in ENTRIES if name not in names]
    assert not missing, (
        f"new view without an entry in tests/security/test_every_url.py TABLE: {missing}"
    )
    assert not gone, f"TABLE lines for URL names that no longer exist: {gone}"


@pytest.mark.parametrize("name", list(ENTRIES))
def test_url_answers_each_role_as_the_table_says(cast, name):
    world, clients = cast
    url = _url(world, name)
    _kwargs, expected, post_only = ENTRIES[name]
    actual = {}
    for role in urltable.ROLES:
        client = clients[role]
        response = client.post(url, {}) if post_only else client.get(url)
        actual[role] = urltable.outcome(response)
    wrong = {
        role: f"{actual[role]} (table: {expected[role]})"
        for role in urltable.ROLES
        if actual[role] != expected[role]
    }
    assert not wrong, f"{name} {url}: {wrong}"

    # A role that may not open the page may not post to it either, and nothing changes.
    before = urltable.writes()
    for role, code in expected.items():
        if code in FORBIDDEN:
            status = clients[role].post(url, {"title": "Inbrott", "note": "x"}).status_code
            # 405: a download that only answers GET refuses the method before anything else.
            assert status in {*FORBIDDEN, 405}, f"{name}: POST as {role} gave {status}"
    assert urltable.writes() == before, f"{name}: a refused POST wrote to the database"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("admin:index", ""),
        ("admin:agreements_agreement_changelist", ""),
        ("admin:agreements_agreement_change", "agreement"),
        ("admin:reports_agencyreport_changelist", ""),
    ],
)
def test_admin_is_staff_only(cast, name, args):
    world, clients = cast
    url = reverse(name, args=[world.resolve(f"{args}.pk")] if args else [])
    admin_login = reverse("admin:login")
    for role in urltable.ROLES:
        response = clients[role].get(url)
        if role == "ministry_admin":
            assert response.status_code == 200, f"{name} as {role}"
        else:
            assert response.status_code == 302, f"{name} as {role}"
            assert response["Location"].startswith(admin_login), f"{name} as {role}"


def test_every_admin_url_is_under_the_admin_site():
    """The admin rule covers `admin:*` only because each such name lives under /admin/."""
    for name in urltable.url_names():
        if name.startswith("admin:") and "<" not in name:
            try:
                url = reverse(name)
            except NoReverseMatch:  # names that take arguments
                continue
            assert url.startswith("/admin/"), name


def test_the_write_check_sees_an_update(cast):
    """The "nothing written" check above can fail: an UPDATE shows in the statistics."""
    world, _clients = cast
    before = urltable.writes()
    type(world.agreement).objects.filter(pk=world.agreement.pk).update(title="Ändrad")
    assert urltable.writes() != before
