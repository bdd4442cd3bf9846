"""Reference data of the agreements app: counties, municipalities, goal areas, policy phases.

Facts come from `shared/reference/municipalities.csv` (SCB codes, shipped here as
`agreements/data/municipalities.csv`) and from the seed documents, cited as in `domain.md`:
[000] press release 2003, [001] government decision 2008, [003] press release 2018,
[004] SOU 2007:104.

`load(get_model)` is called by the data migration (with `apps.get_model`) and by
`manage.py load_reference_data` (with `django.apps.apps.get_model`). It is idempotent.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from udavtal.lib.reference import Changes, sync_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"

# Cohorts named in the seeds, as SCB municipality codes (see domain.md §5).
ORIGINAL_SEVEN = ("0127", "0136", "0126", "1480", "1280", "0180", "0181")  # [000:L36-38]
LUA_2007 = (  # [001:L28], in the seed's order
    "1490", "0127", "2180", "1480", "1380", "0136", "0126", "0680", "1290", "1282", "0580",
    "2580", "1280", "0182", "0581", "0180", "2281", "0181", "1488", "0380", "0780",
)  # fmt: skip
ELIGIBLE_2018 = (  # [003:L49-84], in the seed's order
    "2081", "1490", "0127", "0484", "1782", "2180", "1480", "1380", "1283", "0126", "0123",
    "0680", "0483", "1080", "1290", "1282", "0580", "1280", "0583", "0581", "0480", "1275",
    "2181", "0180", "0181", "1488", "1485", "0380", "1980", "0780", "1277", "1880",
)  # fmt: skip

GOAL_AREAS = [
    # The seeds say there are six goal areas (faktablad IJ 07.01, [004:L904-907]) but do not name
    # them; these six are the project's reference list (DESIGN.md §2), editable by admins.
    {
        "code": "arbete",
        "name": "Arbete och sysselsättning",
        "description": "Ökad sysselsättning och minskat beroende av ekonomiskt bistånd "
        "(”ökad sysselsättning och minskat socialbidrag”, SOU 2007:104).",
    },
    {
        "code": "utbildning",
        "name": "Utbildning och skola",
        "description": "Fler elever som når kunskapskraven och behörighet till gymnasiet, "
        "högre utbildningsnivå.",
    },
    {
        "code": "trygghet",
        "name": "Trygghet",
        "description": "Minskad brottslighet och ökad upplevd trygghet i stadsdelen.",
    },
    {
        "code": "demokrati",
        "name": "Demokrati och delaktighet",
        "description": "Högre valdeltagande, ett starkt civilsamhälle och boendes medverkan.",
    },
    {
        "code": "halsa",
        "name": "Hälsa",
        "description": "Bättre folkhälsa och minskad ohälsa.",
    },
    {
        "code": "lokal-utveckling",
        "name": "Lokal utveckling och tillväxt",
        "description": "Lokal utveckling, ekonomisk tillväxt och hållbar stadsutveckling i "
        "stadsdelen.",
    },
]

MDKR = Decimal("1000000000")
MNKR = Decimal("1000000")

STORSTAD = "Storstadspolitiken"
LUA_2007_PHASE = "Lokala utvecklingsavtal 2007"
URBAN = "Urbant utvecklingsarbete enligt förordningen (2008:348)"
GRANT_2018 = "Statsbidrag enligt förordningen (2018:151)"

ELIGIBLE_2018_SOURCE = (
    "Pressmeddelande från Statsrådsberedningen, ”Sverige ska hålla ihop – segregationen ska "
    "brytas”, 2018"
)

POLICY_PHASES = [
    {
        "name": STORSTAD,
        "short_name": "Storstadspolitiken 1999–2007",
        "legal_basis": "Prop. 1997/98:165, bet. 1998/99:AU2, rskr. 1998/99:34",
        "starts_on": date(1999, 1, 1),
        "ends_on": date(2007, 12, 31),
        "responsible_ministry": "Justitiedepartementet",
        "administering_body": "Storstadsdelegationen med Storstadskansliet",
        "total_amount_sek": Decimal("2.1") * MDKR,
        "description": (
            "Riksdagen beslutade om storstadspolitiken i december 1998. Lokala "
            "utvecklingsavtal träffades 1999–2001 med de sju storstadskommunerna Botkyrka, "
            "Haninge, Huddinge, Göteborg, Malmö, Stockholm och Södertälje och omfattade 24 "
            "stadsdelar. Riksdagen anslog ca 2,1 miljarder kronor i särskilda medel "
            "(Justitiedepartementet 2003); "
            "drygt 80 miljoner kronor användes till utvärderingar (SOU 2007:104). Medlen var i "
            "princip förbrukade vid ingången av 2006 (SOU 2007:104). Storstadsdelegationen lades "
            "ned i och med budgeten för 2008 (SOU 2007:104). Slutåret 2007 är projektets "
            "avgränsning."
        ),
    },
    {
        "name": LUA_2007_PHASE,
        "short_name": "Lokala utvecklingsavtal 2007",
        "legal_basis": "Regeringens erbjudande november 2005 och juni 2006; regeringsbeslut "
        "7 december 2006",
        "starts_on": date(2007, 1, 1),
        "ends_on": date(2007, 12, 31),
        "responsible_ministry": "Integrations- och jämställdhetsdepartementet",
        "administering_body": "Storstadskansliet, Regeringskansliet",
        "total_amount_sek": None,
        "description": (
            "Ettåriga lokala utvecklingsavtal för 2007 med 21 kommuner: de sju "
            "storstadskommunerna och 14 nya (regeringsbeslut 2008). Avtalen avsåg enbart 2007 "
            "(SOU 2007:104) och "
            "finansierades inom ordinarie resurser. Utredningen om samverkan mot segregation "
            "(koordinator Mårten Arnberg) lämnade slutbetänkandet SOU 2007:104 i oktober 2007."
        ),
    },
    {
        "name": URBAN,
        "short_name": "Urbant utvecklingsarbete 2008–2010",
        "legal_basis": "Förordning (2008:348) om urbant utvecklingsarbete; prop. 2007/08:1, "
        "utgiftsområde 13",
        "starts_on": date(2008, 1, 1),
        "ends_on": date(2010, 12, 31),
        "responsible_ministry": "Integrations- och jämställdhetsdepartementet",
        "administering_body": "Regeringskansliet",
        "total_amount_sek": None,
        "description": (
            "Regeringen erbjöd de kommuner som tecknat lokala utvecklingsavtal för 2007 "
            "överläggningar om avtal för perioden 2008–2010. Polismyndigheterna, "
            "Försäkringskassan och Arbetsförmedlingen fick i uppdrag att ingå i de lokala "
            "partnerskapen genom samverkansöverenskommelser, inom ramen för ordinarie resurser; "
            "Rikspolisstyrelsen samordnar polismyndigheternas redovisning enligt 13 § "
            "förordningen (regeringsbeslut 2008). Avstämning senast 2010."
        ),
    },
    {
        "name": GRANT_2018,
        "short_name": "Statsbidrag 2018–2027",
        "legal_basis": "Förordning (2018:151) om statsbidrag till kommuner med "
        "socioekonomiskt eftersatta områden",
        "starts_on": date(2018, 1, 1),
        "ends_on": date(2027, 12, 31),
        "responsible_ministry": "Statsrådsberedningen (samordningsministern)",
        "administering_body": "Tillväxtverket 2018, Delegationen mot segregation från 2019",
        "total_amount_sek": Decimal("425") * MNKR + Decimal("1350") * MNKR + 8 * 2200 * MNKR,
        "description": (
            "Statsbidrag för att stärka kommunernas långsiktiga arbete mot segregation, del av "
            "budgetöverenskommelsen med Vänsterpartiet: 425 miljoner kronor 2018, 1,35 miljarder "
            "2019 och 2,2 miljarder kronor årligen 2020–2027. Tillväxtverket fördelar medlen "
            "2018, Delegationen mot segregation från och med 2019 (Statsrådsberedningen 2018). De "
            "32 "
            "kommuner som kan ansöka 2018 är Borlänge, Borås, Botkyrka, Eskilstuna, Filipstad, "
            "Gävle, Göteborg, Halmstad, Helsingborg, Huddinge, Järfälla, Jönköping, Katrineholm, "
            "Karlskrona, Kristianstad, Landskrona, Linköping, Malmö, Motala, Norrköping, "
            "Nyköping, Perstorp, Sandviken, Stockholm, Södertälje, Trollhättan, Uddevalla, "
            "Uppsala, Västerås, Växjö, Åstorp och Örebro (Statsrådsberedningen 2018)."
        ),
    },
]

APPROPRIATIONS = {
    GRANT_2018: [(2018, Decimal("425") * MNKR), (2019, Decimal("1350") * MNKR)]
    + [(year, Decimal("2200") * MNKR) for year in range(2020, 2028)],
}


def read_municipalities(path: Path = MUNICIPALITIES_CSV) -> list[dict[str, str]]:
    """Rows of the SCB list: municipality_code, municipality_name, county_code, county_name."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_geography(County, Municipality) -> list[Changes]:
    rows = read_municipalities()
    counties = Changes("Län")
    county_rows = sorted({(r["county_code"], r["county_name"]) for r in rows})
    by_code = sync_rows(
        County,
        ("code",),
        [{"code": code, "name": name} for code, name in county_rows],
        counties,
    )
    municipalities = Changes("Kommuner")
    sync_rows(
        Municipality,
        ("code",),
        (
            {
                "code": r["municipality_code"],
                "name": r["municipality_name"],
                "county": by_code[(r["county_code"],)],
            }
            for r in rows
        ),
        municipalities,
    )
    return [counties, municipalities]


def load_goal_areas(GoalArea) -> list[Changes]:
    changes = Changes("Målområden")
    sync_rows(
        GoalArea,
        ("code",),
        ({**area, "position": index} for index, area in enumerate(GOAL_AREAS, start=1)),
        changes,
    )
    return [changes]


def load_policy_phases(PolicyPhase, PhaseAppropriation) -> list[Changes]:
    phases = Changes("Politikområden")
    by_name = sync_rows(PolicyPhase, ("name",), POLICY_PHASES, phases)
    appropriations = Changes("Anslag per år")
    sync_rows(
        PhaseAppropriation,
        ("phase", "year"),
        (
            {
                "phase": by_name[(name,)],
                "year": year,
                "amount_sek": amount,
                "source": ELIGIBLE_2018_SOURCE,
            }
            for name, years in APPROPRIATIONS.items()
            for year, amount in years
        ),
        appropriations,
    )
    return [phases, appropriations]


def load(get_model: Callable) -> list[Changes]:
    """Load every reference table of this app; `get_model("agreements", "County")` style."""

    def model(name: str):
        return get_model("agreements", name)

    return [
        *load_geography(model("County"), model("Municipality")),
        *load_goal_areas(model("GoalArea")),
        *load_policy_phases(model("PolicyPhase"), model("PhaseAppropriation")),
    ]
