"""Bad input never breaks the service (issue 9).

- The main edit forms get arbitrary text (hypothesis), markup and 100 000-character strings in
  every free-text field: the answer is a saved record that shows the text intact (302) or the
  form again with a Swedish error (400) and nothing written, never a 500.
- The indicator import gets arbitrary bytes and broken CSV, XLSX and Kolada JSON files: a
  Swedish error and nothing imported.
- Markup in user text is shown escaped on pages (with a CSP that forbids inline scripts) and
  reaches WeasyPrint as text only: the PDF renderer's fetcher would stop the rendering if an
  `<img>` or `<link>` were markup, and pypdf reads the text literally.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.models import ImportBatch, IndicatorValue
from reports.statistics.importing.template import template_csv, template_xlsx
from tests.security import urltable
from tests.security.forms import main_form
from tests.security.test_every_url import _url

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PAYLOADS = [
    '<script>alert("udavtal")</script>',
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="https://example.com/x.css">',
    "\"'><svg onload=alert(1)>",
    "{{ request.user }} {% now 'Y' %}",
    "Robert'); DROP TABLE reports_indicatorvalue;--",
    "\u202eRTL\u200b\ufeff",
]
LONG = ["x" * 100_000, "å" * 100_000]
# (URL name, the role that edits it in the world of tests/security/world.py)
EDIT_FORMS = [
    ("agreements:agreement-edit", "officer"),
    ("agreements:plan-edit", "coordinator_malmo"),
    ("reports:district-report-edit", "coordinator_malmo"),
    ("partnerships:accord-edit", "agency_officer_fk"),
    ("partnerships:partnership-member-edit", "coordinator_malmo"),
    ("reports:agency-report-edit", "agency_officer_fk"),
    ("reports:indicator-update", "ministry_admin"),
    ("grants:application-edit", "coordinator_malmo"),
    ("grants:follow-up-edit", "coordinator_malmo"),
]
texts = st.one_of(st.text(max_size=300), st.sampled_from(PAYLOADS))


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _post_one(client, url: str, field: str, text: str):
    """Load the form, put `text` in `field`, post; check the outcome. Returns the status."""
    page = client.get(url)
    assert page.status_code == 200, url
    data, text_fields = main_form(page.content.decode())
    data[field] = [text]
    before = urltable.writes()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400), f"{url} {field}: {response.status_code}"
    if response.status_code == 302:
        shown = client.get(response["Location"]).content.decode()
        for payload in PAYLOADS[:4]:
            if payload in text:
                assert payload not in shown, f"{field}: markup shown raw on {response['Location']}"
        again, _ = main_form(client.get(url).content.decode())
        if field in again and "\x00" not in text:
            assert _normal(again[field][0]) == _normal(text) or not _is_free_text(page, field), (
                f"{url} {field}: stored text differs"
            )
    else:
        html = response.content.decode()
        assert urltable.writes() == before, f"{url} {field}: a refused form wrote data"
        assert 'lang="sv"' in html
        assert "error" in html, f"{url} {field}: no error shown"
    return response.status_code


def _is_free_text(page, field: str) -> bool:
    """A textarea (free text) rather than a typed input such as a date or a number."""
    return re.search(rf'<textarea[^>]*name="{re.escape(field)}"', page.content.decode()) is not None


@pytest.mark.parametrize(("name", "role"), EDIT_FORMS)
def test_edit_forms_survive_arbitrary_text(cast, name, role):
    world, clients = cast
    url, client = _url(world, name), clients[role]
    _data, fields = main_form(client.get(url).content.decode())
    assert fields, f"{name}: no text field found"

    @FUZZ
    @given(data=st.data())
    def run(data):
        field = data.draw(st.sampled_from(fields), label="field")
        _post_one(client, url, field, data.draw(texts, label="text"))

    run()


@pytest.mark.parametrize(("name", "role"), EDIT_FORMS)
def test_very_long_strings_are_refused_cleanly_or_stored_intact(cast, name, role):
    world, clients = cast
    url, client = _url(world, name), clients[role]
    _data, fields = main_form(client.get(url).content.decode())
    for field in fields:
        for text in LONG:
            _post_one(client, url, field, text)


def test_pages_carry_a_csp_that_runs_no_inline_script(cast):
    world, clients = cast
    response = clients["officer"].get(world.agreement.get_absolute_url())
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src


def test_markup_in_a_title_is_shown_escaped(cast):
    world, clients = cast
    url = _url(world, "agreements:agreement-edit")
    _post_one(clients["officer"], url, "title", PAYLOADS[0])
    page = clients["officer"].get(world.agreement.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;udavtal&quot;)&lt;/script&gt;" in page
    assert PAYLOADS[0] not in page


# --- Indicator imports ------------------------------------------------------------------------

IMPORT_URL = reverse("reports:indicator-import")


def _counts():
    return IndicatorValue.objects.count(), ImportBatch.objects.count()


def _import(client, name: str, content: bytes):
    before = _counts()
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400, f"{name}: {response.status_code}"
    assert _counts() == before, f"{name}: something was imported"
    return response.content.decode()


@FUZZ
@given(content=st.binary(max_size=2000), suffix=st.sampled_from(["csv", "xlsx", "json", "txt"]))
def test_arbitrary_bytes_import_nothing(cast, content, suffix):
    _world, clients = cast
    html = _import(clients["officer"], f"utfall.{suffix}", content)
    assert 'lang="sv"' in html


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=20), max_size=8), max_size=10))
def test_arbitrary_csv_rows_under_the_real_header_import_nothing(cast, rows):
    """Random cells under the template's header: every row is refused (unknown indicator), so
    the file imports nothing and says why."""
    _world, clients = cast
    header = template_csv().decode("utf-8-sig").splitlines()[0]
    body = "\n".join(";".join(cell.replace(";", ",") for cell in row) for row in rows)
    html = _import(clients["officer"], "utfall.csv", f"{header}\n{body}\n".encode())
    assert 'lang="sv"' in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("utfall.xlsx", lambda: template_xlsx()[:700], "Excel"),
        ("utfall.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Excel"),
        ("utfall.csv", lambda: template_csv()[:25], ""),
        ("utfall.csv", b"\x8d", "teckenkodning"),
        ("utfall.csv", "indikator;år\n\udcff".encode("utf-8", "surrogatepass"), ""),
        ("utfall.json", b'{"values": [{"kpi": "N00', ""),
        ("utfall.json", b"[1, 2, 3]", ""),
        ("utfall.json", b'{"values": "inte en lista"}', ""),
        ("utfall.json", b"\xff\xfe\x00\x00", ""),
    ],
    ids=[
        "truncated-xlsx",
        "zip-header-only",
        "truncated-csv",
        "csv-undecodable-header",
        "csv-bad-encoding",
        "truncated-json",
        "json-wrong-shape",
        "json-values-not-list",
        "json-not-utf8",
    ],
)
def test_broken_files_give_a_swedish_error_and_import_nothing(cast, name, content, message):
    _world, clients = cast
    html = _import(clients["officer"], name, content() if callable(content) else content)
    assert message in html
    assert re.search(r"(fel|kan inte|saknar|inte|ogiltig)", html, re.IGNORECASE)


# --- PDFs ---------------------------------------------------------------------------------------

PDF_PAYLOADS = (
    '<img src="file:///etc/passwd">',
    '<link href="https://example.com/x.css">',
)


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", text.replace("\xa0", " "))


def test_markup_in_a_district_report_reaches_the_pdf_as_text(cast, coordinator_malmo):
    from reports.district import services
    from reports.district.pdf import build_district_report_pdf
    from reports.models import AnnualDistrictReport
    from tests.reports.test_district_services import complete_input

    world, _clients = cast
    rw = type("W", (), {})()
    rw.agreement, rw.rising, rw.measure = world.agreement, world.goal_indicator, world.plan_measure
    rw.falling = world.goal.indicators.exclude(pk=world.goal_indicator.pk).get()
    data = complete_input(rw, summary=PDF_PAYLOADS[0], obstacles=PDF_PAYLOADS[1])
    area = world.agreement.goal_areas.get()
    data.narratives[area.pk] = " ".join(PDF_PAYLOADS)
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    services.district_report_save(
        report=report, data=data, expected_version=report.version, actor=coordinator_malmo
    )

    text = _pdf_text(build_district_report_pdf(AnnualDistrictReport.objects.get(pk=report.pk)))

    for payload in PDF_PAYLOADS:
        assert re.sub(r"\s+", "", payload) in text


def test_markup_in_a_grant_decision_reaches_the_pdf_as_text(cast, officer, coordinator_malmo):
    from grants import services
    from tests.factories import grants as gf

    world, clients = cast
    application = gf.application(
        gf.grant_round(2023, eligible=[world.municipality]),
        world.municipality,
        created_by=coordinator_malmo,
        status="submitted",
    )
    services.decision_make(
        application=application,
        amounts={2023: Decimal("900000")},
        reasoning=PDF_PAYLOADS[0],
        conditions=PDF_PAYLOADS[1],
        decided_on=datetime.date(2023, 1, 20),
        actor=officer,
    )

    response = clients["coordinator_malmo"].get(
        reverse("grants:decision-pdf", args=[application.pk])
    )
    text = _pdf_text(b"".join(response.streaming_content))

    for payload in PDF_PAYLOADS:
        assert re.sub(r"\s+", "", payload) in text
