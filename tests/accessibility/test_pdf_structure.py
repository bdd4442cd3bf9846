"""A rendered district report PDF is tagged (PDF/UA-1): read its structure back with pypdf.

Generic on purpose (the PDF layout changes): marked content, a structure tree with headings and
tables made of rows, header and data cells, figures with alternative text, the language, the
title shown in the window title and the PDF/UA identification in the XMP metadata. Nothing here
depends on the document's wording.
"""

from __future__ import annotations

import io
from collections import Counter

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject

from reports.district import services
from reports.district.pdf import build_district_report_pdf
from reports.models import AnnualDistrictReport
from tests.factories.plans import report_world
from tests.reports.test_district_services import complete_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(malmo, coordinator_malmo) -> pypdf.PdfReader:
    world = report_world(malmo)
    services.district_report_save(
        report=world.report, data=complete_input(world), expected_version=1, actor=coordinator_malmo
    )
    data = build_district_report_pdf(AnnualDistrictReport.objects.get(pk=world.report.pk))
    return pypdf.PdfReader(io.BytesIO(data))


def structure(node, parent: str = "", out: list | None = None) -> list[tuple[str, str, dict]]:
    """Every structure element as (type, parent type, element dictionary), depth first."""
    out = [] if out is None else out
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            structure(child, parent, out)
    elif isinstance(node, DictionaryObject):
        kind = str(node.get("/S", ""))
        if kind:
            out.append((kind, parent, node))
        if "/K" in node:
            structure(node["/K"], kind or parent, out)
    return out


def test_the_pdf_is_marked_with_a_structure_tree_language_and_title(reader):
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "sv"
    assert reader.metadata.title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert reader.metadata.title in xmp  # dc:title, as PDF/UA asks


def test_headings_are_tagged_and_start_with_h1(reader):
    elements = structure(reader.trailer["/Root"]["/StructTreeRoot"])
    headings = [kind for kind, _, _ in elements if kind in ("/H", *(f"/H{n}" for n in range(1, 7)))]
    assert headings, "inga rubriker i strukturträdet"
    assert headings[0] in ("/H1", "/H")
    levels = [int(kind[2:]) for kind in headings if kind != "/H"]
    # No level is skipped on the way down (h1 → h3 without an h2).
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_tables_are_tagged_as_rows_of_header_and_data_cells(reader):
    elements = structure(reader.trailer["/Root"]["/StructTreeRoot"])
    kinds = Counter(kind for kind, _, _ in elements)
    assert kinds["/Table"] >= 1
    assert kinds["/TR"] >= 2 and kinds["/TH"] >= 1 and kinds["/TD"] >= 1
    # Cells sit in rows and rows in tables (directly or in THead/TBody/TFoot).
    assert all(parent == "/TR" for kind, parent, _ in elements if kind in ("/TH", "/TD"))
    assert all(
        parent in ("/Table", "/THead", "/TBody", "/TFoot")
        for kind, parent, _ in elements
        if kind == "/TR"
    )


def test_figures_have_alternative_text(reader):
    elements = structure(reader.trailer["/Root"]["/StructTreeRoot"])
    figures = [node for kind, _, node in elements if kind == "/Figure"]
    assert all(node.get("/Alt") or node.get("/ActualText") for node in figures)
