"""The import template, as CSV and XLSX: Swedish headers, an example row, and (XLSX) a sheet
explaining each column and one listing the catalogue's indicators."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from reports.models import Indicator
from reports.statistics.importing import columns


def _example_row() -> list:
    indicator = Indicator.objects.filter(is_active=True).order_by("position", "code").first()
    code = indicator.code if indicator else "sysselsattningsgrad"
    return [code, "kommun", "1280", date.today().year - 2, "T", "55,1", 1234, "SCB", ""]


def template_csv() -> bytes:
    """Semicolon-separated UTF-8 with BOM: Excel on Swedish Windows opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns.FIELDS)
    writer.writerow(_example_row())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "utfall"
    sheet.append(list(columns.FIELDS))
    example = _example_row()
    example[5] = 55.1
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", (24, 14, 14, 8, 6, 10, 20, 14, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    # Area codes as text, so that Excel keeps the leading zero of 0114.
    sheet["C2"].number_format = "@"
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("instruktioner"))
    guide.append([_("Kolumn"), _("Obligatorisk"), _("Innehåll")])
    for name in columns.FIELDS:
        text = str(columns.HELP[name])
        if name == columns.BASE:
            text = text % {"threshold": settings.SMALL_NUMBER_THRESHOLD}
        guide.append([name, _("ja") if name in columns.REQUIRED else _("nej"), text])
    guide.append([])
    guide.append(
        [
            _(
                "En fil med något fel importeras inte alls; alla felaktiga rader listas med "
                "radnummer. Tomt värde betyder att värdet saknas, aldrig 0."
            )
        ]
    )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 100

    catalogue = workbook.create_sheet(_("indikatorer"))
    catalogue.append([_("Kod"), _("Kolada-KPI"), _("Namn"), _("Enhet"), _("Personbaserad")])
    for indicator in Indicator.objects.order_by("position", "code"):
        catalogue.append(
            [
                indicator.code,
                indicator.kolada_kpi,
                indicator.name,
                indicator.unit,
                _("ja") if indicator.person_based else _("nej"),
            ]
        )
    for cell in catalogue[1]:
        cell.font = Font(bold=True)
    catalogue.column_dimensions["A"].width = 28
    catalogue.column_dimensions["C"].width = 50

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
