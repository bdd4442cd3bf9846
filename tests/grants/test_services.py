"""Services of the grant app: the rules of förordning (2018:151) and the review cycles."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants import services
from grants.models import GrantApplication, GrantBudgetLine, GrantDecisionAmount, GrantPayment
from reports.models import ReviewStatus
from tests import factories
from tests.factories import grants as gf
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

IN_WINDOW = datetime.date(2019, 10, 15)
MNKR = Decimal("1000000")


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages).replace("\xa0", " ")


@pytest.fixture
def round_2020(malmo):
    return gf.grant_round(2020, eligible=[malmo])


def test_eligible_municipality_starts_an_application_in_the_window(round_2020, malmo, officer):
    app = services.application_create(
        grant_round=round_2020,
        municipality=malmo,
        title="Trygg i Rosengård",
        last_year=2022,
        actor=officer,
        today=IN_WINDOW,
    )
    assert (app.status, app.first_year, app.last_year) == ("draft", 2020, 2022)


def test_municipality_that_is_not_eligible_cannot_apply(round_2020, botkyrka, officer):
    with pytest.raises(ValidationError) as error:
        services.application_create(
            grant_round=round_2020,
            municipality=botkyrka,
            title="X",
            last_year=2020,
            actor=officer,
            today=IN_WINDOW,
        )
    assert "Botkyrka kan inte ansöka om statsbidrag för 2020" in _messages(error.value)


def test_application_outside_the_window_is_refused(round_2020, malmo, officer):
    with pytest.raises(ValidationError) as error:
        services.application_create(
            grant_round=round_2020,
            municipality=malmo,
            title="X",
            last_year=2020,
            actor=officer,
            today=datetime.date(2019, 12, 1),
        )
    assert "Ansökningstiden för 2020 är 2019-10-01–2019-11-30" in _messages(error.value)


def test_application_for_more_than_three_calendar_years_is_refused(round_2020, malmo, officer):
    with pytest.raises(ValidationError) as error:
        services.application_create(
            grant_round=round_2020,
            municipality=malmo,
            title="X",
            last_year=2023,
            actor=officer,
            today=IN_WINDOW,
        )
    assert "högst 3 kalenderår (2020–2022)" in _messages(error.value)


def test_application_beyond_the_programme_is_refused(malmo, officer):
    grant_round = gf.grant_round(2027, eligible=[malmo])
    with pytest.raises(ValidationError) as error:
        services.application_create(
            grant_round=grant_round,
            municipality=malmo,
            title="X",
            last_year=2028,
            actor=officer,
            today=datetime.date(2026, 10, 2),
        )
    assert "till och med 2027" in _messages(error.value)


def test_second_application_of_a_municipality_in_a_round_is_refused(round_2020, malmo, officer):
    gf.application(round_2020, malmo, complete=False)
    with pytest.raises(ValidationError) as error:
        services.application_create(
            grant_round=round_2020,
            municipality=malmo,
            title="X",
            last_year=2020,
            actor=officer,
            today=IN_WINDOW,
        )
    assert "redan en ansökan" in _messages(error.value)


def _line(year, cost, own, applied, cost_type=GrantBudgetLine.CostType.PERSONNEL):
    return {
        "year": year,
        "cost_type": cost_type,
        "district": None,
        "cost_sek": Decimal(cost),
        "own_financing_sek": Decimal(own),
        "applied_sek": Decimal(applied),
        "note": "",
    }


def test_grant_share_of_exactly_ninety_percent_is_accepted():
    services.check_grant_share(lines=[_line(2020, 1000, 100, 900)], max_share_percent=Decimal("90"))


def test_grant_share_above_ninety_percent_in_a_year_is_refused():
    with pytest.raises(ValidationError) as error:
        services.check_grant_share(
            lines=[_line(2020, 1000, 100, 900), _line(2021, 1000, 0, 950)],
            max_share_percent=Decimal("90"),
        )
    text = _messages(error.value)
    assert "Sökt bidrag för 2021 (950 kr) är mer än 90 procent av kostnaderna (1 000 kr)" in text
    assert "2020" not in text


def test_grant_share_is_summed_over_cost_types_of_a_year():
    # Personnel at 100 % is fine when the year as a whole stays at 90 %.
    services.check_grant_share(
        lines=[
            _line(2020, 500, 0, 500),
            _line(2020, 500, 100, 400, GrantBudgetLine.CostType.PREMISES),
        ],
        max_share_percent=Decimal("90"),
    )


def test_grant_share_in_total_is_checked_too():
    with pytest.raises(ValidationError) as error:
        services.check_grant_share(
            lines=[_line(2020, 1000, 0, 1000), _line(2021, 1000, 0, 1000)],
            max_share_percent=Decimal("90"),
        )
    assert "Sökt bidrag totalt (2 000 kr) är mer än 90 procent" in _messages(error.value)


def test_budget_with_more_than_ninety_percent_cannot_be_saved(round_2020, malmo):
    app = gf.application(round_2020, malmo, complete=False)
    with pytest.raises(ValidationError):
        services.budget_set(
            application=app,
            lines=[_line(2020, 1000, 50, 950)],
            expected_version=app.version,
            actor=app.created_by,
        )
    assert not app.budget_lines.exists()


def test_budget_year_outside_the_application_is_refused(round_2020, malmo):
    app = gf.application(round_2020, malmo, complete=False)
    with pytest.raises(ValidationError) as error:
        services.budget_set(
            application=app,
            lines=[_line(2021, 1000, 100, 900)],
            expected_version=app.version,
            actor=app.created_by,
        )
    assert "Budgetåret 2021 ligger utanför" in _messages(error.value)


def test_coordinator_submits_a_complete_application(round_2020, malmo, coordinator_malmo):
    app = gf.application(round_2020, malmo, created_by=coordinator_malmo)
    services.application_submit(application=app, actor=coordinator_malmo, today=IN_WINDOW)
    app.refresh_from_db()
    assert app.status == "submitted"
    assert app.submitted_by == coordinator_malmo
    assert app.history.first().history_change_reason == "Ansökan inlämnad"


def test_incomplete_application_cannot_be_submitted(round_2020, malmo, coordinator_malmo):
    app = gf.application(round_2020, malmo, complete=False)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=app, actor=coordinator_malmo, today=IN_WINDOW)
    assert "Ange minst en stadsdel" in _messages(error.value)
    assert "Fyll i budgeten" in _messages(error.value)


def test_application_cannot_be_submitted_after_the_window(round_2020, malmo, coordinator_malmo):
    app = gf.application(round_2020, malmo)
    with pytest.raises(ValidationError):
        services.application_submit(
            application=app, actor=coordinator_malmo, today=datetime.date(2019, 12, 1)
        )


def test_submitted_application_can_no_longer_be_changed(round_2020, malmo, coordinator_malmo):
    app = gf.application(round_2020, malmo, status="submitted")
    with pytest.raises(TransitionNotAllowed):
        services.budget_set(
            application=app,
            lines=[_line(2020, 1000, 100, 900)],
            expected_version=app.version,
            actor=coordinator_malmo,
        )


def test_advisory_body_comments_on_a_submitted_application(malmo):
    delmos = factories.AgencyFactory(name="Delegationen mot segregation")
    officer = factories.agency_officer(delmos, username="delmos")
    grant_round = gf.grant_round(2020, eligible=[malmo], advisory_body=delmos)
    app = gf.application(grant_round, malmo, status="submitted")
    comment = services.advisory_comment_add(
        application=app, agency=delmos, text="Väl förankrat.", actor=officer
    )
    assert comment.agency == delmos


def test_advisory_comment_on_a_draft_is_refused(malmo):
    delmos = factories.AgencyFactory(name="Delegationen mot segregation")
    grant_round = gf.grant_round(2020, eligible=[malmo], advisory_body=delmos)
    app = gf.application(grant_round, malmo)
    with pytest.raises(TransitionNotAllowed):
        services.advisory_comment_add(
            application=app, agency=delmos, text="Tidigt.", actor=app.created_by
        )


def _decide(app, actor, amounts, **kwargs):
    return services.decision_make(
        application=app,
        amounts=amounts,
        reasoning="Ansökan uppfyller villkoren.",
        conditions="Redovisning senast 31 mars.",
        decided_on=datetime.date(2020, 1, 20),
        actor=actor,
        **kwargs,
    )


def test_officer_decides_amounts_per_year(malmo, officer):
    rounds = [gf.grant_round(year, eligible=[malmo]) for year in (2020, 2021)]
    app = gf.application(rounds[0], malmo, status="submitted", years=2)
    decision = _decide(app, officer, {2020: Decimal("900000"), 2021: Decimal("800000")})
    app.refresh_from_db()
    assert app.status == "decided"
    assert {(a.round.year, a.amount_sek) for a in decision.amounts.all()} == {
        (2020, Decimal("900000")),
        (2021, Decimal("800000")),
    }


def test_nobody_decides_on_an_application_they_wrote(round_2020, malmo, officer):
    app = gf.application(round_2020, malmo, status="submitted", created_by=officer)
    with pytest.raises(PermissionDenied):
        _decide(app, officer, {2020: Decimal("1")})


def test_decision_above_the_amount_applied_for_is_refused(round_2020, malmo, officer):
    app = gf.application(round_2020, malmo, status="submitted")
    with pytest.raises(ValidationError) as error:
        _decide(app, officer, {2020: Decimal("900001")})
    assert "mer än det sökta" in _messages(error.value)


def test_decision_for_a_year_outside_the_application_is_refused(round_2020, malmo, officer):
    app = gf.application(round_2020, malmo, status="submitted")
    with pytest.raises(ValidationError) as error:
        _decide(app, officer, {2021: Decimal("1")})
    assert "Ansökan gäller 2020–2020, inte 2021" in _messages(error.value)


def test_decision_that_would_exceed_the_appropriation_is_refused(malmo, botkyrka, officer):
    grant_round = gf.grant_round(2020, appropriation=Decimal("1500000"), eligible=[malmo, botkyrka])
    first = gf.application(grant_round, malmo, status="submitted")
    second = gf.application(grant_round, botkyrka, status="submitted")
    _decide(first, officer, {2020: Decimal("900000")})
    with pytest.raises(ValidationError) as error:
        _decide(second, officer, {2020: Decimal("600001")})
    assert "överskrider anslaget för 2020" in _messages(error.value)
    assert "bara 600 000 kr återstår" in _messages(error.value)
    second.refresh_from_db()
    assert second.status == "submitted"
    _decide(second, officer, {2020: Decimal("600000")})
    assert sum(a.amount_sek for a in GrantDecisionAmount.objects.all()) == Decimal("1500000")


def test_decision_needs_an_appropriation_for_the_year(malmo, officer):
    grant_round = gf.grant_round(2020, appropriation=None, eligible=[malmo])
    app = gf.application(grant_round, malmo, status="submitted")
    with pytest.raises(ValidationError) as error:
        _decide(app, officer, {2020: Decimal("1")})
    assert "inget anslag för 2020" in _messages(error.value)


def test_decision_on_a_draft_is_refused(round_2020, malmo, officer):
    app = gf.application(round_2020, malmo)
    with pytest.raises(TransitionNotAllowed):
        _decide(app, officer, {2020: Decimal("1")})


@pytest.fixture
def decided(round_2020, malmo, officer):
    app = gf.application(round_2020, malmo, status="submitted")
    decision = _decide(app, officer, {2020: Decimal("900000")})
    return decision.amounts.get()


def test_payments_cannot_exceed_the_decided_amount(decided, officer):
    services.payment_plan(
        decision_amount=decided,
        amount_sek=Decimal("600000"),
        due_on=datetime.date(2020, 2, 1),
        actor=officer,
    )
    with pytest.raises(ValidationError) as error:
        services.payment_plan(
            decision_amount=decided,
            amount_sek=Decimal("300001"),
            due_on=datetime.date(2020, 8, 1),
            actor=officer,
        )
    assert "mer än det beviljade beloppet 900 000 kr" in _messages(error.value)


def test_recorded_payment_is_paid_and_cannot_be_recorded_twice(decided, officer):
    payment = services.payment_plan(
        decision_amount=decided,
        amount_sek=Decimal("900000"),
        due_on=datetime.date(2020, 2, 1),
        actor=officer,
    )
    services.payment_record(payment=payment, paid_on=datetime.date(2020, 2, 3), actor=officer)
    payment.refresh_from_db()
    assert (payment.status, payment.paid_on) == ("paid", datetime.date(2020, 2, 3))
    with pytest.raises(TransitionNotAllowed):
        services.payment_record(payment=payment, paid_on=datetime.date(2020, 2, 4), actor=officer)


def test_reclaim_cannot_exceed_what_was_paid(decided, officer):
    payment = services.payment_plan(
        decision_amount=decided,
        amount_sek=Decimal("500000"),
        due_on=datetime.date(2020, 2, 1),
        actor=officer,
    )
    services.payment_record(payment=payment, paid_on=datetime.date(2020, 2, 1), actor=officer)
    services.reclaim_record(
        decision_amount=decided,
        kind="unused",
        amount_sek=Decimal("100000"),
        reason="Insatsen startade senare.",
        decided_on=datetime.date(2021, 5, 1),
        actor=officer,
    )
    with pytest.raises(ValidationError) as error:
        services.reclaim_record(
            decision_amount=decided,
            kind="misused",
            amount_sek=Decimal("400001"),
            reason="X",
            decided_on=datetime.date(2021, 5, 1),
            actor=officer,
        )
    assert "mer än det utbetalda beloppet 500 000 kr" in _messages(error.value)


def _fill(follow_up, actor, used=Decimal("800000")):
    services.follow_up_update(
        follow_up=follow_up,
        expected_version=follow_up.version,
        summary="Året gick enligt plan.",
        goal_fulfilment="Delvis uppnått.",
        obstacles="",
        entries=[
            {"entry": e, "done": "Sommarjobb för 40 unga.", "used_sek": used}
            for e in follow_up.entries.all()
        ],
        results=[
            {"result": r, "value": Decimal("52.5"), "comment": ""} for r in follow_up.results.all()
        ],
        actor=actor,
    )


def test_follow_up_runs_submit_return_submit_accept(decided, coordinator_malmo, officer):
    app = decided.decision.application
    follow_up = services.follow_up_start(application=app, year=2020, actor=coordinator_malmo)
    assert follow_up.entries.count() == 1
    assert follow_up.results.count() == 1
    _fill(follow_up, coordinator_malmo)
    services.follow_up_submit(follow_up=follow_up, actor=coordinator_malmo)
    services.follow_up_return(follow_up=follow_up, note="Beskriv resultaten.", actor=officer)
    assert follow_up.status == ReviewStatus.RETURNED
    _fill(follow_up, coordinator_malmo)
    services.follow_up_submit(follow_up=follow_up, actor=coordinator_malmo)
    services.follow_up_accept(follow_up=follow_up, actor=officer)
    follow_up.refresh_from_db()
    assert follow_up.status == ReviewStatus.ACCEPTED
    assert follow_up.reviewed_by == officer


def test_accepted_follow_up_cannot_be_changed(decided, coordinator_malmo, officer):
    follow_up = services.follow_up_start(
        application=decided.decision.application, year=2020, actor=coordinator_malmo
    )
    _fill(follow_up, coordinator_malmo)
    services.follow_up_submit(follow_up=follow_up, actor=coordinator_malmo)
    services.follow_up_accept(follow_up=follow_up, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        _fill(follow_up, coordinator_malmo)
    with pytest.raises(TransitionNotAllowed):
        services.follow_up_return(follow_up=follow_up, note="X", actor=officer)


def test_nobody_accepts_a_follow_up_they_wrote(decided, officer):
    follow_up = services.follow_up_start(
        application=decided.decision.application, year=2020, actor=officer
    )
    _fill(follow_up, officer)
    services.follow_up_submit(follow_up=follow_up, actor=officer)
    with pytest.raises(PermissionDenied):
        services.follow_up_accept(follow_up=follow_up, actor=officer)


def test_follow_up_cannot_report_more_used_than_decided(decided, coordinator_malmo):
    follow_up = services.follow_up_start(
        application=decided.decision.application, year=2020, actor=coordinator_malmo
    )
    _fill(follow_up, coordinator_malmo, used=Decimal("900001"))
    with pytest.raises(ValidationError) as error:
        services.follow_up_submit(follow_up=follow_up, actor=coordinator_malmo)
    assert "mer än det beviljade beloppet" in _messages(error.value)


def test_follow_up_only_for_a_decided_year(decided, coordinator_malmo):
    with pytest.raises(ValidationError):
        services.follow_up_start(
            application=decided.decision.application, year=2021, actor=coordinator_malmo
        )


def test_payment_status_and_application_status_values_match_the_badges():
    assert set(GrantPayment.Status.values) == {"planned", "paid"}
    assert set(GrantApplication.Status.values) == {"draft", "submitted", "decided"}
