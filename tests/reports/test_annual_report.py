"""The national annual report: content, PDF read back, background generation, publication once,
the database guard, and who may open which page."""

from __future__ import annotations

import hashlib
import io
import re

import pypdf
import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from reports.annual import selectors, services
from reports.annual.services import AnnualReportInput
from reports.models import AnnualReport
from tests.factories.annual import SUPPRESSED_VALUE, annual_world
from tests.factories.statistics import indicator, without_reference_indicators
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _small_catalogue():
    """Two indicators instead of the reference catalogue, so that a PDF renders quickly."""
    without_reference_indicators()
    indicator("sysselsattningsgrad", name="Sysselsättningsgrad (test)", person_based=True)
    indicator(
        "valdeltagande", name="Valdeltagande (test)", person_based=False, source="Valmyndigheten"
    )


@pytest.fixture
def world():
    _small_catalogue()
    return annual_world(districts=3)


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(data).pages)


def _outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(item.title)
    return titles


def _generate(client, report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:annual-report-generate", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    return report


# ---------- Content ----------


def test_the_content_selector_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    _small_catalogue()
    small = annual_world(districts=2, year=2025)
    with django_assert_max_num_queries(16) as small_run:
        selectors.annual_report_content(small.report)
    large = annual_world(districts=6, year=2026, seed=3, name_prefix="Stadsdel B")
    with django_assert_max_num_queries(len(small_run.captured_queries)):
        content = selectors.annual_report_content(large.report)
    # The 2025 world's agreements (2023–2026) also count in 2026: 2 + 6 districts.
    assert len(content.district_pages) == 8
    assert content.key.district_reports_accepted == 6


def test_the_content_never_holds_a_suppressed_value(world):
    content = selectors.annual_report_content(world.report)
    employment = content.indicator_chapters[0]
    first = employment.rows[0]
    assert first.label == world.districts[0].name
    assert first.men.suppressed and first.men.public is None
    assert first.men.display() == ".."
    assert content.goals_without_commitment
    assert content.key.accords == 3


# ---------- The PDF, read back ----------


def test_the_draft_pdf_has_every_chapter_names_figures_numbering_bookmarks_and_pdf_ua(
    officer_client, world, django_capture_on_commit_callbacks
):
    report = _generate(officer_client, world.report, django_capture_on_commit_callbacks)
    assert report.progress == 100
    assert report.page_count and report.generated_at
    assert report.status == AnnualReport.Status.DRAFT
    data = report.pdf.read()
    reader = _reader(data)
    assert len(reader.pages) == report.page_count
    text = _text(data)
    for heading in (
        "Sammanfattning",
        "Innehållsförteckning",
        "1 Inledning",
        "2 Utvecklingen i stadsdelarna",
        "3 Samverkan",
        "4 Kommunernas redovisningar",
        "5 Myndigheternas redovisningar",
        "6 Ekonomi",
        "7 Bedömning",
        "Bilaga 1",
        "Bilaga 5",
        "Regeln om små tal",
    ):
        assert heading in text, heading
    assert world.report.title in text
    assert world.report.case_number in text
    for district in world.districts:
        assert district.name in text
    assert "Sysselsättningsgrad (test)" in text
    assert "Källa: Valmyndigheten" in text
    assert world.uncommitted_goal_text in text
    assert "Testmyndigheten" in text
    assert "Dataår 2026" in text
    # Funding per municipality and year (1 100 000 kr the state's share for Testkommun 1).
    assert "1 100 000" in text.replace("\xa0", " ")
    # The suppressed value never appears; its place shows "..".
    suppressed = f"{SUPPRESSED_VALUE:.1f}".replace(".", ",")
    assert suppressed not in text
    assert ".." in text
    assert "UTKAST" in text
    assert re.search(rf"Sida 1 av {report.page_count}\b", text.replace("\n", " ")) or (
        f"Sida 2 av {report.page_count}" in text
    )
    # The table of contents gives page numbers: "7 Bedömning ....... N".
    assert re.search(r"7 Bedömning\s*\.+\s*\d+", text)
    titles = _outline_titles(reader.outline)
    assert "7 Bedömning" in titles and "4 Kommunernas redovisningar" in titles
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in metadata


def test_generation_reports_its_progress(
    officer_client, world, monkeypatch, django_capture_on_commit_callbacks
):
    seen = []
    original = services._set_progress

    def recording(report_id, percent, message):
        seen.append(percent)
        original(report_id, percent, message)

    monkeypatch.setattr(services, "_set_progress", recording)
    _generate(officer_client, world.report, django_capture_on_commit_callbacks)
    assert seen[0] == 1  # queued
    assert seen == sorted(seen) and len(seen) >= 4
    report = AnnualReport.objects.get(pk=world.report.pk)
    assert (report.progress, report.progress_message) == (100, "Utkastet är klart")


def test_the_status_page_refreshes_itself_while_rendering(officer_client, world):
    AnnualReport.objects.filter(pk=world.report.pk).update(progress=40, progress_message="Ritar")
    response = officer_client.get(world.report.get_absolute_url())
    html = response.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert 'value="40"' in html and "Ritar" in html
    assert "Generera utkast" not in html


# ---------- Publishing ----------


def test_publishing_without_a_draft_sends_the_officer_back_to_generate_one(officer_client, world):
    url = reverse("reports:annual-report-publish", args=[world.report.pk])

    response = officer_client.get(url, follow=True)

    assert response.redirect_chain[-1][0] == world.report.get_absolute_url()
    assert "Ta fram och granska ett utkast innan du publicerar." in response.content.decode()
    world.report.refresh_from_db()
    assert world.report.status == AnnualReport.Status.DRAFT


def test_publishing_stores_the_file_once_and_nothing_renders_it_again(
    officer, officer_client, world, django_capture_on_commit_callbacks
):
    report = _generate(officer_client, world.report, django_capture_on_commit_callbacks)
    confirm = officer_client.get(reverse("reports:annual-report-publish", args=[report.pk]))
    assert "går inte att ångra" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(
            reverse("reports:annual-report-publish", args=[report.pk]),
            {"version": report.version},
        )
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.PUBLISHED
    assert report.published_by == officer and report.published_at
    data = report.pdf.read()
    assert hashlib.sha256(data).hexdigest() == report.pdf_sha256
    assert "UTKAST" not in _text(data)
    generated_at, name = report.generated_at, report.pdf.name

    # Generating or publishing again is refused, by the services and by the pages.
    with pytest.raises(TransitionNotAllowed):
        services.annual_report_request_draft(report=report, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        services.annual_report_request_publication(
            report=report, expected_version=report.version, actor=officer
        )
    with pytest.raises(TransitionNotAllowed):
        services.annual_report_update(
            report=report,
            data=AnnualReportInput(title="Ny titel"),
            expected_version=report.version,
            actor=officer,
        )
    assert (
        officer_client.post(reverse("reports:annual-report-generate", args=[report.pk])).status_code
        == 403
    )
    assert (
        officer_client.get(reverse("reports:annual-report-publish", args=[report.pk])).status_code
        == 403
    )

    # Downloading twice gives the same bytes; the row and the file are untouched.
    url = reverse("reports:publication-download", args=[report.pk])
    first = b"".join(officer_client.get(url).streaming_content)
    second = b"".join(Client().get(url).streaming_content)  # anonymous
    assert first == second == data
    report.refresh_from_db()
    assert (report.generated_at, report.pdf.name) == (generated_at, name)
    assert hashlib.sha256(report.pdf.read()).hexdigest() == report.pdf_sha256


def test_the_database_refuses_to_change_a_published_report(world):
    AnnualReport.objects.filter(pk=world.report.pk).update(
        status="published",
        pdf="annual/x.pdf",
        pdf_sha256="a" * 64,
        published_at="2027-03-01T10:00:00Z",
    )
    if connection.vendor != "postgresql":
        pytest.skip("the guard is a PostgreSQL trigger")
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.filter(pk=world.report.pk).update(title="Ändrad")
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.filter(pk=world.report.pk).delete()
    assert AnnualReport.objects.get(pk=world.report.pk).title == world.report.title


# ---------- Editing ----------


def test_a_stale_save_is_refused(officer, world):
    report = world.report
    services.annual_report_update(
        report=report,
        data=AnnualReportInput(title="Första"),
        expected_version=report.version,
        actor=officer,
    )
    with pytest.raises(StaleObjectError):
        services.annual_report_update(
            report=report,
            data=AnnualReportInput(title="Andra"),
            expected_version=report.version,  # the version the form was loaded at
            actor=officer,
        )
    assert AnnualReport.objects.get(pk=report.pk).title == "Första"


def test_an_officer_creates_and_edits_a_report(officer_client):
    response = officer_client.post(
        reverse("reports:annual-report-create"),
        {"year": 2031, "title": "Årsrapport 2031", "case_number": "Ku2032/1"},
    )
    report = AnnualReport.objects.get(year=2031)
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    response = officer_client.post(
        reverse("reports:annual-report-edit", args=[report.pk]),
        {"title": "Ny", "assessment": "Bra och dåligt.", "version": report.version},
    )
    assert response.status_code == 302
    stale = officer_client.post(
        reverse("reports:annual-report-edit", args=[report.pk]),
        {"title": "Gammal", "version": report.version},
    )
    assert stale.status_code == 400 and "Någon annan har sparat" in stale.content.decode()
    again = officer_client.post(
        reverse("reports:annual-report-create"), {"year": 2031, "title": "Dubblett"}
    )
    assert again.status_code == 400


# ---------- Who may open what ----------


def test_the_public_page_needs_no_login_and_lists_only_published_reports(client, world, settings):
    (settings.MEDIA_ROOT / "annual").mkdir(parents=True)
    (settings.MEDIA_ROOT / "annual" / "p.pdf").write_bytes(b"%PDF-1.7 " + b"x" * 2000)
    AnnualReport.objects.create(
        year=2019,
        title="Publicerad 2019",
        status="published",
        pdf="annual/p.pdf",
        pdf_sha256="b" * 64,
        published_at="2020-03-01T10:00:00Z",
        page_count=12,
    )
    response = client.get(reverse("reports:publication-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Publicerad 2019" in html and "b" * 64 in html
    assert "2,0\xa0kB" in html
    assert world.report.title not in html
    draft_download = client.get(reverse("reports:publication-download", args=[world.report.pk]))
    assert draft_download.status_code == 404


@pytest.mark.parametrize(
    "name",
    ["annual-report-list", "annual-report-detail", "annual-report-pdf", "annual-report-edit"],
)
def test_coordinators_and_agency_officers_are_refused_and_anonymous_users_sent_to_login(
    name, client, coordinator_client, agency_client, world
):
    args = [] if name == "annual-report-list" else [world.report.pk]
    url = reverse(f"reports:{name}", args=args)
    assert coordinator_client.get(url).status_code == 403
    assert agency_client.get(url).status_code == 403
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("accounts:login"))


def test_readers_see_published_reports_only(reader_client, officer_client, world):
    assert reader_client.get(reverse("reports:annual-report-list")).status_code == 200
    assert reader_client.get(world.report.get_absolute_url()).status_code == 404
    assert reader_client.get(reverse("reports:annual-report-create")).status_code == 403
    listing = officer_client.get(reverse("reports:annual-report-list")).content.decode()
    assert world.report.title in listing
