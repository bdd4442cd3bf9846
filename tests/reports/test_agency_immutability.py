"""The database itself refuses to change an accepted agency report and its sections (PostgreSQL
trigger, migration reports.0009), except the one write that archives its PDF; a deliberate purge
may delete it. The services refuse first (tests/reports/test_agency_reports.py)."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import Partnership, PartnershipMember
from reports.agency import services
from reports.district.immutability import allow_purge
from reports.models import AgencyReport, AgencyReportCompilation, AgencyReportEntry
from tests import factories
from tests.factories import accords as build
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db
R = AgencyReport.Status


@pytest.fixture
def partnership(fk, malmo):
    agreement = build.signed_agreement(malmo)
    unit = build.central_unit(fk)
    partnership = factories.PartnershipFactory(agreement=agreement)
    factories.PartnershipMemberFactory(
        partnership=partnership, kind=PartnershipMember.Kind.AGENCY, name=fk.name, agency_unit=unit
    )
    return partnership


@pytest.fixture
def accepted(fk, partnership, agency_officer_fk, officer):
    unit = build.central_unit(fk)
    report = factories.AgencyReportFactory(agency=fk, unit=unit, year=2009, status=R.DRAFT)
    services.agency_report_update(
        report=report,
        data={"summary": "Vi har samverkat."},
        expected_version=report.version,
        actor=agency_officer_fk,
    )
    AgencyReportEntry.objects.create(report=report, partnership=partnership, done="Träffar.")
    services.agency_report_submit(report=report, actor=agency_officer_fk)
    services.agency_report_accept(report=report, actor=officer)
    return AgencyReport.objects.get(pk=report.pk)


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError as error:
        return "accepted agency report" in str(error)
    return False


def test_an_update_of_an_accepted_report_is_refused_by_the_database(accepted):
    rows = AgencyReport.objects.filter(pk=accepted.pk)

    assert refused(lambda: rows.update(summary="Ändrad i efterhand."))
    assert refused(lambda: rows.update(status=R.RETURNED))
    assert refused(lambda: rows.update(version=accepted.version + 1))
    assert AgencyReport.objects.get(pk=accepted.pk).summary == "Vi har samverkat."


def test_a_raw_sql_update_is_refused_too(accepted):
    def raw_update():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reports_agencyreport SET proposals = 'x' WHERE id = %s", [accepted.pk]
            )

    assert refused(raw_update)


def test_the_sections_of_an_accepted_report_cannot_change(accepted, partnership):
    entries = AgencyReportEntry.objects.filter(report=accepted)

    assert refused(lambda: entries.update(done="Ändrat."))
    assert refused(lambda: entries.delete())
    other = factories.PartnershipFactory(agreement__municipality=factories.botkyrka())
    assert refused(lambda: AgencyReportEntry.objects.create(report=accepted, partnership=other))
    assert refused(
        lambda: AgencyReportCompilation.objects.create(
            report=accepted, compiled_by=accepted.reviewed_by
        )
    )
    assert entries.get().done == "Träffar."


def test_an_accepted_report_cannot_be_deleted_except_in_a_purge(accepted):
    assert refused(lambda: AgencyReport.objects.filter(pk=accepted.pk).delete())

    with allow_purge():
        AgencyReport.objects.filter(pk=accepted.pk).delete()

    assert not AgencyReport.objects.filter(pk=accepted.pk).exists()


def test_acceptance_archives_the_pdf_and_it_is_never_replaced(accepted):
    rows = AgencyReport.objects.filter(pk=accepted.pk)

    assert accepted.pdf and len(accepted.pdf_sha256) == 64
    assert refused(lambda: rows.update(pdf="reports/archive/annan.pdf", pdf_sha256="b" * 64))


def test_a_report_accepted_without_its_pdf_may_archive_it_once(fk):
    # E.g. a report accepted before acceptance archived its PDF: the one write the trigger allows.
    report = factories.AgencyReportFactory(
        agency=fk,
        unit=build.central_unit(fk),
        year=2011,
        status=R.ACCEPTED,
        submitted_at=timezone.now(),
        reviewed_at=timezone.now(),
    )
    rows = AgencyReport.objects.filter(pk=report.pk)

    rows.update(pdf="reports/archive/fk-2009.pdf", pdf_sha256="a" * 64)

    assert refused(lambda: rows.update(pdf="reports/archive/annan.pdf", pdf_sha256="b" * 64))


def test_reports_before_acceptance_still_change(fk, agency_officer_fk):
    report = factories.AgencyReportFactory(
        agency=fk, unit=build.central_unit(fk), year=2010, status=R.DRAFT
    )

    AgencyReport.objects.filter(pk=report.pk).update(summary="Utkast ändrat.")

    assert AgencyReport.objects.get(pk=report.pk).summary == "Utkast ändrat."


def test_the_service_refuses_before_the_database(accepted, agency_officer_fk, partnership):
    with pytest.raises(TransitionNotAllowed):
        services.agency_report_entry_save(
            report=accepted,
            partnership=Partnership.objects.get(pk=partnership.pk),
            data={"done": "Sent tillägg."},
            expected_version=accepted.version,
            actor=agency_officer_fk,
            entry=accepted.entries.get(),
        )
