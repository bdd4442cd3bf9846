"""Reminder e-mails before and after a report's due date, with time frozen: each reminder is sent
once, only to the municipality's coordinators, in Swedish."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from reports.district import services
from reports.district.reminders import reminder_kind, send_report_reminders
from reports.models import ReportReminder
from tests import factories
from tests.factories.plans import report_world
from tests.reports.test_district_services import complete_input

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 10, 1)


def on(day: datetime.date):
    """Freeze time at noon in Stockholm (summer time) on `day`."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=datetime.UTC), tick=False
    )


@pytest.fixture
def world(malmo, coordinator_malmo):
    coordinator_malmo.email = "sara@malmo.example.se"
    coordinator_malmo.save()
    factories.coordinator(malmo, username="t.kollega", email="kalle@malmo.example.se")
    return report_world(malmo)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 8, 1), None),
        (datetime.date(2026, 9, 1), "before_30"),
        (datetime.date(2026, 9, 23), "before_30"),
        (datetime.date(2026, 9, 24), "before_7"),
        (datetime.date(2026, 10, 1), "before_7"),
        (datetime.date(2026, 10, 2), "overdue"),
    ],
)
def test_the_nearest_reminder_applies(today, expected):
    assert reminder_kind(due_on=DUE, today=today, days=[30, 7]) == expected


def test_thirty_days_before_the_coordinators_get_a_swedish_reminder(world, mailoutbox, botkyrka):
    factories.coordinator(botkyrka, username="t.annan", email="bo@botkyrka.example.se")

    with on(datetime.date(2026, 9, 1)):
        run = send_report_reminders()

    assert len(run.sent) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == ["kalle@malmo.example.se", "sara@malmo.example.se"]
    assert message.subject == (
        "Påminnelse: årlig redovisning för Rosengård (test) 2026 ska lämnas in senast "
        "1 oktober 2026"
    )
    assert "om 30 dagar" in message.body
    assert f"/redovisningar/{world.report.pk}/" in message.body
    assert "Ej påbörjad" in message.body


def test_running_twice_on_the_same_day_sends_nothing_twice(world, mailoutbox):
    with on(datetime.date(2026, 9, 1)):
        send_report_reminders()
        second = send_report_reminders()

    assert second.sent == []
    assert len(mailoutbox) == 1
    assert ReportReminder.objects.get().kind == "before_30"


def test_a_daily_run_sends_each_reminder_once_over_the_whole_period(world, mailoutbox):
    day = datetime.date(2026, 8, 20)
    while day <= datetime.date(2026, 10, 20):
        with on(day):
            send_report_reminders()
        day += datetime.timedelta(days=1)

    kinds = list(ReportReminder.objects.order_by("sent_at").values_list("kind", flat=True))
    assert kinds == ["before_30", "before_7", "overdue"]
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Påminnelse",
        "Påminnelse",
        "Försenad",
    ]
    assert "skulle ha lämnats in senast 1 oktober 2026" in mailoutbox[2].body


def test_a_missed_run_sends_only_the_nearest_reminder(world, mailoutbox):
    with on(datetime.date(2026, 9, 28)):
        send_report_reminders()

    assert list(ReportReminder.objects.values_list("kind", flat=True)) == ["before_7"]
    assert len(mailoutbox) == 1


def test_submitted_reports_get_no_reminders(world, coordinator_malmo, mailoutbox):
    services.district_report_save(
        report=world.report, data=complete_input(world), expected_version=1, actor=coordinator_malmo
    )
    services.district_report_submit(report=world.report, actor=coordinator_malmo)

    with on(datetime.date(2026, 9, 28)):
        run = send_report_reminders()
    with on(datetime.date(2026, 10, 5)):
        run_after = send_report_reminders()

    assert run.sent == run_after.sent == []
    assert mailoutbox == []


def test_a_returned_report_after_the_due_date_gets_an_overdue_reminder(
    world, coordinator_malmo, officer, mailoutbox
):
    services.district_report_save(
        report=world.report, data=complete_input(world), expected_version=1, actor=coordinator_malmo
    )
    services.district_report_submit(report=world.report, actor=coordinator_malmo)
    services.district_report_return(report=world.report, note="Komplettera.", actor=officer)

    with on(datetime.date(2026, 10, 10)):
        send_report_reminders()

    assert [r.kind for r in ReportReminder.objects.all()] == ["overdue"]
    assert "Återsänd" in mailoutbox[0].body


def test_a_moved_due_date_gets_its_own_reminders(world, mailoutbox):
    with on(datetime.date(2026, 9, 25)):
        send_report_reminders()  # before_7 for 1 October
    world.report.due_on = datetime.date(2026, 10, 30)
    world.report.save()

    with on(datetime.date(2026, 10, 2)):
        send_report_reminders()  # before_30 for 30 October, no overdue

    assert sorted(ReportReminder.objects.values_list("kind", "due_on")) == [
        ("before_30", datetime.date(2026, 10, 30)),
        ("before_7", DUE),
    ]


def test_reminder_days_come_from_the_setting(world, settings, mailoutbox):
    settings.REPORT_REMINDER_DAYS = [14]

    with on(datetime.date(2026, 9, 1)):
        assert send_report_reminders().sent == []
    with on(datetime.date(2026, 9, 17)):
        send_report_reminders()

    assert [r.kind for r in ReportReminder.objects.all()] == ["before_14"]


def test_a_municipality_without_coordinators_is_reported_and_not_marked_sent(botkyrka, mailoutbox):
    report_world(botkyrka, district_name="Alby (test)")

    with on(datetime.date(2026, 9, 1)):
        run = send_report_reminders()

    assert [str(r.district) for r in run.without_recipients] == ["Alby (test)"]
    assert ReportReminder.objects.count() == 0
    assert mailoutbox == []


def test_dry_run_sends_and_records_nothing(world, mailoutbox):
    with on(datetime.date(2026, 9, 1)):
        run = send_report_reminders(dry_run=True)

    assert len(run.sent) == 1
    assert mailoutbox == []
    assert ReportReminder.objects.count() == 0


def test_the_command_is_safe_to_run_daily(world, mailoutbox, capsys):
    with on(datetime.date(2026, 10, 3)):
        call_command("send_report_reminders")
        call_command("send_report_reminders")

    assert len(mailoutbox) == 1
    output = capsys.readouterr().out
    assert "1 påminnelser skickade." in output
    assert "0 påminnelser skickade." in output


def test_inactive_coordinators_and_coordinators_without_email_get_nothing(world, malmo, mailoutbox):
    factories.coordinator(malmo, username="t.utan.epost", email="")
    factories.coordinator(malmo, username="t.slutat", email="slutat@malmo.example.se")
    from accounts.models import User

    User.objects.filter(username="t.slutat").update(is_active=False)

    with on(datetime.date(2026, 9, 1)):
        send_report_reminders()

    assert sorted(mailoutbox[0].to) == ["kalle@malmo.example.se", "sara@malmo.example.se"]
