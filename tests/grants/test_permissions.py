"""The role table of the grant app: role × action × state → allowed or not, and for every page
the chain anonymous → login, out of scope → 404, wrong role → 403, right role → 200."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from grants import services

pytestmark = pytest.mark.django_db

ROLES = [
    "officer",
    "ministry_admin",
    "reader",
    "coordinator_malmo",
    "coordinator_botkyrka",
    "agency_officer_fk",
    "delmos_officer",
    "tillvaxtverket_officer",
]

# action → state → roles allowed (everyone else is refused)
TABLE = {
    "grants.change_grantapplication": {
        "draft": {"coordinator_malmo"},
        "submitted": set(),
        "decided": set(),
    },
    "grants.submit_grantapplication": {
        "draft": {"coordinator_malmo"},
        "submitted": set(),
        "decided": set(),
    },
    "grants.comment_grantapplication": {
        "draft": set(),
        "submitted": {"delmos_officer"},
        "decided": set(),
    },
    "grants.decide_grantapplication": {
        "draft": set(),
        "submitted": {"officer", "ministry_admin", "tillvaxtverket_officer"},
        "decided": set(),
    },
    "grants.pay_grantpayment": {
        "draft": set(),
        "submitted": set(),
        "decided": {"officer", "ministry_admin", "tillvaxtverket_officer"},
    },
    "grants.add_grantreclaim": {
        "draft": set(),
        "submitted": set(),
        "decided": {"officer", "ministry_admin", "tillvaxtverket_officer"},
    },
    "grants.add_grantfollowup": {
        "draft": set(),
        "submitted": set(),
        "decided": {"coordinator_malmo"},
    },
}


@pytest.mark.parametrize("action", sorted(TABLE))
def test_each_role_may_take_the_action_only_in_the_allowed_states(request, applications, action):
    users = {role: request.getfixturevalue(role) for role in ROLES}
    allowed = {
        state: {role for role, user in users.items() if user.has_perm(action, application)}
        for state, application in applications.items()
    }
    assert allowed == TABLE[action]


def test_nobody_decides_on_an_application_they_wrote(applications, officer):
    application = applications["submitted"]
    application.created_by = officer
    application.save()
    assert not officer.has_perm("grants.decide_grantapplication", application)


def test_only_ministry_staff_change_a_round(grant_round, request):
    allowed = {r for r in ROLES if request.getfixturevalue(r).has_perm("grants.change_grantround")}
    assert allowed == {"officer", "ministry_admin"}


def test_coordinator_sees_only_own_municipalitys_applications(
    applications, coordinator_botkyrka, coordinator_malmo
):
    from grants.models import GrantApplication

    assert not GrantApplication.objects.visible_to(coordinator_botkyrka).exists()
    assert GrantApplication.objects.visible_to(coordinator_malmo).count() == 3


def test_agency_officers_see_handed_in_applications_of_their_rounds_only(
    applications, delmos_officer, agency_officer_fk
):
    from grants.models import GrantApplication

    visible = set(GrantApplication.objects.visible_to(delmos_officer))
    assert visible == {applications["submitted"], applications["decided"]}
    assert not GrantApplication.objects.visible_to(agency_officer_fk).exists()


# ---------------------------------------------------------------------------- page chain


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _follow_up(applications, coordinator):
    return services.follow_up_start(
        application=applications["decided"], year=2022, actor=coordinator
    )


def _amount(applications):
    return applications["decided"].decision.amounts.get()


def _payment(applications, officer):
    return services.payment_plan(
        decision_amount=_amount(applications),
        amount_sek=Decimal("100"),
        due_on=datetime.date(2022, 2, 1),
        actor=officer,
    )


# name, how to build the URL from (applications, fixtures), right role, wrong role
PAGES = [
    ("application-detail", lambda a, f: [a["draft"].pk], "coordinator_malmo", None),
    ("application-edit", lambda a, f: [a["draft"].pk], "coordinator_malmo", "officer"),
    ("budget-edit", lambda a, f: [a["draft"].pk], "coordinator_malmo", "reader"),
    ("goal-create", lambda a, f: [a["draft"].pk], "coordinator_malmo", "officer"),
    ("measure-create", lambda a, f: [a["draft"].pk], "coordinator_malmo", "officer"),
    ("application-submit", lambda a, f: [a["draft"].pk], "coordinator_malmo", "officer"),
    ("advisory-comment", lambda a, f: [a["submitted"].pk], "delmos_officer", "officer"),
    ("application-decide", lambda a, f: [a["submitted"].pk], "officer", "coordinator_malmo"),
    ("decision-pdf-page", None, None, None),
    ("payment-create", lambda a, f: [_amount(a).pk], "officer", "coordinator_malmo"),
    ("reclaim-create", lambda a, f: [_amount(a).pk], "officer", "reader"),
    (
        "payment-record",
        lambda a, f: [_payment(a, f("officer")).pk],
        "tillvaxtverket_officer",
        "coordinator_malmo",
    ),
    (
        "follow-up-detail",
        lambda a, f: [_follow_up(a, f("coordinator_malmo")).pk],
        "coordinator_malmo",
        None,
    ),
    (
        "follow-up-edit",
        lambda a, f: [_follow_up(a, f("coordinator_malmo")).pk],
        "coordinator_malmo",
        "officer",
    ),
    (
        "follow-up-submit",
        lambda a, f: [_follow_up(a, f("coordinator_malmo")).pk],
        "coordinator_malmo",
        "reader",
    ),
]
PAGES = [p for p in PAGES if p[1] is not None]


@pytest.mark.parametrize(("name", "args", "right", "wrong"), PAGES, ids=[p[0] for p in PAGES])
def test_page_answers_login_404_403_and_200_by_role(
    request, applications, coordinator_botkyrka, name, args, right, wrong
):
    url = reverse(f"grants:{name}", args=args(applications, request.getfixturevalue))

    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert _client(coordinator_botkyrka).get(url).status_code == 404
    if wrong is not None:
        assert _client(request.getfixturevalue(wrong)).get(url).status_code == 403
    assert _client(request.getfixturevalue(right)).get(url).status_code == 200


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("round-list", []),
        ("round-detail", [2020]),
        ("application-list", []),
        ("funding-list", []),
        ("district-funding-list", []),
    ],
)
def test_list_pages_need_login_and_answer_every_role(
    applications, reader_client, coordinator_client, agency_client, name, args
):
    url = reverse(f"grants:{name}", args=args)
    assert Client().get(url).status_code == 302
    for client in (reader_client, coordinator_client, agency_client):
        assert client.get(url).status_code == 200


def test_round_edit_is_for_ministry_officers(grant_round, officer_client, coordinator_client):
    url = reverse("grants:round-edit", args=[2020])
    assert Client().get(url).status_code == 302
    assert coordinator_client.get(url).status_code == 403
    assert officer_client.get(url).status_code == 200


def test_application_create_is_for_coordinators(grant_round, coordinator_client, officer_client):
    url = reverse("grants:application-create", args=[2020])
    assert Client().get(url).status_code == 302
    assert officer_client.get(url).status_code == 403
    assert coordinator_client.get(url).status_code == 200


def test_review_pages_are_for_officers_who_did_not_write_the_follow_up(
    applications, coordinator_malmo, officer, reader
):
    follow_up = _follow_up(applications, coordinator_malmo)
    follow_up.summary = "Året."
    follow_up.save()
    services.follow_up_submit(follow_up=follow_up, actor=coordinator_malmo)
    for name in ("follow-up-accept", "follow-up-return"):
        url = reverse(f"grants:{name}", args=[follow_up.pk])
        assert Client().get(url).status_code == 302
        assert _client(reader).get(url).status_code == 403
        assert _client(coordinator_malmo).get(url).status_code == 403
        assert _client(officer).get(url).status_code == 200


def test_follow_up_start_is_post_only_and_for_the_coordinator(
    applications, coordinator_malmo, officer
):
    url = reverse("grants:follow-up-start", args=[applications["decided"].pk, 2022])
    assert _client(coordinator_malmo).get(url).status_code == 405
    assert _client(officer).post(url).status_code == 403
    response = _client(coordinator_malmo).post(url)
    assert response.status_code == 302
    assert applications["decided"].follow_ups.count() == 1


def test_buttons_follow_the_permissions(applications, coordinator_client, officer_client):
    draft_page = coordinator_client.get(applications["draft"].get_absolute_url())
    assert "Lämna in" in draft_page.content.decode()
    officer_page = officer_client.get(applications["submitted"].get_absolute_url()).content
    assert "Besluta" in officer_page.decode()
    assert "Ändra ansökan" not in officer_page.decode()
    coordinator_page = coordinator_client.get(applications["submitted"].get_absolute_url())
    assert "Besluta" not in coordinator_page.content.decode()
