"""Every page of the partnerships app: anonymous → login, out of scope → 404, wrong role → 403,
right role → 200."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import CooperationAccord
from tests import factories
from tests.factories import accords as build

pytestmark = pytest.mark.django_db

S = CooperationAccord.Status


@pytest.fixture
def cast(officer, reader, coordinator_malmo, coordinator_botkyrka, agency_officer_fk):
    af = factories.AgencyFactory(name="Arbetsförmedlingen", short_name="AF")
    return {
        "officer": officer,
        "reader": reader,
        "coordinator_malmo": coordinator_malmo,
        "coordinator_botkyrka": coordinator_botkyrka,
        "agency_fk": agency_officer_fk,
        "agency_af": factories.agency_officer(af, username="t.myndighet.af"),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _accord(fk, status):
    return build.accord(agency=fk, status=status)


def _attachment(accord):
    from django.contrib.contenttypes.models import ContentType

    from agreements.models import Attachment

    return Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(accord),
        object_id=accord.pk,
        file="attachments/2008/test.pdf",
        original_name="test.pdf",
        mime_type="application/pdf",
        size_bytes=10,
        sha256="0" * 64,
    )


def _partnership(fk, municipality=None):
    agreement = build.signed_agreement(municipality)
    accord = build.accord(agency=fk, agreement=agreement, status=S.SIGNED)
    partnership = factories.PartnershipFactory(agreement=accord.agreement)
    member = factories.PartnershipMemberFactory(partnership=partnership)
    return partnership, member


# (url name, builder → (args), out of scope, wrong role, right role)
ACCORD_PAGES = [
    ("partnerships:accord-detail", S.DRAFT, "coordinator_botkyrka", None, "reader"),
    ("partnerships:accord-edit", S.DRAFT, "coordinator_botkyrka", "reader", "agency_fk"),
    ("partnerships:accord-edit", S.SIGNED, "agency_af", "officer", "coordinator_malmo"),
    ("partnerships:accord-commitments", S.DRAFT, "agency_af", "reader", "coordinator_malmo"),
    ("partnerships:accord-commitments", S.REVISED, "agency_af", "officer", "agency_fk"),
    ("partnerships:accord-propose", S.DRAFT, "coordinator_botkyrka", "officer", "agency_fk"),
    (
        "partnerships:accord-accept",
        S.PROPOSED,
        "coordinator_botkyrka",
        "agency_fk",
        "coordinator_malmo",
    ),
    ("partnerships:accord-decline", S.PROPOSED, "agency_af", "agency_fk", "coordinator_malmo"),
    ("partnerships:accord-reopen", S.PROPOSED, "agency_af", "officer", "agency_fk"),
    ("partnerships:accord-end", S.SIGNED, "coordinator_botkyrka", "reader", "officer"),
    ("partnerships:accord-attachment-add", S.DRAFT, "agency_af", "reader", "agency_fk"),
]


@pytest.mark.parametrize(("name", "status", "outsider", "wrong", "right"), ACCORD_PAGES)
def test_accord_page_chain(client, cast, fk, name, status, outsider, wrong, right):
    accord = _accord(fk, status)
    url = reverse(name, args=[accord.pk])

    assert client.get(url).status_code == 302
    assert reverse("accounts:login") in client.get(url)["Location"]
    assert _client(cast[outsider]).get(url).status_code == 404
    if wrong:
        assert _client(cast[wrong]).get(url).status_code == 403
    assert _client(cast[right]).get(url).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "partnerships:accord-propose",
        "partnerships:accord-accept",
        "partnerships:accord-decline",
        "partnerships:accord-reopen",
        "partnerships:accord-end",
    ],
)
def test_a_transition_posted_in_a_wrong_state_is_refused(cast, fk, name):
    accord = _accord(fk, S.DECLINED)
    url = reverse(name, args=[accord.pk])

    response = _client(cast["coordinator_malmo"]).post(url, {"version": accord.version})

    assert response.status_code == 403
    accord.refresh_from_db()
    assert accord.status == S.DECLINED


def test_attachment_download_chain(client, cast, fk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "attachments/2008").mkdir(parents=True)
    (tmp_path / "attachments/2008/test.pdf").write_bytes(b"%PDF-1.4 test")
    accord = _accord(fk, S.SIGNED)
    attachment = _attachment(accord)
    url = reverse("partnerships:accord-attachment-download", args=[accord.pk, attachment.pk])

    assert client.get(url).status_code == 302
    assert _client(cast["coordinator_botkyrka"]).get(url).status_code == 404
    response = _client(cast["reader"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Disposition"].startswith("attachment")


def test_an_attachment_of_another_accord_is_not_found(cast, fk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accord = _accord(fk, S.SIGNED)
    other = build.accord(agency=fk, agreement=accord.agreement, unit=accord.agency_unit)
    attachment = _attachment(other)
    url = reverse("partnerships:accord-attachment-download", args=[accord.pk, attachment.pk])

    assert _client(cast["officer"]).get(url).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["partnerships:accord-list", "partnerships:agency-list", "partnerships:partnership-list"],
)
def test_list_pages_need_login_and_answer_every_role(client, cast, name):
    url = reverse(name)

    assert client.get(url).status_code == 302
    for user in cast.values():
        assert _client(user).get(url).status_code == 200


def test_accord_create_chain(client, cast):
    url = reverse("partnerships:accord-create")

    assert client.get(url).status_code == 302
    assert _client(cast["reader"]).get(url).status_code == 403
    assert _client(cast["agency_fk"]).get(url).status_code == 200
    assert _client(cast["coordinator_malmo"]).get(url).status_code == 200


def test_agency_detail_chain(client, cast, fk):
    url = reverse("partnerships:agency-detail", args=[fk.pk])

    assert client.get(url).status_code == 302
    missing = reverse("partnerships:agency-detail", args=[fk.pk + 1000])
    assert _client(cast["reader"]).get(missing).status_code == 404
    assert _client(cast["coordinator_botkyrka"]).get(url).status_code == 200


def test_partnership_detail_chain(client, cast, fk):
    partnership, _ = _partnership(fk)
    url = reverse("partnerships:partnership-detail", args=[partnership.pk])

    assert client.get(url).status_code == 302
    assert _client(cast["coordinator_botkyrka"]).get(url).status_code == 404
    assert _client(cast["agency_af"]).get(url).status_code == 404
    assert _client(cast["agency_fk"]).get(url).status_code == 200
    assert _client(cast["reader"]).get(url).status_code == 200


def test_partnership_create_chain(client, cast):
    url = reverse("partnerships:partnership-create")

    assert client.get(url).status_code == 302
    assert _client(cast["agency_fk"]).get(url).status_code == 403
    assert _client(cast["reader"]).get(url).status_code == 403
    assert _client(cast["coordinator_malmo"]).get(url).status_code == 200


def test_partnership_member_add_chain(client, cast, fk):
    partnership, _ = _partnership(fk)
    url = reverse("partnerships:partnership-member-add", args=[partnership.pk])

    assert client.get(url).status_code == 302
    assert _client(cast["coordinator_botkyrka"]).get(url).status_code == 404
    assert _client(cast["reader"]).get(url).status_code == 403
    assert _client(cast["agency_fk"]).get(url).status_code == 403
    assert _client(cast["coordinator_malmo"]).get(url).status_code == 200


def test_partnership_member_edit_chain(client, cast, fk):
    partnership, member = _partnership(fk)
    url = reverse("partnerships:partnership-member-edit", args=[partnership.pk, member.pk])

    assert client.get(url).status_code == 302
    assert _client(cast["coordinator_botkyrka"]).get(url).status_code == 404
    assert _client(cast["reader"]).get(url).status_code == 403
    assert _client(cast["officer"]).get(url).status_code == 200


def test_a_member_of_another_partnership_is_not_found(cast, fk):
    partnership, _ = _partnership(fk)
    _, other_member = _partnership(fk, factories.botkyrka())
    url = reverse("partnerships:partnership-member-edit", args=[partnership.pk, other_member.pk])

    assert _client(cast["officer"]).get(url).status_code == 404
