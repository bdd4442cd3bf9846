"""A district report from draft to accepted PDF, in the browser: the coordinator fills it in and
submits it, an officer returns it with a note, the coordinator corrects and resubmits, the officer
accepts, and the archived PDF downloads."""

import pytest

from reports.models import AnnualDistrictReport, ReviewStatus
from tests import factories
from tests.browser.conftest import log_in
from tests.factories.plans import report_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def textbox(page, name: str):
    return page.get_by_role("textbox", name=name, exact=True)


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_report_is_submitted_returned_corrected_accepted_and_downloaded(page):
    malmo = factories.malmo()
    factories.coordinator(malmo, username="samordnare.malmo", first_name="Sara", last_name="Lind")
    factories.officer(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    world = report_world(malmo, district_name="Rosengård (exempel)")
    report_url = world.report.get_absolute_url()

    # The coordinator fills in the report and submits it.
    log_in(page, "samordnare.malmo")
    page.get_by_role("link", name="Årlig redovisning 2026").first.click()
    assert page.url.endswith(report_url)
    page.get_by_role("link", name="Redigera").click()
    textbox(page, "Sammanfattning").fill("Fler i arbete, färre arbetslösa.")
    textbox(page, "Arbete (test)").fill("Jobbtorget kom igång i mars.")
    textbox(page, "Förvärvsarbetande (test) 2026 (procent)").fill("55,5")
    textbox(page, "Arbetslösa (test) 2026 (procent)").fill("15")
    page.get_by_label("Status för Jobbtorg (test)").select_option(label="Pågående")
    textbox(page, "Samverkan med myndigheter").fill("Arbetsförmedlingen på plats.")
    textbox(page, "Hinder för samverkan").fill("Sekretess.")
    textbox(page, "Målkonflikter").fill("Inga kända.")
    textbox(page, "De boendes medverkan").fill("Boendedialoger.")
    page.get_by_role("button", name="Spara och gå till inlämning").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vill du lämna in redovisningen?"
    page.get_by_role("button", name="Lämna in").click()
    assert "Redovisningen är inlämnad för granskning." in page.content()
    assert page.get_by_role("link", name="Redigera").count() == 0
    log_out(page)

    # The officer returns it with a note.
    log_in(page, "handlaggare")
    page.goto(report_url)
    page.get_by_role("link", name="Återsänd").click()
    note_field = page.get_by_role("textbox", name="Kommentar till kommunen")
    note_field.fill("Beskriv hindren för samverkan närmare.")
    page.get_by_role("button", name="Återsänd").click()
    assert "Redovisningen är återsänd till kommunen." in page.content()
    log_out(page)

    # The coordinator sees the note, corrects and resubmits.
    log_in(page, "samordnare.malmo")
    page.goto(report_url)
    note = page.get_by_role("note").filter(has_text="Kommentar från granskningen")
    assert "Beskriv hindren för samverkan närmare." in note.inner_text()
    page.get_by_role("link", name="Redigera").click()
    textbox(page, "Hinder för samverkan").fill("Sekretess mellan myndigheterna och olika IT-stöd.")
    page.get_by_role("button", name="Spara och gå till inlämning").click()
    page.get_by_role("button", name="Lämna in").click()
    assert "Redovisningen är inlämnad för granskning." in page.content()
    log_out(page)

    # The officer accepts; the PDF downloads.
    log_in(page, "handlaggare")
    page.goto(report_url)
    page.get_by_role("link", name="Godkänn").click()
    page.get_by_role("button", name="Godkänn").click()
    assert "Redovisningen är godkänd och arkiverad som PDF." in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF").click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")

    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    assert report.status == ReviewStatus.ACCEPTED
    assert report.obstacles == "Sekretess mellan myndigheterna och olika IT-stöd."
    assert report.pdf_sha256
