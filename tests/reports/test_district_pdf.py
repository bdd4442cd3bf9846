"""The one PDF renderer (udavtal/lib/pdf.py) and the district report's archived PDF."""

import io

import pypdf
import pytest

from reports.district import services
from reports.district.pdf import build_district_report_pdf
from reports.models import AnnualDistrictReport
from tests.factories.plans import report_world
from tests.reports.test_district_services import complete_input
from udavtal.lib import pdf


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def template(settings, tmp_path):
    """Templates written for one test, in a directory of their own."""
    directory = tmp_path / "templates"
    directory.mkdir()
    # Changing TEMPLATES resets Django's template engines (setting_changed signal).
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [directory, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    def write(name: str, text: str) -> str:
        (directory / name).write_text(text, encoding="utf-8")
        return name

    return write


def test_render_pdf_gives_a_pdf_with_title_author_and_language(template):
    name = template(
        "t1.html",
        '{% extends "pdf/base.html" %}{% block content %}<h1>Rosengård</h1>'
        "<p>Åäö 1 234,5</p>{% endblock %}",
    )

    data = pdf.render_pdf(name, {}, title="Redovisning Rosengård", author="Malmö")

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert data.startswith(b"%PDF-")
    assert reader.metadata.title == "Redovisning Rosengård"
    assert reader.metadata.author == "Malmö"
    assert "/Lang" in reader.trailer["/Root"]
    text = _text(data)
    assert "Åäö 1 234,5" in text
    assert "Sida 1 av 1" in text


def test_user_text_is_escaped(template):
    name = template(
        "t2.html", '{% extends "pdf/base.html" %}{% block content %}<p>{{ text }}</p>{% endblock %}'
    )

    data = pdf.render_pdf(name, {"text": "<b>fet</b> & <script>"}, title="T", author="A")

    assert "<b>fet</b> & <script>" in _text(data)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/static/css/udavtal.css",
        "file:///etc/passwd",
        "/static/../../../etc/passwd",
        "/media/reports/archive/secret.pdf",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_anything_that_is_not_a_local_static_file_stops_the_rendering(template, url):
    name = template(
        "t3.html",
        '{% extends "pdf/base.html" %}{% block content %}'
        f'<img src="{url}" alt="bild">{{% endblock %}}',
    )

    with pytest.raises(pdf.PdfRenderError):
        pdf.render_pdf(name, {}, title="T", author="A")


def test_static_files_resolve_to_the_projects_own_files():
    path = pdf._static_path(pdf.BASE_URL + "static/fonts/NotoSans-Regular.woff2")

    assert path is not None and path.name == "NotoSans-Regular.woff2"
    assert pdf._static_path(pdf.BASE_URL + "static/../manage.py") is None
    assert pdf._static_path("https://evil.example/static/fonts/NotoSans-Regular.woff2") is None


def test_draft_documents_carry_an_utkast_watermark(template):
    name = template(
        "t4.html", '{% extends "pdf/base.html" %}{% block content %}<p>Text</p>{% endblock %}'
    )

    assert "UTKAST" in _text(pdf.render_pdf(name, {"draft": True}, title="T", author="A"))
    assert "UTKAST" not in _text(pdf.render_pdf(name, {"draft": False}, title="T", author="A"))


@pytest.mark.django_db
def test_the_district_report_pdf_shows_the_report(malmo, coordinator_malmo):
    world = report_world(malmo)
    data = complete_input(world)
    data.values[world.rising.pk] = (None, "SCB publicerar i december.")
    services.district_report_save(
        report=world.report, data=data, expected_version=1, actor=coordinator_malmo
    )
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)

    text = _text(build_district_report_pdf(report))

    assert "Rosengård (test) 2026" in text
    assert "Ett år med fler i arbete." in text
    assert "Arbetslösa (test)" in text
    assert "50 % · På väg mot målet" in text  # lower is better: 20 → 15 towards 10
    assert "SCB publicerar i december." in text
    assert "Jobbtorg (test)" in text
    # the missing value is a dash, never 0
    assert "50,0\n(2024)\n60,0\n(2028)\n– –" in text
    assert "Sekretess." in text
