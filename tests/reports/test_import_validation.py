"""The import refuses a file with any bad row, imports nothing and names every bad row with its
line number and reason."""

import io
import json

import pytest

from reports.models import ImportBatch, IndicatorValue
from reports.statistics.importing import import_indicator_values
from tests import factories
from tests.factories import statistics as stats

pytestmark = pytest.mark.django_db

HEADER = "indikator;områdestyp;områdeskod;år;kön;värde;befolkningsunderlag\n"
GOOD = "sysselsattningsgrad;kommun;1280;2020;T;55,1;1000\n"


@pytest.fixture
def world(db):
    stats.without_reference_indicators()
    malmo = factories.malmo()
    stats.indicator()
    stats.indicator("valdeltagande", name="Valdeltagande", person_based=False)
    factories.DistrictFactory(municipality=malmo, code="1280-01", name="Rosengård")


def _import(text: str | bytes, name: str = "utfall.csv", **kwargs):
    data = text.encode() if isinstance(text, str) else text
    return import_indicator_values(file=io.BytesIO(data), file_name=name, actor=None, **kwargs)


def _errors(result) -> list[tuple[int, str]]:
    return [(e.line, e.reason) for e in result.errors]


def _only_error(body: str) -> str:
    result = _import(HEADER + GOOD + body)
    assert not result.ok
    assert IndicatorValue.objects.count() == 0
    [(line, reason)] = _errors(result)
    assert line == 3
    return reason


def test_a_good_file_imports(world):
    result = _import(HEADER + GOOD)

    assert result.ok
    assert IndicatorValue.objects.count() == 1


def test_unknown_indicator_is_named(world):
    assert _only_error("arbetsloshet;kommun;1280;2020;T;5;\n") == "okänd indikator ”arbetsloshet”"


def test_unknown_municipality_code_is_named(world):
    reason = _only_error("sysselsattningsgrad;kommun;9999;2020;T;5;\n")

    assert reason == "okänd områdeskod ”9999” för områdestypen kommun"


def test_unknown_district_code_is_named(world):
    reason = _only_error("sysselsattningsgrad;stadsdel;1280-99;2020;T;5;\n")

    assert reason == "okänd områdeskod ”1280-99” för områdestypen stadsdel"


def test_unknown_area_type_is_named(world):
    assert _only_error("sysselsattningsgrad;socken;1280;2020;T;5;\n").startswith(
        "okänd områdestyp ”socken”"
    )


@pytest.mark.parametrize(
    ("year", "reason"),
    [
        ("1800", "året 1800 är orimligt"),
        ("2999", "året 2999 är orimligt"),
        ("20200", "året 20200 är orimligt"),
        ("tjugo", "året ”tjugo” är inget heltal"),
        ("", "år saknas"),
    ],
)
def test_impossible_year_is_refused(world, year, reason):
    assert _only_error(f"sysselsattningsgrad;kommun;1280;{year};T;5;\n").startswith(reason)


@pytest.mark.parametrize("number", ["fem", "5,5,5", "1.234,5", "5%", "nan"])
def test_non_numeric_value_is_refused(world, number):
    reason = _only_error(f"sysselsattningsgrad;kommun;1280;2021;T;{number};\n")

    assert reason == f"värdet ”{number}” är inget tal"


def test_duplicate_row_names_the_first_one(world):
    reason = _only_error("sysselsattningsgrad;kommun;1280;2020;T;56;\n")

    assert reason == "dubblett: samma indikator, område, år och kön som rad 2"


def test_same_values_for_another_sex_are_not_duplicates(world):
    result = _import(HEADER + GOOD + "sysselsattningsgrad;kommun;1280;2020;K;50;\n")

    assert result.ok


@pytest.mark.parametrize("sex", ["X", "kvinna man", "0"])
def test_bad_sex_is_refused(world, sex):
    reason = _only_error(f"sysselsattningsgrad;kommun;1280;2021;{sex};5;\n")

    assert reason == f"ogiltigt kön ”{sex}” (T, K eller M)"


def test_women_and_men_are_refused_for_an_indicator_that_is_not_person_based(world):
    reason = _only_error("valdeltagande;kommun;1280;2022;K;80;\n")

    assert reason == "indikatorn valdeltagande är inte personbaserad: kön ska vara T"


def test_non_integer_population_base_is_refused(world):
    reason = _only_error("sysselsattningsgrad;kommun;1280;2021;T;5;12,5\n")

    assert reason == "befolkningsunderlaget ”12,5” är inget heltal"


def test_a_truncated_row_is_refused(world):
    reason = _only_error("sysselsattningsgrad;kommun;1280\n")

    assert reason.startswith("raden har 3 fält men rubrikraden har 7")


def test_every_bad_row_is_listed_with_its_line_and_all_its_reasons(world):
    body = (
        GOOD
        + "okand;kommun;1280;2020;T;1;\n"  # line 3
        + GOOD  # line 4: duplicate of line 2
        + "sysselsattningsgrad;kommun;9999;1800;X;abc;\n"  # line 5
    )
    result = _import(HEADER + body)

    assert _errors(result) == [
        (3, "okänd indikator ”okand”"),
        (4, "dubblett: samma indikator, område, år och kön som rad 2"),
        (
            5,
            "okänd områdeskod ”9999” för områdestypen kommun; året 1800 är orimligt "
            "(tillåtet 1950–2026); ogiltigt kön ”X” (T, K eller M); värdet ”abc” är inget tal",
        ),
    ]
    assert [e.where for e in result.errors] == ["rad 3", "rad 4", "rad 5"]
    assert result.error_count == 3
    assert IndicatorValue.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_nothing_is_imported_when_the_last_row_is_bad(world):
    body = "".join(
        f"sysselsattningsgrad;kommun;1280;{y};T;{y - 1950};\n" for y in range(1960, 2020)
    )
    result = _import(HEADER + body + "sysselsattningsgrad;kommun;1280;2020;T;x;\n")

    assert result.error_count == 1
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "Filen är tom eller saknar rubrikrad."),
        ("indikator;områdeskod;värde\nx;1280;5\n", "Rubrikraden saknar kolumnerna år."),
        ("indikator;områdeskod;år;värde;färg\n", "Okända kolumner i rubrikraden: färg."),
        (HEADER + 'sysselsattningsgrad;kommun;1280;2020;T;"55,1\n', "kunde inte läsas som CSV"),
    ],
)
def test_a_malformed_csv_file_is_refused_as_a_whole(world, content, message):
    result = _import(content)

    assert message in result.file_error
    assert IndicatorValue.objects.count() == 0


def test_a_file_with_only_a_header_is_refused(world):
    result = _import(HEADER)

    assert result.file_error == "Filen innehåller inga rader med värden."


def test_a_truncated_xlsx_file_is_refused(world):
    from reports.statistics.importing.template import template_xlsx

    data = template_xlsx()
    result = _import(data[: len(data) // 2], name="utfall.xlsx")

    assert "kunde inte läsas som Excel" in result.file_error


def test_a_truncated_json_file_is_refused_with_its_position(world):
    text = json.dumps({"values": [{"kpi": "N00914", "municipality": "1280", "period": 2020}]})
    result = _import(text[:40], name="kolada.json")

    assert result.file_error.startswith("Filen är inte giltig JSON (rad 1, kolumn")


def test_a_binary_file_that_is_no_spreadsheet_is_refused(world):
    result = _import(b"\x00\x01\x02binary", name="utfall.csv")

    assert result.file_error == "Filen är varken CSV, Excel (XLSX) eller JSON."


def test_bad_rows_in_kolada_json_are_named_by_record_and_value(world):
    payload = {
        "values": [
            {
                "kpi": "N00914",
                "municipality": "1280",
                "period": 2020,
                "values": [{"gender": "T", "value": 55.1}, {"gender": "X", "value": 50}],
            }
        ]
    }
    IndicatorValue.objects.all().delete()
    from reports.models import Indicator

    Indicator.objects.filter(code="sysselsattningsgrad").update(kolada_kpi="N00914")
    result = _import(json.dumps(payload), name="kolada.json")

    assert [str(e) for e in result.errors] == [
        "post 1 (kpi N00914, område 1280, år 2020), värde 2: ogiltigt kön ”X” (T, K eller M)"
    ]
