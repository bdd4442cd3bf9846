"""The audit page: every change by user, object and date, filterable and exportable."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from audit.models import AuditEvent
from tests import factories
from udavtal.lib.workflow import transition

pytestmark = pytest.mark.django_db

URL = "/granskningslogg/"


@pytest.fixture
def changed_agreement(officer):
    agreement = factories.AgreementFactory(title="Avtal för granskning", status="offered")
    transition(
        agreement,
        to=Agreement.Status.NEGOTIATING,
        allowed_from=[Agreement.Status.OFFERED],
        actor=officer,
        reason="Kommunen vill förhandla",
    )
    return agreement


def test_a_change_is_logged_with_user_fields_and_reason(changed_agreement, officer):
    event = AuditEvent.objects.filter(object_id=str(changed_agreement.pk), action="~").get()
    assert event.user == officer
    assert event.reason == "Kommunen vill förhandla"
    assert {"field": "status", "old": "Erbjuden", "new": "Under överläggning"} in event.changes


def test_admin_sees_the_log_filtered_by_user(admin_user_client, changed_agreement, officer):
    response = admin_user_client.get(URL, {"user": officer.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Avtal för granskning" in content
    assert "Kommunen vill förhandla" in content
    assert "Under överläggning" in content


def test_filter_by_date_excludes_other_days(admin_user_client, changed_agreement):
    response = admin_user_client.get(URL, {"date_to": "2000-01-01"})
    assert "Avtal för granskning" not in response.content.decode()


def test_log_exports_as_csv(admin_user_client, changed_agreement):
    response = admin_user_client.get(URL, {"q": "granskning", "export": "csv"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Avtal för granskning" in body
    assert "Erbjuden → Under överläggning" in body


@pytest.mark.parametrize("fixture", ["officer_client", "reader_client", "coordinator_client"])
def test_other_roles_are_refused(request, fixture):
    assert request.getfixturevalue(fixture).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_log_page_query_count_does_not_grow_with_rows(
    admin_user_client, officer, django_assert_max_num_queries
):
    for _ in range(60):
        factories.AgreementFactory()
    with django_assert_max_num_queries(12):
        assert admin_user_client.get(URL).status_code == 200


def test_rebuild_adds_nothing_when_the_log_is_complete(changed_agreement, capsys):
    from django.core.management import call_command

    before = AuditEvent.objects.count()
    call_command("rebuild_audit_log")
    assert AuditEvent.objects.count() == before
