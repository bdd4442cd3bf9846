"""Who may do what on agreements.

- A table of role × action × state: officers and admins act on an agreement in the states the
  workflow allows (403 in any other); coordinators, agency officers and readers only read.
- For every view: anonymous → login, out of scope → 404, wrong role → 403, right role → 200.
"""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement
from agreements.workflow import ACTIONS, EDITABLE, REVISABLE
from tests import factories
from tests.factories import agreements as make

pytestmark = pytest.mark.django_db

S = Agreement.Status
D = datetime.date
ROLES = ("officer", "admin", "reader", "coordinator", "agency")
CLIENTS = {
    "officer": "officer_client",
    "admin": "admin_user_client",
    "reader": "reader_client",
    "coordinator": "coordinator_client",
    "agency": "agency_client",
}
# action → (URL name, the states in which officers and admins may take it)
ACTION_STATES = {
    "view": ("agreement-detail", tuple(S.values)),
    "change": ("agreement-edit", EDITABLE),
    "revise": ("agreement-revise", REVISABLE),
    "attach": ("agreement-attach", tuple(S.values)),
    **{name: (f"agreement-{name}", action.allowed_from) for name, action in ACTIONS.items()},
}


def _expected(role: str, action: str, status: str) -> int:
    url_name, states = ACTION_STATES[action]
    if action == "view":
        return 200
    if role in ("officer", "admin"):
        return 200 if status in states else 403
    return 403


TABLE = [
    pytest.param(
        role, action, status, _expected(role, action, status), id=f"{role}-{action}-{status}"
    )
    for role in ROLES
    for action in ACTION_STATES
    for status in S.values
]


@pytest.fixture
def malmo_agreement(malmo, fk):
    """Malmö's agreement, which Försäkringskassan has an accord in (the agency officer's scope)."""

    def make_one(status: str) -> Agreement:
        agreement = make.agreement(status, municipality=malmo)
        factories.AccordFactory(
            agreement=agreement, agency_unit=factories.AgencyUnitFactory(agency=fk)
        )
        return agreement

    return make_one


@pytest.mark.parametrize(("role", "action", "status", "expected"), TABLE)
def test_role_action_state_table(request, malmo_agreement, role, action, status, expected):
    client = request.getfixturevalue(CLIENTS[role])
    agreement = malmo_agreement(status)
    url = reverse(f"agreements:{ACTION_STATES[action][0]}", args=[agreement.pk])

    assert client.get(url).status_code == expected


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (name, status)
        for name, action in ACTIONS.items()
        for status in S.values
        if status not in action.allowed_from
    ],
)
def test_officer_post_in_a_wrong_state_is_refused_and_changes_nothing(
    officer_client, malmo_agreement, action, status
):
    agreement = malmo_agreement(status)
    url = reverse(f"agreements:agreement-{action}", args=[agreement.pk])

    response = officer_client.post(url, {"reason": "Försök"})

    agreement.refresh_from_db()
    assert response.status_code == 403
    assert agreement.status == status


def test_buttons_show_only_the_actions_allowed_now(officer_client, malmo_agreement):
    agreement = malmo_agreement(S.OFFERED)

    content = officer_client.get(agreement.get_absolute_url()).content.decode()

    assert reverse("agreements:agreement-negotiate", args=[agreement.pk]) in content
    assert reverse("agreements:agreement-decline", args=[agreement.pk]) in content
    assert reverse("agreements:agreement-sign", args=[agreement.pk]) not in content
    assert reverse("agreements:agreement-terminate", args=[agreement.pk]) not in content


@pytest.mark.parametrize("role", ["reader", "coordinator", "agency"])
def test_read_only_roles_see_no_buttons(request, malmo_agreement, role):
    agreement = malmo_agreement(S.IN_FORCE)
    client = request.getfixturevalue(CLIENTS[role])

    content = client.get(agreement.get_absolute_url()).content.decode()

    assert reverse("agreements:agreement-edit", args=[agreement.pk]) not in content
    assert reverse("agreements:agreement-pause", args=[agreement.pk]) not in content
    assert reverse("agreements:agreement-revise", args=[agreement.pk]) not in content


def test_coordinator_cannot_post_an_action_on_own_agreement(coordinator_client, malmo_agreement):
    agreement = malmo_agreement(S.OFFERED)
    url = reverse("agreements:agreement-negotiate", args=[agreement.pk])

    response = coordinator_client.post(url, {"reason": "x"})

    agreement.refresh_from_db()
    assert response.status_code == 403
    assert agreement.status == S.OFFERED


def test_agency_officer_without_an_accord_does_not_find_the_agreement(agency_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    assert agency_client.get(agreement.get_absolute_url()).status_code == 404


# --- The chain for every view: anonymous → login, out of scope → 404, wrong role → 403,
#     right role → 200. `None` where a step does not apply to the view.


@pytest.fixture
def world(malmo, officer):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    agreement.signed_document.save("avtal.pdf", make.pdf_upload(), save=True)
    attachment = make.attachment(agreement)
    make.revision(agreement, year=2020)
    return {
        "agreement": agreement,
        "attachment": attachment,
        "municipality": malmo,
        "district": factories.DistrictFactory(municipality=malmo),
    }


def _url(name: str, world) -> str:
    agreement = world["agreement"]
    if name in ("agreement-list", "municipality-list", "district-list", "agreement-create"):
        return reverse(f"agreements:{name}")
    if name == "revision-detail":
        return reverse(f"agreements:{name}", args=[agreement.pk, 2020])
    if name == "agreement-attachment":
        return reverse(f"agreements:{name}", args=[agreement.pk, world["attachment"].pk])
    if name == "municipality-detail":
        return reverse(f"agreements:{name}", args=[world["municipality"].pk])
    if name == "district-detail":
        return reverse(f"agreements:{name}", args=[world["district"].pk])
    return reverse(f"agreements:{name}", args=[agreement.pk])


# view → (the out-of-scope client expecting 404, the wrong-role client expecting 403,
#         the right-role client expecting 200)
CHAIN = {
    "agreement-list": (None, None, "coordinator_client"),
    "municipality-list": (None, None, "coordinator_client"),
    "district-list": (None, None, "coordinator_client"),
    "agreement-detail": ("other_coordinator_client", None, "coordinator_client"),
    "municipality-detail": ("other_coordinator_client", None, "coordinator_client"),
    "district-detail": ("other_coordinator_client", None, "coordinator_client"),
    "revision-detail": ("other_coordinator_client", None, "coordinator_client"),
    "agreement-document": ("other_coordinator_client", None, "coordinator_client"),
    "agreement-attachment": ("other_coordinator_client", None, "coordinator_client"),
    "agreement-create": (None, "coordinator_client", "officer_client"),
    "agreement-edit": ("other_coordinator_client", "coordinator_client", "officer_client"),
    "agreement-pause": ("other_coordinator_client", "reader_client", "officer_client"),
    "agreement-terminate": ("other_coordinator_client", "agency_client", "officer_client"),
    "agreement-revise": ("other_coordinator_client", "coordinator_client", "admin_user_client"),
    "agreement-attach": ("other_coordinator_client", "reader_client", "officer_client"),
}


@pytest.mark.parametrize("name", list(CHAIN))
def test_anonymous_user_is_sent_to_login(client, world, name):
    response = client.get(_url(name, world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", [n for n, (out, _, _) in CHAIN.items() if out])
def test_out_of_scope_answers_404(request, world, name):
    client = request.getfixturevalue(CHAIN[name][0])
    assert client.get(_url(name, world)).status_code == 404


@pytest.mark.parametrize("name", [n for n, (_, wrong, _) in CHAIN.items() if wrong])
def test_wrong_role_answers_403(request, world, fk, name):
    factories.AccordFactory(
        agreement=world["agreement"], agency_unit=factories.AgencyUnitFactory(agency=fk)
    )
    client = request.getfixturevalue(CHAIN[name][1])
    assert client.get(_url(name, world)).status_code == 403


@pytest.mark.parametrize("name", list(CHAIN))
def test_right_role_answers_200(request, world, name):
    client = request.getfixturevalue(CHAIN[name][2])
    assert client.get(_url(name, world)).status_code == 200


def test_sign_and_negotiate_pages_follow_the_same_chain(
    client, coordinator_client, other_coordinator_client, officer_client, malmo
):
    agreement = make.agreement(S.NEGOTIATING, municipality=malmo)
    sign = reverse("agreements:agreement-sign", args=[agreement.pk])

    assert client.get(sign).status_code == 302
    assert other_coordinator_client.get(sign).status_code == 404
    assert coordinator_client.get(sign).status_code == 403
    assert officer_client.get(sign).status_code == 200
