"""The district report pages: the permission chain, the role × action × state table, editing,
submitting with a list of what is missing, review, PDF download, attachments, the lists."""

import datetime
import hashlib
import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reports.district import services
from reports.models import AnnualDistrictReport, ReportIndicatorValue, ReviewStatus
from tests import factories
from tests.downloads import body
from tests.factories.plans import complete_post_data, report_world

pytestmark = pytest.mark.django_db

S = ReviewStatus


@pytest.fixture
def world(malmo):
    return report_world(malmo)


def url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.pk, *args])


def set_status(report, status):
    extra = {}
    if status in (S.SUBMITTED, S.ACCEPTED):
        extra["submitted_at"] = timezone.now()
    AnnualDistrictReport.objects.filter(pk=report.pk).update(status=status, **extra)
    return AnnualDistrictReport.objects.get(pk=report.pk)


# --- The chain: anonymous → login, out of scope → 404, wrong role → 403, right role → 200 ------


@pytest.mark.parametrize("name", ["district-report-detail", "district-report-edit"])
def test_anonymous_is_sent_to_login(client, world, name):
    response = client.get(url(name, world.report))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_chain_for_the_edit_page(
    world, other_coordinator_client, officer_client, coordinator_client
):
    edit = url("district-report-edit", world.report)
    assert other_coordinator_client.get(edit).status_code == 404
    assert officer_client.get(edit).status_code == 403
    assert coordinator_client.get(edit).status_code == 200


def test_chain_for_the_review_pages(world, coordinator_client, other_coordinator_client, client):
    report = set_status(world.report, S.SUBMITTED)
    officer = factories.officer(username="t.granskare")
    client.force_login(officer)
    for name in ("district-report-return", "district-report-accept"):
        assert other_coordinator_client.get(url(name, report)).status_code == 404
        assert coordinator_client.get(url(name, report)).status_code == 403
        assert client.get(url(name, report)).status_code == 200


def test_chain_for_the_lists(client, coordinator_client, officer_client):
    for name in ("reports:district-report-list", "reports:overdue-reports"):
        assert client.get(reverse(name)).status_code == 302
    assert coordinator_client.get(reverse("reports:district-report-list")).status_code == 200
    assert coordinator_client.get(reverse("reports:overdue-reports")).status_code == 403
    assert officer_client.get(reverse("reports:overdue-reports")).status_code == 200
    assert coordinator_client.get(reverse("reports:district-report-create-year")).status_code == 403
    assert officer_client.get(reverse("reports:district-report-create-year")).status_code == 200


# --- Role × action × state ----------------------------------------------------------------------

ROLES = ["own_coordinator", "other_coordinator", "agency", "reader", "officer"]
ACTIONS = ["view", "edit", "submit", "return", "accept"]
OPEN = {S.NOT_STARTED, S.DRAFT, S.RETURNED}


def expected(role, action, state) -> int:
    if role in ("other_coordinator", "agency"):
        return 404
    if action == "view":
        if role == "reader":
            return 200 if state == S.ACCEPTED else 403
        return 200
    if action in ("edit", "submit"):
        return 200 if role == "own_coordinator" and state in OPEN else 403
    return 200 if role == "officer" and state == S.SUBMITTED else 403


ACTION_URLS = {
    "view": "district-report-detail",
    "edit": "district-report-edit",
    "submit": "district-report-submit",
    "return": "district-report-return",
    "accept": "district-report-accept",
}


@pytest.fixture
def role_clients(
    coordinator_client, other_coordinator_client, agency_client, reader_client, officer_client
):
    return {
        "own_coordinator": coordinator_client,
        "other_coordinator": other_coordinator_client,
        "agency": agency_client,
        "reader": reader_client,
        "officer": officer_client,
    }


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_action_state_table(malmo, role_clients, role, action, state):
    report = set_status(factories.DistrictReportFactory(agreement__municipality=malmo), state)

    response = role_clients[role].get(url(ACTION_URLS[action], report))

    assert response.status_code == expected(role, action, state)


@pytest.mark.parametrize("state", list(S))
def test_posts_of_wrong_states_change_nothing(world, coordinator_client, officer_client, state):
    report = set_status(world.report, state)

    coordinator_client.post(url("district-report-edit", report), complete_post_data(world))
    officer_client.post(url("district-report-return", report), {"reason": "Komplettera."})

    after = AnnualDistrictReport.objects.get(pk=report.pk)
    if state in OPEN:
        assert after.summary == "Ett år med fler i arbete."
    else:
        assert after.summary == ""
    expected_status = S.RETURNED if state == S.SUBMITTED else after.status
    assert after.status == expected_status


def test_buttons_match_what_the_role_may_do(world, coordinator_client, officer_client):
    page = coordinator_client.get(url("district-report-detail", world.report)).content.decode()
    assert url("district-report-edit", world.report) in page
    assert url("district-report-accept", world.report) not in page

    report = set_status(world.report, S.SUBMITTED)
    page = coordinator_client.get(url("district-report-detail", report)).content.decode()
    assert url("district-report-edit", report) not in page
    page = officer_client.get(url("district-report-detail", report)).content.decode()
    assert url("district-report-accept", report) in page
    assert url("district-report-return", report) in page


# --- Editing and submitting ---------------------------------------------------------------------


def test_coordinator_saves_a_draft_with_swedish_decimals(world, coordinator_client):
    response = coordinator_client.post(
        url("district-report-edit", world.report), complete_post_data(world)
    )

    assert response.status_code == 302
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    assert report.status == S.DRAFT
    assert str(ReportIndicatorValue.objects.get(goal_indicator=world.rising).value) == "55.5000"


def test_an_invalid_value_rerenders_with_400_and_keeps_the_input(world, coordinator_client):
    data = complete_post_data(world, **{f"value_{world.rising.pk}": "många"})

    response = coordinator_client.post(url("district-report-edit", world.report), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Formuläret innehåller fel" in content
    assert "Ett år med fler i arbete." in content
    assert f'href="#id_value_{world.rising.pk}"' in content


def test_a_stale_form_is_refused_with_the_input_kept(world, coordinator_client):
    coordinator_client.post(url("district-report-edit", world.report), complete_post_data(world))
    stale = complete_post_data(world, summary="Från en gammal flik.")  # still version 1

    response = coordinator_client.post(url("district-report-edit", world.report), stale)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Någon annan har sparat ändringar" in content
    assert "Från en gammal flik." in content


def test_the_submit_page_lists_what_is_missing_linked_to_the_sections(world, coordinator_client):
    data = complete_post_data(world, obstacles="", summary="")
    coordinator_client.post(url("district-report-edit", world.report), data)

    response = coordinator_client.get(url("district-report-submit", world.report))

    content = response.content.decode()
    edit = url("district-report-edit", world.report)
    assert "Redovisningen kan inte lämnas in ännu" in content
    assert f'href="{edit}#id_summary">Sammanfattningen är tom.' in content
    assert f'href="{edit}#id_obstacles">Avsnittet ”Hinder för samverkan” är tomt.' in content
    assert 'type="submit"' not in content.split("<main")[1]


def test_posting_an_incomplete_report_answers_400_and_changes_nothing(world, coordinator_client):
    coordinator_client.post(
        url("district-report-edit", world.report), complete_post_data(world, summary="")
    )

    response = coordinator_client.post(url("district-report-submit", world.report), {"version": 2})

    assert response.status_code == 400
    assert AnnualDistrictReport.objects.get(pk=world.report.pk).status == S.DRAFT


def test_save_and_continue_leads_to_the_submit_page(world, coordinator_client):
    data = complete_post_data(world, submit="1")

    response = coordinator_client.post(url("district-report-edit", world.report), data)

    assert response["Location"] == url("district-report-submit", world.report)
    response = coordinator_client.post(response["Location"], {"version": 2})
    assert response.status_code == 302
    assert AnnualDistrictReport.objects.get(pk=world.report.pk).status == S.SUBMITTED


def test_the_officer_returns_with_a_note_the_coordinator_sees(
    world, coordinator_client, officer_client
):
    coordinator_client.post(url("district-report-edit", world.report), complete_post_data(world))
    coordinator_client.post(url("district-report-submit", world.report), {"version": 2})

    response = officer_client.post(url("district-report-return", world.report), {"reason": ""})
    assert response.status_code == 400
    officer_client.post(url("district-report-return", world.report), {"reason": "Mer om hinder."})

    page = coordinator_client.get(url("district-report-detail", world.report)).content.decode()
    assert "Kommentar från granskningen" in page
    assert "Mer om hinder." in page


def test_the_author_sees_no_accept_button_and_is_refused(world, malmo, client):
    factories.officer(username="t.dubbel")
    double = factories.coordinator(malmo, username="t.dubbel")  # the same user, now both roles
    client.force_login(double)
    client.post(url("district-report-edit", world.report), complete_post_data(world))
    client.post(url("district-report-submit", world.report), {"version": 2})

    page = client.get(url("district-report-detail", world.report)).content.decode()
    assert url("district-report-accept", world.report) not in page
    assert "kan därför inte godkänna den" in page
    assert client.post(url("district-report-accept", world.report)).status_code == 403
    assert AnnualDistrictReport.objects.get(pk=world.report.pk).status == S.SUBMITTED


def test_accepting_archives_the_pdf_and_the_download_never_rerenders(
    world, coordinator_client, officer_client, monkeypatch
):
    coordinator_client.post(url("district-report-edit", world.report), complete_post_data(world))
    coordinator_client.post(url("district-report-submit", world.report), {"version": 2})

    response = officer_client.post(url("district-report-accept", world.report))
    assert response.status_code == 302

    def fail(*args, **kwargs):
        raise AssertionError("the PDF was rendered again")

    monkeypatch.setattr("udavtal.lib.pdf.render_pdf", fail)
    monkeypatch.setattr("reports.district.pdf.render_pdf", fail)
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    for client in (coordinator_client, officer_client):
        response = client.get(url("district-report-pdf", report))
        body = b"".join(response.streaming_content)
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == report.pdf_sha256


def test_there_is_no_pdf_before_acceptance(world, coordinator_client):
    assert coordinator_client.get(url("district-report-pdf", world.report)).status_code == 404


def test_the_reader_may_download_an_accepted_reports_pdf_only(world, reader_client):
    assert reader_client.get(url("district-report-pdf", world.report)).status_code == 403


# --- Attachments --------------------------------------------------------------------------------


def test_attachment_upload_download_and_removal(
    world, coordinator_client, other_coordinator_client
):
    upload = SimpleUploadedFile("Protokoll.pdf", b"%PDF-1.7\n%protokoll\n", "application/pdf")
    response = coordinator_client.post(
        url("district-report-attachment-add", world.report),
        {"file": upload, "description": "Partnerskapets protokoll"},
    )
    assert response.status_code == 302
    attachment = services.selectors.attachments_of(world.report).get()

    download = url("district-report-attachment", world.report, attachment.pk)
    response = coordinator_client.get(download)
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.7")
    assert other_coordinator_client.get(download).status_code == 404

    delete = url("district-report-attachment-delete", world.report, attachment.pk)
    assert coordinator_client.get(delete).status_code == 200
    coordinator_client.post(delete)
    assert not services.selectors.attachments_of(world.report).exists()


def test_a_disguised_upload_is_refused_with_400(world, coordinator_client):
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = coordinator_client.post(
        url("district-report-attachment-add", world.report), {"file": upload}
    )

    assert response.status_code == 400
    assert "Filtypen stöds inte" in response.content.decode()


def test_attachments_cannot_be_added_to_a_submitted_report(world, coordinator_client):
    report = set_status(world.report, S.SUBMITTED)
    upload = SimpleUploadedFile("sen.pdf", b"%PDF-1.7\n", "application/pdf")

    response = coordinator_client.post(
        url("district-report-attachment-add", report), {"file": upload}
    )

    assert response.status_code == 403


def test_attachments_must_be_posted(world, coordinator_client):
    assert (
        coordinator_client.get(url("district-report-attachment-add", world.report)).status_code
        == 405
    )


# --- Lists --------------------------------------------------------------------------------------


@pytest.fixture
def many_reports(malmo, botkyrka):
    """60 reports over two municipalities and three years, some overdue."""
    reports = []
    for i in range(20):
        for municipality in (malmo, botkyrka):
            district = factories.DistrictFactory(municipality=municipality, name=f"Område {i:02}")
            agreement = factories.AgreementFactory(municipality=municipality)
            for year in (2024, 2025) if i % 2 else (2026,):
                reports.append(
                    factories.DistrictReportFactory(
                        agreement=agreement,
                        district=district,
                        year=year,
                        due_on=datetime.date(year, 10, 1),
                    )
                )
    return reports


def test_the_list_answers_in_constant_queries(
    officer_client, many_reports, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("reports:district-report-list"))
    assert response.status_code == 200
    assert "60 rader" in response.content.decode()


def test_the_coordinator_lists_only_the_own_municipality(coordinator_client, many_reports):
    response = coordinator_client.get(reverse("reports:district-report-list"))
    assert "30 rader" in response.content.decode()
    assert "Botkyrka" not in response.content.decode().split("<main")[1].split("filter-panel")[-1]


def test_the_reader_lists_accepted_reports_only(reader_client, many_reports):
    set_status(many_reports[0], S.SUBMITTED)
    set_status(many_reports[1], S.ACCEPTED)
    response = reader_client.get(reverse("reports:district-report-list"))
    assert "1 rad" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("year=2026", 20),
        ("municipality={malmo}", 30),
        ("district=Område 01", 4),
        ("status=not_started", 60),
        ("overdue=true&year=2025", 20),
        ("overdue=false", 0),
    ],
)
def test_the_list_filters(client, officer, many_reports, malmo, query, count):
    with time_machine.travel(datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC), tick=False):
        client.force_login(officer)
        response = client.get(
            reverse("reports:district-report-list") + "?" + query.format(malmo=malmo.pk)
        )
    text = response.content.decode()
    assert (f"{count} rader" in text) or (count == 1 and "1 rad" in text)


def test_the_list_exports_the_filtered_rows_as_csv_and_xlsx(officer_client, many_reports, malmo):
    base = reverse("reports:district-report-list") + f"?municipality={malmo.pk}&year=2026"

    csv = officer_client.get(base + "&export=csv")
    lines = body(csv).decode().splitlines()
    assert lines[0].startswith("Stadsdel,Kommun,År,Status,Sista dag,Försenad")
    assert len(lines) == 11
    assert "Ej påbörjad" in lines[1]

    xlsx = officer_client.get(base + "&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 11


def test_the_overdue_page_groups_by_municipality(client, officer, many_reports):
    with time_machine.travel(datetime.datetime(2026, 10, 10, 12, tzinfo=datetime.UTC), tick=False):
        client.force_login(officer)
        response = client.get(reverse("reports:overdue-reports"))

    content = response.content.decode()
    assert content.index("Botkyrka") < content.index("Malmö")
    assert "Dagar försenad" in content


def test_the_overdue_page_answers_in_constant_queries(
    officer_client, many_reports, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        officer_client.get(reverse("reports:overdue-reports"))


def test_the_detail_page_answers_in_constant_queries(
    world, coordinator_client, django_assert_max_num_queries
):
    from tests.factories.plans import GoalIndicatorFactory, MeasureFactory

    for i in range(25):
        goal = factories.PlanGoalFactory(
            plan=world.plan, goal_area=world.agreement.goal_areas.get()
        )
        GoalIndicatorFactory(goal=goal, indicator=factories.IndicatorFactory(code=f"Q{i}"))
        MeasureFactory(goal=goal)
    coordinator_client.post(url("district-report-edit", world.report), complete_post_data(world))

    with django_assert_max_num_queries(30):
        response = coordinator_client.get(url("district-report-detail", world.report))
    assert response.status_code == 200
    with django_assert_max_num_queries(30):
        response = coordinator_client.get(url("district-report-edit", world.report))
    assert response.status_code == 200


def test_officer_creates_the_years_reports_from_the_page(officer_client, malmo):
    from tests.factories.plans import agreement_in_force

    agreement_in_force(malmo).districts.add(factories.DistrictFactory(municipality=malmo))

    response = officer_client.post(
        reverse("reports:district-report-create-year"), {"year": 2026, "due_on": "2026-10-01"}
    )

    assert response.status_code == 302
    assert AnnualDistrictReport.objects.filter(year=2026).count() == 1
    response = officer_client.post(
        reverse("reports:district-report-create-year"), {"year": 2026, "due_on": "2025-01-01"}
    )
    assert response.status_code == 400


def test_each_list_row_links_the_district_name_to_the_report_once(coordinator_client, world):
    content = coordinator_client.get(reverse("reports:district-report-list")).content.decode()

    first_cell = content.split("<tbody")[1].split("</td>")[0]
    assert first_cell.count("<a ") == 1  # no nested link without text
    assert f'<a href="{world.report.get_absolute_url()}">Rosengård (test)</a>' in first_cell
