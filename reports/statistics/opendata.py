"""Open data: every stored indicator value as CSV and JSON, streamed.

Rows are read with a server-side cursor in chunks (`iterator(chunk_size=…)`) and written as they
come, so a million values never sit in memory. Small-number protection applies as everywhere
(`suppression.public_row`): a protected value is "..", its population base is left out. Generated
demo values are included and flagged (`exempeldata`), never passed off as statistics.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings

from reports.models import Indicator, IndicatorValue
from reports.statistics import suppression
from reports.statistics.areas import area_names

CHUNK = 5000
TITLE = "Utfall för indikatorer i områden med lokala utvecklingsavtal"
PUBLISHER = "Regeringskansliet (udavtal)"
LICENCE = "CC0 1.0 Universell (https://creativecommons.org/publicdomain/zero/1.0/deed.sv)"
HEADERS = (
    "indikator",
    "indikatornamn",
    "enhet",
    "områdestyp",
    "områdeskod",
    "områdesnamn",
    "år",
    "kön",
    "värde",
    "befolkningsunderlag",
    "prickat",
    "exempeldata",
    "källa",
    "publicerad",
)
COLUMN_HELP = {
    "indikator": "Indikatorns kod (se indikatorer.csv).",
    "indikatornamn": "Indikatorns namn.",
    "enhet": "Enhet, t.ex. procent.",
    "områdestyp": "district, municipality, county, country, deso eller regso.",
    "områdeskod": "Stadsdelens kod, kommunkod, länskod, SE, DeSO- eller RegSO-kod.",
    "områdesnamn": "Områdets namn (tomt för DeSO och RegSO).",
    "år": "Året uppgiften avser.",
    "kön": "T totalt, K kvinnor, M män.",
    "värde": "Talet med decimalpunkt; .. om skyddat, tomt om det saknas.",
    "befolkningsunderlag": "Antal personer värdet bygger på, om det är känt (tomt om skyddat).",
    "prickat": "ja om värdet skyddas för att underlaget är litet.",
    "exempeldata": "ja för genererade demonstrationsvärden, som inte är statistik.",
    "källa": "Källan till värdet.",
    "publicerad": "Källans publiceringsdatum, om det är känt.",
}
EXAMPLE_SOURCE = "Exempeldata – genererade värden, inte statistik"


def _rows() -> Iterator[tuple]:
    names = area_names()
    queryset = IndicatorValue.objects.order_by(
        "indicator_id", "area_type", "area_code", "year", "sex"
    ).values_list(
        "indicator__code",
        "indicator__name",
        "indicator__unit",
        "indicator__source",
        "area_type",
        "area_code",
        "year",
        "sex",
        "value",
        "population_base",
        "is_example",
        "source",
        "published_on",
    )
    for (
        code,
        name,
        unit,
        indicator_source,
        area_type,
        area_code,
        year,
        sex,
        value,
        base,
        is_example,
        source,
        published_on,
    ) in queryset.iterator(chunk_size=CHUNK):
        shown, shown_base, suppressed = suppression.public_row(value, base)
        yield (
            code,
            name,
            unit,
            area_type,
            area_code,
            names.get((area_type, area_code), ""),
            year,
            sex,
            shown,
            shown_base,
            suppressed,
            is_example,
            EXAMPLE_SOURCE if is_example else (source or indicator_source),
            published_on,
        )


def attribution() -> str:
    """'Källa: SCB, Kolada …' from the catalogue's sources (each row also names its own)."""
    sources = sorted(set(Indicator.objects.exclude(source="").values_list("source", flat=True)))
    return f"Källa: {', '.join(sources) or 'se kolumnen källa'}. Sammanställning: {PUBLISHER}."


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines() -> Iterator[str]:
    """RFC 4180 CSV, comma-separated, decimal point, UTF-8; '..' for a protected value."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(HEADERS)
    buffer = []
    for row in _rows():
        (code, name, unit, a_type, a_code, a_name, year, sex, value, base, supp, ex, src, pub) = row
        buffer.append(
            writer.writerow(
                (
                    code,
                    name,
                    unit,
                    a_type,
                    a_code,
                    a_name,
                    year,
                    sex,
                    _number(value),
                    _number(base),
                    "ja" if supp else "nej",
                    "ja" if ex else "nej",
                    src,
                    pub.isoformat() if pub else "",
                )
            )
        )
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def json_chunks() -> Iterator[str]:
    """{"titel", "källhänvisning", "licens", "prickning", "indikatorer", "värden": [...]}:
    numbers as JSON numbers, '..' for a protected value, null for a missing one."""
    indicators = [
        {
            "kod": i.code,
            "namn": i.name,
            "definition": i.definition,
            "enhet": i.unit,
            "riktning": i.direction,
            "källa": i.source,
            "kolada_kpi": i.kolada_kpi or None,
            "periodicitet": i.periodicity,
            "personbaserad": i.person_based,
        }
        for i in Indicator.objects.order_by("position", "code")
    ]
    head = {
        "titel": TITLE,
        "utgivare": PUBLISHER,
        "källhänvisning": attribution(),
        "licens": LICENCE,
        "prickning": (
            f"Värden som bygger på färre än {settings.SMALL_NUMBER_THRESHOLD} personer visas "
            'som ".." och utan befolkningsunderlag. Saknade värden är null, aldrig 0.'
        ),
        "exempeldata": 'Poster med "exempeldata": true är genererade och inte statistik.',
        "indikatorer": indicators,
    }
    opening = json.dumps(head, ensure_ascii=False)
    yield opening[:-1] + ', "värden": ['
    buffer = []
    first = True
    for row in _rows():
        (code, _name, _unit, a_type, a_code, a_name, year, sex, value, base, supp, ex, src, pub) = (
            row
        )
        item = {
            "indikator": code,
            "områdestyp": a_type,
            "områdeskod": a_code,
            "områdesnamn": a_name or None,
            "år": year,
            "kön": sex,
            "värde": float(value) if isinstance(value, Decimal) else value,
            "befolkningsunderlag": base,
            "prickat": supp,
            "exempeldata": ex,
            "källa": src,
            "publicerad": pub.isoformat() if pub else None,
        }
        buffer.append(("" if first else ",") + json.dumps(item, ensure_ascii=False))
        first = False
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer = []
    buffer.append("]}")
    yield "".join(buffer)


def indicator_catalogue_lines() -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(
        (
            "kod",
            "namn",
            "definition",
            "enhet",
            "riktning",
            "källa",
            "kolada_kpi",
            "periodicitet",
            "personbaserad",
        )
    )
    for i in Indicator.objects.order_by("position", "code"):
        yield writer.writerow(
            (
                i.code,
                i.name,
                i.definition,
                i.unit,
                i.get_direction_display(),
                i.source,
                i.kolada_kpi,
                i.get_periodicity_display(),
                "ja" if i.person_based else "nej",
            )
        )
