"""The decision document: rendered once through the common renderer (udavtal.lib.pdf), archived
with its checksum, served through the application's scope, and read back with pypdf."""

import datetime
import hashlib
import io
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse

from grants import services
from tests.factories import grants as gf

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(grant_round, malmo, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = gf.application(grant_round, malmo, status="submitted", years=2)
    gf.grant_round(2021, administering_body=grant_round.administering_body)
    services.decision_make(
        application=application,
        amounts={2020: Decimal("900000"), 2021: Decimal("850000")},
        reasoning="Ansökan uppfyller förordningens krav.",
        conditions="Uppföljning per stadsdel senast 31 mars.",
        decided_on=datetime.date(2020, 1, 20),
        case_number="Tillv 2020-0042",
        actor=officer,
    )
    return application


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_decision_pdf_names_the_municipality_amounts_conditions_and_reasoning(
    decided, coordinator_client
):
    response = coordinator_client.get(reverse("grants:decision-pdf", args=[decided.pk]))
    content = b"".join(response.streaming_content)
    text = _pdf_text(content)
    assert response["Content-Type"] == "application/pdf"
    assert "Beslut om statsbidrag" in text
    assert "Malmö" in text
    assert "900 000 kr" in text and "850 000 kr" in text and "1 750 000 kr" in text
    assert "Uppföljning per stadsdel senast 31 mars." in text
    assert "Tillv 2020-0042" in text


def test_decision_pdf_is_rendered_once_and_archived_with_its_checksum(decided, officer_client):
    url = reverse("grants:decision-pdf", args=[decided.pk])
    first = b"".join(officer_client.get(url).streaming_content)
    decided.decision.refresh_from_db()
    stored_hash = decided.decision.pdf_sha256
    second = b"".join(officer_client.get(url).streaming_content)
    assert stored_hash == hashlib.sha256(first).hexdigest()
    assert first == second


def test_decision_pdf_is_not_served_outside_the_scope(decided, other_coordinator_client):
    url = reverse("grants:decision-pdf", args=[decided.pk])
    assert other_coordinator_client.get(url).status_code == 404
