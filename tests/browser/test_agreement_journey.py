"""A ministry officer creates an agreement in the browser, adds two districts and funding, takes
it through negotiation to signed with the signed PDF, and finds it on the filtered list and on
the start page."""

import datetime
from pathlib import Path

import pytest

from tests import factories
from tests.browser.conftest import log_in
from tests.factories.agreements import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_takes_an_agreement_from_offer_to_signed(page):
    malmo = factories.malmo()
    factories.botkyrka()
    for name in ("Rosengård (webb)", "Holma (webb)", "Lindängen (webb)"):
        factories.DistrictFactory(municipality=malmo, name=name)
    factories.PolicyPhaseFactory(short_name="Testfas")
    factories.officer(username="handlaggare.webb", first_name="Hanna", last_name="Handläggare")
    today = datetime.date.today()
    starts_on = today + datetime.timedelta(days=10)
    title = "Lokalt utvecklingsavtal Malmö (webb)"

    log_in(page, "handlaggare.webb")

    # Offer: step 1 chooses the municipality, step 2 shows its districts.
    page.goto("/avtal/")
    page.get_by_role("link", name="Nytt avtal").click()
    page.get_by_label("Kommun").select_option(label="Malmö")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Rubrik").fill(title)
    page.get_by_label("Politikområde").select_option(label="Testfas")
    page.get_by_label("Gäller från").fill(starts_on.isoformat())
    page.get_by_label("Gäller till").fill(starts_on.replace(year=starts_on.year + 2).isoformat())
    page.get_by_label("Sista dag för samverkansöverenskommelser").fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_label("Rosengård (webb)").check()
    page.get_by_label("Holma (webb)").check()
    page.get_by_label("År (rad 1)").fill(str(starts_on.year))
    page.get_by_label("Statliga medel (kr) (rad 1)").fill("2 500 000")
    page.get_by_label("Kommunala medel (kr) (rad 1)").fill("1 250 000")
    page.get_by_role("button", name="Registrera avtalet").click()

    assert page.get_by_role("heading", level=1).inner_text() == title
    assert "Erbjuden" in page.locator(".page-header .badge").inner_text()
    assert "2 500 000 kr" in page.locator("#main").inner_text().replace("\u00a0", " ")

    # Negotiation, with a confirmation step.
    page.get_by_role("link", name="Inled överläggningar").click()
    page.get_by_role("button", name="Inled överläggningar").click()
    assert "Under överläggning" in page.locator(".page-header .badge").inner_text()

    # Signature with the signed PDF.
    page.get_by_role("link", name="Registrera underskrift").click()
    page.get_by_label("Undertecknare för staten").fill("Anna Statsråd")
    page.get_by_label("Undertecknat av staten den").fill(today.isoformat())
    page.get_by_label("Undertecknare för kommunen").fill("Kim Ordförande")
    page.get_by_label("Undertecknat av kommunen den").fill(today.isoformat())
    page.get_by_label("Undertecknat avtal (PDF)").set_input_files(
        files=[{"name": "avtal.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Registrera underskrift").click()

    assert "Undertecknad" in page.locator(".page-header .badge").inner_text()
    main = page.locator("#main").inner_text()
    assert "Anna Statsråd" in main and "Rosengård (webb)" in main and "Holma (webb)" in main
    with page.expect_download() as download:
        page.get_by_role("link", name="Undertecknat avtal (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # The filtered list finds it; Botkyrka's filter does not.
    page.goto("/avtal/")
    page.get_by_label("Kommun", exact=True).select_option(label="Malmö")
    page.get_by_label("Status").select_option(label="Undertecknad")
    page.get_by_role("button", name="Filtrera").click()
    table = page.get_by_role("region", name="Lokala utvecklingsavtal")
    assert table.get_by_role("link", name=title).is_visible()
    page.get_by_label("Kommun", exact=True).select_option(label="Botkyrka")
    page.get_by_role("button", name="Filtrera").click()
    assert page.get_by_role("link", name=title).count() == 0

    # The start page shows it among the deadlines of the next 60 days and the latest changes.
    page.goto("/")
    deadlines = page.get_by_role("region", name="Kommande tidsfrister")
    assert deadlines.get_by_role("link", name=title).is_visible()
    assert (
        page.get_by_role("region", name="Senast ändrade avtal")
        .get_by_role("link", name=title)
        .is_visible()
    )
