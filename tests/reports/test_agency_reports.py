"""The agencies' yearly reports (13 § förordningen (2008:348)): the review cycle in the services,
the permission table, every page's chain, compiling the police authorities' reports, the list."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from partnerships.models import AgencyUnit, PartnershipMember
from reports.agency import services
from reports.models import AgencyReport, AgencyReportCompilation
from tests import factories
from tests.downloads import body
from tests.factories import accords as build
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

R = AgencyReport.Status


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def af_officer():
    af = factories.AgencyFactory(name="Arbetsförmedlingen", short_name="AF")
    return factories.agency_officer(af, username="t.myndighet.af")


@pytest.fixture
def fk_report(fk):
    unit = build.central_unit(fk)
    return factories.AgencyReportFactory(agency=fk, unit=unit, year=2009, status=R.DRAFT)


def _in_state(report, status, submitter=None):
    AgencyReport.objects.filter(pk=report.pk).update(
        status=status,
        submitted_at=datetime.datetime(2009, 9, 1, tzinfo=datetime.UTC)
        if status in (R.SUBMITTED, R.ACCEPTED)
        else None,
        submitted_by=submitter,
    )
    report.refresh_from_db()
    return report


# --- Services --------------------------------------------------------------------------------


def test_create_starts_a_draft_due_on_1_october(fk, agency_officer_fk):
    unit = build.central_unit(fk)

    report = services.agency_report_create(unit=unit, year=2009, actor=agency_officer_fk)

    assert report.status == R.DRAFT
    assert report.due_on == datetime.date(2009, 10, 1)
    assert report.agency == fk


def test_create_refuses_a_second_report_for_the_unit_and_year(fk_report, agency_officer_fk):
    with pytest.raises(ValidationError, match="har redan en redovisning för 2009"):
        services.agency_report_create(unit=fk_report.unit, year=2009, actor=agency_officer_fk)


def test_submit_then_return_then_submit_then_accept(fk_report, agency_officer_fk, officer):
    services.agency_report_update(
        report=fk_report,
        data={"summary": "Vi har deltagit."},
        expected_version=fk_report.version,
        actor=agency_officer_fk,
    )
    services.agency_report_submit(report=fk_report, actor=agency_officer_fk)
    assert fk_report.status == R.SUBMITTED
    assert fk_report.submitted_by == agency_officer_fk

    services.agency_report_return(report=fk_report, note="Komplettera hinder", actor=officer)
    assert fk_report.status == R.RETURNED
    assert fk_report.return_note == "Komplettera hinder"

    services.agency_report_update(
        report=fk_report,
        data={"obstacles": "Sekretess"},
        expected_version=fk_report.version,
        actor=agency_officer_fk,
    )
    services.agency_report_submit(report=fk_report, actor=agency_officer_fk)
    services.agency_report_accept(report=fk_report, actor=officer)

    fk_report.refresh_from_db()
    assert fk_report.status == R.ACCEPTED
    assert fk_report.reviewed_by == officer


def test_submit_refuses_an_empty_report(fk_report, agency_officer_fk):
    with pytest.raises(ValidationError, match="sammanfattning"):
        services.agency_report_submit(report=fk_report, actor=agency_officer_fk)


@pytest.mark.parametrize("status", [R.NOT_STARTED, R.SUBMITTED, R.ACCEPTED])
def test_submit_is_refused_in_the_wrong_state(fk_report, agency_officer_fk, status):
    fk_report.summary = "x"
    fk_report.save()
    report = _in_state(fk_report, status)  # an accepted report cannot be saved any more

    with pytest.raises(TransitionNotAllowed):
        services.agency_report_submit(report=report, actor=agency_officer_fk)


@pytest.mark.parametrize("status", [R.NOT_STARTED, R.DRAFT, R.RETURNED, R.ACCEPTED])
def test_review_is_refused_unless_submitted(fk_report, officer, status):
    report = _in_state(fk_report, status)

    with pytest.raises(TransitionNotAllowed):
        services.agency_report_accept(report=report, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        services.agency_report_return(report=report, note="x", actor=officer)


@pytest.mark.parametrize("status", [R.SUBMITTED, R.ACCEPTED])
def test_a_submitted_or_accepted_report_is_not_changed(fk_report, agency_officer_fk, status):
    report = _in_state(fk_report, status)

    with pytest.raises(TransitionNotAllowed):
        services.agency_report_update(
            report=report,
            data={"summary": "Ändrat"},
            expected_version=report.version,
            actor=agency_officer_fk,
        )
    report.refresh_from_db()
    assert report.summary != "Ändrat"


def test_nobody_accepts_a_report_they_wrote(fk_report, officer):
    services.agency_report_update(
        report=fk_report, data={"summary": "Skrivet av handläggaren"},
        expected_version=fk_report.version, actor=officer,
    )  # fmt: skip
    report = _in_state(fk_report, R.SUBMITTED, submitter=None)

    with pytest.raises(ValidationError, match="kan inte granska"):
        services.agency_report_accept(report=report, actor=officer)


def test_a_stale_report_save_is_refused(fk_report, agency_officer_fk):
    loaded = fk_report.version
    services.agency_report_update(
        report=fk_report, data={"summary": "A"}, expected_version=loaded, actor=agency_officer_fk
    )

    with pytest.raises(StaleObjectError):
        services.agency_report_update(
            report=AgencyReport.objects.get(pk=fk_report.pk),
            data={"summary": "B"},
            expected_version=loaded,
            actor=agency_officer_fk,
        )


def test_an_entry_needs_a_partnership_the_agency_is_part_of(fk, fk_report, agency_officer_fk):
    foreign = factories.PartnershipFactory(agreement=build.signed_agreement())

    with pytest.raises(ValidationError, match="ingår inte i partnerskapet"):
        services.agency_report_entry_save(
            report=fk_report,
            partnership=foreign,
            data={"done": "x"},
            expected_version=fk_report.version,
            actor=agency_officer_fk,
        )


def _police():
    police = factories.AgencyFactory(name="Polisen (test)", short_name="RPS")
    rps = build.central_unit(police, name="Rikspolisstyrelsen (test)")
    regions = [
        AgencyUnit.objects.create(
            agency=police, name=f"Polismyndigheten i {name} (test)", level="regional", parent=rps
        )
        for name in ("Skåne län", "Stockholms län", "Västra Götalands län")
    ]
    return police, rps, regions


def test_rikspolisstyrelsen_compiles_the_submitted_and_accepted_regional_reports(officer):
    police, rps, (skane, stockholm, vg) = _police()
    rps_officer = factories.agency_officer(police, username="t.rps")
    partnership = factories.PartnershipFactory(agreement=build.signed_agreement())
    PartnershipMember.objects.create(
        partnership=partnership, kind="agency", name=skane.name, agency_unit=skane
    )
    reports = {}
    # Skåne's report is accepted after its section is written (an accepted report is frozen).
    for unit, status in ((skane, R.SUBMITTED), (stockholm, R.SUBMITTED), (vg, R.DRAFT)):
        reports[unit.pk] = factories.AgencyReportFactory(
            agency=police,
            unit=unit,
            year=2009,
            status=status,
            obstacles=f"Hinder i {unit.name}",
            submitted_at=datetime.datetime(2009, 9, 1, tzinfo=datetime.UTC)
            if status != R.DRAFT
            else None,
        )
    build.AgencyReportEntryFactory(
        report=reports[skane.pk], partnership=partnership, done="Trygghetsvandringar"
    )
    AgencyReport.objects.filter(pk=reports[skane.pk].pk).update(status=R.ACCEPTED)

    central = services.agency_report_compile(unit=rps, year=2009, actor=rps_officer)

    assert central.unit == rps
    assert central.status == R.DRAFT
    assert set(central.compiled_from.all()) == {reports[skane.pk], reports[stockholm.pk]}
    assert "Hinder i Polismyndigheten i Skåne län (test)" in central.obstacles
    assert "Västra Götalands" not in central.obstacles
    entry = central.entries.get(partnership=partnership)
    assert entry.done == "Polismyndigheten i Skåne län (test): Trygghetsvandringar"
    compilation = AgencyReportCompilation.objects.get(report=central)
    assert compilation.compiled_by == rps_officer
    assert {s["status"] for s in compilation.source_states} == {"accepted", "submitted"}


def test_compiling_again_updates_the_central_report_and_keeps_both_compilations(officer):
    police, rps, (skane, stockholm, _vg) = _police()
    rps_officer = factories.agency_officer(police, username="t.rps")
    factories.AgencyReportFactory(
        agency=police,
        unit=skane,
        year=2009,
        status=R.SUBMITTED,
        submitted_at=datetime.datetime(2009, 9, 1, tzinfo=datetime.UTC),
    )
    central = services.agency_report_compile(unit=rps, year=2009, actor=rps_officer)
    factories.AgencyReportFactory(
        agency=police,
        unit=stockholm,
        year=2009,
        status=R.SUBMITTED,
        submitted_at=datetime.datetime(2009, 9, 2, tzinfo=datetime.UTC),
    )

    again = services.agency_report_compile(
        unit=rps, year=2009, actor=rps_officer, expected_version=central.version
    )

    assert again.pk == central.pk
    assert again.compiled_from.count() == 2
    assert again.compilations.count() == 2


def test_a_regional_unit_cannot_compile(officer):
    police, _rps, (skane, *_rest) = _police()

    with pytest.raises(ValidationError, match="centrala enhet"):
        services.agency_report_compile(unit=skane, year=2009, actor=officer)


def test_an_accepted_central_report_is_not_recompiled():
    police, rps, (skane, *_rest) = _police()
    factories.AgencyReportFactory(
        agency=police,
        unit=skane,
        year=2009,
        status=R.SUBMITTED,
        submitted_at=datetime.datetime(2009, 9, 1, tzinfo=datetime.UTC),
    )
    factories.AgencyReportFactory(
        agency=police,
        unit=rps,
        year=2009,
        status=R.ACCEPTED,
        submitted_at=datetime.datetime(2009, 9, 1, tzinfo=datetime.UTC),
    )
    rps_officer = factories.agency_officer(police, username="t.rps")

    with pytest.raises(TransitionNotAllowed):
        services.agency_report_compile(unit=rps, year=2009, actor=rps_officer)


# --- Permission table ------------------------------------------------------------------------

ROLES = ["officer", "reader", "agency_fk", "agency_af", "coordinator_malmo"]
STATES = [R.NOT_STARTED, R.DRAFT, R.SUBMITTED, R.RETURNED, R.ACCEPTED]
ALLOWED = {
    **{("change", s): {"agency_fk"} for s in (R.NOT_STARTED, R.DRAFT, R.RETURNED)},
    **{("submit", s): {"agency_fk"} for s in (R.DRAFT, R.RETURNED)},
    ("review", R.SUBMITTED): {"officer"},
    **{("compile", s): {"agency_fk"} for s in (R.NOT_STARTED, R.DRAFT, R.RETURNED)},
}


@pytest.fixture
def users(officer, reader, agency_officer_fk, af_officer, coordinator_malmo):
    return {
        "officer": officer,
        "reader": reader,
        "agency_fk": agency_officer_fk,
        "agency_af": af_officer,
        "coordinator_malmo": coordinator_malmo,
    }


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ["change", "submit", "review", "compile"])
@pytest.mark.parametrize("role", ROLES)
def test_agency_report_permission_table(users, fk_report, role, action, state):
    report = _in_state(fk_report, state)

    allowed = users[role].has_perm(f"reports.{action}_agencyreport", report)

    assert allowed == (role in ALLOWED.get((action, state), set()))


def test_a_regional_units_report_cannot_be_compiled(agency_officer_fk, fk):
    central = build.central_unit(fk)
    regional = AgencyUnit.objects.create(
        agency=fk, name="FK Skåne", level="regional", parent=central
    )
    report = factories.AgencyReportFactory(agency=fk, unit=regional, status=R.DRAFT)

    assert not agency_officer_fk.has_perm("reports.compile_agencyreport", report)


def test_the_officer_who_submitted_cannot_review(officer, fk_report):
    report = _in_state(fk_report, R.SUBMITTED, submitter=officer)

    assert not officer.has_perm("reports.review_agencyreport", report)


# --- Pages -----------------------------------------------------------------------------------

PAGES = [
    # name, state, wrong role (in scope), right role
    ("reports:agency-report-detail", R.DRAFT, None, "reader"),
    ("reports:agency-report-edit", R.DRAFT, "officer", "agency_fk"),
    ("reports:agency-report-entry-add", R.RETURNED, "reader", "agency_fk"),
    ("reports:agency-report-submit", R.DRAFT, "officer", "agency_fk"),
    ("reports:agency-report-return", R.SUBMITTED, "agency_fk", "officer"),
    ("reports:agency-report-accept", R.SUBMITTED, "reader", "officer"),
    ("reports:agency-report-compile", R.DRAFT, "reader", "agency_fk"),
]


@pytest.mark.parametrize(("name", "state", "wrong", "right"), PAGES)
def test_agency_report_page_chain(client, users, fk_report, name, state, wrong, right):
    report = _in_state(fk_report, state)
    url = reverse(name, args=[report.pk])

    assert client.get(url).status_code == 302
    assert _client(users["agency_af"]).get(url).status_code == 404
    assert _client(users["coordinator_malmo"]).get(url).status_code == 404
    if wrong:
        assert _client(users[wrong]).get(url).status_code == 403
    assert _client(users[right]).get(url).status_code == 200


def test_entry_edit_page_chain(client, users, fk, fk_report):
    accord = build.accord(agency=fk, unit=fk_report.unit)
    partnership = factories.PartnershipFactory(agreement=accord.agreement)
    entry = build.AgencyReportEntryFactory(report=fk_report, partnership=partnership)
    url = reverse("reports:agency-report-entry-edit", args=[fk_report.pk, entry.pk])

    assert client.get(url).status_code == 302
    assert _client(users["agency_af"]).get(url).status_code == 404
    assert _client(users["officer"]).get(url).status_code == 403
    assert _client(users["agency_fk"]).get(url).status_code == 200


@pytest.mark.parametrize("name", ["reports:agency-report-list", "reports:agency-report-create"])
def test_list_and_create_chain(client, users, name):
    url = reverse(name)

    assert client.get(url).status_code == 302
    expected_for_coordinator = 200 if name.endswith("list") else 403
    assert _client(users["coordinator_malmo"]).get(url).status_code == expected_for_coordinator
    assert _client(users["agency_fk"]).get(url).status_code == 200


def test_agency_officer_writes_a_section_and_submits_through_the_pages(fk, fk_report, users):
    client = _client(users["agency_fk"])
    accord = build.accord(agency=fk, unit=fk_report.unit)
    partnership = factories.PartnershipFactory(agreement=accord.agreement, name="PS (test)")

    response = client.post(
        reverse("reports:agency-report-entry-add", args=[fk_report.pk]),
        {
            "version": fk_report.version,
            "partnership": partnership.pk,
            "done": "Samlokaliserat kontor",
            "obstacles": "Sekretess",
            "proposals": "Ändra förordningen",
        },
    )
    assert response.status_code == 302
    fk_report.refresh_from_db()
    response = client.post(
        reverse("reports:agency-report-submit", args=[fk_report.pk]),
        {"version": fk_report.version},
    )
    assert response.status_code == 302
    fk_report.refresh_from_db()
    assert fk_report.status == R.SUBMITTED
    detail = _client(users["reader"]).get(fk_report.get_absolute_url()).content.decode()
    assert "Samlokaliserat kontor" in detail
    assert "Ändra förordningen" in detail


def test_officer_returns_with_a_note_the_agency_sees(fk_report, users):
    report = _in_state(fk_report, R.SUBMITTED, submitter=users["agency_fk"])

    response = _client(users["officer"]).post(
        reverse("reports:agency-report-return", args=[report.pk]),
        {"version": report.version, "reason": "Beskriv hindren närmare"},
    )

    assert response.status_code == 302
    page = _client(users["agency_fk"]).get(report.get_absolute_url()).content.decode()
    assert "Beskriv hindren närmare" in page


def test_create_page_starts_a_report_for_an_own_unit(fk, users):
    unit = build.central_unit(fk)

    response = _client(users["agency_fk"]).post(
        reverse("reports:agency-report-create"), {"unit": unit.pk, "year": 2010}
    )

    report = AgencyReport.objects.get(unit=unit, year=2010)
    assert response.status_code == 302
    assert report.due_on == datetime.date(2010, 10, 1)


def test_create_page_refuses_another_agencys_unit(users):
    af_unit = build.central_unit(factories.AgencyFactory(name="Arbetsförmedlingen"))

    response = _client(users["agency_fk"]).post(
        reverse("reports:agency-report-create"), {"unit": af_unit.pk, "year": 2010}
    )

    assert response.status_code == 400
    assert not AgencyReport.objects.filter(unit=af_unit).exists()


def test_list_filters_by_status_and_exports(fk, users, af_officer):
    central = build.central_unit(fk)
    factories.AgencyReportFactory(agency=fk, unit=central, year=2009, status=R.DRAFT)
    factories.AgencyReportFactory(
        agency=fk,
        unit=central,
        year=2010,
        status=R.SUBMITTED,
        submitted_at=datetime.datetime(2010, 9, 1, tzinfo=datetime.UTC),
    )
    url = reverse("reports:agency-report-list")
    officer = _client(users["officer"])

    content = officer.get(url, {"status": "submitted"}).content.decode()
    assert "1 rad" in content
    export = officer.get(url, {"year": "2009", "export": "csv"})
    text = body(export).decode()
    assert "Utkast" in text
    assert ",2010," not in text
    assert _client(af_officer).get(url).content.decode().count("Försäkringskassan") == 0


def test_list_query_count_does_not_grow(fk, users, django_assert_max_num_queries):
    central = build.central_unit(fk)
    for year in range(1960, 2015):
        factories.AgencyReportFactory(
            agency=fk, unit=central, year=year, due_on=datetime.date(year, 10, 1)
        )

    client = _client(users["officer"])

    with django_assert_max_num_queries(10):
        response = client.get(reverse("reports:agency-report-list"))

    assert "55 rader" in response.content.decode()


def test_detail_query_count_does_not_grow_with_entries(
    fk, fk_report, users, django_assert_max_num_queries
):
    for i in range(55):
        partnership = factories.PartnershipFactory(
            agreement=factories.AgreementFactory(
                municipality=factories.MunicipalityFactory(code=f"9{i:03d}", name=f"Kommun {i}")
            )
        )
        build.AgencyReportEntryFactory(report=fk_report, partnership=partnership)

    client = _client(users["agency_fk"])

    with django_assert_max_num_queries(14):
        response = client.get(fk_report.get_absolute_url())

    assert response.content.decode().count("Gemensamma insatser för arbetssökande.") == 55
