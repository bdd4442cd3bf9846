"""Importing good files: decimal comma, missing values, updates, idempotence, undo, formats."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import ImportBatch, IndicatorValue, ReplacedValue
from reports.statistics.importing import batch_undo, import_indicator_values
from reports.statistics.importing.template import template_csv, template_xlsx
from tests import factories
from tests.factories import statistics as stats
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

HEADER = "indikator;områdestyp;områdeskod;år;kön;värde;befolkningsunderlag;källa\n"


@pytest.fixture
def world(db):
    stats.without_reference_indicators()
    malmo = factories.malmo()
    indicator = stats.indicator(kolada_kpi="N00914")
    factories.DistrictFactory(
        municipality=malmo,
        code="1280-01",
        name="Rosengård",
        deso_codes=["1280C1010", "1280C1020"],
    )
    return indicator


def _import(text, name="utfall.csv", actor=None, **kwargs):
    data = text.encode() if isinstance(text, str) else text
    return import_indicator_values(file=io.BytesIO(data), file_name=name, actor=actor, **kwargs)


def _stored():
    return {
        (v.area_type, v.area_code, v.year, v.sex): (v.value, v.population_base)
        for v in IndicatorValue.objects.all()
    }


def test_decimal_comma_and_point_are_both_read(world):
    _import(
        HEADER
        + "sysselsattningsgrad;kommun;1280;2019;T;55,1;;SCB\n"
        + "sysselsattningsgrad;kommun;1280;2020;T;55.2;;SCB\n"
        + "sysselsattningsgrad;kommun;1280;2021;T;1 234,5;;SCB\n"
        + "sysselsattningsgrad;kommun;1280;2022;T;−2,5;;SCB\n"
    )

    assert [v for v, _ in _stored().values()] == [
        Decimal("55.1"),
        Decimal("55.2"),
        Decimal("1234.5"),
        Decimal("-2.5"),
    ]


def test_a_blank_value_is_stored_as_missing_never_zero(world):
    _import(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;;;SCB\n")
    _import(HEADER + "sysselsattningsgrad;kommun;1280;2021;T;..;;SCB\n")

    assert IndicatorValue.objects.filter(value__isnull=True).count() == 2
    assert not IndicatorValue.objects.filter(value=0).exists()


def test_area_type_is_inferred_from_the_code_when_left_blank(world):
    _import(
        HEADER
        + "sysselsattningsgrad;;SE;2020;T;77;;SCB\n"
        + "sysselsattningsgrad;;12;2020;T;70;;SCB\n"
        + "sysselsattningsgrad;;1280;2020;T;66;;SCB\n"
        + "sysselsattningsgrad;;1280-01;2020;T;41;;SCB\n"
    )

    assert set(IndicatorValue.objects.values_list("area_type", "area_code")) == {
        ("country", "SE"),
        ("county", "12"),
        ("municipality", "1280"),
        ("district", "1280-01"),
    }


def test_a_good_file_records_its_batch(world):
    user = factories.officer(username="t.importer")
    result = _import(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1;;SCB\n", actor=user)
    batch = ImportBatch.objects.get()

    assert result.batch == batch
    assert batch.imported_by == user
    assert batch.file_name == "utfall.csv"
    assert len(batch.sha256) == 64
    assert (batch.row_count, batch.created_count, batch.updated_count) == (1, 1, 0)
    assert IndicatorValue.objects.get().batch == batch


def test_reimporting_the_same_file_changes_nothing(world):
    text = HEADER + "".join(
        f"sysselsattningsgrad;kommun;1280;{y};T;{y / 40:.1f};{y};SCB\n" for y in range(2000, 2020)
    )
    first = _import(text)
    before = _stored()
    second = _import(text)

    assert _stored() == before
    assert (second.created, second.updated, second.unchanged) == (0, 0, 20)
    assert second.earlier_batch == first.batch
    assert set(IndicatorValue.objects.values_list("batch", flat=True)) == {first.batch.pk}


def test_an_import_updates_existing_values_and_keeps_what_it_replaced(world):
    old = stats.value(world, "1280", 2020, "50.0", base=900)
    result = _import(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1;1000;SCB\n")
    old.refresh_from_db()

    assert (result.created, result.updated) == (0, 1)
    assert (old.value, old.population_base) == (Decimal("55.1"), 1000)
    replaced = ReplacedValue.objects.get()
    assert (replaced.value_id, replaced.value, replaced.population_base) == (
        old.pk,
        Decimal("50.0"),
        900,
    )


def test_undo_restores_previous_values_and_deletes_created_ones(world):
    kept = stats.value(world, "1280", 2019, "48.0", base=800, is_example=True)
    changed = stats.value(world, "1280", 2020, "50.0", base=900)
    before = _stored()
    officer = factories.officer(username="t.undo")
    result = _import(
        HEADER
        + "sysselsattningsgrad;kommun;1280;2019;T;48,0;800;\n"  # differs only in is_example
        + "sysselsattningsgrad;kommun;1280;2020;T;55,1;1000;SCB\n"
        + "sysselsattningsgrad;kommun;1280;2021;T;56;1000;SCB\n"
    )

    batch_undo(batch=result.batch, actor=officer)

    assert _stored() == before
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert kept.is_example is True
    assert changed.source == ""
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.UNDONE
    assert batch.undone_by == officer
    assert batch.undone_at is not None
    assert ReplacedValue.objects.count() == 0


def test_an_undone_batch_cannot_be_undone_again(world):
    result = _import(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1;;SCB\n")
    batch_undo(batch=result.batch, actor=None)

    with pytest.raises(TransitionNotAllowed):
        batch_undo(batch=result.batch, actor=None)


def test_undo_is_refused_while_a_later_import_holds_some_of_its_values(world):
    first = _import(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1;;SCB\n", name="a.csv")
    second = _import(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;60;;SCB\n", name="b.csv")

    with pytest.raises(ValidationError, match="Ångra den senare importen först"):
        batch_undo(batch=first.batch, actor=None)
    batch_undo(batch=second.batch, actor=None)
    assert IndicatorValue.objects.get().value == Decimal("55.1")
    batch_undo(batch=first.batch, actor=None)
    assert IndicatorValue.objects.count() == 0


def test_a_dry_run_counts_exactly_and_writes_nothing(world):
    stats.value(world, "1280", 2020, "50.0")
    result = _import(
        HEADER
        + "sysselsattningsgrad;kommun;1280;2020;T;55,1;;\n"
        + "sysselsattningsgrad;kommun;1280;2021;T;56;;\n",
        dry_run=True,
    )

    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert result.batch is None
    assert ImportBatch.objects.count() == 0
    assert IndicatorValue.objects.get().value == Decimal("50.0")


def test_the_orm_loader_gives_the_same_result_as_copy(world):
    stats.value(world, "1280", 2020, "50.0", base=900)
    text = (
        HEADER
        + "sysselsattningsgrad;kommun;1280;2020;T;55,1;1000;SCB\n"
        + "sysselsattningsgrad;kommun;1280;2021;T;;;SCB\n"
        + "sysselsattningsgrad;deso;1280C1010;2021;T;40;100;SCB\n"
        + "sysselsattningsgrad;deso;1280C1020;2021;T;50;300;SCB\n"
    )
    copy = _import(text, dry_run=True)
    orm = _import(text, strategy="orm")

    assert (copy.created, copy.updated, copy.unchanged, copy.derived) == (4, 1, 0, 1)
    assert (orm.created, orm.updated, orm.unchanged, orm.derived) == (4, 1, 0, 1)
    batch_undo(batch=orm.batch, actor=None)
    assert _stored() == {("municipality", "1280", 2020, "T"): (Decimal("50.0000"), 900)}


def test_a_semicolon_file_in_windows_1252_from_excel_is_read(world):
    text = HEADER.replace("områdestyp", "omradestyp") + "sysselsattningsgrad;län;12;2020;T;70,5;;\n"
    result = _import(text.encode("cp1252"))

    assert result.ok
    assert IndicatorValue.objects.get().area_type == "county"


def test_the_csv_template_imports_as_it_is(world):
    result = _import(template_csv(), name="utfall-mall.csv")

    assert result.ok, result.errors
    assert IndicatorValue.objects.get().value == Decimal("55.1")


def test_the_xlsx_template_imports_as_it_is(world):
    result = _import(template_xlsx(), name="utfall-mall.xlsx")

    assert result.ok, (result.file_error, result.errors)
    assert result.file_format == "xlsx"
    assert IndicatorValue.objects.get().value == Decimal("55.1")


def test_xlsx_codes_that_lost_their_leading_zero_are_restored(world):
    from openpyxl import Workbook

    factories.botkyrka()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indikator", "områdestyp", "områdeskod", "år", "kön", "värde"])
    sheet.append(["sysselsattningsgrad", "kommun", 127, 2020, "T", 61.25])
    sheet.append(["sysselsattningsgrad", None, 127, 2021.0, None, 62])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = _import(buffer.getvalue(), name="utfall.xlsx")

    assert result.ok, result.errors
    assert set(IndicatorValue.objects.values_list("area_code", "year", "value")) == {
        ("0127", 2020, Decimal("61.25")),
        ("0127", 2021, Decimal("62")),
    }


def test_kolada_json_is_matched_by_kpi_with_sex_and_count(world):
    payload = {
        "values": [
            {
                "kpi": "N00914",
                "municipality": "1280",
                "period": 2020,
                "values": [
                    {"gender": "T", "value": 55.1, "count": 120},
                    {"gender": "K", "value": 52.0, "count": 60},
                    {"gender": "M", "value": None, "count": 60},
                ],
            },
            {
                "kpi": "N00914",
                "municipality": "0000",
                "period": 2020,
                "values": [{"gender": "T", "value": 77.0, "count": 1}],
            },
        ]
    }
    result = _import(json.dumps(payload), name="kolada.json")

    assert result.ok, result.errors
    assert _stored() == {
        ("municipality", "1280", 2020, "T"): (Decimal("55.1"), 120),
        ("municipality", "1280", 2020, "K"): (Decimal("52.0"), 60),
        ("municipality", "1280", 2020, "M"): (None, 60),
        ("country", "SE", 2020, "T"): (Decimal("77.0"), 1),
    }
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {"Kolada"}


def test_a_district_defined_by_deso_gets_the_weighted_mean_of_its_areas(world):
    result = _import(
        HEADER
        + "sysselsattningsgrad;deso;1280C1010;2020;T;40;100;SCB\n"
        + "sysselsattningsgrad;deso;1280C1020;2020;T;50;300;SCB\n"
        + "sysselsattningsgrad;deso;1280C1010;2021;T;40;;SCB\n"
        + "sysselsattningsgrad;deso;1280C1020;2021;T;50;;SCB\n"
        + "sysselsattningsgrad;deso;1280C1010;2022;T;40;100;SCB\n"  # second area missing
    )

    assert result.derived == 2
    assert _stored()[("district", "1280-01", 2020, "T")] == (Decimal("47.5"), 400)
    assert _stored()[("district", "1280-01", 2021, "T")] == (Decimal("45"), None)
    assert ("district", "1280-01", 2022, "T") not in _stored()


def test_a_district_row_in_the_file_wins_over_the_computed_one(world):
    result = _import(
        HEADER
        + "sysselsattningsgrad;deso;1280C1010;2020;T;40;100;SCB\n"
        + "sysselsattningsgrad;deso;1280C1020;2020;T;50;300;SCB\n"
        + "sysselsattningsgrad;stadsdel;1280-01;2020;T;44;;SCB\n"
    )

    assert result.derived == 0
    assert _stored()[("district", "1280-01", 2020, "T")] == (Decimal("44"), None)


def test_an_unknown_deso_code_is_refused(world):
    result = _import(HEADER + "sysselsattningsgrad;deso;0114A0010;2020;T;40;100;SCB\n")

    assert result.errors[0].reason == "okänd områdeskod ”0114A0010” för områdestypen DeSO"


def test_the_command_imports_a_file(world, tmp_path, capsys):
    path = tmp_path / "utfall.csv"
    path.write_text(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1;;SCB\n")

    call_command("import_indicator_values", str(path))

    assert "Importerade 1 rader från utfall.csv" in capsys.readouterr().out
    assert IndicatorValue.objects.count() == 1


def test_the_command_with_dry_run_writes_nothing(world, tmp_path, capsys):
    path = tmp_path / "utfall.csv"
    path.write_text(HEADER + "sysselsattningsgrad;kommun;1280;2020;T;55,1;;SCB\n")

    call_command("import_indicator_values", str(path), "--dry-run")

    assert "Skulle ge 1 rader" in capsys.readouterr().out
    assert IndicatorValue.objects.count() == 0


def test_the_command_lists_every_bad_row_and_fails(world, tmp_path, capsys):
    path = tmp_path / "utfall.csv"
    path.write_text(
        HEADER
        + "sysselsattningsgrad;kommun;1280;2020;T;fel;;SCB\n"
        + "sysselsattningsgrad;kommun;1280;3000;T;1;;SCB\n"
    )

    with pytest.raises(CommandError, match="Inget importerades: 2 felaktiga rader"):
        call_command("import_indicator_values", str(path))
    err = capsys.readouterr().err
    assert "rad 2: värdet ”fel” är inget tal" in err
    assert "rad 3: året 3000 är orimligt" in err
    assert IndicatorValue.objects.count() == 0
