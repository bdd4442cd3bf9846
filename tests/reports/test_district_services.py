"""The district report's services: creating a year's reports, saving drafts, the review cycle
with every legal and illegal transition, the four-eyes rule and the archived PDF."""

import datetime
import hashlib
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from agreements.models import Agreement, Measure
from reports.district import services
from reports.district.selectors import district_report_content
from reports.district.services import ReportInput
from reports.models import AnnualDistrictReport, ReportIndicatorValue, ReviewStatus
from tests import factories
from tests.factories.plans import agreement_in_force, report_world
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

S = ReviewStatus


@pytest.fixture
def world(malmo):
    return report_world(malmo)


def complete_input(world, **fields) -> ReportInput:
    area = world.agreement.goal_areas.get()
    data = ReportInput(
        fields={
            "summary": "Ett år med fler i arbete.",
            "cooperation": "Arbetsförmedlingen på plats.",
            "obstacles": "Sekretess.",
            "goal_conflicts": "Inga kända.",
            "resident_participation": "Boendedialoger.",
        },
        narratives={area.pk: "Jobbtorget har kommit igång."},
        values={world.rising.pk: (Decimal("55.5"), ""), world.falling.pk: (Decimal("15"), "")},
        measures={world.measure.pk: (Measure.Status.ONGOING, "Pågår.")},
    )
    data.fields.update(fields)
    return data


def save(world, actor, data=None):
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    services.district_report_save(
        report=report,
        data=data or complete_input(world),
        expected_version=report.version,
        actor=actor,
    )
    return report


def fresh(report):
    return AnnualDistrictReport.objects.get(pk=report.pk)


def submitted(world, coordinator):
    report = save(world, coordinator)
    services.district_report_submit(report=report, actor=coordinator)
    return fresh(report)


# --- Creating the reports of a year -----------------------------------------------------------


def test_reports_are_created_for_every_district_of_agreements_in_force(malmo, botkyrka):
    in_force = agreement_in_force(malmo)
    signed = agreement_in_force(botkyrka, status=Agreement.Status.SIGNED)
    negotiating = agreement_in_force(
        malmo,
        status=Agreement.Status.NEGOTIATING,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        plans_due_on=None,
    )
    ended_before = agreement_in_force(
        malmo,
        status=Agreement.Status.ENDED,
        starts_on=datetime.date(2010, 1, 1),
        ends_on=datetime.date(2012, 12, 31),
        plans_due_on=None,
    )
    for agreement, name in [
        (in_force, "Rosengård"),
        (in_force, "Holma"),
        (signed, "Alby"),
        (negotiating, "Lindängen"),
        (ended_before, "Kroksbäck"),
    ]:
        agreement.districts.add(
            factories.DistrictFactory(municipality=agreement.municipality, name=name)
        )

    result = services.district_reports_create_for_year(year=2026)

    names = sorted(r.district.name for r in AnnualDistrictReport.objects.filter(year=2026))
    assert names == ["Alby", "Holma", "Rosengård"]
    assert len(result.created) == 3
    assert {r.due_on for r in result.created} == {datetime.date(2026, 10, 1)}
    assert all(r.status == S.NOT_STARTED for r in AnnualDistrictReport.objects.all())


def test_creating_a_years_reports_twice_creates_nothing_new(malmo):
    agreement = agreement_in_force(malmo)
    agreement.districts.add(factories.DistrictFactory(municipality=malmo))
    services.district_reports_create_for_year(year=2026)

    second = services.district_reports_create_for_year(year=2026)

    assert second.created == []
    assert second.existing == 1
    assert AnnualDistrictReport.objects.count() == 1


def test_a_new_due_date_moves_open_reports_but_not_submitted_ones(world, coordinator_malmo):
    other = factories.DistrictFactory(municipality=world.agreement.municipality)
    world.agreement.districts.add(other)
    services.district_reports_create_for_year(year=2026)
    submitted(world, coordinator_malmo)

    result = services.district_reports_create_for_year(
        year=2026, due_on=datetime.date(2026, 10, 15)
    )

    assert result.due_dates_changed == 1
    assert AnnualDistrictReport.objects.get(district=other).due_on == datetime.date(2026, 10, 15)
    assert fresh(world.report).due_on == datetime.date(2026, 10, 1)


def test_without_a_due_date_new_reports_get_the_years_existing_one(world):
    world.report.due_on = datetime.date(2026, 9, 15)
    world.report.save()
    other = factories.DistrictFactory(municipality=world.agreement.municipality)
    world.agreement.districts.add(other)

    services.district_reports_create_for_year(year=2026)

    assert AnnualDistrictReport.objects.get(district=other).due_on == datetime.date(2026, 9, 15)


def test_dry_run_creates_nothing(malmo):
    agreement_in_force(malmo).districts.add(factories.DistrictFactory(municipality=malmo))

    result = services.district_reports_create_for_year(year=2026, dry_run=True)

    assert len(result.created) == 1
    assert AnnualDistrictReport.objects.count() == 0


def test_the_command_creates_reports_idempotently(malmo, capsys):
    agreement_in_force(malmo).districts.add(factories.DistrictFactory(municipality=malmo))

    call_command("create_district_reports", "--year", "2026")
    call_command("create_district_reports", "--year", "2026", "--due-on", "2026-10-05")

    report = AnnualDistrictReport.objects.get()
    assert report.due_on == datetime.date(2026, 10, 5)
    assert "0 nya redovisningar för 2026, 1 fanns redan" in capsys.readouterr().out


# --- Saving a draft -----------------------------------------------------------------------------


def test_first_save_makes_the_report_a_draft_with_history(world, coordinator_malmo):
    report = save(world, coordinator_malmo)

    report = fresh(report)
    assert report.status == S.DRAFT
    assert report.summary == "Ett år med fler i arbete."
    last = report.history.first()
    assert last.history_user == coordinator_malmo
    assert last.history_change_reason == "Redovisningen sparad"


def test_blank_value_is_stored_as_missing_never_zero(world, coordinator_malmo):
    data = complete_input(world)
    data.values[world.rising.pk] = (None, "SCB har inte publicerat året.")
    save(world, coordinator_malmo, data)

    row = ReportIndicatorValue.objects.get(goal_indicator=world.rising)
    assert row.value is None
    assert row.comment == "SCB har inte publicerat året."


def test_zero_is_stored_as_zero(world, coordinator_malmo):
    data = complete_input(world)
    data.values[world.falling.pk] = (Decimal("0"), "")
    save(world, coordinator_malmo, data)

    assert ReportIndicatorValue.objects.get(goal_indicator=world.falling).value == Decimal("0")


def test_a_stale_save_is_refused(world, coordinator_malmo):
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    loaded_version = report.version
    save(world, coordinator_malmo)

    with pytest.raises(StaleObjectError):
        services.district_report_save(
            report=report,
            data=complete_input(world, summary="Skrivet i en gammal flik."),
            expected_version=loaded_version,
            actor=coordinator_malmo,
        )
    assert fresh(report).summary == "Ett år med fler i arbete."


def test_rows_for_indicators_outside_the_plan_are_refused(world, coordinator_malmo):
    foreign = factories.PlanGoalFactory()
    from tests.factories.plans import GoalIndicatorFactory

    other_indicator = GoalIndicatorFactory(goal=foreign)
    data = complete_input(world)
    data.values[other_indicator.pk] = (Decimal("1"), "")

    with pytest.raises(ValidationError):
        save(world, coordinator_malmo, data)


def test_content_follows_the_plan_with_progress(world, coordinator_malmo):
    save(world, coordinator_malmo)

    content = district_report_content(fresh(world.report))

    rows = {row.goal_indicator.pk: row for row in content.goals[0].indicators}
    assert rows[world.rising.pk].progress.ratio == Decimal("0.55")
    assert rows[world.falling.pk].progress.ratio == Decimal("0.5")
    assert content.goals[0].measures[0].status == Measure.Status.ONGOING


# --- Completeness -------------------------------------------------------------------------------


def test_an_empty_report_lists_every_missing_part_in_swedish(world):
    missing = services.district_report_missing(district_report_content(world.report))

    anchors = [item.anchor for item in missing]
    assert anchors[0] == "id_summary"
    assert f"id_value_{world.rising.pk}" in anchors
    assert f"id_measure_status_{world.measure.pk}" in anchors
    assert "id_resident_participation" in anchors
    assert "Sammanfattningen är tom." in [item.message for item in missing]


def test_a_missing_value_with_an_explanation_is_complete(world, coordinator_malmo):
    data = complete_input(world)
    data.values[world.rising.pk] = (None, "Uppgiften publiceras i december.")
    report = save(world, coordinator_malmo, data)

    assert services.district_report_missing(district_report_content(fresh(report))) == []


def test_submitting_an_incomplete_report_says_what_is_missing(world, coordinator_malmo):
    report = save(world, coordinator_malmo, complete_input(world, obstacles=""))

    with pytest.raises(services.ReportIncomplete) as excinfo:
        services.district_report_submit(report=fresh(report), actor=coordinator_malmo)

    assert [item.anchor for item in excinfo.value.items] == ["id_obstacles"]
    assert "Hinder för samverkan" in excinfo.value.items[0].message
    assert fresh(report).status == S.DRAFT


# --- The review cycle ---------------------------------------------------------------------------


def test_submit_records_who_and_when(world, coordinator_malmo):
    moment = datetime.datetime(2026, 9, 20, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        report = submitted(world, coordinator_malmo)

    assert report.status == S.SUBMITTED
    assert report.submitted_by == coordinator_malmo
    assert report.submitted_at == moment


def test_a_submitted_report_cannot_be_saved(world, coordinator_malmo):
    report = submitted(world, coordinator_malmo)

    with pytest.raises(TransitionNotAllowed):
        services.district_report_save(
            report=report,
            data=complete_input(world),
            expected_version=report.version,
            actor=coordinator_malmo,
        )


def test_return_needs_a_note_and_makes_the_report_editable(world, coordinator_malmo, officer):
    report = submitted(world, coordinator_malmo)
    with pytest.raises(ValidationError):
        services.district_report_return(report=report, note="  ", actor=officer)

    services.district_report_return(report=report, note="Komplettera hindren.", actor=officer)

    report = fresh(report)
    assert report.status == S.RETURNED
    assert report.return_note == "Komplettera hindren."
    assert report.reviewed_by == officer


def test_a_returned_report_stays_returned_while_edited_and_can_be_resubmitted(
    world, coordinator_malmo, officer
):
    report = submitted(world, coordinator_malmo)
    services.district_report_return(report=report, note="Komplettera.", actor=officer)

    save(world, coordinator_malmo, complete_input(world, obstacles="Sekretess och olika IT."))
    assert fresh(report).status == S.RETURNED
    services.district_report_submit(report=fresh(report), actor=coordinator_malmo)

    assert fresh(report).status == S.SUBMITTED


def test_accept_archives_the_pdf_once_with_its_checksum(world, coordinator_malmo, officer):
    report = submitted(world, coordinator_malmo)

    services.district_report_accept(report=report, actor=officer)

    report = fresh(report)
    assert report.status == S.ACCEPTED
    assert report.reviewed_by == officer
    data = report.pdf.read()
    assert data.startswith(b"%PDF-")
    assert report.pdf_sha256 == hashlib.sha256(data).hexdigest()
    reasons = list(report.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["PDF arkiverad", "Godkänd"]


def test_the_archived_pdf_is_never_written_twice(world, coordinator_malmo, officer):
    report = submitted(world, coordinator_malmo)
    services.district_report_accept(report=report, actor=officer)

    with pytest.raises(TransitionNotAllowed):
        services.district_report_archive_pdf(report=fresh(report), pdf=b"%PDF-1.7", actor=officer)


def test_an_accepted_report_cannot_be_saved_submitted_returned_or_accepted_again(
    world, coordinator_malmo, officer, ministry_admin
):
    report = submitted(world, coordinator_malmo)
    services.district_report_accept(report=report, actor=officer)
    report = fresh(report)

    with pytest.raises(TransitionNotAllowed):
        services.district_report_save(
            report=report,
            data=complete_input(world),
            expected_version=report.version,
            actor=coordinator_malmo,
        )
    with pytest.raises(TransitionNotAllowed):
        services.district_report_submit(report=report, actor=coordinator_malmo)
    with pytest.raises(TransitionNotAllowed):
        services.district_report_return(report=report, note="Nej.", actor=ministry_admin)
    with pytest.raises(TransitionNotAllowed):
        services.district_report_accept(report=report, actor=ministry_admin)


# Every transition from every state: (service, allowed from).
TRANSITIONS = {
    "submit": {S.DRAFT, S.RETURNED},
    "return": {S.SUBMITTED},
    "accept": {S.SUBMITTED},
}


def _run(action, report, world, coordinator, officer):
    if action == "submit":
        services.district_report_submit(report=report, actor=coordinator)
    elif action == "return":
        services.district_report_return(report=report, note="Komplettera.", actor=officer)
    else:
        services.district_report_accept(report=report, actor=officer)


def _report_in(state, world, coordinator, officer):
    if state == S.NOT_STARTED:
        return fresh(world.report)
    report = save(world, coordinator)
    if state == S.DRAFT:
        return fresh(report)
    services.district_report_submit(report=fresh(report), actor=coordinator)
    if state == S.SUBMITTED:
        return fresh(report)
    if state == S.RETURNED:
        services.district_report_return(report=fresh(report), note="Mer.", actor=officer)
        return fresh(report)
    services.district_report_accept(report=fresh(report), actor=officer)
    return fresh(report)


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_each_transition_is_allowed_only_from_its_states(
    world, coordinator_malmo, officer, state, action
):
    report = _report_in(state, world, coordinator_malmo, officer)
    reviewer = factories.officer(username="t.granskare")

    if state in TRANSITIONS[action]:
        _run(action, report, world, coordinator_malmo, reviewer)
        assert fresh(report).status != state
    else:
        with pytest.raises((TransitionNotAllowed, services.ReportIncomplete)):
            _run(action, report, world, coordinator_malmo, reviewer)
        assert fresh(report).status == state


# --- Four eyes ----------------------------------------------------------------------------------


def test_the_submitter_cannot_accept_their_own_report(world, malmo):
    officer_and_coordinator = factories.officer(username="t.dubbelroll")
    factories.coordinator(malmo, username="t.dubbelroll")
    report = submitted(world, officer_and_coordinator)

    with pytest.raises(PermissionDenied):
        services.district_report_accept(report=report, actor=officer_and_coordinator)
    assert fresh(report).status == S.SUBMITTED


def test_someone_who_edited_the_report_cannot_accept_it(world, coordinator_malmo, malmo):
    editor = factories.officer(username="t.redaktor")
    factories.coordinator(malmo, username="t.redaktor")
    save(world, editor)  # wrote the text
    report = submitted(world, coordinator_malmo)  # a colleague submitted it

    assert editor.pk in services.district_report_author_ids(report)
    with pytest.raises(PermissionDenied):
        services.district_report_accept(report=report, actor=editor)


def test_someone_who_only_changed_a_row_cannot_accept_it(world, coordinator_malmo, malmo):
    report = save(world, coordinator_malmo)
    row_editor = factories.officer(username="t.radandrare")
    factories.coordinator(malmo, username="t.radandrare")
    data = complete_input(world)
    data.values[world.rising.pk] = (Decimal("56"), "")
    save(world, row_editor, data)
    services.district_report_submit(report=fresh(report), actor=coordinator_malmo)

    assert row_editor.pk in services.district_report_author_ids(fresh(report))


def test_returning_a_report_does_not_make_the_reviewer_an_author(world, coordinator_malmo, officer):
    report = submitted(world, coordinator_malmo)
    services.district_report_return(report=report, note="Komplettera.", actor=officer)
    services.district_report_submit(report=fresh(report), actor=coordinator_malmo)

    services.district_report_accept(report=fresh(report), actor=officer)

    assert fresh(report).status == S.ACCEPTED


def test_creating_the_empty_report_does_not_make_the_officer_an_author(
    malmo, coordinator_malmo, officer
):
    world = report_world(malmo)
    world.report.delete()
    services.district_reports_create_for_year(year=2026, actor=officer)
    world.report = AnnualDistrictReport.objects.get()
    report = submitted(world, coordinator_malmo)

    assert officer.pk not in services.district_report_author_ids(report)


# --- Attachments --------------------------------------------------------------------------------


def test_attachments_go_only_to_open_reports(world, coordinator_malmo, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("Bilaga Malmö.pdf", b"%PDF-1.7\n%test\n", "application/pdf")
    attachment = services.district_report_attach(
        report=world.report, upload=upload, actor=coordinator_malmo
    )
    assert attachment.original_name == "Bilaga-Malmo.pdf"
    assert attachment.content_object == world.report

    report = submitted(world, coordinator_malmo)
    upload = SimpleUploadedFile("sen.pdf", b"%PDF-1.7\n%test\n", "application/pdf")
    with pytest.raises(TransitionNotAllowed):
        services.district_report_attach(report=report, upload=upload, actor=coordinator_malmo)


def test_an_attachment_makes_its_uploader_an_author(world, coordinator_malmo, malmo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    uploader = factories.officer(username="t.uppladdare")
    factories.coordinator(malmo, username="t.uppladdare")
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.7\n%test\n", "application/pdf")
    services.district_report_attach(report=world.report, upload=upload, actor=uploader)

    assert uploader.pk in services.district_report_author_ids(world.report)
