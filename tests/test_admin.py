"""The admin: every registered model answers, delete is not offered for records with history,
locked documents are read-only, changelists do not grow their queries with their rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import MINISTRY_ADMIN
from agreements.models import (
    Agreement,
    AgreementFunding,
    AgreementRevision,
    Attachment,
    County,
    District,
    GoalArea,
    Measure,
    Municipality,
    MunicipalityMembership,
    PhaseAppropriation,
    PlanGoal,
    PolicyPhase,
    StrategicDistrictPlan,
)
from partnerships.models import (
    AccordCommitment,
    Agency,
    AgencyMembership,
    AgencyUnit,
    CooperationAccord,
    Partnership,
    PartnershipMember,
)
from reports.models import (
    AgencyReport,
    AgencyReportCompilation,
    AgencyReportEntry,
    AnnualDistrictReport,
    AnnualReport,
    GoalIndicator,
    ImportBatch,
    Indicator,
    IndicatorValue,
    ReplacedValue,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReportReminder,
)

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("accounts", "agreements", "partnerships", "reports")

# Add pages forbidden on purpose (403): rows that enter only through the application, and the
# logs of third-party apps, which their own admins make read-only.
ADD_FORBIDDEN = {
    "agreements.attachment",  # uploaded through the pages, which check type, size and access
    "reports.importbatch",  # written by the import
    "reports.agencyreportcompilation",  # written by the compile service
    "reports.indicatorvalue",  # entered by the import, which can be undone; no history
    "reports.reportreminder",  # a log written by send_report_reminders
    "audit.auditevent",  # written for every history record, never by hand
    "udavtal.listexport",  # written by the export task for the user who asked
    "accessibility.accessibilityreport",  # sent by the public through the statement page
    "reports.replacedvalue",  # written by the import, read by its undo
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "django_tasks_database.dbtaskresult",
    # Grants (förordning 2018:151): started, decided, paid and followed up on the pages, whose
    # services check eligibility, the window, the 90 % rule and the appropriation; only the
    # programme and the rounds (reference data) are added here.
    "grants.grantadvisorycomment",
    "grants.grantapplication",
    "grants.grantbudgetline",
    "grants.grantdecision",
    "grants.grantdecisionamount",
    "grants.grantfollowup",
    "grants.grantfollowupentry",
    "grants.grantfollowupresult",
    "grants.grantgoal",
    "grants.grantgoalindicator",
    "grants.grantmeasure",
    "grants.grantpayment",
    "grants.grantreclaim",
}

# Rows with history whose removal the admin allows: a membership grants access, and removing it
# revokes access (the history keeps the removal).
DELETE_ALLOWED = {"agreements.municipalitymembership", "partnerships.agencymembership"}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)
PROJECT_REGISTERED = [m for m in REGISTERED if m._meta.app_label in PROJECT_APPS]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hashing the admin's password at full strength costs about a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _label(model) -> str:
    return model._meta.label_lower


def _post_data(response) -> dict:
    """The change form as the browser would post it back, unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)
    return data


WORLDS = {1: ("1280", "Malmö"), 2: ("1281", "Lund")}


def build_world(n: int) -> dict:
    """One object of every model of the project, related as in real life, in municipality `n`
    of WORLDS (get_or_create: a data migration may already have loaded the municipalities)."""
    code, name = WORLDS[n]
    user = User.objects.create_user(username=f"samordnare{n}", first_name="Sam", last_name=name)
    county, _ = County.objects.get_or_create(code="12", defaults={"name": "Skåne län"})
    municipality, _ = Municipality.objects.get_or_create(
        code=code, defaults={"name": name, "county": county}
    )
    district = District.objects.create(
        municipality=municipality, code=f"{code}-T1", name=f"Testgården {n}"
    )
    phase = PolicyPhase.objects.create(
        name=f"Testpolitik {n} enligt förordning (0000:1)",
        short_name=f"Testpolitik {n}",
        starts_on=date(2018, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    goal_area = GoalArea.objects.create(code=f"test-arbete-{n}", name=f"Arbete (test {n})")
    agreement = Agreement.objects.create(
        municipality=municipality,
        policy_phase=phase,
        title=f"Lokalt utvecklingsavtal {name} (test)",
        starts_on=date(2018, 1, 1),
        ends_on=date(2020, 12, 31),
    )
    agreement.districts.add(district)
    agreement.goal_areas.add(goal_area)
    plan = StrategicDistrictPlan.objects.create(agreement=agreement, district=district)
    goal = PlanGoal.objects.create(plan=plan, goal_area=goal_area, text="Fler i arbete")
    agency = Agency.objects.create(name=f"Testmyndigheten {n}", short_name=f"TM{n}")
    unit = AgencyUnit.objects.create(
        agency=agency, name="Testmyndigheten centralt", level="central"
    )
    partnership = Partnership.objects.create(agreement=agreement, name="Partnerskap Testgården")
    member = PartnershipMember.objects.create(
        partnership=partnership, kind="agency", name=f"Testmyndigheten {n}", agency_unit=unit
    )
    measure = Measure.objects.create(goal=goal, title="Jobbtorg", responsible=member)
    accord = CooperationAccord.objects.create(
        agreement=agreement,
        municipality=municipality,
        agency_unit=unit,
        title="Samverkansöverenskommelse (test)",
        starts_on=date(2018, 6, 1),
        ends_on=date(2020, 12, 31),
    )
    indicator = Indicator.objects.create(
        code=f"TEST_SYSS_{n}",
        name="Förvärvsarbetande (test)",
        definition="Andel förvärvsarbetande 20–64 år.",
        unit="procent",
        direction=Indicator.Direction.HIGHER,
        source="SCB",
        goal_area=goal_area,
    )
    goal_indicator = GoalIndicator.objects.create(
        goal=goal,
        indicator=indicator,
        baseline_year=2017,
        baseline_value=Decimal("55.0"),
        target_year=2020,
        target_value=Decimal("60.0"),
    )
    batch = ImportBatch.objects.create(
        file_name="utfall.csv", sha256="0" * 64, file_format="csv", imported_by=user
    )
    district_report = AnnualDistrictReport.objects.create(
        district=district, agreement=agreement, year=2019, due_on=date(2019, 10, 1)
    )
    agency_report = AgencyReport.objects.create(
        agency=agency, unit=unit, year=2019, due_on=date(2020, 3, 1)
    )
    return {
        "accounts.user": user,
        "agreements.county": county,
        "agreements.municipality": municipality,
        "agreements.municipalitymembership": MunicipalityMembership.objects.create(
            user=user, municipality=municipality
        ),
        "agreements.district": district,
        "agreements.policyphase": phase,
        "agreements.phaseappropriation": PhaseAppropriation.objects.create(
            phase=phase, year=2018, amount_sek=Decimal("425000000")
        ),
        "agreements.goalarea": goal_area,
        "agreements.agreement": agreement,
        "agreements.agreementfunding": AgreementFunding.objects.create(
            agreement=agreement, year=2018, state_amount_sek=Decimal("1000000")
        ),
        "agreements.agreementrevision": AgreementRevision.objects.create(
            agreement=agreement, year=2019, description="Nya frister.", decided_on=date(2019, 3, 1)
        ),
        "agreements.strategicdistrictplan": plan,
        "agreements.plangoal": goal,
        "agreements.measure": measure,
        "agreements.attachment": Attachment.objects.create(
            content_type=ContentType.objects.get_for_model(Agreement),
            object_id=agreement.pk,
            file="attachments/2019/avtal.pdf",
            original_name="avtal.pdf",
            mime_type="application/pdf",
            size_bytes=1234,
            sha256="1" * 64,
            uploaded_by=user,
        ),
        "partnerships.agency": agency,
        "partnerships.agencymembership": AgencyMembership.objects.create(
            user=user, agency=agency, unit=unit
        ),
        "partnerships.agencyunit": unit,
        "partnerships.partnership": partnership,
        "partnerships.partnershipmember": member,
        "partnerships.cooperationaccord": accord,
        "partnerships.accordcommitment": AccordCommitment.objects.create(
            accord=accord, plan_goal=goal, what="Handläggare på plats två dagar i veckan"
        ),
        "reports.indicator": indicator,
        "reports.goalindicator": goal_indicator,
        "reports.importbatch": batch,
        "reports.indicatorvalue": IndicatorValue.objects.create(
            indicator=indicator,
            area_type="district",
            area_code=district.code,
            year=2019,
            value=Decimal("57.5"),
            batch=batch,
        ),
        "reports.replacedvalue": ReplacedValue.objects.create(
            batch=batch, value_id=1, value=Decimal("55.0")
        ),
        "reports.annualdistrictreport": district_report,
        "reports.reportnarrative": ReportNarrative.objects.create(
            report=district_report, goal_area=goal_area, text="Året i korthet."
        ),
        "reports.reportindicatorvalue": ReportIndicatorValue.objects.create(
            report=district_report, goal_indicator=goal_indicator, value=Decimal("57.5")
        ),
        "reports.reportmeasure": ReportMeasure.objects.create(
            report=district_report, measure=measure, status=Measure.Status.ONGOING
        ),
        "reports.reportreminder": ReportReminder.objects.create(
            report=district_report, kind="before_30", due_on=date(2019, 10, 1)
        ),
        "reports.agencyreport": agency_report,
        "reports.agencyreportentry": AgencyReportEntry.objects.create(
            report=agency_report, partnership=partnership, done="Deltog i partnerskapet."
        ),
        "reports.agencyreportcompilation": AgencyReportCompilation.objects.create(
            report=agency_report, compiled_by=user
        ),
        "reports.annualreport": AnnualReport.objects.create(
            year=2018 + n, title=f"Årsrapport {2018 + n}"
        ),
    }


@pytest.fixture
def world() -> dict:
    return build_world(1)


def test_every_concrete_model_of_the_project_is_registered_and_no_historical_one():
    models = [
        model
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.abstract
    ]
    historical = [m for m in models if m.__name__.startswith("Historical")]
    concrete = [m for m in models if m not in historical]

    assert [m for m in concrete if m not in admin.site._registry] == []
    assert [m for m in historical if m in admin.site._registry] == []


def test_the_admin_site_has_swedish_titles(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "udavtal – administration" in response.content.decode()
    assert str(admin.site.site_title) == "Lokala utvecklingsavtal"


@pytest.mark.parametrize("model", REGISTERED, ids=_label)
def test_changelist_answers_200_for_every_registered_model(admin_client, world, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=_label)
def test_add_page_answers_200_unless_adding_is_forbidden_on_purpose(admin_client, model):
    expected = 403 if _label(model) in ADD_FORBIDDEN else 200

    assert admin_client.get(_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", PROJECT_REGISTERED, ids=_label)
def test_change_page_of_an_object_of_every_project_model_answers_200(admin_client, world, model):
    obj = world[_label(model)]

    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", PROJECT_REGISTERED, ids=_label)
def test_history_page_of_an_object_of_every_project_model_answers_200(admin_client, world, model):
    obj = world[_label(model)]

    assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", PROJECT_REGISTERED, ids=_label)
def test_delete_is_offered_only_for_memberships(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    expected = _label(model) in DELETE_ALLOWED

    assert admin.site._registry[model].has_delete_permission(request) is expected


@pytest.mark.parametrize("model", PROJECT_REGISTERED, ids=_label)
def test_changelist_queries_do_not_grow_with_the_rows(admin_client, model):
    url = _url(model, "changelist")
    build_world(1)
    with CaptureQueriesContext(connection) as one_each:
        assert admin_client.get(url).status_code == 200
    build_world(2)

    with CaptureQueriesContext(connection) as two_each:
        assert admin_client.get(url).status_code == 200

    assert len(two_each) == len(one_each)


def test_deleting_an_agreement_is_forbidden(admin_client, world):
    agreement = world["agreements.agreement"]

    assert admin_client.get(_url(Agreement, "delete", agreement.pk)).status_code == 403
    assert admin_client.post(_url(Agreement, "delete", agreement.pk)).status_code == 403
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_agreement_changelist_offers_no_bulk_delete(admin_client, world):
    response = admin_client.get(_url(Agreement, "changelist"))

    assert "delete_selected" not in response.content.decode()


def _agreements(count: int) -> None:
    """`count` agreements spread over ten municipalities and three policy phases."""
    county, _ = County.objects.get_or_create(code="12", defaults={"name": "Skåne län"})
    municipalities = [
        Municipality.objects.get_or_create(
            code=f"90{i:02d}", defaults={"name": f"Testkommun {i}", "county": county}
        )[0]
        for i in range(10)
    ]
    phases = [
        PolicyPhase.objects.create(
            name=f"Testfas {i}", short_name=f"Fas {i}", starts_on=date(1990, 1, 1)
        )
        for i in range(3)
    ]
    for i in range(count):
        Agreement.objects.create(
            municipality=municipalities[i % 10],
            policy_phase=phases[i % 3],
            title=f"Avtal {i}",
            starts_on=date(1990 + i, 1, 1),
            ends_on=date(1990 + i, 12, 31),
        )


def test_agreement_changelist_with_30_agreements_runs_a_bounded_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    _agreements(30)

    with django_assert_max_num_queries(12):
        response = admin_client.get(_url(Agreement, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


def test_district_report_changelist_with_30_reports_runs_a_bounded_number_of_queries(
    admin_client, world, django_assert_max_num_queries
):
    agreement = world["agreements.agreement"]
    for i in range(30):
        municipality = Municipality.objects.get_or_create(
            code=f"91{i:02d}",
            defaults={"name": f"Kommun {i}", "county": world["agreements.county"]},
        )[0]
        district = District.objects.create(municipality=municipality, code=f"X-{i}", name=f"D{i}")
        AnnualDistrictReport.objects.create(
            district=district, agreement=agreement, year=2019, due_on=date(2019, 10, 1)
        )

    with django_assert_max_num_queries(12):
        response = admin_client.get(_url(AnnualDistrictReport, "changelist"))

    assert response.status_code == 200


def test_indicator_value_changelist_runs_a_bounded_number_of_queries(
    admin_client, world, django_assert_max_num_queries
):
    indicator = world["reports.indicator"]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator, area_type="municipality", area_code=f"{i:04d}", year=2019
        )
        for i in range(200)
    )

    with django_assert_max_num_queries(10):
        response = admin_client.get(_url(IndicatorValue, "changelist"), {"sex": "T"})

    assert response.status_code == 200


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_submitted_or_accepted_district_report_cannot_be_changed(admin_client, world, status):
    report = world["reports.annualdistrictreport"]
    AnnualDistrictReport.objects.filter(pk=report.pk).update(
        status=status, submitted_at=timezone.now()
    )
    url = _url(AnnualDistrictReport, "change", report.pk)

    page = admin_client.get(url)
    refused = admin_client.post(url, {"summary": "Ändrad i efterhand"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert refused.status_code == 403
    report.refresh_from_db()
    assert report.summary == ""


def test_rows_of_an_accepted_district_report_cannot_be_changed(admin_client, world):
    report = world["reports.annualdistrictreport"]
    AnnualDistrictReport.objects.filter(pk=report.pk).update(
        status="accepted", submitted_at=timezone.now()
    )
    narrative = world["reports.reportnarrative"]

    response = admin_client.post(_url(ReportNarrative, "change", narrative.pk), {"text": "Ny text"})

    assert response.status_code == 403


def test_accepted_agency_report_cannot_be_changed(admin_client, world):
    report = world["reports.agencyreport"]
    AgencyReport.objects.filter(pk=report.pk).update(status="accepted", submitted_at=timezone.now())

    response = admin_client.post(_url(AgencyReport, "change", report.pk), {"summary": "x"})

    assert response.status_code == 403


def test_published_annual_report_cannot_be_changed(admin_client, world):
    annual = world["reports.annualreport"]
    AnnualReport.objects.filter(pk=annual.pk).update(
        status="published", published_at=timezone.now(), pdf_sha256="2" * 64
    )

    response = admin_client.post(_url(AnnualReport, "change", annual.pk), {"title": "Ny titel"})

    assert response.status_code == 403


def test_draft_district_report_can_be_changed(admin_client, world):
    report = world["reports.annualdistrictreport"]
    url = _url(AnnualDistrictReport, "change", report.pk)
    data = _post_data(admin_client.get(url))
    data["summary"] = "Ett bra år."

    response = admin_client.post(url, data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.summary == "Ett bra år."
    assert report.version == 2


def test_saving_an_agreement_bumps_its_version_and_records_the_reason(admin_client, world):
    agreement = world["agreements.agreement"]
    url = _url(Agreement, "change", agreement.pk)
    data = _post_data(admin_client.get(url))
    data["title"] = "Nytt namn"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Nytt namn", 2)
    latest = agreement.history.latest()
    assert latest.history_change_reason == "Ändrad i administrationen"
    assert latest.history_user == User.objects.get(username="admin")


def test_stale_agreement_save_is_refused_with_a_message(admin_client, world):
    agreement = world["agreements.agreement"]
    url = _url(Agreement, "change", agreement.pk)
    data = _post_data(admin_client.get(url))
    data["title"] = "Mitt namn"
    Agreement.objects.filter(pk=agreement.pk).update(title="Någon annans namn", version=2)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Någon annans namn", 2)


def test_reverting_through_the_history_form_is_forbidden(admin_client, world):
    district = world["agreements.district"]
    record = district.history.latest()
    url = reverse("admin:agreements_district_simple_history", args=[district.pk, record.history_id])

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"name": "Tillbaka"}).status_code == 403


def test_removing_a_membership_revokes_access_and_keeps_its_history(admin_client, world):
    membership = world["agreements.municipalitymembership"]

    response = admin_client.post(
        _url(MunicipalityMembership, "delete", membership.pk), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not MunicipalityMembership.objects.filter(pk=membership.pk).exists()
    assert MunicipalityMembership.history.filter(id=membership.pk, history_type="-").exists()


def test_agency_membership_unit_must_belong_to_the_agency(admin_client, world, django_user_model):
    other_agency = Agency.objects.create(name="Annan myndighet")
    unit = world["partnerships.agencyunit"]
    user = django_user_model.objects.create_user(username="handlaggare")

    response = admin_client.post(
        _url(AgencyMembership, "add"),
        {"user": user.pk, "agency": other_agency.pk, "unit": unit.pk},
    )

    assert response.status_code == 200
    assert "Enheten hör inte till den valda myndigheten." in response.content.decode()
    assert not AgencyMembership.objects.filter(user=user).exists()


def test_user_page_shows_the_users_memberships(admin_client, world):
    user = world["accounts.user"]

    response = admin_client.get(_url(User, "change", user.pk))

    content = response.content.decode()
    assert "Malmö" in content
    assert "Testmyndigheten 1" in content


def test_global_role_group_cannot_be_deleted_or_renamed(admin_client):
    group = Group.objects.create(name=MINISTRY_ADMIN)

    page = admin_client.get(_url(Group, "change", group.pk))
    deleted = admin_client.post(_url(Group, "delete", group.pk), {"post": "yes"})

    assert "name" in page.context["adminform"].readonly_fields
    assert deleted.status_code == 403
    assert Group.objects.filter(name=MINISTRY_ADMIN).exists()


def test_years_in_lists_are_printed_without_a_thousands_separator(admin_client, world):
    response = admin_client.get(_url(IndicatorValue, "changelist"))

    assert '<td class="field-year_display">2019</td>' in response.content.decode()


def test_municipality_autocomplete_on_the_agreement_form_finds_by_name(admin_client, world):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Malm",
            "app_label": "agreements",
            "model_name": "agreement",
            "field_name": "municipality",
        },
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Malmö"]
