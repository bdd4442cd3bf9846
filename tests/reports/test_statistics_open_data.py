"""Open data without login: the page, the files, their attribution and example flags."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import statistics as stats

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = stats.statistics_world()
    stats.value(world["employment"], "1280", 2021, None, base=1000)
    stats.value(world["employment"], "1280", 2022, "68.5", is_example=True)
    return world


def _csv(client) -> list[dict]:
    response = client.get(reverse("reports:open-data-csv"))
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_open_data_page_is_public_and_describes_files_and_licence(client, world):
    response = client.get(reverse("reports:open-data"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "utfall.csv" in html and "utfall.json" in html
    assert "CC0 1.0" in html
    assert "Källa: SCB. Sammanställning: Regeringskansliet (udavtal)." in html


def test_open_data_csv_is_public_and_streamed(client, world):
    response = client.get(reverse("reports:open-data-csv"))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="utfall.csv"' in response["Content-Disposition"]


def test_open_data_csv_has_one_row_per_value_with_names_and_sources(client, world):
    rows = _csv(client)
    rosengard = next(
        r for r in rows if r["områdeskod"] == "1280-01" and r["år"] == "2020" and r["kön"] == "T"
    )

    assert len(rows) == 22
    assert rosengard == {
        "indikator": "sysselsattningsgrad",
        "indikatornamn": "Sysselsättningsgrad",
        "enhet": "procent",
        "områdestyp": "district",
        "områdeskod": "1280-01",
        "områdesnamn": "Rosengård",
        "år": "2020",
        "kön": "T",
        "värde": "50",
        "befolkningsunderlag": "4000",
        "prickat": "nej",
        "exempeldata": "nej",
        "källa": "SCB",
        "publicerad": "2021-03-01",
    }


def test_a_missing_value_is_empty_never_zero(client, world):
    row = next(r for r in _csv(client) if r["områdeskod"] == "1280" and r["år"] == "2021")

    assert row["värde"] == ""


def test_example_values_are_included_and_flagged(client, world):
    row = next(r for r in _csv(client) if r["områdeskod"] == "1280" and r["år"] == "2022")

    assert row["exempeldata"] == "ja"
    assert row["källa"].startswith("Exempeldata")


def test_open_data_json_carries_attribution_licence_and_definitions(client, world):
    response = client.get(reverse("reports:open-data-json"))
    data = json.loads(b"".join(response.streaming_content))

    assert response.streaming
    assert data["källhänvisning"].startswith("Källa: SCB")
    assert data["licens"].startswith("CC0 1.0")
    assert {i["kod"] for i in data["indikatorer"]} == {"sysselsattningsgrad", "valdeltagande"}
    assert len(data["värden"]) == 22
    example = next(v for v in data["värden"] if v["år"] == 2022 and v["områdeskod"] == "1280")
    missing = next(v for v in data["värden"] if v["år"] == 2021 and v["områdeskod"] == "1280")
    assert example["exempeldata"] is True
    assert example["värde"] == 68.5
    assert missing["värde"] is None


def test_the_indicator_catalogue_is_public_as_csv(client, world):
    response = client.get(reverse("reports:open-data-indicators"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [r["kod"] for r in rows] == ["sysselsattningsgrad", "valdeltagande"]
    assert rows[1]["periodicitet"] == "Valår"


def test_open_data_refuses_anything_but_reading(client, world):
    assert client.post(reverse("reports:open-data-csv")).status_code == 405


def test_open_data_is_read_through_a_server_side_cursor(client, world):
    """Rows stream from a PostgreSQL cursor in chunks: a million never sit in memory."""
    for year in range(1990, 2018):
        stats.value(world["employment"], "SE", year, 70)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:open-data-csv"))
        lines = b"".join(response.streaming_content).decode().splitlines()

    assert len(lines) == 1 + 22 + 28
    cursors = [q["sql"] for q in queries if q["sql"].startswith("DECLARE")]
    assert len(cursors) == 1
    assert 'FROM "reports_indicatorvalue"' in cursors[0]
    assert len(queries) <= 8
