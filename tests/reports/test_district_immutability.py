"""The database itself refuses to change an accepted district report (PostgreSQL trigger), except
for the one write that archives its PDF, and a deliberate purge may delete it."""

import pytest
from django.db import IntegrityError, transaction

from agreements.models import Measure
from reports.district import services
from reports.district.immutability import allow_purge
from reports.models import (
    AnnualDistrictReport,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)
from tests.factories.plans import report_world
from tests.reports.test_district_services import complete_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(malmo, coordinator_malmo):
    world = report_world(malmo)
    report = world.report
    services.district_report_save(
        report=report, data=complete_input(world), expected_version=1, actor=coordinator_malmo
    )
    services.district_report_submit(report=report, actor=coordinator_malmo)
    return world


@pytest.fixture
def accepted(world, officer):
    services.district_report_accept(
        report=AnnualDistrictReport.objects.get(pk=world.report.pk), actor=officer
    )
    return AnnualDistrictReport.objects.get(pk=world.report.pk)


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError as error:
        return "accepted district report" in str(error)
    return False


def test_an_update_of_an_accepted_report_is_refused_by_the_database(accepted):
    rows = AnnualDistrictReport.objects.filter(pk=accepted.pk)

    assert refused(lambda: rows.update(summary="Ändrad i efterhand."))
    assert refused(lambda: rows.update(status=ReviewStatus.RETURNED))
    assert refused(lambda: rows.update(version=accepted.version + 1))
    assert AnnualDistrictReport.objects.get(pk=accepted.pk).summary == accepted.summary


def test_a_second_pdf_write_is_refused_by_the_database(accepted):
    rows = AnnualDistrictReport.objects.filter(pk=accepted.pk)

    assert refused(lambda: rows.update(pdf="reports/archive/annan.pdf", pdf_sha256="f" * 64))


def test_a_save_of_an_accepted_report_through_the_model_is_refused(accepted):
    accepted.goal_conflicts = "Ny text."

    assert refused(accepted.save)


def test_deleting_an_accepted_report_is_refused(accepted):
    assert refused(lambda: AnnualDistrictReport.objects.filter(pk=accepted.pk).delete())
    assert AnnualDistrictReport.objects.filter(pk=accepted.pk).exists()


def test_rows_of_an_accepted_report_cannot_be_changed_added_or_deleted(accepted, world):
    narrative = ReportNarrative.objects.get(report=accepted)
    narrative.text = "Ändrad."
    assert refused(narrative.save)
    assert refused(lambda: ReportIndicatorValue.objects.filter(report=accepted).update(value=1))
    assert refused(lambda: ReportMeasure.objects.filter(report=accepted).delete())
    other_measure = Measure.objects.create(goal=world.measure.goal, title="Ny insats")
    assert refused(
        lambda: ReportMeasure.objects.create(
            report=accepted, measure=other_measure, status=Measure.Status.DONE
        )
    )


def test_the_pdf_may_be_written_once_right_after_acceptance(world, officer):
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    with transaction.atomic():
        AnnualDistrictReport.objects.filter(pk=report.pk).update(status=ReviewStatus.ACCEPTED)
        # The archiving write: only pdf and pdf_sha256 change.
        AnnualDistrictReport.objects.filter(pk=report.pk).update(
            pdf="reports/archive/x.pdf", pdf_sha256="a" * 64
        )

    report = AnnualDistrictReport.objects.get(pk=report.pk)
    assert report.pdf_sha256 == "a" * 64
    assert refused(
        lambda: AnnualDistrictReport.objects.filter(pk=report.pk).update(pdf_sha256="b" * 64)
    )


def test_the_archiving_write_may_not_change_anything_else(world):
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    AnnualDistrictReport.objects.filter(pk=report.pk).update(status=ReviewStatus.ACCEPTED)

    assert refused(
        lambda: AnnualDistrictReport.objects.filter(pk=report.pk).update(
            pdf="reports/archive/x.pdf", pdf_sha256="a" * 64, summary="Smugglad ändring."
        )
    )


def test_reports_that_are_not_accepted_can_still_change(world):
    rows = AnnualDistrictReport.objects.filter(pk=world.report.pk)

    rows.update(return_note="En anteckning.")

    assert rows.get().return_note == "En anteckning."


def test_a_purge_may_delete_an_accepted_report_but_never_update_it(accepted):
    with allow_purge():
        assert refused(
            lambda: AnnualDistrictReport.objects.filter(pk=accepted.pk).update(summary="x")
        )
    with allow_purge():
        AnnualDistrictReport.objects.filter(pk=accepted.pk).delete()

    assert not AnnualDistrictReport.objects.filter(pk=accepted.pk).exists()


def test_the_purge_permission_ends_with_the_block(accepted):
    with transaction.atomic():
        with allow_purge():
            pass
        assert refused(lambda: AnnualDistrictReport.objects.filter(pk=accepted.pk).delete())
