"""Reference data of the partnerships app: the state agencies named in the seeds, as hierarchies.

Levels and units follow [004] Bilaga 3 ("Vilka beslutsnivåer finns i resp. myndighet?",
L1961-2181) and [001]. Closing dates and successors that the seeds do not give (the police
reform of 1 January 2015, Statens folkhälsoinstitut 2014, Myndigheten för skolutveckling 2008,
Nutek 2009, Riksförsäkringsverket 2005) are public facts outside the seeds; their descriptions say
so. Organisation numbers are left empty: the seeds give none.

Depends on the counties and municipalities of `agreements.reference` (loaded first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from agreements.reference import ELIGIBLE_2018, LUA_2007
from udavtal.lib.reference import Changes, sync_rows

OUTSIDE_SEEDS = " Datum och efterföljare är allmänt kända uppgifter som inte står i källdokumenten."

AF = "Arbetsförmedlingen"
FK = "Försäkringskassan"
POLICE_OLD = "Polisen"
POLICE = "Polismyndigheten"
BRA = "Brottsförebyggande rådet"
SOCIALSTYRELSEN = "Socialstyrelsen"
MSU = "Myndigheten för skolutveckling"
SKOLVERKET = "Skolverket"

# name, short name, has regional level, valid from, valid to, successor, description
AGENCIES = [
    (AF, "AF", False, None, None, None,
     "Ska ingå i lokala partnerskap enligt regeringsbeslutet 2008. Ersatte "
     "Arbetsmarknadsverket från 2008 (SOU 2007:104)."),
    ("Arbetsmarknadsstyrelsen", "AMS", True, None, date(2007, 12, 31), AF,
     "Chefsmyndighet i Arbetsmarknadsverket med 20 länsarbetsnämnder och cirka 325 "
     "arbetsförmedlingar (SOU 2007:104)." + OUTSIDE_SEEDS),
    (FK, "FK", False, None, None, None,
     "Ska ingå i lokala partnerskap enligt regeringsbeslutet 2008. Cirka 330 "
     "försäkringskontor; länskontoren avvecklas (SOU 2007:104)."),
    ("Riksförsäkringsverket", "RFV", False, None, date(2004, 12, 31), FK,
     "Ingick i den ursprungliga referensgruppen för centrala myndigheter (SOU 2007:104)."
     + OUTSIDE_SEEDS),
    (POLICE_OLD, "RPS", True, None, date(2014, 12, 31), POLICE,
     "Rikspolisstyrelsen är central förvaltnings- och tillsynsmyndighet; varje län är ett "
     "polisdistrikt med en polismyndighet, 21 i landet (SOU 2007:104). Rikspolisstyrelsen "
     "samordnar polismyndigheternas redovisning enligt 13 § förordningen (2008:348), enligt "
     "regeringsbeslutet 2008."
     + OUTSIDE_SEEDS),
    (POLICE, "Polisen", True, date(2015, 1, 1), None, None,
     "En sammanhållen polismyndighet med sju polisregioner från den 1 januari 2015."
     + OUTSIDE_SEEDS),
    (BRA, "Brå", False, None, None, None,
     "Producerar den officiella kriminalstatistiken; ingen regional organisation. Har lämnat ett "
     "likalydande förslag till överenskommelse till kommunerna (SOU 2007:104)."),
    ("Boverket", "", False, date(1988, 7, 1), None, None,
     "Bildades i juli 1988 av Planverket och Bostadsstyrelsen; Hållbarhetsrådet finns inom "
     "Boverket; ingen regional organisation (SOU 2007:104)."),
    ("Statens folkhälsoinstitut", "FHI", False, None, date(2013, 12, 31), "Folkhälsomyndigheten",
     "Nationellt kunskapscentrum för folkhälsa; ingen regional organisation (SOU 2007:104)."
     + OUTSIDE_SEEDS),
    ("Folkhälsomyndigheten", "", False, date(2014, 1, 1), None, None,
     "Efterträdde Statens folkhälsoinstitut." + OUTSIDE_SEEDS),
    (SOCIALSTYRELSEN, "", True, None, None, None,
     "Central del i Stockholm och sex regionala enheter för tillsyn (SOU 2007:104)."),
    (MSU, "MSU", True, None, date(2008, 9, 30), SKOLVERKET,
     "Huvudkontor i Stockholm och fem enheter (SOU 2007:104)." + OUTSIDE_SEEDS),
    (SKOLVERKET, "", False, None, None, None,
     "Ingick i referensgruppen för centrala myndigheter (SOU 2007:104)."),
    ("Migrationsverket", "", False, None, None, None,
     "Tar över Integrationsverkets uppgifter om flyktingmottagande från 1 juli 2007 "
     "(SOU 2007:104)."),
    ("Integrationsverket", "", False, None, date(2007, 6, 30), "Migrationsverket",
     "Avvecklades 30 juni 2007; svarade för den statistiska uppföljningen av bostadsområden med "
     "lokala utvecklingsavtal (SOU 2007:104)."),
    ("Riksantikvarieämbetet", "RAÄ", False, None, None, None,
     "Ansvarar för kulturmiljö och kulturarv (SOU 2007:104)."),
    ("Institutet för tillväxtpolitiska studier", "ITPS", False, None, date(2009, 3, 31), None,
     "Säte i Östersund (SOU 2007:104)." + OUTSIDE_SEEDS),
    ("Verket för näringslivsutveckling", "Nutek", False, None, date(2009, 3, 31), "Tillväxtverket",
     "Samordnade uppdraget om integration i det regionala utvecklingsarbetet (SOU 2007:104)."
     + OUTSIDE_SEEDS),
    ("Tillväxtverket", "", False, date(2009, 4, 1), None, None,
     "Fördelar statsbidraget enligt förordningen (2018:151) under 2018 (Statsrådsberedningen 2018)."
     + OUTSIDE_SEEDS),
    ("Delegationen mot segregation", "Delmos", False, date(2018, 1, 1), None, None,
     "Fördelar statsbidraget enligt förordningen (2018:151) från och med 2019 "
     "(Statsrådsberedningen 2018)."
     + OUTSIDE_SEEDS),
    ("Ungdomsstyrelsen", "", False, None, None, None,
     "Tar över stödet till organisationer som främjar integration (SOU 2007:104)."),
    ("Statistiska centralbyrån", "SCB", False, None, None, None,
     "Tar över databasen STATIV med statistik om integration (SOU 2007:104)."),
    ("ESF-rådet", "", False, None, None, None,
     "Europeiska fonden för integration av tredjelandsmedborgare (SOU 2007:104)."),
    ("Skatteverket", "", False, None, None, None,
     "Gemensamma servicekontor med Försäkringskassan och Arbetsförmedlingen (SOU 2007:104)."),
    ("Statskontoret", "", False, None, None, None,
     "Utvärderar finansiell samordning (Finsam; SOU 2007:104)."),
    ("Barnombudsmannen", "BO", False, None, None, None,
     "Ingick i den ursprungliga referensgruppen för centrala myndigheter (SOU 2007:104)."),
]  # fmt: skip

# Central unit names that differ from the agency's name.
CENTRAL_UNIT_NAMES = {POLICE_OLD: "Rikspolisstyrelsen"}

REGIONAL_UNITS = {
    SOCIALSTYRELSEN: [
        f"Socialstyrelsen, regional tillsynsenhet {city}"
        for city in ("Göteborg", "Jönköping", "Malmö", "Stockholm", "Umeå", "Örebro")
    ],
    MSU: [
        f"Myndigheten för skolutveckling, enheten i {city}"
        for city in ("Stockholm", "Göteborg", "Karlstad", "Sundsvall", "Växjö")
    ],
}

# The seven police regions from 2015 and the counties each covers.
POLICE_REGIONS = {
    "Polisregion Nord": ("22", "23", "24", "25"),
    "Polisregion Mitt": ("03", "19", "21"),
    "Polisregion Stockholm": ("01", "09"),
    "Polisregion Öst": ("04", "05", "06"),
    "Polisregion Väst": ("13", "14"),
    "Polisregion Syd": ("07", "08", "10", "12"),
    "Polisregion Bergslagen": ("17", "18", "20"),
}
POLICE_REFORM_DAY = date(2015, 1, 1)
POLICE_OLD_LAST_DAY = date(2014, 12, 31)

# Local offices of Arbetsförmedlingen and Försäkringskassan in the municipalities of the seeds'
# cohorts (agreements 2007 and grant 2018).
LOCAL_UNIT_AGENCIES = (AF, FK)
LOCAL_UNIT_MUNICIPALITIES = tuple(sorted(set(LUA_2007) | set(ELIGIBLE_2018)))


def police_authority_name(county_name: str) -> str:
    """One polismyndighet per county before 2015: 'Polismyndigheten i Skåne län'."""
    return f"Polismyndigheten i {county_name}"


def local_unit_name(agency_name: str, municipality_name: str) -> str:
    return f"{agency_name} {municipality_name}"


def load_agencies(Agency) -> tuple[dict[str, object], Changes]:
    changes = Changes("Myndigheter")
    touched = sync_rows(
        Agency,
        ("name",),
        [
            {
                "name": name,
                "short_name": short,
                "has_regional_level": regional,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "description": description,
            }
            for name, short, regional, valid_from, valid_to, _succ, description in AGENCIES
        ],
        changes,
    )
    by_name = {key[0]: obj for key, obj in touched.items()}
    sync_rows(
        Agency,
        ("name",),
        [
            {"name": name, "successor": by_name[successor]}
            for name, *_rest, successor, _description in AGENCIES
            if successor
        ],
        changes,
    )
    return by_name, changes


def load_units(AgencyUnit, County, Municipality, agencies: dict[str, object]) -> Changes:
    changes = Changes("Myndighetsenheter")
    central = Changes("")  # folded into `changes` below
    central_units = sync_rows(
        AgencyUnit,
        ("agency", "name"),
        [
            {
                "agency": agency,
                "name": CENTRAL_UNIT_NAMES.get(name, name),
                "level": "central",
                "valid_to": agency.valid_to,
            }
            for name, agency in agencies.items()
        ],
        central,
    )
    central_by_agency = {key[0]: unit for key, unit in central_units.items()}

    counties = {c.code: c for c in County._default_manager.all()}
    counties_by_id = {c.pk: c for c in counties.values()}
    regional_rows = [
        {
            "agency": agencies[agency_name],
            "name": unit_name,
            "level": "regional",
            "parent": central_by_agency[agencies[agency_name].pk],
            "valid_to": agencies[agency_name].valid_to,
        }
        for agency_name, names in REGIONAL_UNITS.items()
        for unit_name in names
    ]
    regional_rows += [
        {
            "agency": agencies[POLICE],
            "name": region,
            "level": "regional",
            "parent": central_by_agency[agencies[POLICE].pk],
            "county": counties[codes[0]] if len(codes) == 1 else None,
            "valid_from": POLICE_REFORM_DAY,
        }
        for region, codes in POLICE_REGIONS.items()
    ]
    regional_rows += [
        {
            "agency": agencies[POLICE_OLD],
            "name": police_authority_name(county.name),
            "level": "regional",
            "parent": central_by_agency[agencies[POLICE_OLD].pk],
            "county": county,
            "valid_to": POLICE_OLD_LAST_DAY,
        }
        for county in sorted(counties.values(), key=lambda c: c.code)
    ]
    regional = Changes("")
    regional_units = sync_rows(AgencyUnit, ("agency", "name"), regional_rows, regional)

    municipalities = Municipality._default_manager.filter(
        code__in=LOCAL_UNIT_MUNICIPALITIES
    ).order_by("code")
    local = Changes("")
    sync_rows(
        AgencyUnit,
        ("agency", "name"),
        [
            {
                "agency": agencies[agency_name],
                "name": local_unit_name(agency_name, municipality.name),
                "level": "local",
                "parent": central_by_agency[agencies[agency_name].pk],
                "county": counties_by_id[municipality.county_id],
                "municipality": municipality,
            }
            for agency_name in LOCAL_UNIT_AGENCIES
            for municipality in municipalities
        ],
        local,
    )

    # Each county's police authority was succeeded by the police region covering the county.
    region_by_county = {
        code: regional_units[(agencies[POLICE].pk, region)]
        for region, codes in POLICE_REGIONS.items()
        for code in codes
    }
    successors = Changes("")
    sync_rows(
        AgencyUnit,
        ("agency", "name"),
        [
            {
                "agency": agencies[POLICE_OLD],
                "name": police_authority_name(county.name),
                "successor": region_by_county[county.code],
            }
            for county in sorted(counties.values(), key=lambda c: c.code)
        ],
        successors,
    )
    for part in (central, regional, local, successors):
        changes.created |= part.created
        changes.updated |= part.updated
        changes.seen |= part.seen
    return changes


def load(get_model: Callable) -> list[Changes]:
    agencies, agency_changes = load_agencies(get_model("partnerships", "Agency"))
    unit_changes = load_units(
        get_model("partnerships", "AgencyUnit"),
        get_model("agreements", "County"),
        get_model("agreements", "Municipality"),
        agencies,
    )
    return [agency_changes, unit_changes]
