"""Reminder e-mails about district reports, before the due date and after it.

`send_report_reminders` is safe to run every day (and twice at once): each reminder is recorded in
`ReportReminder`, unique per report, kind and due date, in the same transaction that sends it. A
reminder is sent once; a report whose due date moves gets the reminders for its new date.

Kinds: `before_<n>` for each n in `settings.REPORT_REMINDER_DAYS` (default 30 and 7 days before
the due date) and `overdue` (the day after it). On a given day only the nearest kind applies: with
30 and 7, a report due in 20 days gets `before_30`, in 5 days `before_7`, so a missed run never
leads to two e-mails at once.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from agreements.models import MunicipalityMembership
from reports.district.selectors import OPEN_STATUSES
from reports.models import AnnualDistrictReport, ReportReminder

logger = logging.getLogger(__name__)

OVERDUE = "overdue"


def reminder_days() -> list[int]:
    """The configured days before the due date, largest first (e.g. [30, 7])."""
    return sorted(
        {int(day) for day in settings.REPORT_REMINDER_DAYS if int(day) >= 0}, reverse=True
    )


def reminder_kind(*, due_on: datetime.date, today: datetime.date, days: list[int]) -> str | None:
    """The reminder that applies today, or None."""
    days_left = (due_on - today).days
    if days_left < 0:
        return OVERDUE
    applicable = [day for day in days if days_left <= day]
    return f"before_{min(applicable)}" if applicable else None


@dataclass
class ReminderRun:
    sent: list[ReportReminder] = field(default_factory=list)
    without_recipients: list[AnnualDistrictReport] = field(default_factory=list)
    failed: list[AnnualDistrictReport] = field(default_factory=list)


def _recipients_by_municipality(municipality_ids) -> dict[int, list[str]]:
    recipients: dict[int, list[str]] = {}
    memberships = (
        MunicipalityMembership.objects.filter(
            municipality_id__in=municipality_ids, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    for membership in memberships:
        emails = recipients.setdefault(membership.municipality_id, [])
        if membership.user.email not in emails:
            emails.append(membership.user.email)
    return recipients


def _message(report: AnnualDistrictReport, kind: str, today: datetime.date, recipients):
    template = "overdue" if kind == OVERDUE else "before"
    context = {
        "report": report,
        "district": report.district.name,
        "municipality": report.district.municipality.name,
        "year": report.year,
        "due_on": report.due_on,
        "days_left": (report.due_on - today).days,
        "days_overdue": (today - report.due_on).days,
        "status": report.get_status_display(),
        "url": settings.SITE_URL.rstrip("/")
        + reverse("reports:district-report-detail", args=[report.pk]),
    }
    with override("sv"):
        subject = render_to_string(f"reports/email/reminder_{template}_subject.txt", context)
        body = render_to_string(f"reports/email/reminder_{template}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def send_report_reminders(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> ReminderRun:
    today = today or timezone.localdate()
    days = reminder_days()
    horizon = today + datetime.timedelta(days=max(days, default=-1))
    reports = list(
        AnnualDistrictReport.objects.filter(status__in=OPEN_STATUSES, due_on__lte=horizon)
        .select_related("district", "district__municipality")
        .order_by("due_on", "id")
    )
    sent = set(
        ReportReminder.objects.filter(report__in=[r.pk for r in reports]).values_list(
            "report_id", "kind", "due_on"
        )
    )
    recipients = _recipients_by_municipality({r.district.municipality_id for r in reports})
    run = ReminderRun()
    for report in reports:
        kind = reminder_kind(due_on=report.due_on, today=today, days=days)
        if kind is None or (report.pk, kind, report.due_on) in sent:
            continue
        emails = recipients.get(report.district.municipality_id, [])
        if not emails:
            run.without_recipients.append(report)
            continue
        reminder = ReportReminder(
            report=report,
            kind=kind,
            due_on=report.due_on,
            recipients=emails,
            sent_at=timezone.now(),
        )
        if dry_run:
            run.sent.append(reminder)
            continue
        try:
            with transaction.atomic():
                reminder.save()
                _message(report, kind, today, emails).send()
        except IntegrityError:
            continue  # sent by a run at the same time
        except Exception:
            logger.exception("Reminder %s for report %s could not be sent", kind, report.pk)
            run.failed.append(report)
            continue
        run.sent.append(reminder)
    return run
