"""The demo dataset built by `manage.py load_demo_data`.

The demo is loaded once for the module inside a transaction that is rolled back at the end; each
test runs in a savepoint inside it.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from accounts.roles import MINISTRY_ADMIN, MINISTRY_OFFICER, READER, scope_of
from agreements.models import Agreement, District, StrategicDistrictPlan
from partnerships.models import CooperationAccord, PartnershipMember
from reports.models import (
    AgencyReport,
    AnnualDistrictReport,
    IndicatorValue,
    ReportIndicatorValue,
    ReviewStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("load_demo_data", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def row_counts() -> dict[str, int]:
    """Rows in every table, history tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_loading_the_demo_twice_changes_no_table_and_writes_no_history(demo):
    before = row_counts()
    out = StringIO()

    call_command("load_demo_data", stdout=out)

    assert row_counts() == before
    assert "Inget ändrades" in out.getvalue()


def test_history_tables_record_the_demo_with_its_change_reason(demo):
    record = Agreement.history.filter(history_type="+").first()

    assert record.history_change_reason == "Exempeldata"
    assert record.history_user.username == "admin"


def test_first_run_reports_what_it_created(demo):
    assert "lokala utvecklingsavtal: " in demo
    assert "udavtal-demo" in demo


def test_every_agreement_status_is_present(demo):
    present = set(Agreement.objects.values_list("status", flat=True))

    assert present == set(Agreement.Status.values)


def test_every_review_status_is_present_for_district_and_agency_reports(demo):
    district = set(AnnualDistrictReport.objects.values_list("status", flat=True))
    agency = set(AgencyReport.objects.values_list("status", flat=True))

    assert district == set(ReviewStatus.values)
    assert agency == set(ReviewStatus.values)


def test_every_accord_and_plan_status_is_present(demo):
    accords = set(CooperationAccord.objects.values_list("status", flat=True))
    plans = set(StrategicDistrictPlan.objects.values_list("status", flat=True))

    assert accords == set(CooperationAccord.Status.values)
    assert plans == set(StrategicDistrictPlan.Status.values)


def test_partnerships_have_members_of_every_kind(demo):
    kinds = set(PartnershipMember.objects.values_list("kind", flat=True))

    assert kinds == set(PartnershipMember.Kind.values)


def test_returned_reports_carry_the_reviewers_note(demo):
    returned = AnnualDistrictReport.objects.filter(status=ReviewStatus.RETURNED)

    assert returned.exists()
    assert all(r.return_note and r.submitted_at and r.reviewed_at for r in returned)


def test_some_reported_indicator_values_are_blank_for_missing(demo):
    assert ReportIndicatorValue.objects.filter(value__isnull=True).exists()
    assert ReportIndicatorValue.objects.filter(value__isnull=False).exists()


def test_original_seven_have_24_districts_and_the_appendix_districts_keep_their_names(demo):
    originals = District.objects.filter(
        municipality__code__in=["0127", "0136", "0126", "1480", "1280", "0180", "0181"]
    )
    ringdansen = District.objects.get(name="Ringdansen")
    raus = District.objects.select_related("parent").get(name="Raus Plantering/Miatorp")

    assert originals.count() == 24
    assert all("(exempel)" in d.name for d in originals)
    assert ringdansen.former_names == ["Navestad"]
    assert raus.parent.name == "Söder"
    assert District.objects.get(name="Fisksätra").municipality.name == "Nacka"


def test_21_municipalities_had_agreements_for_2007(demo):
    agreements = Agreement.objects.filter(starts_on__year=2007, ends_on__year=2007)

    assert agreements.values("municipality").distinct().count() == 21


def test_indicator_series_are_example_data_for_all_area_levels_and_sexes(demo):
    values = IndicatorValue.objects.all()

    assert values.count() > 10_000
    assert not values.filter(is_example=False).exists()
    assert set(values.values_list("source", flat=True)) == {"Exempeldata"}
    # Every level of the demo; DeSO and RegSO values come only from imports.
    assert set(values.values_list("area_type", flat=True)) == {
        "district",
        "municipality",
        "county",
        "country",
    }
    assert set(values.values_list("sex", flat=True)) == {"T", "K", "M"}
    assert values.filter(value__isnull=True).exists()
    assert values.filter(population_base__lt=10).exists()
    assert values.filter(area_code="SE").exists()


def test_turnout_has_values_only_in_election_years(demo):
    years = set(
        IndicatorValue.objects.filter(indicator__code="valdeltagande_kommunval").values_list(
            "year", flat=True
        )
    )

    assert years == {2014, 2018, 2022}


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", "admin"),
        ("handlaggare", "officer"),
        ("samordnare.malmo", "coordinator"),
        ("samordnare.botkyrka", "coordinator"),
        ("myndighet.fk", "agency"),
        ("lasare", "reader"),
    ],
)
def test_demo_user_exists_with_its_role_and_the_documented_password(demo, username, role):
    user = get_user_model().objects.get(username=username)

    assert scope_of(user).role == role
    assert user.check_password("udavtal-demo")
    assert user.first_name and user.last_name


def test_admin_is_superuser_staff_and_in_the_admin_group(demo):
    admin = get_user_model().objects.get(username="admin")

    assert admin.is_superuser and admin.is_staff
    assert admin.groups.filter(name=MINISTRY_ADMIN).exists()


def test_the_three_global_groups_exist(demo):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        MINISTRY_ADMIN,
        MINISTRY_OFFICER,
        READER,
    }


def test_coordinators_belong_to_their_municipality(demo):
    malmo = get_user_model().objects.get(username="samordnare.malmo")
    botkyrka = get_user_model().objects.get(username="samordnare.botkyrka")

    assert malmo.municipality_memberships.get().municipality.name == "Malmö"
    assert botkyrka.municipality_memberships.get().municipality.name == "Botkyrka"


def test_the_fk_officer_sees_accords_with_malmo_and_botkyrka(demo):
    officer = get_user_model().objects.get(username="myndighet.fk")

    visible = CooperationAccord.objects.visible_to(officer)
    municipalities = set(visible.values_list("municipality__name", flat=True))

    assert {"Malmö", "Botkyrka"} <= municipalities
    assert not visible.exclude(agency_unit__agency__name="Försäkringskassan").exists()


def test_the_malmo_coordinator_sees_only_malmo_reports(demo):
    coordinator = get_user_model().objects.get(username="samordnare.malmo")

    reports = AnnualDistrictReport.objects.visible_to(coordinator)

    assert reports.exists()
    assert set(reports.values_list("district__municipality__name", flat=True)) == {"Malmö"}


def test_at_most_one_report_per_district_and_year(demo):
    duplicates = (
        AnnualDistrictReport.objects.values("district", "year")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )

    assert not duplicates.exists()


def test_signed_accords_have_both_signature_dates(demo):
    signed = CooperationAccord.objects.filter(status=CooperationAccord.Status.SIGNED)

    assert all(a.agency_signed_on and a.municipality_signed_on for a in signed)


def test_agreement_deadlines_lie_inside_the_agreement_period(demo):
    for agreement in Agreement.objects.exclude(plans_due_on=None):
        assert agreement.starts_on <= agreement.plans_due_on <= agreement.ends_on
        assert agreement.starts_on <= agreement.accords_due_on <= agreement.ends_on


def test_police_reports_are_compiled_by_the_central_unit(demo):
    rps = AgencyReport.objects.get(unit__name="Rikspolisstyrelsen", year=2009)

    assert [r.unit.name for r in rps.compiled_from.all()] == ["Polismyndigheten i Skåne län"]


@pytest.mark.parametrize(
    ("username", "expected", "absent"),
    [
        ("handlaggare", ["Att göra", "Lokalt utvecklingsavtal Södertälje 2027"], []),
        ("lasare", ["Att göra"], []),
        ("admin", ["Att göra"], []),
        ("samordnare.malmo", ["Malmö stadsdel 1 (exempel)"], ["Botkyrka stadsdel 1 (exempel)"]),
        (
            "samordnare.botkyrka",
            ["Botkyrka stadsdel 1 (exempel)"],
            ["Malmö stadsdel 1 (exempel)"],
        ),
        ("myndighet.fk", ["Försäkringskassan", "Malmö", "Botkyrka"], ["Göteborg stadsdel"]),
    ],
)
def test_demo_user_logs_in_and_the_start_page_shows_only_the_roles_view(
    demo, client, username, expected, absent
):
    assert client.login(username=username, password="udavtal-demo")
    content = client.get("/").content.decode()
    for text in expected:
        assert text in content
    for text in absent:
        assert text not in content


def test_the_coming_grant_round_takes_applications_from_malmo_today(demo):
    from django.utils import timezone

    from grants.models import GrantRound
    from grants.services.applications import check_eligible, check_window

    today = timezone.localdate()
    grant_round = GrantRound.objects.filter(year=today.year + 1).first()
    if grant_round is None:  # after the programme's last round (2027) there is nothing to open
        assert not GrantRound.objects.filter(year__gt=today.year).exists()
        return
    malmo = get_user_model().objects.get(username="samordnare.malmo")
    municipality = malmo.municipality_memberships.get().municipality

    check_window(grant_round=grant_round, today=today)
    check_eligible(grant_round=grant_round, municipality=municipality)
    assert grant_round.history.filter(history_user__username="handlaggare").exists()
