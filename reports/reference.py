"""Reference data of the reports app: the catalogue of 15 indicators.

The seeds name the indicators (domain.md §2.9) but define none of them. The definitions, units and
sources below are the project's, written the way the official statistics define them. Kolada KPI
ids are given only where the id has been checked against Kolada's own KPI titles; the others
leave `kolada_kpi` empty rather than guess.

Depends on the goal areas of `agreements.reference` (loaded first).
"""

from __future__ import annotations

from collections.abc import Callable

from udavtal.lib.reference import Changes, sync_rows

HIGHER, LOWER, NEUTRAL = "higher", "lower", "neutral"
YEARLY, ELECTION = "yearly", "election"

# code, name, definition, unit, direction, source, kolada, periodicity, person based,
# goal area code, decimals
INDICATORS = [
    ("sysselsattningsgrad", "Sysselsättningsgrad 20–64 år",
     "Antal förvärvsarbetande i åldern 20–64 år dividerat med antal invånare i samma ålder den "
     "31 december. Förvärvsarbetande är personer med löneinkomst i november eller inkomst av "
     "aktiv näringsverksamhet (SCB:s registerbaserade arbetsmarknadsstatistik).",
     "procent", HIGHER, "SCB", "N00914", YEARLY, True, "arbete", 1),
    ("arbetsloshet", "Arbetslöshet 18–64 år",
     "Antal öppet arbetslösa och sökande i program med aktivitetsstöd hos Arbetsförmedlingen i "
     "åldern 18–64 år som andel av befolkningen i samma ålder, årsgenomsnitt.",
     "procent", LOWER, "Arbetsförmedlingen", "", YEARLY, True, "arbete", 1),
    ("langtidsarbetsloshet", "Långtidsarbetslöshet 25–64 år",
     "Antal inskrivna arbetslösa i åldern 25–64 år som varit utan arbete i mer än tolv månader "
     "som andel av befolkningen i samma ålder, årsgenomsnitt.",
     "procent", LOWER, "Arbetsförmedlingen", "", YEARLY, True, "arbete", 1),
    ("ekonomiskt_bistand", "Invånare med ekonomiskt bistånd",
     "Antal invånare som någon gång under året ingått i ett hushåll som fått ekonomiskt bistånd "
     "(socialbidrag) dividerat med antal invånare den 31 december. Mäter "
     "socialbidragsberoendet.",
     "procent", LOWER, "Socialstyrelsen och SCB", "N31807", YEARLY, True, "arbete", 1),
    ("egen_forsorjning", "Egen försörjning 20–64 år",
     "Andel invånare 20–64 år vars inkomster under året huvudsakligen kommer från arbete, "
     "företagande eller studier och inte från ekonomiskt bistånd, arbetslöshetsersättning eller "
     "sjuk- och aktivitetsersättning.",
     "procent", HIGHER, "SCB", "", YEARLY, True, "arbete", 1),
    ("behorighet_gymnasiet", "Behörighet till gymnasieskolans yrkesprogram",
     "Andel elever i årskurs 9, folkbokförda i området, som är behöriga till ett yrkesprogram i "
     "gymnasieskolan (godkända betyg i svenska eller svenska som andraspråk, engelska, "
     "matematik och minst fem andra ämnen).",
     "procent", HIGHER, "Skolverket", "N15428", YEARLY, True, "utbildning", 1),
    ("godkant_alla_amnen", "Godkända slutbetyg i alla ämnen, årskurs 9",
     "Andel elever i årskurs 9 som uppnått kunskapskraven (minst betyget E) i alla ämnen i "
     "slutbetyget från grundskolan.",
     "procent", HIGHER, "Skolverket", "", YEARLY, True, "utbildning", 1),
    ("eftergymnasial_utbildning", "Eftergymnasial utbildning 25–64 år",
     "Andel invånare 25–64 år vars högsta utbildning är eftergymnasial (kortare än tre år, tre "
     "år eller längre eller forskarutbildning).",
     "procent", HIGHER, "SCB", "N01982", YEARLY, True, "utbildning", 1),
    ("unga_utanfor", "Unga 20–24 år som varken arbetar eller studerar",
     "Andel invånare 20–24 år som under året varken förvärvsarbetat, studerat eller haft känd "
     "annan huvudsaklig aktivitet.",
     "procent", LOWER, "SCB", "", YEARLY, True, "utbildning", 1),
    ("valdeltagande_kommunval", "Valdeltagande i val till kommunfullmäktige",
     "Antal avgivna röster (giltiga och ogiltiga) i valet till kommunfullmäktige dividerat med "
     "antal röstberättigade. Mäts vid ordinarie val vart fjärde år.",
     "procent", HIGHER, "Valmyndigheten och SCB", "N05401", ELECTION, True, "demokrati", 1),
    ("otrygghet", "Otrygghet i bostadsområdet",
     "Andel invånare 16–84 år som känt sig mycket eller ganska otrygga, eller avstått från att "
     "gå ut, när de gått ut ensamma sent en kväll i sitt bostadsområde (Nationella "
     "trygghetsundersökningen).",
     "procent", LOWER, "Brå", "", YEARLY, True, "trygghet", 1),
    ("anmalda_brott", "Anmälda brott per 1 000 invånare",
     "Antal brott som anmälts till polis, tull eller åklagare under året i området, per 1 000 "
     "invånare (den officiella kriminalstatistiken).",
     "per 1 000 invånare", LOWER, "Brå", "", YEARLY, False, "trygghet", 0),
    ("ohalsotal", "Ohälsotal",
     "Antal dagar med sjukpenning, rehabiliteringspenning, sjukersättning och "
     "aktivitetsersättning under året, per registrerad försäkrad 16–64 år.",
     "dagar", LOWER, "Försäkringskassan", "", YEARLY, True, "halsa", 1),
    ("utrikes_fodda", "Utrikes födda",
     "Andel av befolkningen den 31 december som är född utomlands. Beskrivande bakgrundsmått "
     "utan önskad riktning.",
     "procent", NEUTRAL, "SCB", "", YEARLY, True, "lokal-utveckling", 1),
    ("medianinkomst", "Förvärvsinkomst, median 20–64 år",
     "Medianvärdet av sammanräknad förvärvsinkomst för invånare 20–64 år, i tusental kronor "
     "(löpande priser).",
     "tkr", HIGHER, "SCB", "", YEARLY, True, "lokal-utveckling", 0),
]  # fmt: skip


def load_indicators(Indicator, GoalArea) -> list[Changes]:
    goal_areas = {area.code: area for area in GoalArea._default_manager.all()}
    changes = Changes("Indikatorer")
    sync_rows(
        Indicator,
        ("code",),
        [
            {
                "code": code,
                "name": name,
                "definition": definition,
                "unit": unit,
                "direction": direction,
                "source": source,
                "kolada_kpi": kolada,
                "periodicity": periodicity,
                "person_based": person_based,
                "goal_area": goal_areas[goal_area],
                "decimals": decimals,
                "position": position,
            }
            for position, (
                code,
                name,
                definition,
                unit,
                direction,
                source,
                kolada,
                periodicity,
                person_based,
                goal_area,
                decimals,
            ) in enumerate(INDICATORS, start=1)
        ],
        changes,
    )
    return [changes]


def load(get_model: Callable) -> list[Changes]:
    return load_indicators(get_model("reports", "Indicator"), get_model("agreements", "GoalArea"))
