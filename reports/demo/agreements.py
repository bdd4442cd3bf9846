"""Demo agreements: the seeds' cohorts as history, and a current generation in every status.

From the seeds: which municipalities had agreements in which period (the seven 1999–, the 21 for
2007, the offer for 2008–2010), that the state and the municipality funded the early agreements
equally, that no deadline was set in 1999–2000, that the 2007 agreements had tight deadlines, and
that Nyamko Sabuni was the minister in 2007–2008. Dates, diarienummer, amounts per municipality and
the current generation (2023–2027, under the grant phase) are invented and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from agreements.models import (
    Agreement,
    AgreementFunding,
    AgreementRevision,
    District,
    GoalArea,
    Municipality,
    PolicyPhase,
)
from agreements.reference import GRANT_2018, LUA_2007, LUA_2007_PHASE, STORSTAD, URBAN
from reports.demo.base import Demo, at
from reports.demo.places import district_code, original_districts

S = Agreement.Status
ALL_AREAS = ("arbete", "utbildning", "trygghet", "demokrati", "halsa", "lokal-utveckling")
FOCUS_2008 = ("arbete", "utbildning", "trygghet")  # "med fokus på arbete, utbildning och trygghet"

MUNICIPALITY_SIGNATORY = "Kommunstyrelsens ordförande"
SABUNI = ("Nyamko Sabuni", "Statsråd, Integrations- och jämställdhetsdepartementet")
STATE_EXAMPLE = ("Ansvarigt statsråd (exempel)", "Statsråd")

# Special funds 1999–2005 (about 2 billion, [004:L1526-1528]) split by invented shares.
STORSTAD_STATE_TOTAL = Decimal("2000000000")
STORSTAD_SHARES = {"0180": 30, "1480": 22, "1280": 18, "0127": 9, "0181": 8, "0126": 7, "0136": 6}
STORSTAD_YEAR_SHARES = {1999: 10, 2000: 18, 2001: 18, 2002: 16, 2003: 14, 2004: 12, 2005: 12}


@dataclass
class Spec:
    municipality: str
    phase: str
    starts_on: date
    ends_on: date
    status: str
    districts: list[str]
    offered_on: date
    signed_on: date | None = None
    accords_due_on: date | None = None
    plans_due_on: date | None = None
    state_signatory: tuple[str, str] = ("", "")
    goal_areas: tuple[str, ...] = ALL_AREAS
    funding: list[tuple[int, Decimal, Decimal, str]] = field(default_factory=list)
    revisions: list[tuple[int, str, date]] = field(default_factory=list)
    status_reason: str = ""
    description: str = ""


def _storstad_funding(municipality: str) -> list[tuple[int, Decimal, Decimal, str]]:
    rows = []
    for year, year_share in STORSTAD_YEAR_SHARES.items():
        amount = (
            STORSTAD_STATE_TOTAL * STORSTAD_SHARES[municipality] * year_share / Decimal(10_000)
        ).quantize(Decimal("100000"))
        rows.append((year, amount, amount, "Exempelbelopp: lika stor kommunal insats som statlig."))
    return rows


def _current_funding(state_per_year: int, years: range) -> list[tuple[int, Decimal, Decimal, str]]:
    state = Decimal(state_per_year)
    return [
        (year, state, (state * Decimal("0.15")).quantize(Decimal(1)), "Exempelbelopp.")
        for year in years
    ]


def historic_specs() -> list[Spec]:
    specs: list[Spec] = []
    originals = original_districts()
    for code, districts in originals.items():
        specs.append(
            Spec(
                code, STORSTAD, date(1999, 1, 1), date(2006, 12, 31), S.ENDED, districts,
                offered_on=date(1999, 2, 1), signed_on=date(1999, 6, 15),
                funding=_storstad_funding(code),
                revisions=[
                    (2001, "Avtalet reviderades efter de första åren (exempeltext).",
                     date(2001, 3, 1)),
                    (2003, "Insatserna inordnas successivt i ordinarie strukturer (exempeltext).",
                     date(2003, 12, 15)),
                    (2005, "Sista året med särskilda medel (exempeltext).", date(2005, 3, 1)),
                ],
                description="De sju storstadskommunernas lokala utvecklingsavtal 1999–2001, "
                "därefter reviderade. Staten satte inga tidsgränser de första åren. Datum, "
                "diarienummer och belopp per kommun är exempeldata.",
            )
        )  # fmt: skip
    for code in LUA_2007:
        districts = originals.get(code, [district_code(code, 1)])
        original = code in originals
        specs.append(
            Spec(
                code, LUA_2007_PHASE, date(2007, 1, 1), date(2007, 12, 31), S.ENDED, districts,
                offered_on=date(2005, 11, 15) if original else date(2006, 6, 15),
                signed_on=date(2007, 3, 20), plans_due_on=date(2007, 6, 30),
                accords_due_on=date(2007, 9, 30), state_signatory=SABUNI,
                description="Kommunen tecknade lokalt utvecklingsavtal för 2007 (regeringsbeslut "
                "2008, Integrations- och jämställdhetsdepartementet). Tidsgränserna för "
                "stadsdelsplaner och samverkansöverenskommelser var snävt satta. Datum och "
                "undertecknare är exempeldata.",
            )
        )  # fmt: skip
        specs.append(
            Spec(
                code, URBAN, date(2008, 1, 1), date(2010, 12, 31), S.ENDED, districts,
                offered_on=date(2008, 6, 2), signed_on=date(2008, 10, 15),
                plans_due_on=date(2009, 3, 31), accords_due_on=date(2009, 6, 30),
                state_signatory=SABUNI, goal_areas=FOCUS_2008,
                revisions=[
                    (2009, "Årlig revidering (exempeltext).", date(2009, 11, 30)),
                    (2010, "Årlig revidering inför avstämningen 2010 (exempeltext).",
                     date(2010, 6, 15)),
                ],
                description="Regeringen erbjöd kommunerna med avtal för 2007 överläggningar om "
                "avtal för 2008–2010 enligt förordningen (2008:348). Att avtalet tecknades, "
                "datum och undertecknare är exempeldata.",
            )
        )  # fmt: skip
    return specs


CURRENT_NOTE = (
    "Exempeldata: ett påhittat avtal som visar arbetsflödet i dag. Källorna säger inget om lokala "
    "utvecklingsavtal efter 2010; statsbidraget enligt förordningen (2018:151) är i verkligheten "
    "ett bidrag som kommunerna söker."
)


def current_specs() -> list[Spec]:
    originals = original_districts()
    period = (date(2025, 1, 1), date(2027, 12, 31))
    signed = {"offered_on": date(2024, 6, 3), "signed_on": date(2024, 11, 28),
              "plans_due_on": date(2025, 4, 30), "accords_due_on": date(2025, 6, 30),
              "state_signatory": STATE_EXAMPLE}  # fmt: skip
    revision_2026 = [
        (
            2026,
            "Årlig revidering: målen för trygghet förtydligades och "
            "uppföljningen knöts till indikatorerna (exempeltext).",
            date(2026, 3, 12),
        )
    ]
    return [
        Spec("1280", GRANT_2018, *period, S.IN_FORCE, originals["1280"], **signed,
             funding=_current_funding(38_000_000, range(2025, 2028)), revisions=revision_2026),
        Spec("0127", GRANT_2018, *period, S.IN_FORCE, originals["0127"], **signed,
             funding=_current_funding(17_500_000, range(2025, 2028)), revisions=revision_2026),
        Spec("1480", GRANT_2018, *period, S.IN_FORCE, originals["1480"], **signed,
             funding=_current_funding(42_000_000, range(2025, 2028))),
        Spec("0580", GRANT_2018, date(2026, 1, 1), date(2027, 12, 31), S.IN_FORCE,
             [district_code("0580", 1)], offered_on=date(2025, 6, 2), signed_on=date(2025, 12, 9),
             plans_due_on=date(2026, 12, 31), accords_due_on=date(2027, 3, 31),
             state_signatory=STATE_EXAMPLE,
             funding=_current_funding(9_000_000, range(2026, 2028))),
        Spec("0380", GRANT_2018, *period, S.PAUSED, [district_code("0380", 1)], **signed,
             funding=_current_funding(11_000_000, range(2025, 2028)),
             status_reason="Arbetet vilar i väntan på den nya majoritetens besked efter valet i "
             "september 2026 (exempel)."),
        Spec("1282", GRANT_2018, *period, S.TERMINATED, [district_code("1282", 1)], **signed,
             funding=_current_funding(6_500_000, range(2025, 2027)),
             status_reason="Avtalet sades upp i samförstånd den 30 juni 2026; kommunen fortsätter "
             "arbetet inom ordinarie verksamhet (exempel)."),
        Spec("0581", GRANT_2018, date(2023, 1, 1), date(2025, 12, 31), S.ENDED,
             [district_code("0581", 1)], offered_on=date(2022, 5, 16), signed_on=date(2022, 11, 24),
             plans_due_on=date(2023, 4, 28), accords_due_on=date(2023, 6, 30),
             state_signatory=STATE_EXAMPLE,
             funding=_current_funding(8_000_000, range(2023, 2026))),
        Spec("0180", GRANT_2018, date(2027, 1, 1), date(2027, 12, 31), S.SIGNED,
             originals["0180"], offered_on=date(2026, 4, 20), signed_on=date(2026, 11, 10),
             plans_due_on=date(2027, 5, 31), accords_due_on=date(2027, 9, 30),
             state_signatory=STATE_EXAMPLE,
             funding=_current_funding(45_000_000, range(2027, 2028))),
        Spec("0181", GRANT_2018, date(2027, 1, 1), date(2027, 12, 31), S.NEGOTIATING,
             originals["0181"], offered_on=date(2026, 9, 15),
             status_reason="Första överläggningen hölls den 20 oktober 2026 (exempel)."),
        Spec("0126", GRANT_2018, date(2027, 1, 1), date(2027, 12, 31), S.OFFERED,
             originals["0126"], offered_on=date(2026, 11, 2)),
        Spec("1980", GRANT_2018, date(2026, 1, 1), date(2027, 12, 31), S.DECLINED,
             [district_code("1980", 1)], offered_on=date(2025, 9, 1),
             status_reason="Kommunen avböjde erbjudandet i december 2025 (exempel)."),
    ]  # fmt: skip


def ensure_agreements(
    demo: Demo, districts: dict[str, District]
) -> dict[tuple[str, str, int], Agreement]:
    """Every demo agreement by (municipality code, phase name, start year)."""
    specs = historic_specs() + current_specs()
    for spec in specs:
        spec.description = spec.description or CURRENT_NOTE
    codes = {spec.municipality for spec in specs}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    phases = {p.name: p for p in PolicyPhase.objects.all()}
    goal_areas = {g.code: g for g in GoalArea.objects.all()}
    agreements = {}
    for number, spec in enumerate(specs, start=1):
        municipality = municipalities[spec.municipality]
        signed = spec.signed_on is not None

        def link(agreement: Agreement, spec: Spec = spec) -> None:
            agreement.districts.set([districts[code] for code in spec.districts])
            agreement.goal_areas.set([goal_areas[code] for code in spec.goal_areas])

        agreement = demo.ensure(
            Agreement,
            {
                "municipality": municipality,
                "policy_phase": phases[spec.phase],
                "starts_on": spec.starts_on,
            },
            {
                "case_number": f"EX-{spec.offered_on.year}/{number:03d}",
                "title": f"Lokalt utvecklingsavtal {municipality.name} "
                f"{spec.starts_on.year}–{spec.ends_on.year}"
                if spec.starts_on.year != spec.ends_on.year
                else f"Lokalt utvecklingsavtal {municipality.name} {spec.starts_on.year}",
                "ends_on": spec.ends_on,
                "status": spec.status,
                "offered_on": spec.offered_on,
                "state_signatory": spec.state_signatory[0] if signed else "",
                "state_signatory_title": spec.state_signatory[1] if signed else "",
                "state_signed_on": spec.signed_on,
                "municipality_signatory": MUNICIPALITY_SIGNATORY if signed else "",
                "municipality_signatory_title": f"{municipality.name} kommun" if signed else "",
                "municipality_signed_on": spec.signed_on,
                "accords_due_on": spec.accords_due_on,
                "plans_due_on": spec.plans_due_on,
                "status_reason": spec.status_reason,
                "description": spec.description,
                "created_at": at(spec.offered_on),
            },
            after_create=link,
        )
        for year, state, own, note in spec.funding:
            demo.ensure(
                AgreementFunding,
                {"agreement": agreement, "year": year},
                {"state_amount_sek": state, "municipality_amount_sek": own, "note": note},
            )
        for year, text, decided_on in spec.revisions:
            demo.ensure(
                AgreementRevision,
                {"agreement": agreement, "year": year},
                {
                    "description": text,
                    "decided_on": decided_on,
                    "snapshot": {
                        "status": spec.status,
                        "ends_on": spec.ends_on.isoformat(),
                        "districts": spec.districts,
                    },
                    "created_by": demo.actor,
                    "created_at": at(decided_on),
                },
            )
        agreements[(spec.municipality, spec.phase, spec.starts_on.year)] = agreement
    return agreements
