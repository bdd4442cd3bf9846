"""The columns of an import file (CSV and XLSX), with Swedish headers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

INDICATOR = "indikator"
AREA_TYPE = "områdestyp"
AREA_CODE = "områdeskod"
YEAR = "år"
SEX = "kön"
VALUE = "värde"
BASE = "befolkningsunderlag"
SOURCE = "källa"
PUBLISHED = "publicerad"

# Canonical order: readers yield the fields of a row in this order (None for an absent column).
FIELDS = (INDICATOR, AREA_TYPE, AREA_CODE, YEAR, SEX, VALUE, BASE, SOURCE, PUBLISHED)
REQUIRED = (INDICATOR, AREA_CODE, YEAR, VALUE)

# Other spellings of the headers (lower case, as found in files from SCB, Kolada and agencies).
ALIASES = {
    "indikatorkod": INDICATOR,
    "kpi": INDICATOR,
    "typ": AREA_TYPE,
    "omradestyp": AREA_TYPE,
    "område": AREA_CODE,
    "omradeskod": AREA_CODE,
    "kod": AREA_CODE,
    "kommunkod": AREA_CODE,
    "region": AREA_CODE,
    "ar": YEAR,
    "period": YEAR,
    "kon": SEX,
    "varde": VALUE,
    "antal": BASE,
    "underlag": BASE,
    "befolkning": BASE,
    "kalla": SOURCE,
    "publiceringsdatum": PUBLISHED,
}
# Columns that help people read the file and are ignored by the import.
IGNORED = {"indikatornamn", "namn", "områdesnamn", "omradesnamn", "enhet", "kommentar"}

HELP = {
    INDICATOR: _("Indikatorns kod i katalogen (t.ex. sysselsattningsgrad) eller dess Kolada-KPI."),
    AREA_TYPE: _(
        "stadsdel, kommun, län, riket, deso eller regso. Tom: härleds ur koden (SE = riket, "
        "2 siffror = län, 4 siffror = kommun, annars stadsdelens kod)."
    ),
    AREA_CODE: _(
        "Stadsdelens kod, kommunkod (4 siffror), länskod (2 siffror), SE för riket, "
        "eller en DeSO- eller RegSO-kod."
    ),
    YEAR: _("Året uppgiften avser, t.ex. 2023."),
    SEX: _("T (totalt), K (kvinnor) eller M (män). Tom betyder T."),
    VALUE: _("Talet, med decimalkomma eller decimalpunkt. Tom eller .. betyder att värdet saknas."),
    BASE: _(
        "Antal personer som värdet bygger på (valfritt). Värden från färre än "
        "%(threshold)s personer visas som ”..”."
    ),
    SOURCE: _("Källa, t.ex. SCB eller Kolada (valfritt)."),
    PUBLISHED: _("Källans publiceringsdatum, ÅÅÅÅ-MM-DD (valfritt)."),
}


def canonical(header: object) -> str:
    """A header as written in a file → its canonical name ('' for an empty header)."""
    text = " ".join(str(header or "").replace("\ufeff", "").strip().lower().split())
    return ALIASES.get(text, text)
