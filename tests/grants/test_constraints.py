"""Rules the database holds itself, whatever code path writes (DESIGN: constraints in the
database): years in order and at most three, amounts not negative, one round per year, one
decided amount per application and year, financing within the cost."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from grants.models import (
    GrantBudgetLine,
    GrantDecision,
    GrantDecisionAmount,
    GrantPayment,
    GrantRound,
)
from tests.factories import grants as gf

pytestmark = pytest.mark.django_db


def _refused(save) -> bool:
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        return True
    return False


def test_application_for_four_calendar_years_is_refused_by_the_database(grant_round, malmo):
    app = gf.application(grant_round, malmo, complete=False)
    app.last_year = app.first_year + 3
    assert _refused(app.save)


def test_application_years_out_of_order_are_refused(grant_round, malmo):
    app = gf.application(grant_round, malmo, complete=False)
    app.last_year = app.first_year - 1
    assert _refused(app.save)


def test_second_round_for_the_same_year_is_refused(grant_round):
    duplicate = GrantRound(
        programme=grant_round.programme,
        year=grant_round.year,
        opens_on=datetime.date(2019, 1, 1),
        closes_on=datetime.date(2019, 2, 1),
    )
    assert _refused(duplicate.save)


def test_round_window_out_of_order_is_refused(grant_round):
    grant_round.closes_on = grant_round.opens_on - datetime.timedelta(days=1)
    assert _refused(grant_round.save)


def test_budget_line_with_grant_and_own_financing_above_cost_is_refused(grant_round, malmo):
    app = gf.application(grant_round, malmo, complete=False)
    line = GrantBudgetLine(
        application=app, year=2020, cost_type="personnel", cost_sek=Decimal("100"),
        own_financing_sek=Decimal("20"), applied_sek=Decimal("90"),
    )  # fmt: skip
    assert _refused(line.save)


def test_negative_budget_amounts_are_refused(grant_round, malmo):
    app = gf.application(grant_round, malmo, complete=False)
    line = GrantBudgetLine(
        application=app, year=2020, cost_type="personnel", cost_sek=Decimal("100"),
        own_financing_sek=Decimal("-10"), applied_sek=Decimal("90"),
    )  # fmt: skip
    assert _refused(line.save)


@pytest.fixture
def decision(grant_round, malmo, officer):
    app = gf.application(grant_round, malmo, status="decided")
    return GrantDecision.objects.create(
        application=app, decided_on=datetime.date(2020, 1, 20), decided_by=officer,
        reasoning="Ok.",
    )  # fmt: skip


def test_two_decided_amounts_for_one_application_and_year_are_refused(decision, grant_round):
    GrantDecisionAmount.objects.create(
        decision=decision, round=grant_round, amount_sek=Decimal("1")
    )
    second = GrantDecisionAmount(decision=decision, round=grant_round, amount_sek=Decimal("2"))
    assert _refused(second.save)


def test_negative_decided_amount_is_refused(decision, grant_round):
    amount = GrantDecisionAmount(decision=decision, round=grant_round, amount_sek=Decimal("-1"))
    assert _refused(amount.save)


def test_paid_payment_without_a_date_is_refused(decision, grant_round, officer):
    amount = GrantDecisionAmount.objects.create(
        decision=decision, round=grant_round, amount_sek=Decimal("100")
    )
    payment = GrantPayment(
        decision_amount=amount, amount_sek=Decimal("100"), due_on=datetime.date(2020, 2, 1),
        status="paid", created_by=officer,
    )  # fmt: skip
    assert _refused(payment.save)


def test_second_application_of_a_municipality_in_a_round_is_refused(grant_round, malmo):
    gf.application(grant_round, malmo, complete=False)
    assert _refused(lambda: gf.application(grant_round, malmo, complete=False))
