"""Demo districts: the 24 districts of the seven original municipalities (names invented, since the
seeds give none) and the districts named in SOU 2007:104, bilaga 2 (names and facts from the seed).

District codes follow the project's scheme: municipality code, hyphen, running number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agreements.models import District, Municipality
from reports.demo.base import Demo

DESIGNATED = District.Status.DESIGNATED
COVERED = District.Status.COVERED
FORMER = District.Status.FORMER

# The seeds say the seven had 24 districts [000:L38] but not which; the split is invented.
ORIGINAL_DISTRICT_COUNTS = {
    "0180": 5,  # Stockholm
    "1480": 5,  # Göteborg
    "1280": 5,  # Malmö
    "0127": 3,  # Botkyrka
    "0181": 2,  # Södertälje
    "0126": 2,  # Huddinge
    "0136": 2,  # Haninge
}
# Status today, given the demo's current agreements (see agreements.py).
ORIGINAL_STATUS = {
    "0180": DESIGNATED,  # agreement signed, starts 2027
    "1480": COVERED,
    "1280": COVERED,
    "0127": COVERED,
    "0181": DESIGNATED,  # under negotiation
    "0126": DESIGNATED,  # offered
    "0136": FORMER,  # no agreement after 2010, not eligible in 2018
}

INVENTED_NAME_NOTE = (
    "Exempeldata. De lokala utvecklingsavtalen 1999–2001 omfattade 24 stadsdelar i de sju "
    "storstadskommunerna (pressmeddelande 2003), men källorna namnger dem inte. Namnet är påhittat "
    "och står för en av dem; inga uppgifter om stadsdelen är verkliga."
)
SEED_NOTE = "Uppgift ur SOU 2007:104, bilaga 2 ”Nya kommuner – en bild”. "
STATUS_NOTE = " Status och alla siffror i systemet är exempeldata."


@dataclass(frozen=True)
class NamedDistrict:
    municipality: str
    number: int
    name: str
    status: str
    fact: str
    former_names: list[str] = field(default_factory=list)
    parent: int | None = None  # number of the parent district in the same municipality


NAMED = [
    NamedDistrict("0182", 1, "Fisksätra", DESIGNATED,
                  "Kommunens utpekade område; det ”sociala kapitalet” ska mobiliseras."),
    NamedDistrict("0380", 1, "Gottsunda", COVERED,
                  "Utpekad stadsdel; Uppsalahem AB har i uppdrag att medverka till en långsiktig "
                  "utveckling av Gottsunda."),
    NamedDistrict("0581", 1, "Klockaretorpet", FORMER,
                  "Utpekat område, i huvudsak radhus med blandade upplåtelseformer."),
    NamedDistrict("0581", 2, "Ringdansen", FORMER,
                  "Stadsdelen Navestad genomgick en genomgripande omdaning med statliga miljömedel "
                  "och döptes efter renoveringen om till Ringdansen.", former_names=["Navestad"]),
    NamedDistrict("0581", 3, "Marielund", FORMER,
                  "Insatser under ”Blommantiden” 1996–98."),
    NamedDistrict("0580", 1, "Skäggetorp", COVERED,
                  "Utpekat bostadsområde; Stångåstaden AB sålde 2005 sina lägenheter i Skäggetorp "
                  "och Ryd."),
    NamedDistrict("0680", 1, "Öxnehaga", DESIGNATED, "Utpekat område."),
    NamedDistrict("0680", 2, "Råslätt", FORMER,
                  "Kommunen fick medel via Storstadsdelegationen för insatser i Råslätt (6 mnkr "
                  "år 2001 enligt en uppgift, sju miljoner år 2000 enligt en annan)."),
    NamedDistrict("0780", 1, "Araby", DESIGNATED, "Utpekat område."),
    NamedDistrict("1290", 1, "Gamlegården", DESIGNATED, "Utpekat område."),
    NamedDistrict("1282", 1, "Centrum", FORMER,
                  "Landskrona är den enda kommunen i landet som har sitt centrum som ”utsatt "
                  "område”."),
    NamedDistrict("1283", 1, "Söder", DESIGNATED,
                  "Kommunen har uttalade planer för att utveckla Söder."),
    NamedDistrict("1283", 2, "Raus Plantering/Miatorp", DESIGNATED,
                  "Utpekat område, en del av Söder.", parent=1),
    NamedDistrict("1380", 1, "Andersberg", DESIGNATED, "Utpekat område."),
    NamedDistrict("1490", 1, "Brämhult", DESIGNATED,
                  "Angiven stadsdel; kommunen har en heltäckande kommundelsnämndsorganisation."),
    NamedDistrict("1488", 1, "Kronogården", DESIGNATED,
                  "Utpekat område; kontot Integration/Kronogårdsprocessen om ca 1,5 mnkr per år."),
    NamedDistrict("1980", 1, "Bäckby", DESIGNATED, "Utpekat område."),
    NamedDistrict("2180", 1, "Brynäs", DESIGNATED,
                  "Utpekat område, öster om stadskärnan."),
    NamedDistrict("2281", 1, "Skönsberg", DESIGNATED, "Angivet område."),
    NamedDistrict("2281", 2, "Nacksta", FORMER,
                  "Arbete med metoder som liknar storstadspolitikens sedan början av 1980-talet."),
    NamedDistrict("2480", 1, "Ersboda", DESIGNATED, "Angivet område."),
    NamedDistrict("2580", 1, "Hertsön", DESIGNATED,
                  "Angivet område; Lulebo AB har 2,3 mnkr avsatta för att utveckla sina "
                  "bostadsområden."),
]  # fmt: skip


def district_code(municipality_code: str, number: int) -> str:
    return f"{municipality_code}-{number:02d}"


def original_districts() -> dict[str, list[str]]:
    """District codes of each original municipality, by municipality code."""
    return {
        code: [district_code(code, n) for n in range(1, count + 1)]
        for code, count in ORIGINAL_DISTRICT_COUNTS.items()
    }


def ensure_districts(demo: Demo) -> dict[str, District]:
    """Every demo district by code."""
    codes = set(ORIGINAL_DISTRICT_COUNTS) | {d.municipality for d in NAMED}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    districts: dict[str, District] = {}
    for code, count in ORIGINAL_DISTRICT_COUNTS.items():
        municipality = municipalities[code]
        for n in range(1, count + 1):
            districts[district_code(code, n)] = demo.ensure(
                District,
                {"code": district_code(code, n)},
                {
                    "municipality": municipality,
                    "name": f"{municipality.name} stadsdel {n} (exempel)",
                    "status": ORIGINAL_STATUS[code],
                    "description": INVENTED_NAME_NOTE,
                },
            )
    for named in NAMED:
        code = district_code(named.municipality, named.number)
        parent = (
            districts[district_code(named.municipality, named.parent)] if named.parent else None
        )
        districts[code] = demo.ensure(
            District,
            {"code": code},
            {
                "municipality": municipalities[named.municipality],
                "name": named.name,
                "status": named.status,
                "former_names": named.former_names,
                "parent": parent,
                "description": SEED_NOTE + named.fact + STATUS_NOTE,
            },
        )
    return districts
