"""An agency officer drafts and proposes a cooperation accord, the municipality's coordinator
accepts and signs it, and the local partnership page shows the goal as covered."""

import datetime

import pytest

from tests import factories
from tests.browser.conftest import log_in
from tests.factories import accords as build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene():
    malmo = factories.malmo()
    fk = factories.AgencyFactory(name="Försäkringskassan")
    agreement = build.signed_agreement(
        malmo,
        title="Avtal Malmö (resa)",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )
    build.plan_with_goals(
        agreement,
        "Fler i arbete (resa)",
        "Tryggare torg (resa)",
        district_name="Rosengård (resa)",
    )
    unit = build.local_unit(fk, malmo, name="FK Malmö (resa)")
    factories.agency_officer(fk, username="myndighet.resa", first_name="Frida")
    factories.coordinator(malmo, username="samordnare.resa", first_name="Sara")
    return agreement, unit


def test_agency_proposes_coordinator_signs_and_partnership_shows_the_covered_goal(page, scene):
    agreement, unit = scene

    # The agency officer drafts the accord.
    log_in(page, "myndighet.resa")
    page.get_by_role("link", name="Ny överenskommelse").first.click()
    page.get_by_label("Avtal (kommun)").select_option(
        label="Malmö – Avtal Malmö (resa) (2025–2027)"
    )
    page.get_by_label("Myndighetens enhet").select_option(
        label="Försäkringskassan – FK Malmö (resa) (lokal)"
    )
    page.get_by_label("Rubrik").fill("FK och Malmö om arbete (resa)")
    page.get_by_role("button", name="Skapa utkast").click()

    # Plans, then a commitment to the first goal.
    page.get_by_label("Rosengård (resa)").check()
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_role("heading", level=1).inner_text() == "FK och Malmö om arbete (resa)"
    page.get_by_role("link", name="Ändra åtaganden").click()
    page.locator("#id_c-0-plan_goal").select_option(
        label="Rosengård (resa): Arbete och sysselsättning – Fler i arbete (resa)"
    )
    page.locator("#id_c-0-what").fill("Gemensam mottagning för arbetssökande")
    page.locator("#id_c-0-who").fill("Lokalkontoret")
    page.get_by_role("button", name="Spara åtaganden").click()
    assert "Gemensam mottagning för arbetssökande" in page.content()

    # Propose to the municipality; the agency cannot accept its own proposal.
    page.get_by_role("link", name="Föreslå för motparten").click()
    page.get_by_role("button", name="Föreslå").click()
    assert "Föreslagen" in page.locator(".lead").inner_text()
    assert page.get_by_role("link", name="Godta och underteckna").count() == 0
    page.get_by_role("button", name="Logga ut").click()

    # The coordinator finds the proposal and signs it.
    log_in(page, "samordnare.resa")
    page.goto("/overenskommelser/?status=proposed")
    page.get_by_role("link", name="FK och Malmö om arbete (resa)").click()
    page.get_by_role("link", name="Godta och underteckna").click()
    page.get_by_label("Undertecknare för myndigheten").fill("Anna Chef")
    page.get_by_label("Undertecknare för kommunen").fill("Kim Direktör")
    page.get_by_role("button", name="Godta och underteckna").click()
    assert "Undertecknad" in page.locator(".lead").inner_text()

    # The partnership now has the unit as a member and the goal as covered.
    page.get_by_role("link", name="Lokalt partnerskap Malmö").click()
    members = page.get_by_role("table", name="Partnerskapets medlemmar").inner_text()
    assert "FK Malmö (resa)" in members
    matrix = page.get_by_role("table", name="Mål och medlemmar")
    covered = matrix.get_by_role("row", name="Fler i arbete (resa)")
    assert "Åtagande" in covered.inner_text()
    assert "Ja" in covered.inner_text()
    uncovered = page.get_by_role("note").filter(has_text="som ingen myndighet har åtagit sig")
    assert "Tryggare torg (resa)" in uncovered.inner_text()
    assert "Fler i arbete (resa)" not in uncovered.inner_text()
