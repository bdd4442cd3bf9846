"""Demo partnerships, strategic district plans (goals, indicators, measures) and cooperation
accords with commitments. All texts are example texts; the structure follows the seeds: the plan
is the partnership's steering document and the accords build on it [001:L26]."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from agreements.models import (
    Agreement,
    District,
    GoalArea,
    Measure,
    PlanGoal,
    StrategicDistrictPlan,
)
from agreements.reference import GRANT_2018, URBAN
from partnerships.models import (
    AccordCommitment,
    AgencyUnit,
    CooperationAccord,
    Partnership,
    PartnershipMember,
)
from reports.demo.base import Demo, at
from reports.demo.series import ELECTION_YEARS, SPECS, Area, Series
from reports.models import GoalIndicator, Indicator

P = StrategicDistrictPlan.Status
A = CooperationAccord.Status
K = PartnershipMember.Kind

MALMO = ("1280", GRANT_2018, 2025)
BOTKYRKA = ("0127", GRANT_2018, 2025)
GOTEBORG = ("1480", GRANT_2018, 2025)
LINKOPING = ("0580", GRANT_2018, 2026)
UPPSALA = ("0380", GRANT_2018, 2025)
LANDSKRONA = ("1282", GRANT_2018, 2025)
NORRKOPING = ("0581", GRANT_2018, 2023)
MALMO_2008 = ("1280", URBAN, 2008)

PLAN_AGREEMENTS = (MALMO, BOTKYRKA, GOTEBORG, LINKOPING, UPPSALA, LANDSKRONA, NORRKOPING)
# Plans not listed here are adopted.
PLAN_STATUS = {
    "1280-02": P.REVISED, "1280-04": P.DRAFT, "0127-02": P.DRAFT, "0127-03": P.REVISED,
    "1480-04": P.DRAFT, "0580-01": P.DRAFT, "0581-01": P.REVISED,
}  # fmt: skip
EXTRA_AREAS = ("demokrati", "halsa", "lokal-utveckling")
HOUSING = {"0380-01": "Uppsalahem AB"}
COORDINATORS = {"1280": "Amira Haddad", "0127": "Erik Nyström"}
FK_CONTACT = "Sara Holm"

GOAL_TEXT = {
    "arbete": "Fler boende i {d} har ett arbete och kan försörja sig själva.",
    "utbildning": "Fler elever i {d} går ut grundskolan med behörighet till gymnasiet.",
    "trygghet": "Fler boende i {d} känner sig trygga i sitt bostadsområde.",
    "demokrati": "Fler boende i {d} röstar och deltar i föreningslivet.",
    "halsa": "Ohälsan bland boende i {d} minskar.",
    "lokal-utveckling": "Inkomsterna i {d} närmar sig kommunens och fler lokala företag startar.",
}
GOAL_INDICATORS = {
    "arbete": ("sysselsattningsgrad", "ekonomiskt_bistand"),
    "utbildning": ("behorighet_gymnasiet",),
    "trygghet": ("otrygghet",),
    "demokrati": ("valdeltagande_kommunval",),
    "halsa": ("ohalsotal",),
    "lokal-utveckling": ("medianinkomst",),
}
# title, responsible (an agency unit name prefix or a member kind), budget in kr
MEASURES = {
    "arbete": [("Gemensam arbetsmarknadsmottagning i stadsdelen", "Arbetsförmedlingen", 1_200_000),
               ("Språkstöd kopplat till praktikplatser", K.MUNICIPALITY, 650_000)],
    "utbildning": [("Läxhjälp och lovskola", K.CIVIL_SOCIETY, 300_000),
                   ("Samverkan skola och socialtjänst vid hög frånvaro", K.MUNICIPALITY, 900_000)],
    "trygghet": [("Trygghetsvandringar med boende och polis", "Polis", 80_000),
                 ("Bättre belysning och tryggare gångstråk", K.HOUSING, 2_400_000)],
    "demokrati": [("Demokratiambassadörer inför valet", K.CIVIL_SOCIETY, 250_000)],
    "halsa": [("Tidiga samordnade insatser vid sjukskrivning", "Försäkringskassan", 400_000),
              ("Hälsoinformatörer på flera språk", K.REGION, 350_000)],
    "lokal-utveckling": [("Lokaler för nya företag i centrumhuset", K.PRIVATE, 1_500_000)],
}  # fmt: skip
MEASURE_STATUS_CYCLE = (
    Measure.Status.ONGOING,
    Measure.Status.DONE,
    Measure.Status.ONGOING,
    Measure.Status.PLANNED,
    Measure.Status.ONGOING,
    Measure.Status.CANCELLED,
)
COMMITMENT_TEXT = {
    "arbete": "Gemensam planering av insatser för arbetssökande i stadsdelen, med en namngiven "
    "kontaktperson på plats en dag i veckan.",
    "halsa": "Tidiga och samordnade insatser för sjukskrivna boende tillsammans med kommunen och "
    "regionen.",
    "utbildning": "Stöd till unga som saknar gymnasiebehörighet att gå vidare till studier eller "
    "arbete.",
    "trygghet": "Medverkan i trygghetsvandringar och en gemensam lägesbild två gånger per år.",
}


@dataclass(frozen=True)
class AccordSpec:
    agreement: tuple[str, str, int]
    unit: str
    status: str
    districts: tuple[str, ...]
    goal_areas: tuple[str, ...]
    signed_on: date | None = None
    proposed_by: str = CooperationAccord.Side.AGENCY
    proposed_on: date | None = None
    status_reason: str = ""
    ends_on: date | None = None


ACCORDS = [
    AccordSpec(MALMO, "Försäkringskassan Malmö", A.SIGNED, ("1280-01", "1280-02", "1280-03"),
               ("arbete", "halsa"), date(2025, 5, 20), proposed_on=date(2025, 3, 10)),
    AccordSpec(MALMO, "Arbetsförmedlingen Malmö", A.REVISED,
               ("1280-01", "1280-02", "1280-03", "1280-04", "1280-05"), ("arbete", "utbildning"),
               date(2025, 4, 10), "municipality", date(2025, 2, 14),
               "Reviderad i mars 2026 efter den årliga revideringen av avtalet (exempel)."),
    AccordSpec(MALMO, "Polisregion Syd", A.SIGNED, ("1280-01", "1280-02", "1280-05"),
               ("trygghet",), date(2025, 6, 12), proposed_on=date(2025, 4, 2)),
    AccordSpec(MALMO, "Brottsförebyggande rådet", A.PROPOSED, ("1280-01", "1280-02"),
               ("trygghet",), proposed_on=date(2026, 9, 1),
               status_reason="Brå har lämnat ett likalydande förslag till alla kommuner "
               "(exempel)."),
    AccordSpec(MALMO, "Skolverket", A.DRAFT, ("1280-03", "1280-04"), ("utbildning",),
               proposed_by=""),
    AccordSpec(BOTKYRKA, "Försäkringskassan Botkyrka", A.SIGNED, ("0127-01", "0127-03"),
               ("arbete", "halsa"), date(2025, 5, 28), proposed_on=date(2025, 3, 24)),
    AccordSpec(BOTKYRKA, "Arbetsförmedlingen Botkyrka", A.PROPOSED,
               ("0127-01", "0127-02", "0127-03"), ("arbete",), proposed_by="municipality",
               proposed_on=date(2026, 10, 5)),
    AccordSpec(BOTKYRKA, "Polisregion Stockholm", A.SIGNED, ("0127-01", "0127-02"),
               ("trygghet",), date(2025, 9, 3), proposed_on=date(2025, 6, 16)),
    AccordSpec(GOTEBORG, "Försäkringskassan Göteborg", A.DECLINED, ("1480-01", "1480-02"),
               ("arbete", "halsa"), proposed_on=date(2025, 4, 1),
               status_reason="Kommunen avböjde; samverkan sker inom samordningsförbundet "
               "(exempel)."),
    AccordSpec(GOTEBORG, "Arbetsförmedlingen Göteborg", A.SIGNED,
               ("1480-01", "1480-02", "1480-03", "1480-04", "1480-05"), ("arbete", "utbildning"),
               date(2025, 6, 18), proposed_on=date(2025, 4, 22)),
    AccordSpec(GOTEBORG, "Polisregion Väst", A.SIGNED, ("1480-02", "1480-03"), ("trygghet",),
               date(2025, 8, 21), proposed_on=date(2025, 5, 30)),
    AccordSpec(NORRKOPING, "Arbetsförmedlingen Norrköping", A.ENDED, ("0581-01",), ("arbete",),
               date(2023, 5, 15), proposed_on=date(2023, 3, 1)),
    AccordSpec(NORRKOPING, "Försäkringskassan Norrköping", A.ENDED, ("0581-01",),
               ("arbete", "halsa"), date(2023, 6, 1), proposed_on=date(2023, 3, 20)),
    AccordSpec(LANDSKRONA, "Försäkringskassan Landskrona", A.ENDED, ("1282-01",),
               ("arbete", "halsa"), date(2025, 5, 5), proposed_on=date(2025, 3, 3),
               status_reason="Upphörde när avtalet sades upp den 30 juni 2026 (exempel).",
               ends_on=date(2026, 6, 30)),
    AccordSpec(UPPSALA, "Arbetsförmedlingen Uppsala", A.SIGNED, ("0380-01",), ("arbete",),
               date(2025, 5, 12), proposed_on=date(2025, 3, 17)),
    AccordSpec(LINKOPING, "Arbetsförmedlingen Linköping", A.DRAFT, ("0580-01",),
               ("arbete", "utbildning"), proposed_by=""),
    AccordSpec(MALMO_2008, "Polismyndigheten i Skåne län", A.ENDED, ("1280-01",), ("trygghet",),
               date(2009, 5, 4), proposed_on=date(2009, 2, 2)),
    AccordSpec(MALMO_2008, "Försäkringskassan Malmö", A.ENDED, ("1280-01",), ("arbete",),
               date(2009, 6, 10), proposed_on=date(2009, 3, 9)),
    AccordSpec(MALMO_2008, "Arbetsförmedlingen Malmö", A.ENDED, ("1280-01",),
               ("arbete", "utbildning"), date(2009, 4, 20), proposed_on=date(2009, 2, 16)),
]  # fmt: skip


def short_name(district: District) -> str:
    return district.name.removesuffix(" (exempel)")


def region_name(county_name: str) -> str:
    """'Skåne län' → 'Region Skåne', 'Stockholms län' → 'Region Stockholm'."""
    stem = county_name.removesuffix(" län")
    if stem == "Västra Götalands":
        return "Västra Götalandsregionen"
    if stem.endswith("s") and not stem.endswith("ss"):
        stem = stem[:-1]
    return f"Region {stem}"


def ensure_partnership(demo: Demo, agreement: Agreement, district: District) -> Partnership:
    municipality = agreement.municipality
    name = short_name(district)
    partnership = demo.ensure(
        Partnership,
        {"agreement": agreement, "district": district},
        {
            "name": f"Lokalt partnerskap {name} {agreement.starts_on.year}",
            "description": "Exempeldata. Partnerskapet samlar kommunen, myndigheter som anslutit "
            "genom samverkansöverenskommelser, regionen, bostadsföretaget, näringslivet och "
            "civilsamhället.",
        },
    )
    joined = agreement.municipality_signed_on or agreement.starts_on
    members = [
        (K.MUNICIPALITY, f"{municipality.name} kommun",
         COORDINATORS.get(municipality.code, "Samordnare (exempel)")),
        (K.REGION, region_name(municipality.county.name), ""),
        (K.HOUSING, HOUSING.get(district.code, f"Allmännyttigt bostadsbolag i {municipality.name} "
                                               "(exempel)"), ""),
        (K.CIVIL_SOCIETY, f"Föreningsrådet i {name} (exempel)", ""),
        (K.PRIVATE, f"Företagarnätverket i {name} (exempel)", ""),
    ]  # fmt: skip
    if municipality.code == "1280":
        members.append((K.OTHER, f"Samordningsförbundet i {municipality.name} (exempel)", ""))
    for kind, member_name, contact in members:
        demo.ensure(
            PartnershipMember,
            {"partnership": partnership, "name": member_name},
            {"kind": kind, "joined_on": joined, "contact": contact},
        )
    return partnership


def _target(code: str, direction: str, baseline: Decimal, decimals: int) -> Decimal:
    step = Decimal(str(SPECS[code].target_step))
    sign = 1 if direction == Indicator.Direction.HIGHER else -1
    value = max(Decimal(0), baseline + sign * step)
    return value.quantize(Decimal(1).scaleb(-decimals))


def ensure_plan(
    demo: Demo,
    agreement: Agreement,
    district: District,
    status: str,
    areas: list[str],
    goal_areas: dict[str, GoalArea],
    indicators: dict[str, Indicator],
    series: Series | None,
) -> StrategicDistrictPlan:
    name = short_name(district)
    adopted_on = None
    if status != P.DRAFT:
        adopted_on = (agreement.plans_due_on or agreement.starts_on) - timedelta(days=14)
        if status == P.REVISED:
            adopted_on = date(min(agreement.ends_on.year, 2026), 3, 20)
    plan = demo.ensure(
        StrategicDistrictPlan,
        {"agreement": agreement, "district": district},
        {
            "status": status,
            "adopted_on": adopted_on,
            "current_situation": f"Exempeltext. {name} har lägre sysselsättning och fler hushåll "
            "med ekonomiskt bistånd än kommunen i genomsnitt; skolresultaten har försämrats och "
            "många boende upplever otrygghet kvällstid.",
            "analysis": "Exempeltext. Insatserna har varit kortsiktiga och projektbaserade. "
            "Samverkan mellan kommunen och de statliga myndigheterna behöver samordnas i tid och "
            "rum.",
            "goals_summary": "Målen följer avtalets målområden; se målen nedan.",
            "strategy": "Exempeltext. Arbetet sker inom ordinarie verksamhet, med en gemensam "
            "lägesbild och en samordnare i stadsdelen.",
            "measures_summary": "Se insatserna under respektive mål.",
            "resident_participation": f"Exempeltext. Boende i {name} har deltagit i "
            "nulägesbeskrivning, analys och val av insatser genom dialogmöten och "
            "trygghetsvandringar.",
            "follow_up": "Uppföljning en gång per år med indikatorerna i planen och i den årliga "
            "redovisningen den 1 oktober.",
        },
    )
    for position, area in enumerate(areas, start=1):
        goal = demo.ensure(
            PlanGoal,
            {"plan": plan, "position": position},
            {"goal_area": goal_areas[area], "text": GOAL_TEXT[area].format(d=name)},
        )
        if series is None:
            continue
        for code in GOAL_INDICATORS[area]:
            indicator = indicators[code]
            baseline_year = agreement.starts_on.year - 2
            target_year = agreement.ends_on.year
            if indicator.periodicity == Indicator.Periodicity.ELECTION:
                baseline_year = max(y for y in ELECTION_YEARS if y <= baseline_year)
                target_year = baseline_year + 4
            latest = series.latest(code, Area("district", district.code), baseline_year)
            if latest is None:
                continue
            year, value = latest
            demo.ensure(
                GoalIndicator,
                {"goal": goal, "indicator": indicator},
                {
                    "baseline_year": year,
                    "baseline_value": value,
                    "target_year": max(target_year, year),
                    "target_value": _target(code, indicator.direction, value, indicator.decimals),
                },
            )
    return plan


def ensure_plans(
    demo: Demo,
    agreements: dict[tuple[str, str, int], Agreement],
    districts: dict[str, District],
    goal_areas: dict[str, GoalArea],
    indicators: dict[str, Indicator],
    series: Series,
) -> tuple[dict[tuple, StrategicDistrictPlan], dict[tuple, Partnership]]:
    plans: dict[tuple, StrategicDistrictPlan] = {}
    partnerships: dict[tuple, Partnership] = {}
    for key in PLAN_AGREEMENTS:
        agreement = agreements[key]
        for index, district in enumerate(agreement.districts.order_by("code")):
            partnerships[(key, district.code)] = ensure_partnership(demo, agreement, district)
            areas = ["arbete", "utbildning", "trygghet", EXTRA_AREAS[index % 3]]
            plans[(key, district.code)] = ensure_plan(
                demo, agreement, district, PLAN_STATUS.get(district.code, P.ADOPTED), areas,
                goal_areas, indicators, series,
            )  # fmt: skip
    # One plan of the 2008–2010 period, for the accords of that time (no indicator series then).
    agreement = agreements[MALMO_2008]
    district = districts["1280-01"]
    partnerships[(MALMO_2008, district.code)] = ensure_partnership(demo, agreement, district)
    plans[(MALMO_2008, district.code)] = ensure_plan(
        demo,
        agreement,
        district,
        P.ADOPTED,
        ["arbete", "utbildning", "trygghet"],
        goal_areas,
        indicators,
        None,
    )
    return plans, partnerships


def ensure_accords(
    demo: Demo,
    agreements: dict[tuple[str, str, int], Agreement],
    plans: dict[tuple, StrategicDistrictPlan],
    partnerships: dict[tuple, Partnership],
    goal_areas: dict[str, GoalArea],
) -> dict[tuple, CooperationAccord]:
    units = {u.name: u for u in AgencyUnit.objects.filter(name__in={a.unit for a in ACCORDS})}
    accords = {}
    for number, spec in enumerate(ACCORDS, start=1):
        agreement = agreements[spec.agreement]
        unit = units[spec.unit]
        spec_plans = [plans[(spec.agreement, code)] for code in spec.districts]
        starts_on = max(agreement.starts_on, spec.signed_on or spec.proposed_on or date.min)
        signed = spec.signed_on is not None

        def link(accord, spec=spec, spec_plans=spec_plans):
            accord.plans.set(spec_plans)
            accord.goal_areas.set([goal_areas[code] for code in spec.goal_areas])

        accord = demo.ensure(
            CooperationAccord,
            {"agreement": agreement, "agency_unit": unit},
            {
                "municipality": agreement.municipality,
                "title": f"Samverkansöverenskommelse {unit.name} – "
                f"{agreement.municipality.name} kommun {agreement.starts_on.year}",
                "case_number": f"EX-SÖ-{starts_on.year}/{number:03d}",
                "starts_on": min(starts_on, agreement.ends_on),
                "ends_on": spec.ends_on or agreement.ends_on,
                "status": spec.status,
                "proposed_by": spec.proposed_by,
                "proposed_at": at(spec.proposed_on) if spec.proposed_on else None,
                "agency_signatory": "Chef för verksamhetsområdet (exempel)" if signed else "",
                "agency_signed_on": spec.signed_on,
                "municipality_signatory": "Kommundirektör (exempel)" if signed else "",
                "municipality_signed_on": spec.signed_on,
                "agency_contact": FK_CONTACT
                if unit.agency.name == "Försäkringskassan" and agreement.starts_on.year >= 2025
                else "",
                "municipality_contact": COORDINATORS.get(agreement.municipality.code, ""),
                "description": "Exempeldata. Överenskommelsen utgår från de strategiska "
                "stadsdelsplanerna och revideras vid behov.",
                "status_reason": spec.status_reason,
                "created_at": at(spec.proposed_on or agreement.starts_on),
            },
            after_create=link,
        )
        for plan in spec_plans:
            for goal in plan.goals.select_related("goal_area").order_by("position"):
                if goal.goal_area.code not in spec.goal_areas:
                    continue
                demo.ensure(
                    AccordCommitment,
                    {"accord": accord, "plan_goal": goal},
                    {
                        "what": COMMITMENT_TEXT[goal.goal_area.code],
                        "who": unit.name,
                        "when": f"{accord.starts_on.year}–{accord.ends_on.year}",
                        "resources": "Inom ordinarie verksamhet.",
                    },
                )
        if spec.status in {A.SIGNED, A.REVISED, A.ENDED}:
            for code in spec.districts:
                demo.ensure(
                    PartnershipMember,
                    {"partnership": partnerships[(spec.agreement, code)], "agency_unit": unit},
                    {
                        "kind": K.AGENCY,
                        "name": unit.name,
                        "accord": accord,
                        "joined_on": spec.signed_on,
                        "left_on": accord.ends_on if spec.status == A.ENDED else None,
                    },
                )
        accords[(spec.agreement, spec.unit)] = accord
    return accords


def ensure_measures(demo: Demo, plans: dict[tuple, StrategicDistrictPlan]) -> None:
    counter = 0
    for plan in plans.values():
        agreement = plan.agreement
        members = list(plan.district.partnerships.filter(agreement=agreement).get().members.all())
        for goal in plan.goals.select_related("goal_area").order_by("position"):
            for title, responsible, budget in MEASURES[goal.goal_area.code]:
                counter += 1
                member = next(
                    (m for m in members if m.agency_unit and m.name.startswith(responsible)),
                    None,
                ) or next(
                    (m for m in members if m.kind == responsible),
                    next(m for m in members if m.kind == K.MUNICIPALITY),
                )
                status = (
                    Measure.Status.PLANNED
                    if plan.status == P.DRAFT
                    else MEASURE_STATUS_CYCLE[counter % len(MEASURE_STATUS_CYCLE)]
                )
                starts_on = agreement.starts_on + timedelta(days=60 + 30 * (counter % 5))
                demo.ensure(
                    Measure,
                    {"goal": goal, "title": title},
                    {
                        "description": "Exempeltext. Insatsen genomförs gemensamt i partnerskapet.",
                        "responsible": member,
                        "starts_on": starts_on,
                        "ends_on": agreement.ends_on,
                        "resources": "Personal inom ordinarie verksamhet och lokaler i stadsdelen.",
                        "budget_sek": Decimal(budget),
                        "status": status,
                    },
                )
