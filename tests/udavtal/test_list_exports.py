"""Large XLSX exports are written in the background (udavtal.list_exports): the list answers at
once with the export's page, the file has the list's scope and filters, and only its owner can
see or download it."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import District
from reports.models import AnnualDistrictReport
from tests import factories
from tests.downloads import body, csv_rows
from udavtal import list_exports
from udavtal.models import ListExport

pytestmark = pytest.mark.django_db

REPORTS = reverse("reports:district-report-list")


@pytest.fixture(autouse=True)
def _small_limit_and_own_media(settings, tmp_path):
    settings.EXPORT_INLINE_CELLS = 7 * 3  # three rows of the report list's seven columns
    settings.MEDIA_ROOT = tmp_path / "media"


def _reports(municipality, count: int, year: int = 2026):
    """A report of `year` for each of the municipality's first `count` districts."""
    agreement = factories.AgreementFactory(municipality=municipality)
    reports = []
    for n in range(count):
        name = f"{municipality.name} {n:02d}"
        district = District.objects.filter(municipality=municipality, name=name).first()
        reports.append(
            factories.DistrictReportFactory(
                agreement=agreement,
                district=district
                or factories.DistrictFactory(municipality=municipality, name=name),
                year=year,
                due_on=datetime.date(year, 10, 1),
            )
        )
    return reports


def _sheet_rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_large_xlsx_is_written_in_the_background_with_the_lists_filters(
    officer, officer_client, malmo, django_capture_on_commit_callbacks
):
    _reports(malmo, 4, year=2026)
    _reports(malmo, 2, year=2025)

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.get(REPORTS, {"year": 2026, "sort": "district", "export": "xlsx"})

    export = ListExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == export.get_absolute_url()
    assert (export.user, export.row_count, export.status) == (officer, 4, ListExport.Status.DONE)
    assert export.query == "year=2026&sort=district"
    page = officer_client.get(export.get_absolute_url()).content.decode()
    assert "Filen är klar." in page
    assert 'http-equiv="refresh"' not in page
    rows = _sheet_rows(officer_client.get(reverse("export-file", args=[export.pk])))
    assert rows[0][:3] == ["Stadsdel", "Kommun", "År"]
    assert [row[0] for row in rows[1:]] == [f"Malmö {n:02d}" for n in range(4)]
    assert {row[2] for row in rows[1:]} == {2026}


def test_the_background_file_has_the_users_scope(
    coordinator_client, malmo, botkyrka, django_capture_on_commit_callbacks
):
    _reports(malmo, 4)
    _reports(botkyrka, 4)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.get(REPORTS, {"export": "xlsx"})

    rows = _sheet_rows(
        coordinator_client.get(reverse("export-file", args=[ListExport.objects.get().pk]))
    )
    assert response.status_code == 302
    assert {row[1] for row in rows[1:]} == {"Malmö"}
    assert len(rows) == 5


def test_a_small_xlsx_and_any_csv_are_answered_at_once(officer_client, malmo):
    _reports(malmo, 3)

    small = officer_client.get(REPORTS, {"export": "xlsx"})
    _reports(malmo, 3, year=2025)
    large_csv = officer_client.get(REPORTS, {"export": "csv"})

    assert small.status_code == 200 and len(_sheet_rows(small)) == 4
    assert len(csv_rows(large_csv)) == 7
    assert not ListExport.objects.exists()


def test_a_queued_export_says_so_and_refreshes_itself(officer, officer_client):
    export = ListExport.objects.create(
        user=officer, title="Årliga redovisningar", path=REPORTS, filename="r.xlsx", row_count=9
    )

    page = officer_client.get(export.get_absolute_url()).content.decode()
    file = officer_client.get(reverse("export-file", args=[export.pk]))

    assert "Filen tas fram i bakgrunden." in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert file.status_code == 404


def test_an_export_left_queued_for_hours_is_reported_as_not_coming(officer, officer_client):
    export = ListExport.objects.create(
        user=officer,
        title="Årliga redovisningar",
        path=REPORTS,
        filename="r.xlsx",
        row_count=9,
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )

    page = officer_client.get(export.get_absolute_url()).content.decode()

    assert "Filen blev inte klar. Beställ den igen från listan." in page
    assert 'http-equiv="refresh"' not in page


def test_a_list_that_refuses_the_user_fails_the_export_with_a_swedish_message(
    coordinator_malmo, coordinator_client
):
    audit_log = reverse("audit:event-list")
    export = ListExport.objects.create(
        user=coordinator_malmo,
        title="Granskningslogg",
        path=audit_log,
        filename="g.xlsx",
        row_count=9,
    )

    result = list_exports.list_export_build(export_id=export.pk)
    page = coordinator_client.get(export.get_absolute_url()).content.decode()

    assert result.status == ListExport.Status.FAILED
    assert not result.file
    assert "Filen kunde inte tas fram. Försök igen från listan." in page


def test_an_export_is_built_once(officer, malmo):
    _reports(malmo, 4)
    export = ListExport.objects.create(
        user=officer, title="Redovisningar", path=REPORTS, filename="r.xlsx", row_count=4
    )

    first = list_exports.list_export_build(export_id=export.pk)
    name = first.file.name
    again = list_exports.list_export_build(export_id=export.pk)

    assert again.status == ListExport.Status.DONE
    assert again.file.name == name


@pytest.mark.parametrize("fixture", ["coordinator_client", "reader_client", "admin_user_client"])
def test_nobody_else_sees_or_downloads_an_export(request, officer, officer_client, malmo, fixture):
    _reports(malmo, 4)
    export = ListExport.objects.create(
        user=officer, title="Handläggarens export", path=REPORTS, filename="r.xlsx", row_count=4
    )
    list_exports.list_export_build(export_id=export.pk)
    other = request.getfixturevalue(fixture)

    assert officer_client.get(reverse("export-file", args=[export.pk])).status_code == 200
    assert other.get(export.get_absolute_url()).status_code == 404
    assert other.get(reverse("export-file", args=[export.pk])).status_code == 404
    assert "Handläggarens export" not in other.get(reverse("export-list")).content.decode()
    assert "Handläggarens export" in officer_client.get(reverse("export-list")).content.decode()


def test_my_exports_lists_the_users_recent_exports_and_old_ones_go(
    officer, officer_client, malmo, django_capture_on_commit_callbacks
):
    empty = officer_client.get(reverse("export-list")).content.decode()
    old = ListExport.objects.create(
        user=officer,
        title="Gammal export",
        path=REPORTS,
        filename="gammal.xlsx",
        row_count=4,
        created_at=timezone.now() - datetime.timedelta(days=8),
    )
    _reports(malmo, 4)

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.get(REPORTS, {"export": "xlsx"})
    page = officer_client.get(reverse("export-list")).content.decode()

    assert "Du har inga sparade exporter." in empty
    assert not ListExport.objects.filter(pk=old.pk).exists()
    assert "Årliga redovisningar" in page
    assert "Gammal export" not in page
    assert AnnualDistrictReport.objects.count() == 4


def test_the_daily_command_removes_everybodys_old_exports_and_their_files(officer, reader):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    old = ListExport.objects.create(
        user=reader,
        title="Gammal",
        path=REPORTS,
        filename="gammal.xlsx",
        row_count=1,
        created_at=timezone.now() - datetime.timedelta(days=8),
    )
    old.file.save("gammal.xlsx", ContentFile(b"PK"), save=True)
    recent = ListExport.objects.create(
        user=officer, title="Ny", path=REPORTS, filename="ny.xlsx", row_count=1
    )
    out = io.StringIO()

    call_command("remove_old_exports", stdout=out)

    assert list(ListExport.objects.all()) == [recent]
    assert not old.file.storage.exists(old.file.name)
    assert "1 exporter äldre än 7 dagar togs bort." in out.getvalue()


@pytest.mark.parametrize("count", [4, 12])
def test_queueing_a_large_xlsx_takes_the_same_queries_for_any_number_of_rows(
    officer_client, malmo, django_assert_num_queries, count
):
    """Session, user, filters, one COUNT, the old exports, the insert: never the rows."""
    _reports(malmo, count)
    officer_client.get(REPORTS)  # the session and the user's permissions are warm

    with django_assert_num_queries(7):
        response = officer_client.get(REPORTS, {"export": "xlsx"})

    assert response.status_code == 302
    assert ListExport.objects.get().row_count == count


def test_my_exports_offers_no_export_of_its_own(officer_client):
    page = officer_client.get(reverse("export-list"))

    assert "Ladda ner de filtrerade raderna" not in page.content.decode()
    assert officer_client.get(reverse("export-list"), {"export": "csv"}).status_code == 404
