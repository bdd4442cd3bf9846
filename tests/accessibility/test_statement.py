"""The accessibility statement is public, linked from every page, and records reported problems."""

import pytest
from django.urls import reverse

from accessibility.models import AccessibilityReport

pytestmark = pytest.mark.django_db


def test_statement_is_reachable_without_login(client):
    response = client.get(reverse("accessibility"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Tillgänglighetsredogörelse" in content
    assert "WCAG 2.1" in content
    assert "Kända brister" in content


@pytest.mark.parametrize(
    ("client_fixture", "url_name"), [("client", "accounts:login"), ("officer_client", "home")]
)
def test_every_page_footer_links_to_the_statement(request, client_fixture, url_name):
    content = request.getfixturevalue(client_fixture).get(reverse(url_name)).content.decode()
    assert f'href="{reverse("accessibility")}"' in content


def test_a_reported_problem_is_recorded(client):
    response = client.post(
        reverse("accessibility"),
        {"page_url": "/avtal/", "description": "Tabellen läses upp i fel ordning."},
    )
    assert response.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.description == "Tabellen läses upp i fel ordning."


def test_empty_report_is_refused_and_nothing_saved(client):
    response = client.post(reverse("accessibility"), {"description": ""})
    assert response.status_code == 400
    assert "Beskriv problemet." in response.content.decode()
    assert not AccessibilityReport.objects.exists()


def test_asking_for_an_answer_needs_an_email(client):
    response = client.post(
        reverse("accessibility"), {"description": "Knappen syns inte.", "wants_answer": "on"}
    )
    assert response.status_code == 400
    assert "Fyll i din e-postadress" in response.content.decode()
    assert not AccessibilityReport.objects.exists()
