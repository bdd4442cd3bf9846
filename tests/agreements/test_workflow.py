"""The agreement's workflow: each action from its states only, with actor and reason in the
history; signing with the signed PDF; in force and ended following the dates."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agreements import transitions
from agreements.models import Agreement
from agreements.workflow import ACTIONS
from tests import factories
from tests.factories import agreements as make
from udavtal.lib.uploads import check_upload
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

S = Agreement.Status
D = datetime.date


SIGNED_ON = D(2018, 12, 10)


def _signatures(day=SIGNED_ON) -> transitions.Signatures:
    return transitions.Signatures(
        state_signatory="Anna Statsråd",
        state_signatory_title="Statsråd",
        state_signed_on=day,
        municipality_signatory="Kim Ordförande",
        municipality_signatory_title="Kommunstyrelsens ordförande",
        municipality_signed_on=day,
    )


def test_starting_negotiation_records_actor_and_reason(officer):
    agreement = make.agreement(S.OFFERED)

    transitions.agreement_negotiate(
        agreement=agreement, actor=officer, reason="Kommunen svarade ja"
    )

    agreement.refresh_from_db()
    record = agreement.history.latest()
    assert agreement.status == S.NEGOTIATING
    assert record.history_user == officer
    assert record.history_change_reason == "Kommunen svarade ja"


@pytest.mark.parametrize("status", [s for s in S.values if s != S.OFFERED])
def test_negotiation_cannot_start_from_another_state(officer, status):
    agreement = make.agreement(status)
    with pytest.raises(TransitionNotAllowed):
        transitions.agreement_negotiate(agreement=agreement, actor=officer)
    agreement.refresh_from_db()
    assert agreement.status == status


@time_machine.travel(D(2018, 12, 15))
def test_signing_before_the_start_date_leaves_the_agreement_signed(officer):
    agreement = make.agreement(S.NEGOTIATING)

    transitions.agreement_sign(
        agreement=agreement,
        signatures=_signatures(),
        document=check_upload(make.pdf_upload()),
        actor=officer,
    )

    agreement.refresh_from_db()
    assert agreement.status == S.SIGNED
    assert agreement.state_signatory == "Anna Statsråd"
    assert agreement.municipality_signed_on == D(2018, 12, 10)
    assert agreement.signed_document.read().startswith(b"%PDF-")


@time_machine.travel(D(2019, 2, 1))
def test_signing_after_the_start_date_puts_the_agreement_in_force_at_once(officer):
    agreement = make.agreement(S.NEGOTIATING)

    transitions.agreement_sign(
        agreement=agreement,
        signatures=_signatures(D(2019, 1, 20)),
        document=check_upload(make.pdf_upload()),
        actor=officer,
    )

    agreement.refresh_from_db()
    statuses = list(agreement.history.order_by("history_date").values_list("status", flat=True))
    assert agreement.status == S.IN_FORCE
    assert statuses[-2:] == [S.SIGNED, S.IN_FORCE]


@time_machine.travel(D(2018, 12, 15))
def test_signature_dates_in_the_future_are_refused(officer):
    agreement = make.agreement(S.NEGOTIATING)
    with pytest.raises(ValidationError) as excinfo:
        transitions.agreement_sign(
            agreement=agreement,
            signatures=_signatures(D(2019, 1, 1)),
            document=check_upload(make.pdf_upload()),
            actor=officer,
        )
    assert "framtiden" in str(excinfo.value)
    agreement.refresh_from_db()
    assert agreement.status == S.NEGOTIATING


def test_pausing_needs_a_reason(officer):
    agreement = make.agreement(S.NEGOTIATING)
    with pytest.raises(ValidationError):
        transitions.agreement_pause(agreement=agreement, actor=officer, reason="  ")


@time_machine.travel(D(2020, 6, 1))
def test_resuming_returns_to_the_state_before_the_pause(officer):
    agreement = make.agreement(S.OFFERED)
    transitions.agreement_negotiate(agreement=agreement, actor=officer)
    transitions.agreement_pause(agreement=agreement, actor=officer, reason="Valet 2006")

    transitions.agreement_resume(agreement=agreement, actor=officer)

    agreement.refresh_from_db()
    assert agreement.status == S.NEGOTIATING


@time_machine.travel(D(2020, 6, 1))
def test_resuming_a_signed_agreement_follows_its_dates(officer):
    agreement = make.agreement(S.SIGNED)
    transitions.agreement_pause(agreement=agreement, actor=officer, reason="Omorganisation")

    transitions.agreement_resume(agreement=agreement, actor=officer)

    agreement.refresh_from_db()
    assert agreement.status == S.IN_FORCE


def test_termination_keeps_the_reason_on_the_agreement_and_in_history(officer):
    agreement = make.agreement(S.IN_FORCE)

    transitions.agreement_terminate(
        agreement=agreement, actor=officer, reason="Kommunen har inte fullföljt åtagandena"
    )

    agreement.refresh_from_db()
    assert agreement.status == S.TERMINATED
    assert agreement.status_reason == "Kommunen har inte fullföljt åtagandena"
    assert agreement.history.latest().history_user == officer


def test_declining_a_signed_agreement_is_not_allowed(officer):
    agreement = make.agreement(S.SIGNED)
    with pytest.raises(TransitionNotAllowed):
        transitions.agreement_decline(agreement=agreement, actor=officer, reason="Nej")


def test_every_action_is_refused_outside_its_states(officer):
    for name, action in ACTIONS.items():
        if name == "sign":
            continue
        for status in set(S.values) - set(action.allowed_from):
            phase = factories.PolicyPhaseFactory(name=f"Fas {name} {status}")
            agreement = make.agreement(status, policy_phase=phase)
            with pytest.raises(TransitionNotAllowed):
                transitions.ACTION_SERVICES[name](agreement=agreement, actor=officer, reason="x")


def test_status_update_moves_agreements_by_their_dates_and_is_idempotent():
    starting = make.agreement(S.SIGNED, starts_on=D(2020, 1, 1), ends_on=D(2022, 12, 31))
    ending = make.agreement(S.IN_FORCE, starts_on=D(2017, 1, 1), ends_on=D(2019, 12, 31))
    long_gone = make.agreement(S.SIGNED, starts_on=D(2015, 1, 1), ends_on=D(2016, 12, 31))
    future = make.agreement(S.SIGNED, starts_on=D(2023, 1, 1), ends_on=D(2024, 12, 31))
    paused = make.agreement(S.PAUSED, starts_on=D(2014, 1, 1), ends_on=D(2014, 12, 31))

    first = transitions.agreement_update_statuses(today=D(2020, 1, 1))
    second = transitions.agreement_update_statuses(today=D(2020, 1, 1))

    for item in (starting, ending, long_gone, future, paused):
        item.refresh_from_db()
    assert starting.status == S.IN_FORCE
    assert ending.status == S.ENDED
    assert long_gone.status == S.ENDED
    assert future.status == S.SIGNED
    assert paused.status == S.PAUSED
    assert len(first) == 3
    assert second == []
    assert starting.history.latest().history_user is None


def test_status_command_dry_run_changes_nothing(capsys):
    agreement = make.agreement(S.SIGNED, starts_on=D(2020, 1, 1), ends_on=D(2022, 12, 31))

    call_command("update_agreement_statuses", "--dry-run", "--date", "2020-06-01")

    agreement.refresh_from_db()
    assert agreement.status == S.SIGNED
    assert "Skulle ändra 1 avtal" in capsys.readouterr().out


def test_status_command_writes_and_reports(capsys):
    agreement = make.agreement(S.SIGNED, starts_on=D(2020, 1, 1), ends_on=D(2022, 12, 31))

    call_command("update_agreement_statuses", "--date", "2020-06-01")
    call_command("update_agreement_statuses", "--date", "2020-06-01")

    agreement.refresh_from_db()
    output = capsys.readouterr().out
    assert agreement.status == S.IN_FORCE
    assert "Ändrade 1 avtal" in output
    assert "Ändrade 0 avtal" in output
