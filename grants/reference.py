"""Reference data of the grant: the programme under förordning (2018:151), a round per year
2018–2027 with the appropriation, the administering body and the 32 municipalities that could
apply in 2018. Facts from the seed [003] (`shared/seeds/003_*.txt`, domain.md §5.3 and §2.10).

`load(get_model)` is called by the data migration (with `apps.get_model`) and by
`manage.py load_reference_data` (every app's `reference.load`). It is idempotent: rows are matched
on natural keys. Rounds and eligibility are edited by officers after loading, so an existing round
is never overwritten. The policy phase, its appropriations, the two agencies and the municipalities
come from the agreements and partnerships reference data (loaded first); they are created here
only if missing, on the same natural keys.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from udavtal.lib.reference import Changes, sync_rows

MNKR = Decimal("1000000")

PHASE_NAME = "Statsbidrag enligt förordningen (2018:151)"
PHASE = {
    "short_name": "Statsbidrag 2018–2027",
    "legal_basis": "Förordning (2018:151) om statsbidrag till kommuner med "
    "socioekonomiskt eftersatta områden",
    "starts_on": date(2018, 1, 1),
    "ends_on": date(2027, 12, 31),
    "responsible_ministry": "Statsrådsberedningen (samordningsministern)",
    "administering_body": "Tillväxtverket 2018, Delegationen mot segregation från 2019",
    "total_amount_sek": Decimal("425") * MNKR + Decimal("1350") * MNKR + 8 * 2200 * MNKR,
}
SOURCE = (
    "Pressmeddelande från Statsrådsberedningen, ”Sverige ska hålla ihop – segregationen ska "
    "brytas”, 2018"
)
# [003:L23]: 425 mkr 2018, 1,35 mdkr 2019, 2,2 mdkr årligen 2020–2027.
APPROPRIATIONS = [(2018, Decimal("425") * MNKR), (2019, Decimal("1350") * MNKR)] + [
    (year, Decimal("2200") * MNKR) for year in range(2020, 2028)
]

PROGRAMME = {
    "name": "Statsbidrag till kommuner med socioekonomiskt eftersatta områden",
    "short_name": "Statsbidrag (2018:151)",
    "legal_basis": "Förordning (2018:151) om statsbidrag till kommuner med socioekonomiskt "
    "eftersatta områden",
    "max_grant_share_percent": Decimal("90"),
    "max_decision_years": 3,
    "description": (
        "Statsbidraget ska stärka kommunernas långsiktiga arbete för att minska segregationen i "
        "områden med socioekonomiska utmaningar, t.ex. tidiga insatser för barn och unga, "
        "utbildning, ökad trygghet, ökad sysselsättning och insatser för att stärka demokratin "
        "och det civila samhället (Statsrådsberedningen 2018). Bidraget får uppgå till högst 90 "
        "procent av "
        "kostnaderna; ett bidragsår är ett kalenderår och ett beslut avser högst tre år."
    ),
}

TILLVAXTVERKET = "Tillväxtverket"
DELMOS = "Delegationen mot segregation"
AGENCIES = {
    TILLVAXTVERKET: {"short_name": "", "has_regional_level": False, "valid_from": date(2009, 4, 1)},
    DELMOS: {"short_name": "Delmos", "has_regional_level": False, "valid_from": date(2018, 1, 1)},
}

# [003:L49-84], in the seed's order: code, name, county code, county name (SCB).
ELIGIBLE_2018 = [
    ("2081", "Borlänge", "20", "Dalarnas län"),
    ("1490", "Borås", "14", "Västra Götalands län"),
    ("0127", "Botkyrka", "01", "Stockholms län"),
    ("0484", "Eskilstuna", "04", "Södermanlands län"),
    ("1782", "Filipstad", "17", "Värmlands län"),
    ("2180", "Gävle", "21", "Gävleborgs län"),
    ("1480", "Göteborg", "14", "Västra Götalands län"),
    ("1380", "Halmstad", "13", "Hallands län"),
    ("1283", "Helsingborg", "12", "Skåne län"),
    ("0126", "Huddinge", "01", "Stockholms län"),
    ("0123", "Järfälla", "01", "Stockholms län"),
    ("0680", "Jönköping", "06", "Jönköpings län"),
    ("0483", "Katrineholm", "04", "Södermanlands län"),
    ("1080", "Karlskrona", "10", "Blekinge län"),
    ("1290", "Kristianstad", "12", "Skåne län"),
    ("1282", "Landskrona", "12", "Skåne län"),
    ("0580", "Linköping", "05", "Östergötlands län"),
    ("1280", "Malmö", "12", "Skåne län"),
    ("0583", "Motala", "05", "Östergötlands län"),
    ("0581", "Norrköping", "05", "Östergötlands län"),
    ("0480", "Nyköping", "04", "Södermanlands län"),
    ("1275", "Perstorp", "12", "Skåne län"),
    ("2181", "Sandviken", "21", "Gävleborgs län"),
    ("0180", "Stockholm", "01", "Stockholms län"),
    ("0181", "Södertälje", "01", "Stockholms län"),
    ("1488", "Trollhättan", "14", "Västra Götalands län"),
    ("1485", "Uddevalla", "14", "Västra Götalands län"),
    ("0380", "Uppsala", "03", "Uppsala län"),
    ("1980", "Västerås", "19", "Västmanlands län"),
    ("0780", "Växjö", "07", "Kronobergs län"),
    ("1277", "Åstorp", "12", "Skåne län"),
    ("1880", "Örebro", "18", "Örebro län"),
]


NOTE_2018 = (
    "Tillväxtverket fördelar statsbidraget tillfälligt 2018; Delegationen mot segregation yttrar "
    "sig. Från och med 2019 fördelar Delegationen mot segregation bidraget (Statsrådsberedningen "
    "2018)."
)
NOTE_LATER = (
    "Delegationen mot segregation fördelar bidraget från och med 2019 (Statsrådsberedningen 2018)."
)


def round_dates(year: int) -> dict:
    """Application window and due dates of a round. The seeds give no dates: these are the
    project's defaults, which officers change on the round's page."""
    if year == 2018:
        # The ordinance was decided in March 2018 and the 2018 grant was applied for in spring.
        return {
            "opens_on": date(2018, 4, 3),
            "closes_on": date(2018, 5, 15),
            "decisions_due_on": date(2018, 6, 29),
            "follow_up_due_on": date(2019, 3, 31),
        }
    return {
        "opens_on": date(year - 1, 10, 1),
        "closes_on": date(year - 1, 11, 30),
        "decisions_due_on": date(year, 1, 31),
        "follow_up_due_on": date(year + 1, 3, 31),
    }


def load(get_model: Callable) -> list[Changes]:
    """Load the programme and its rounds; returns what changed, per table."""
    County = get_model("agreements", "County")
    Municipality = get_model("agreements", "Municipality")
    PolicyPhase = get_model("agreements", "PolicyPhase")
    PhaseAppropriation = get_model("agreements", "PhaseAppropriation")
    Agency = get_model("partnerships", "Agency")
    GrantProgramme = get_model("grants", "GrantProgramme")
    GrantRound = get_model("grants", "GrantRound")

    # The policy phase, its appropriations and the agencies belong to the agreements and
    # partnerships reference data; they are only created here if those are not loaded.
    phase = PolicyPhase._default_manager.filter(name=PHASE_NAME).first()
    if phase is None:
        phase = sync_rows(PolicyPhase, ("name",), [{"name": PHASE_NAME, **PHASE}], Changes(""))[
            (PHASE_NAME,)
        ]
    existing_years = set(
        PhaseAppropriation._default_manager.filter(phase=phase).values_list("year", flat=True)
    )
    sync_rows(
        PhaseAppropriation,
        ("phase", "year"),
        (
            {"phase": phase, "year": year, "amount_sek": amount, "source": SOURCE}
            for year, amount in APPROPRIATIONS
            if year not in existing_years
        ),
        Changes(""),
    )
    appropriations = {
        a.year: a for a in PhaseAppropriation._default_manager.filter(phase=phase, year__gte=2018)
    }
    missing_agencies = [
        {"name": name, **values}
        for name, values in AGENCIES.items()
        if not Agency._default_manager.filter(name=name).exists()
    ]
    sync_rows(Agency, ("name",), missing_agencies, Changes(""))
    agencies = {a.name: a for a in Agency._default_manager.filter(name__in=AGENCIES)}

    programmes = Changes("Bidragsprogram")
    programme = sync_rows(
        GrantProgramme, ("policy_phase",), [{"policy_phase": phase, **PROGRAMME}], programmes
    )[(phase.pk,)]

    rounds = Changes("Bidragsomgångar")
    existing = {r.year: r for r in GrantRound._default_manager.filter(programme=programme)}
    new_rounds = []
    for year, _amount in APPROPRIATIONS:
        if year in existing:
            # Rounds are edited by officers after loading; a loader never overwrites them.
            rounds.seen.add(existing[year].pk)
            continue
        new_rounds.append(
            {
                "programme": programme,
                "year": year,
                "appropriation": appropriations.get(year),
                "administering_body": agencies.get(TILLVAXTVERKET if year == 2018 else DELMOS),
                "advisory_body": agencies.get(DELMOS) if year == 2018 else None,
                "note": NOTE_2018 if year == 2018 else NOTE_LATER,
                **round_dates(year),
            }
        )
    sync_rows(GrantRound, ("programme", "year"), new_rounds, rounds)

    round_2018 = GrantRound._default_manager.get(programme=programme, year=2018)
    if not round_2018.eligible_municipalities.exists():
        municipalities = []
        for code, name, county_code, county_name in ELIGIBLE_2018:
            municipality = Municipality._default_manager.filter(code=code).first()
            if municipality is None:
                county = sync_rows(
                    County, ("code",), [{"code": county_code, "name": county_name}], Changes("")
                )[(county_code,)]
                municipality = sync_rows(
                    Municipality,
                    ("code",),
                    [{"code": code, "name": name, "county": county}],
                    Changes(""),
                )[(code,)]
            municipalities.append(municipality)
        round_2018.eligible_municipalities.add(*municipalities)
        rounds.updated.add(round_2018.pk)
    return [programmes, rounds]
