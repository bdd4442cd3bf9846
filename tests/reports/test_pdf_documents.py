"""The four single documents as PDF (district report, agreement, cooperation accord, agency
report), read back with pypdf: headings, names and figures, suppressed values absent, page
numbers, bookmarks, title/author/language metadata and the PDF/UA-1 identification; who may
download them; the number of queries their selectors make."""

from __future__ import annotations

import datetime
import hashlib
import io
from decimal import Decimal

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import selectors as agreement_selectors
from agreements.models import Agreement
from partnerships import selectors as partnership_selectors
from partnerships.models import CooperationAccord
from partnerships.pdf import build_accord_pdf
from reports.agency import selectors as agency_selectors
from reports.agency import services as agency_services
from reports.agency.pdf import build_agency_report_pdf
from reports.district import selectors as district_selectors
from reports.district import services as district_services
from reports.models import AgencyReport, AnnualDistrictReport
from tests import factories
from tests.factories import accords as build
from tests.factories import statistics as stats
from tests.factories.plans import GoalIndicatorFactory, MeasureFactory, report_world
from tests.reports.test_district_services import complete_input
from udavtal.lib import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _reader(data: bytes) -> pypdf.PdfReader:
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


def _text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _bookmarks(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _bookmarks(item)
        else:
            titles.append(item.title)
    return titles


def _figure_alts(reader: pypdf.PdfReader) -> list[str]:
    """The alternative texts of the tagged figures (PDF/UA structure tree)."""
    alts = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts


def _xmp(reader: pypdf.PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def _assert_document(reader: pypdf.PdfReader, *, title: str, author: str) -> str:
    """What every document has: metadata, language, PDF/UA-1, page numbers, bookmarks."""
    assert reader.metadata.title == title
    assert reader.metadata.author == author
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert 'pdfuaid:part="1"' in _xmp(reader)
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    text = _text(reader)
    pages = len(reader.pages)
    assert f"Sida 1 av {pages}" in text
    assert f"Sida {pages} av {pages}" in text
    assert reader.outline, "the headings are bookmarks"
    return text


# --- District report -----------------------------------------------------------------------


@pytest.fixture
def district_world(malmo, coordinator_malmo, officer):
    """A report with statistics for its indicators: the district's 2025 value of the employment
    indicator is suppressed (population base 4) and must never appear."""
    world = report_world(malmo, district_name="Rosengård (test)")
    district = world.district
    employed = world.rising.indicator
    for year, own, municipal, country in [
        (2023, "47.3", "66.1", "77.2"),
        (2024, "48.6", "66.4", "77.9"),
    ]:
        stats.value(employed, district.code, year, own, area_type="district", base=4200)
        stats.value(employed, malmo.code, year, municipal, base=200000)
        stats.value(employed, "SE", year, country, base=6000000)
    stats.value(employed, district.code, 2025, "91.7", area_type="district", base=4)
    district_services.district_report_save(
        report=world.report,
        data=complete_input(world),
        expected_version=world.report.version,
        actor=coordinator_malmo,
    )
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    district_services.district_report_submit(report=report, actor=coordinator_malmo)
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    district_services.district_report_accept(report=report, actor=officer)
    world.report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    return world


def test_the_archived_district_report_pdf_reads_back_with_everything(district_world):
    report = district_world.report
    data = report.pdf.read()
    assert report.pdf_sha256 == hashlib.sha256(data).hexdigest()
    reader = _reader(data)

    text = _assert_document(
        reader, title="Årlig redovisning 2026 – Rosengård (test)", author="Malmö"
    )

    for heading in (
        "Innehåll",
        "Sammanfattning",
        "Mål och indikatorer",
        "Indikatorerna jämförda med kommunen och riket",
        "Insatser",
        "Samverkan med myndigheter",
        "Hinder för samverkan",
        "Målkonflikter",
        "De boendes medverkan",
        "Utvecklingen per målområde",
    ):
        assert heading in text
    for name in ("Rosengård (test)", "Malmö", "Förvärvsarbetande (test)", "Jobbtorg (test)"):
        assert name in text
    assert "Ett år med fler i arbete." in text
    assert "55,5" in text  # the reported value
    assert "47,3" in text and "48,6" in text  # the district's statistics
    assert "66,4" in text and "77,9" in text  # against the municipality and Sweden
    assert "91,7" not in text  # suppressed (base 4 < 10)
    assert ".." in text
    bookmarks = _bookmarks(reader.outline)
    assert "Sammanfattning" in bookmarks
    assert any(title.startswith("Förvärvsarbetande (test)") for title in bookmarks)
    alts = _figure_alts(reader)
    assert len(alts) == 1  # one chart: the indicator with values
    assert alts[0].startswith("Förvärvsarbetande (test)")
    assert "jämfört med Malmö, riket och jämförelsegruppen" in alts[0]
    assert "UTKAST" not in text


def test_the_district_report_download_streams_the_archived_file(district_world, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:district-report-pdf", args=[district_world.report.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == district_world.report.pdf.read()


def test_a_coordinator_of_another_municipality_cannot_download_the_district_report(
    district_world, other_coordinator_client
):
    response = other_coordinator_client.get(
        reverse("reports:district-report-pdf", args=[district_world.report.pk])
    )

    assert response.status_code == 404


def test_the_district_report_document_has_a_fixed_number_of_queries(
    malmo, django_assert_max_num_queries
):
    world = report_world(malmo)
    for n in range(6):
        goal = factories.PlanGoalFactory(
            plan=world.plan, goal_area=world.agreement.goal_areas.get(), text=f"Mål {n}"
        )
        for _ in range(3):
            GoalIndicatorFactory(goal=goal)
            MeasureFactory(goal=goal)

    with django_assert_max_num_queries(16):
        document = district_selectors.district_report_document(pk=world.report.pk)
        # everything the template reads is loaded
        for goal in document.content.goals:
            for row in goal.indicators:
                assert row.indicator.name
            for row in goal.measures:
                assert row.measure.title
                _ = row.measure.responsible
        _ = document.report.district.municipality.county.name
        _ = document.report.agreement.policy_phase.name
    assert len(document.statistics) == 2 + 18


# --- Agreement ---------------------------------------------------------------------------------


@pytest.fixture
def signed_agreement(malmo):
    agreement = factories.AgreementFactory(
        municipality=malmo,
        title="Lokalt utvecklingsavtal Malmö 2025–2027",
        case_number="Ku2025/01234",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        status=Agreement.Status.IN_FORCE,
        state_signatory="Eva Statsråd",
        state_signatory_title="Statsråd",
        state_signed_on=datetime.date(2024, 12, 10),
        municipality_signatory="Kim Ordförande",
        municipality_signatory_title="Kommunstyrelsens ordförande",
        municipality_signed_on=datetime.date(2024, 12, 12),
        plans_due_on=datetime.date(2025, 6, 30),
        accords_due_on=datetime.date(2025, 9, 30),
    )
    agreement.districts.add(
        factories.DistrictFactory(municipality=malmo, name="Rosengård"),
        factories.DistrictFactory(municipality=malmo, name="Lindängen"),
    )
    agreement.goal_areas.add(
        factories.GoalAreaFactory(code="t-trygghet", name="Trygghet (test)"),
        factories.GoalAreaFactory(code="t-skola", name="Utbildning och skola (test)"),
    )
    for year in (2025, 2026, 2027):
        factories.FundingFactory(
            agreement=agreement,
            year=year,
            state_amount_sek=Decimal("1500000"),
            municipality_amount_sek=Decimal("250000"),
        )
    return agreement


def test_the_agreement_pdf_shows_the_agreement_as_signed(signed_agreement, officer_client):
    response = officer_client.get(reverse("agreements:agreement-pdf", args=[signed_agreement.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = _reader(response.content)
    text = _assert_document(
        reader,
        title="Lokalt utvecklingsavtal mellan staten och Malmö kommun",
        author=reader.metadata.author,
    ).replace("\xa0", " ")
    assert reader.metadata.author.startswith("Regeringskansliet")
    for expected in (
        "Avtal mellan staten och Malmö kommun",
        "Ku2025/01234",
        "Lindängen",
        "Rosengård",
        "Trygghet (test)",
        "Utbildning och skola (test)",
        "30 juni 2025",  # deadline for plans
        "30 september 2025",  # deadline for accords
        "1 500 000 kr",
        "4 500 000 kr",  # state total
        "5 250 000 kr",  # total
        "Eva Statsråd",
        "Kim Ordförande",
        "Undertecknat 12 december 2024",
    ):
        assert expected in text, expected
    assert {"Finansiering", "Underskrifter"} <= set(_bookmarks(reader.outline))
    assert "UTKAST" not in text


def test_an_unsigned_agreement_pdf_is_watermarked_utkast(malmo, officer_client):
    agreement = factories.AgreementFactory(municipality=malmo, status="negotiating")

    response = officer_client.get(reverse("agreements:agreement-pdf", args=[agreement.pk]))

    assert response.status_code == 200
    assert "UTKAST" in _text(_reader(response.content))


def test_the_agreement_pdf_escapes_user_text_and_fetches_nothing(malmo, officer_client):
    agreement = factories.AgreementFactory(
        municipality=malmo,
        description='<img src="file:///etc/passwd"> <b>fet</b> '
        '<a href="https://example.com/">x</a>',
    )

    response = officer_client.get(reverse("agreements:agreement-pdf", args=[agreement.pk]))

    assert response.status_code == 200  # the image is text, never fetched
    assert '<img src="file:///etc/passwd"> <b>fet</b>' in _text(_reader(response.content))


def test_a_coordinator_of_another_municipality_gets_404_for_the_agreement_pdf(
    signed_agreement, other_coordinator_client, coordinator_client, client
):
    url = reverse("agreements:agreement-pdf", args=[signed_agreement.pk])

    assert other_coordinator_client.get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 200
    assert client.get(url).status_code == 302  # anonymous → login


def test_the_agreement_page_links_to_the_pdf(signed_agreement, coordinator_client):
    response = coordinator_client.get(signed_agreement.get_absolute_url())

    assert reverse("agreements:agreement-pdf", args=[signed_agreement.pk]) in response.text


def test_the_agreement_pdf_selector_has_a_fixed_number_of_queries(
    signed_agreement, officer, django_assert_max_num_queries
):
    for _ in range(10):
        signed_agreement.districts.add(
            factories.DistrictFactory(municipality=signed_agreement.municipality)
        )

    with django_assert_max_num_queries(6):
        agreement = agreement_selectors.agreement_get_for_pdf(user=officer, pk=signed_agreement.pk)
        context_rows = (
            list(agreement.districts.all()),
            list(agreement.goal_areas.all()),
            list(agreement.funding.all()),
            list(agreement.revisions.all()),
            agreement.policy_phase.name,
            agreement.municipality.county.name,
        )
    assert len(context_rows[0]) == 12


# --- Cooperation accord --------------------------------------------------------------------------


@pytest.fixture
def signed_accord(fk, malmo):
    agreement = build.signed_agreement(malmo)
    _plan, goals = build.plan_with_goals(
        agreement, "Fler i arbete", "Färre unga utanför", district_name="Rosengård (test)"
    )
    return build.accord(
        agency=fk,
        agreement=agreement,
        goals=goals,
        status=CooperationAccord.Status.SIGNED,
        title="Samverkan om arbete i Rosengård",
        case_number="FK-2008/17",
        agency_contact="Lena Kontakt",
    )


def test_the_accord_pdf_shows_parties_commitments_and_signatures(signed_accord, agency_client):
    response = agency_client.get(reverse("partnerships:accord-pdf", args=[signed_accord.pk]))

    assert response.status_code == 200
    reader = _reader(response.content)
    unit = signed_accord.agency_unit.name
    text = _assert_document(
        reader,
        title=f"Samverkansöverenskommelse mellan {unit} och Malmö kommun",
        author="Försäkringskassan",
    )
    for expected in (
        "Samverkan om arbete i Rosengård",
        "FK-2008/17",
        "Rosengård (test)",
        "Fler i arbete",
        "Färre unga utanför",
        "Gemensamma träffar för arbetssökande",
        "Lena Kontakt",
        "Anna Myndighet",
        "Kim Kommun",
        "Undertecknad 2 mars 2008",
    ):
        assert expected in text, expected
    assert {"Åtaganden", "Underskrifter"} <= set(_bookmarks(reader.outline))
    assert "UTKAST" not in text


def test_a_draft_accord_pdf_is_watermarked_utkast(fk, agency_client):
    accord = build.accord(agency=fk)

    response = agency_client.get(reverse("partnerships:accord-pdf", args=[accord.pk]))

    assert "UTKAST" in _text(_reader(response.content))


def test_the_accord_pdf_is_404_outside_the_users_scope(
    signed_accord, other_coordinator_client, coordinator_client
):
    url = reverse("partnerships:accord-pdf", args=[signed_accord.pk])

    assert other_coordinator_client.get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 200


def test_the_accord_page_links_to_the_pdf(signed_accord, agency_client):
    response = agency_client.get(signed_accord.get_absolute_url())

    assert reverse("partnerships:accord-pdf", args=[signed_accord.pk]) in response.text


def test_the_accord_pdf_selector_has_a_fixed_number_of_queries(
    fk, malmo, officer, django_assert_max_num_queries
):
    agreement = build.signed_agreement(malmo)
    _plan, goals = build.plan_with_goals(agreement, *[f"Mål {n}" for n in range(8)])
    accord = build.accord(agency=fk, agreement=agreement, goals=goals)

    with django_assert_max_num_queries(5):
        loaded = partnership_selectors.accord_get_for_user(user=officer, pk=accord.pk)
        rows = [
            (c.plan_goal.plan.district.name, c.plan_goal.goal_area.name)
            for c in loaded.commitments.all()
        ]
        _ = [plan.district.name for plan in loaded.plans.all()]
        _ = list(loaded.goal_areas.all())
        _ = loaded.agency_unit.agency.name
    assert len(rows) == 8
    assert build_accord_pdf(loaded).startswith(b"%PDF-")


# --- Agency report -------------------------------------------------------------------------------


@pytest.fixture
def accepted_agency_report(fk, malmo, agency_officer_fk, officer):
    unit = build.central_unit(fk, name="Försäkringskassan (test)")
    report = agency_services.agency_report_create(unit=unit, year=2009, actor=agency_officer_fk)
    agency_services.agency_report_update(
        report=report,
        data={
            "summary": "Vi har deltagit i partnerskapen.",
            "obstacles": "Sekretess mellan myndigheterna.",
            "proposals": "Ange samverkan i regleringsbrevet.",
        },
        expected_version=report.version,
        actor=agency_officer_fk,
    )
    partnership = factories.PartnershipFactory(
        agreement=build.signed_agreement(malmo), name="Partnerskap Rosengård (test)"
    )
    build.AgencyReportEntryFactory(
        report=report,
        partnership=partnership,
        done="Handläggare på plats varje vecka.",
        obstacles="Olika datasystem.",
        proposals="Gemensam lokal.",
    )
    report = AgencyReport.objects.get(pk=report.pk)
    agency_services.agency_report_submit(report=report, actor=agency_officer_fk)
    report = AgencyReport.objects.get(pk=report.pk)
    agency_services.agency_report_accept(report=report, actor=officer)
    return AgencyReport.objects.get(pk=report.pk)


def test_accepting_an_agency_report_archives_its_pdf_once(accepted_agency_report):
    report = accepted_agency_report
    data = report.pdf.read()

    assert report.pdf_sha256 == hashlib.sha256(data).hexdigest()
    reader = _reader(data)
    text = _assert_document(
        reader,
        title="Myndighetens redovisning 2009 – Försäkringskassan (test)",
        author="Försäkringskassan",
    )
    for expected in (
        "13 § förordningen (2008:348)",
        "Vi har deltagit i partnerskapen.",
        "Partnerskap Rosengård (test)",
        "Handläggare på plats varje vecka.",
        "Olika datasystem.",
        "Ange samverkan i regleringsbrevet.",
    ):
        assert expected in text, expected
    assert "Arbetet i de lokala partnerskapen" in _bookmarks(reader.outline)
    assert "UTKAST" not in text
    with pytest.raises(agency_services.TransitionNotAllowed):
        agency_services.agency_report_archive_pdf(report=report, pdf=b"%PDF-", actor=None)


def test_the_agency_report_download_streams_the_archived_file(
    accepted_agency_report, agency_client, other_coordinator_client
):
    url = reverse("reports:agency-report-pdf", args=[accepted_agency_report.pk])

    response = agency_client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == accepted_agency_report.pdf.read()
    assert other_coordinator_client.get(url).status_code == 404


def test_an_agency_report_not_yet_accepted_has_no_pdf(fk, agency_client):
    report = factories.AgencyReportFactory(agency=fk, unit=build.central_unit(fk), status="draft")

    assert (
        agency_client.get(reverse("reports:agency-report-pdf", args=[report.pk])).status_code == 404
    )


def test_the_agency_report_document_has_a_fixed_number_of_queries(
    fk, malmo, django_assert_max_num_queries
):
    report = factories.AgencyReportFactory(agency=fk, unit=build.central_unit(fk))
    for n in range(8):
        build.AgencyReportEntryFactory(
            report=report,
            partnership=factories.PartnershipFactory(name=f"Partnerskap {n}"),
        )

    with django_assert_max_num_queries(3):
        document = agency_selectors.agency_report_document(pk=report.pk)
        _ = [e.partnership.agreement.municipality.name for e in document.entries]
        _ = [e.partnership.district for e in document.entries]
    assert len(document.entries) == 8
    assert build_agency_report_pdf(report).startswith(b"%PDF-")


# --- The renderer --------------------------------------------------------------------------------


def test_generated_images_are_served_and_nothing_else(settings, tmp_path):
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "img.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>Diagram</h1>'
        '<img src="{{ url }}" alt="Ett diagram">{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [directory, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )

    data = pdf.render_pdf(
        "img.html",
        {"url": pdf.generated_url("chart.svg")},
        title="T",
        author="A",
        images={"chart.svg": svg},
    )
    assert data.startswith(b"%PDF-")
    with pytest.raises(pdf.PdfRenderError):
        pdf.render_pdf(
            "img.html", {"url": pdf.generated_url("other.svg")}, title="T", author="A", images={}
        )


def test_rendering_the_district_report_makes_no_query(district_world):
    """Rendering reads the database through the selector only (no query from the template)."""
    document = district_selectors.district_report_document(pk=district_world.report.pk)
    from reports.district.pdf import district_report_context

    context = district_report_context(document)
    with CaptureQueriesContext(connection) as queries:
        pdf.render_pdf(
            "reports/pdf/district_report.html",
            context,
            images=context.pop("images"),
            title="T",
            author="A",
        )
    assert len(queries) == 0
