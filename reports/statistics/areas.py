"""The areas indicator values belong to, and how their codes are written.

| Area type | Code | Example |
|---|---|---|
| `district` (stadsdel) | `District.code`, the project's own code | 1280-01 |
| `municipality` (kommun) | SCB kommunkod, 4 digits | 1280 |
| `county` (län) | SCB länskod, 2 digits | 12 |
| `country` (riket) | `SE` | SE |
| `deso` (DeSO) | SCB demografiskt statistikområde | 1280C1010 |
| `regso` (RegSO) | SCB regionalt statistikområde | 1280R012 |

A district may be defined by DeSO or RegSO codes (`District.deso_codes`, `regso_codes`); values for
those small areas are imported like any other and give the district its value (see
`reports.statistics.importing.derive`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reports.models import IndicatorValue

AreaType = IndicatorValue.AreaType
SWEDEN = "SE"

DESO_RE = re.compile(r"^[0-9]{4}[ABC][0-9]{4}$")
REGSO_RE = re.compile(r"^[0-9]{4}R[0-9]{3}$")

# Words accepted in the import's "områdestyp" column (lower case), besides the stored values.
AREA_TYPE_WORDS = {
    "stadsdel": AreaType.DISTRICT,
    "bostadsområde": AreaType.DISTRICT,
    "område": AreaType.DISTRICT,
    "kommun": AreaType.MUNICIPALITY,
    "län": AreaType.COUNTY,
    "lan": AreaType.COUNTY,
    "region": AreaType.COUNTY,
    "riket": AreaType.COUNTRY,
    "riket totalt": AreaType.COUNTRY,
    "sverige": AreaType.COUNTRY,
    "land": AreaType.COUNTRY,
    "deso": AreaType.DESO,
    "regso": AreaType.REGSO,
    **{value: value for value in AreaType.values},
}

AREA_TYPE_LABELS = {
    AreaType.DISTRICT: _("stadsdel"),
    AreaType.MUNICIPALITY: _("kommun"),
    AreaType.COUNTY: _("län"),
    AreaType.COUNTRY: _("riket"),
    AreaType.DESO: _("DeSO"),
    AreaType.REGSO: _("RegSO"),
}


@dataclass(frozen=True, slots=True)
class Area:
    area_type: str
    code: str


COUNTRY = Area(AreaType.COUNTRY, SWEDEN)


def district_area(district) -> Area:
    return Area(AreaType.DISTRICT, district.code)


def municipality_area(municipality) -> Area:
    return Area(AreaType.MUNICIPALITY, municipality.code)


def county_area(county) -> Area:
    return Area(AreaType.COUNTY, county.code)


def area_names() -> dict[tuple[str, str], str]:
    """Names of every named area (three queries), for open data and import messages."""
    from agreements.models import County, District, Municipality

    names: dict[tuple[str, str], str] = {(AreaType.COUNTRY, SWEDEN): "Sverige"}
    for code, name in County.objects.values_list("code", "name"):
        names[(AreaType.COUNTY, code)] = name
    for code, name in Municipality.objects.values_list("code", "name"):
        names[(AreaType.MUNICIPALITY, code)] = name
    for code, name in District.objects.values_list("code", "name"):
        names[(AreaType.DISTRICT, code)] = name
    return names
