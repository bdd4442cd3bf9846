"""Two officers deciding at the same moment cannot together exceed a year's appropriation.

Each officer runs in a thread with its own database connection. Officer A decides inside an open
transaction and holds it; officer B decides meanwhile and must wait for A's lock on the round;
only when B is seen waiting does A commit. B then sees A's amount in the sum and is refused.
Without the row lock B would not wait (the test would fail at `_wait_until_a_session_waits`)
and both decisions would be saved.
"""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from grants import services
from grants.models import GrantDecisionAmount
from tests import factories
from tests.factories import grants as gf

pytestmark = pytest.mark.django_db(transaction=True)


def _decide(app, actor):
    return services.decision_make(
        application=app,
        amounts={2020: Decimal("900000")},
        reasoning="Uppfyller villkoren.",
        conditions="",
        decided_on=datetime.date(2020, 1, 20),
        actor=actor,
    )


def _sessions_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def _wait_until_a_session_waits(limit_seconds: float = 20) -> bool:
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        if _sessions_waiting_for_a_lock():
            return True
        time.sleep(0.05)
    return False


def test_second_of_two_simultaneous_decisions_is_refused_when_the_appropriation_would_be_exceeded(
    malmo, botkyrka
):
    grant_round = gf.grant_round(2020, appropriation=Decimal("1000000"), eligible=[malmo, botkyrka])
    first = gf.application(grant_round, malmo, status="submitted")
    second = gf.application(grant_round, botkyrka, status="submitted")
    officer_a = factories.officer(username="handlaggare.a")
    officer_b = factories.officer(username="handlaggare.b")

    a_has_decided = threading.Event()
    a_may_commit = threading.Event()
    outcome: dict[str, object] = {}

    def run_a():
        try:
            with transaction.atomic():
                _decide(first, officer_a)
                a_has_decided.set()
                a_may_commit.wait(timeout=30)
            outcome["a"] = "beslutat"
        except Exception as error:  # reported through the assertion below
            outcome["a"] = error
        finally:
            a_has_decided.set()
            connections.close_all()

    def run_b():
        a_has_decided.wait(timeout=30)
        try:
            _decide(second, officer_b)
            outcome["b"] = "beslutat"
        except Exception as error:
            outcome["b"] = error
        finally:
            connections.close_all()

    thread_a = threading.Thread(target=run_a)
    thread_b = threading.Thread(target=run_b)
    thread_a.start()
    thread_b.start()
    b_waited_for_a = _wait_until_a_session_waits()
    a_may_commit.set()
    thread_a.join(timeout=30)
    thread_b.join(timeout=30)

    assert b_waited_for_a
    assert outcome["a"] == "beslutat"
    assert isinstance(outcome["b"], ValidationError)
    assert "överskrider anslaget för 2020" in " ".join(outcome["b"].messages)
    assert [a.amount_sek for a in GrantDecisionAmount.objects.all()] == [Decimal("900000")]
    second.refresh_from_db()
    assert second.status == "submitted"
