"""Demo data of the grant (Exempeldata): applications in every state, a decision with payments,
follow-ups in review and accepted, for Malmö and Botkyrka.

`load_grant_demo()` builds on the project's demo data (`manage.py load_demo_data`: users and
districts) and the reference data (rounds 2018–2027). It runs the real services with fixed dates,
so every rule of förordning (2018:151) holds for the demo too. Idempotent: a scenario whose
application exists already is skipped. Returns the number of applications created.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from agreements.models import District, GoalArea, Municipality
from grants import services
from grants.models import GrantApplication, GrantBudgetLine, GrantFollowUp, GrantRound
from partnerships.models import Agency, AgencyMembership
from reports.demo.base import at
from reports.models import Indicator

PASSWORD = "udavtal-demo"
DELMOS_USER = "myndighet.delmos"
MNKR = Decimal("1000000")
EXAMPLE = "Exempeldata: "


class GrantDemoMissing(Exception):
    """The grant demo needs the rounds (reference data) and the demo users and districts."""


def _user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise GrantDemoMissing(
            f"Användaren {username} saknas. Kör först ”python manage.py load_demo_data”."
        )
    return user


def _delmos_officer():
    agency = Agency.objects.get(name="Delegationen mot segregation")
    user, created = get_user_model().objects.get_or_create(
        username=DELMOS_USER,
        defaults={
            "first_name": "Leila",
            "last_name": "Karimi",
            "title": "Handläggare, Delegationen mot segregation",
            "email": f"{DELMOS_USER}@udavtal.example.se",
            "password": make_password(PASSWORD),
        },
    )
    if created:
        AgencyMembership.objects.get_or_create(user=user, agency=agency)
    return user


def _districts(code: str, count: int) -> list[District]:
    rows = list(District.objects.filter(municipality__code=code).order_by("code")[:count])
    if not rows:
        raise GrantDemoMissing(f"Stadsdelar för kommun {code} saknas. Kör load_demo_data först.")
    return rows


def _round(year: int) -> GrantRound:
    grant_round = GrantRound.objects.filter(year=year).select_related("programme").first()
    if grant_round is None:
        raise GrantDemoMissing("Bidragsomgångarna saknas. Kör ”python manage.py migrate”.")
    return grant_round


def _fill(application, coordinator, districts, *, goal_text, measures, budget) -> None:
    """Districts, one goal with two indicators, the measures and the budget of an application."""
    services.application_update(
        application=application,
        expected_version=application.version,
        title=application.title,
        description=EXAMPLE
        + "Långsiktiga insatser för barn och unga, sysselsättning och trygghet i "
        + ", ".join(d.name for d in districts)
        + ", tillsammans med bostadsbolaget och civilsamhället.",
        timetable="Start i januari; insatserna utvärderas varje höst.",
        contact_name=f"{coordinator.get_full_name()}",
        last_year=application.last_year,
        districts=districts,
        actor=coordinator,
    )
    arbete = GoalArea.objects.get(code="arbete")
    indicators = list(Indicator.objects.filter(goal_area=arbete).order_by("position")[:2])
    services.goal_save(
        application=application,
        goal=None,
        goal_area=arbete,
        text=goal_text,
        indicators=[
            {
                "indicator": indicator,
                "baseline_year": application.first_year - 1,
                "baseline_value": Decimal("52.0") + n,
                "target_year": application.last_year,
                "target_value": Decimal("58.0") + n,
            }
            for n, indicator in enumerate(indicators)
        ],
        actor=coordinator,
    )
    for title, area_code, starts_on, ends_on, measure_districts in measures:
        services.measure_save(
            application=application,
            measure=None,
            title=title,
            description=EXAMPLE + title.lower() + ".",
            goal_area=GoalArea.objects.get(code=area_code),
            plan_goal=None,
            districts=measure_districts,
            responsible="Kommunens samordnare",
            starts_on=starts_on,
            ends_on=ends_on,
            actor=coordinator,
        )
    application.refresh_from_db()
    services.budget_set(
        application=application,
        lines=[
            {
                "year": year,
                "cost_type": cost_type,
                "district": district,
                "cost_sek": cost * MNKR,
                "own_financing_sek": own * MNKR,
                "applied_sek": applied * MNKR,
                "note": "",
            }
            for year, cost_type, district, cost, own, applied in budget
        ],
        expected_version=application.version,
        actor=coordinator,
    )


def _start(year, code, coordinator, title, last_year, today):
    return services.application_create(
        grant_round=_round(year),
        municipality=Municipality.objects.get(code=code),
        title=title + " (exempel)",
        last_year=last_year,
        actor=coordinator,
        today=today,
    )


def _dated(application, day: date) -> None:
    """The services stamp submissions with the clock; the demo tells a story in 2018–2019."""
    GrantApplication.objects.filter(pk=application.pk).update(submitted_at=at(day))


def _follow_up(application, year, coordinator, used):
    follow_up = services.follow_up_start(application=application, year=year, actor=coordinator)
    services.follow_up_update(
        follow_up=follow_up,
        expected_version=follow_up.version,
        summary=EXAMPLE + "Insatserna genomfördes i huvudsak enligt tidplanen.",
        goal_fulfilment="Sysselsättningen ökade något; årets mål nåddes delvis.",
        obstacles="Svårt att rekrytera personal under våren.",
        entries=[
            {"entry": entry, "done": "Genomfört enligt plan.", "used_sek": used}
            for entry in follow_up.entries.all()
        ],
        results=[
            {"result": result, "value": Decimal("53.4"), "comment": "Preliminärt utfall."}
            for result in follow_up.results.all()
        ],
        actor=coordinator,
    )
    services.follow_up_submit(follow_up=follow_up, actor=coordinator)
    GrantFollowUp.objects.filter(pk=follow_up.pk).update(submitted_at=at(date(year + 1, 3, 20)))
    return follow_up


@transaction.atomic
def _open_coming_round(officer, eligible: list[Municipality]) -> None:
    """The coming year's round takes applications today, so that a newcomer can apply as a
    coordinator: its window is widened around today and it is opened to the 32 municipalities
    of 2018 (through the officers' service, with history). Nothing happens once it is open, or
    after the programme's last year."""
    today = timezone.localdate()
    grant_round = GrantRound.objects.filter(year=today.year + 1).first()
    if grant_round is None:
        return
    if grant_round.window_contains(today) and grant_round.eligible_municipalities.exists():
        return
    opens_on = min(grant_round.opens_on, today - timedelta(days=30))
    closes_on = max(grant_round.closes_on, today + timedelta(days=60))
    decisions_due_on = grant_round.decisions_due_on
    if decisions_due_on is not None and decisions_due_on < closes_on:
        decisions_due_on = closes_on + timedelta(days=31)
    services.round_update(
        grant_round=grant_round,
        expected_version=grant_round.version,
        opens_on=opens_on,
        closes_on=closes_on,
        decisions_due_on=decisions_due_on,
        follow_up_due_on=grant_round.follow_up_due_on,
        administering_body=grant_round.administering_body,
        advisory_body=grant_round.advisory_body,
        eligible_municipalities={*grant_round.eligible_municipalities.all(), *eligible},
        note=grant_round.note,
        actor=officer,
    )


def load_grant_demo() -> int:
    officer = _user("handlaggare")
    malmo_user = _user("samordnare.malmo")
    botkyrka_user = _user("samordnare.botkyrka")
    delmos = _delmos_officer()
    malmo_districts = _districts("1280", 2)
    botkyrka_districts = _districts("0127", 2)
    P, A, ADM = (
        GrantBudgetLine.CostType.PERSONNEL,
        GrantBudgetLine.CostType.ACTIVITIES,
        GrantBudgetLine.CostType.ADMINISTRATION,
    )
    created = 0

    # Later rounds: the officers opened them to the same 32 municipalities as in 2018.
    eligible_2018 = list(_round(2018).eligible_municipalities.all())
    for year in (2019, 2020):
        later = _round(year)
        if not later.eligible_municipalities.exists():
            later.eligible_municipalities.add(*eligible_2018)

    _open_coming_round(officer, eligible_2018)

    # Malmö 2018: decided, paid, follow-up accepted.
    if not GrantApplication.objects.filter(round__year=2018, municipality__code="1280").exists():
        app = _start(
            2018, "1280", malmo_user, "Fler i arbete i Malmös stadsdelar", 2018, date(2018, 4, 10)
        )
        _fill(
            app,
            malmo_user,
            malmo_districts,
            goal_text="Fler unga vuxna i arbete eller studier",
            measures=[
                (
                    "Sommarjobb och feriepraktik för unga",
                    "arbete",
                    date(2018, 5, 1),
                    date(2018, 9, 30),
                    malmo_districts,
                ),
                (
                    "Stadsdelsvärdar och trygghetsvandringar",
                    "trygghet",
                    date(2018, 3, 1),
                    date(2018, 12, 31),
                    malmo_districts[:1],
                ),
            ],
            budget=[
                (2018, P, malmo_districts[0], 8, 1, 7),
                (2018, P, malmo_districts[1], 6, 1, 5),
                (2018, ADM, None, 1, Decimal("0.5"), Decimal("0.5")),
            ],
        )
        services.application_submit(application=app, actor=malmo_user, today=date(2018, 5, 2))
        _dated(app, date(2018, 5, 2))
        services.advisory_comment_add(
            application=app,
            agency=Agency.objects.get(name="Delegationen mot segregation"),
            text="Delegationen tillstyrker. Insatserna bygger på stadsdelsplanerna och har "
            "tydliga mål.",
            actor=delmos,
        )
        decision = services.decision_make(
            application=app,
            amounts={2018: Decimal("12") * MNKR},
            reasoning="Ansökan uppfyller förordningens krav och insatserna är långsiktiga.",
            conditions="Uppföljning per stadsdel senast 31 mars 2019.",
            decided_on=date(2018, 6, 20),
            case_number="Tillv 2018-0412",
            actor=officer,
        )
        amount = decision.amounts.get()
        for due_on, sum_mnkr in ((date(2018, 7, 2), 6), (date(2018, 10, 1), 6)):
            payment = services.payment_plan(
                decision_amount=amount, amount_sek=sum_mnkr * MNKR, due_on=due_on, actor=officer
            )
            services.payment_record(payment=payment, paid_on=due_on, actor=officer)
        follow_up = _follow_up(app, 2018, malmo_user, Decimal("3.5") * MNKR)
        services.follow_up_accept(follow_up=follow_up, actor=officer)
        GrantFollowUp.objects.filter(pk=follow_up.pk).update(reviewed_at=at(date(2019, 4, 10)))
        services.reclaim_record(
            decision_amount=amount,
            kind="unused",
            amount_sek=Decimal("250000"),
            reason="Feriepraktiken startade senare än planerat.",
            decided_on=date(2019, 5, 15),
            actor=officer,
        )
        created += 1

    # Botkyrka 2018–2020: decided for three years, 2018 paid, follow-up 2018 waiting for review.
    if not GrantApplication.objects.filter(round__year=2018, municipality__code="0127").exists():
        app = _start(
            2018, "0127", botkyrka_user, "Trygghet och skola i Botkyrka", 2020, date(2018, 4, 20)
        )
        _fill(
            app,
            botkyrka_user,
            botkyrka_districts,
            goal_text="Fler elever behöriga till gymnasiet",
            measures=[
                (
                    "Läxhjälp och lovskola",
                    "utbildning",
                    date(2018, 6, 1),
                    date(2020, 12, 31),
                    botkyrka_districts,
                ),
                (
                    "Föreningsstöd för unga",
                    "demokrati",
                    date(2018, 9, 1),
                    date(2019, 12, 31),
                    botkyrka_districts[1:],
                ),
            ],
            budget=[(y, A, d, 5, 1, 4) for y in (2018, 2019, 2020) for d in botkyrka_districts]
            + [(y, ADM, None, 1, Decimal("0.2"), Decimal("0.8")) for y in (2018, 2019, 2020)],
        )
        services.application_submit(application=app, actor=botkyrka_user, today=date(2018, 5, 10))
        _dated(app, date(2018, 5, 10))
        decision = services.decision_make(
            application=app,
            amounts={2018: 7 * MNKR, 2019: 8 * MNKR, 2020: 8 * MNKR},
            reasoning="Ansökan uppfyller kraven. Bidraget beviljas för tre år.",
            conditions="Uppföljning per år och stadsdel.",
            decided_on=date(2018, 6, 25),
            case_number="Tillv 2018-0433",
            actor=officer,
        )
        amounts = {a.round.year: a for a in decision.amounts.select_related("round")}
        payment = services.payment_plan(
            decision_amount=amounts[2018],
            amount_sek=Decimal("7") * MNKR,
            due_on=date(2018, 7, 2),
            actor=officer,
        )
        services.payment_record(payment=payment, paid_on=date(2018, 7, 3), actor=officer)
        services.payment_plan(
            decision_amount=amounts[2019],
            amount_sek=Decimal("8") * MNKR,
            due_on=date(2019, 2, 1),
            actor=officer,
        )
        _follow_up(app, 2018, botkyrka_user, Decimal("2") * MNKR)
        created += 1

    # Malmö 2019: submitted, waiting for a decision.
    if not GrantApplication.objects.filter(round__year=2019, municipality__code="1280").exists():
        app = _start(
            2019, "1280", malmo_user, "Trygga mötesplatser i Malmö", 2019, date(2018, 10, 15)
        )
        _fill(
            app,
            malmo_user,
            malmo_districts,
            goal_text="Ökad upplevd trygghet",
            measures=[
                (
                    "Öppna mötesplatser kvällstid",
                    "trygghet",
                    date(2019, 1, 15),
                    date(2019, 12, 15),
                    malmo_districts,
                )
            ],
            budget=[(2019, A, d, 4, Decimal("0.5"), Decimal("3.5")) for d in malmo_districts],
        )
        services.application_submit(application=app, actor=malmo_user, today=date(2018, 11, 20))
        _dated(app, date(2018, 11, 20))
        created += 1

    # Malmö 2020: a draft.
    if not GrantApplication.objects.filter(round__year=2020, municipality__code="1280").exists():
        _start(2020, "1280", malmo_user, "Språk och arbete i Malmö", 2021, date(2019, 10, 20))
        created += 1
    return created
