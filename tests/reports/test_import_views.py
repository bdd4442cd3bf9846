"""Importing in the browser: upload, errors listed, dry run, templates, the log and undo."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import ImportBatch, IndicatorValue
from tests import factories
from tests.factories import statistics as stats

pytestmark = pytest.mark.django_db

HEADER = "indikator;områdestyp;områdeskod;år;kön;värde\n"
URL = reverse("reports:indicator-import")


@pytest.fixture
def world():
    stats.without_reference_indicators()
    factories.malmo()
    return stats.indicator()


def _upload(text: str, name="utfall.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_officer_imports_a_file_and_lands_on_its_batch(officer_client, officer, world):
    response = officer_client.post(
        URL, {"file": _upload(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1\n")}
    )
    batch = ImportBatch.objects.get()

    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()
    assert batch.imported_by == officer
    page = officer_client.get(response["Location"]).content.decode()
    assert "Filen har importerats: 1 nya och 0 ändrade värden" in page
    assert reverse("reports:import-batch-undo", args=[batch.pk]) in page


def test_a_file_with_errors_lists_every_bad_row_and_imports_nothing(officer_client, world):
    text = (
        HEADER
        + "sysselsattningsgrad;kommun;1280;2020;T;55,1\n"
        + "sysselsattningsgrad;kommun;1280;2021;T;femtio\n"
        + "sysselsattningsgrad;kommun;0000;2021;T;50\n"
    )

    response = officer_client.post(URL, {"file": _upload(text)})
    html = response.content.decode()

    assert response.status_code == 400
    assert "har 2 felaktiga rader" in html
    assert '<th scope="row">Rad 3</th><td>Värdet ”femtio” är inget tal</td>' in html
    assert (
        '<th scope="row">Rad 4</th><td>Okänd områdeskod ”0000” för områdestypen kommun</td>' in html
    )
    assert IndicatorValue.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_a_dry_run_reports_what_would_change_and_saves_nothing(officer_client, world):
    response = officer_client.post(
        URL,
        {
            "file": _upload(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1\n"),
            "dry_run": "on",
        },
    )

    assert response.status_code == 200
    assert "Filen är korrekt" in response.content.decode()
    assert "1 nya och 0 ändrade värden" in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(officer_client, world, settings):
    settings.UPLOAD_MAX_BYTES = 50
    text = HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1\n" * 3

    response = officer_client.post(URL, {"file": _upload(text)})

    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()


def test_a_form_without_a_file_rerenders_with_400(officer_client, world):
    response = officer_client.post(URL, {})

    assert response.status_code == 400
    assert "Formuläret innehåller fel" in response.content.decode()


def test_the_csv_template_has_swedish_headers_and_an_example_row(officer_client, world):
    response = officer_client.get(reverse("reports:indicator-import-template", args=["csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()

    assert response["Content-Disposition"] == 'attachment; filename="utfall-mall.csv"'
    assert (
        lines[0]
        == "indikator;områdestyp;områdeskod;år;kön;värde;befolkningsunderlag;källa;publicerad"
    )
    assert lines[1].startswith("sysselsattningsgrad;kommun;1280;")
    assert ";55,1;" in lines[1]


def test_the_xlsx_template_has_swedish_headers_instructions_and_the_catalogue(
    officer_client, world
):
    response = officer_client.get(reverse("reports:indicator-import-template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["utfall"]

    assert [c.value for c in sheet[1]][:6] == [
        "indikator",
        "områdestyp",
        "områdeskod",
        "år",
        "kön",
        "värde",
    ]
    assert sheet["A2"].value == "sysselsattningsgrad"
    assert sheet["F2"].value == 55.1
    assert workbook.sheetnames == ["utfall", "instruktioner", "indikatorer"]
    assert workbook["indikatorer"]["A2"].value == "sysselsattningsgrad"


def _imported(officer_client, text, name="utfall.csv") -> ImportBatch:
    officer_client.post(URL, {"file": _upload(HEADER + text, name)})
    return ImportBatch.objects.latest("imported_at")


def test_undo_asks_for_confirmation_then_restores(officer_client, officer, world):
    stats.value(world, "1280", 2020, "50.0")
    batch = _imported(
        officer_client,
        "sysselsattningsgrad;kommun;1280;2020;T;55,1\nsysselsattningsgrad;kommun;1280;2021;T;56\n",
    )
    url = reverse("reports:import-batch-undo", args=[batch.pk])

    confirm = officer_client.get(url)
    assert confirm.status_code == 200
    assert "Vill du ångra importen av utfall.csv?" in confirm.content.decode()
    assert IndicatorValue.objects.count() == 2

    response = officer_client.post(url)

    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UNDONE
    assert batch.undone_by == officer
    assert list(IndicatorValue.objects.values_list("year", "value")) == [(2020, 50)]
    assert officer_client.post(url).status_code == 403


def test_undo_of_an_overwritten_import_is_refused_with_the_reason(officer_client, world):
    first = _imported(officer_client, "sysselsattningsgrad;kommun;1280;2020;T;55,1\n", "a.csv")
    _imported(officer_client, "sysselsattningsgrad;kommun;1280;2020;T;60\n", "b.csv")

    response = officer_client.post(reverse("reports:import-batch-undo", args=[first.pk]))

    assert response.status_code == 400
    assert "har ändrats av en senare import (b.csv" in response.content.decode()
    first.refresh_from_db()
    assert first.status == ImportBatch.Status.IMPORTED
    detail = officer_client.get(first.get_absolute_url()).content.decode()
    assert "Senare importer har ändrat värden från den här filen" in detail


def test_import_log_lists_batches_with_constant_queries(
    officer_client, officer, django_assert_max_num_queries
):
    for n in range(55):
        ImportBatch.objects.create(
            file_name=f"fil{n}.csv", sha256=f"{n:064d}", file_format="csv", imported_by=officer
        )

    with django_assert_max_num_queries(10):
        response = officer_client.get(reverse("reports:import-batch-list"))

    assert response.status_code == 200
    assert "fil54.csv" in response.content.decode()
