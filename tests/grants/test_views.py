"""The grant pages: forms in Swedish with input kept on errors, the rules enforced through the
pages, queries that do not grow with rows, exports and the funding figures."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from grants import selectors, services
from grants.models import GrantApplication, GrantBudgetLine, GrantDecisionAmount
from tests import factories
from tests.factories import grants as gf

pytestmark = pytest.mark.django_db

IN_WINDOW = datetime.datetime(2019, 10, 15, 12, tzinfo=datetime.UTC)


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


@time_machine.travel(IN_WINDOW, tick=False)
def test_coordinator_starts_an_application_in_the_browser_form(grant_round, coordinator_client):
    response = coordinator_client.post(
        reverse("grants:application-create", args=[2020]),
        {"municipality": grant_round.eligible_municipalities.get(code="1280").pk,
         "title": "Unga i arbete", "last_year": "2022"},
    )  # fmt: skip
    application = GrantApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert (application.first_year, application.last_year) == (2020, 2022)


@time_machine.travel(datetime.datetime(2019, 12, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_application_after_the_window_is_refused_in_swedish_with_input_kept(
    grant_round, malmo, coordinator_client
):
    response = coordinator_client.post(
        reverse("grants:application-create", args=[2020]),
        {"municipality": malmo.pk, "title": "Sent påkommet", "last_year": "2020"},
    )
    assert response.status_code == 400
    assert "Ansökningstiden för 2020 är 2019-10-01–2019-11-30" in _text(response)
    assert 'value="Sent påkommet"' in _text(response)
    assert not GrantApplication.objects.exists()


def test_year_choices_stop_at_three_calendar_years(grant_round, coordinator_client):
    page = _text(coordinator_client.get(reverse("grants:application-create", args=[2020])))
    assert "3 år (2020–2022)" in page
    assert "4 år" not in page


def _budget_post(application, rows):
    data = {
        "version": application.version,
        "budget-TOTAL_FORMS": len(rows),
        "budget-INITIAL_FORMS": 0,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"budget-{i}-{key}"] = value
    return data


def test_budget_above_ninety_percent_is_refused_with_the_rule_in_swedish(
    grant_round, malmo, coordinator_malmo, coordinator_client
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo, complete=False)
    response = coordinator_client.post(
        reverse("grants:budget-edit", args=[application.pk]),
        _budget_post(application, [{"year": 2020, "cost_type": "personnel",
                                    "cost_sek": "1 000 000", "own_financing_sek": "50 000",
                                    "applied_sek": "950 000"}]),
    )  # fmt: skip
    assert response.status_code == 400
    assert "är mer än 90 procent av kostnaderna" in _text(response)
    assert 'value="950 000"' in _text(response)
    assert not application.budget_lines.exists()


def test_budget_within_the_rule_is_saved_and_blank_rows_are_skipped(
    grant_round, malmo, coordinator_malmo, coordinator_client
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo, complete=False)
    response = coordinator_client.post(
        reverse("grants:budget-edit", args=[application.pk]),
        _budget_post(application, [{"year": 2020, "cost_type": "personnel",
                                    "cost_sek": "1 000 000", "own_financing_sek": "100 000",
                                    "applied_sek": "900 000,00"}, {}]),
    )  # fmt: skip
    assert response.status_code == 302
    line = application.budget_lines.get()
    assert (line.applied_sek, line.own_financing_sek) == (Decimal("900000"), Decimal("100000"))


def test_stale_budget_form_is_refused_without_losing_input(
    grant_round, malmo, coordinator_malmo, coordinator_client
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo, complete=False)
    data = _budget_post(application, [{"year": 2020, "cost_type": "premises",
                                       "cost_sek": "100", "applied_sek": "90"}])  # fmt: skip
    GrantApplication.objects.filter(pk=application.pk).update(version=application.version + 1)
    response = coordinator_client.post(reverse("grants:budget-edit", args=[application.pk]), data)
    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in _text(response)
    assert not application.budget_lines.exists()


def test_measure_outside_the_grant_years_is_refused(
    grant_round, malmo, coordinator_malmo, coordinator_client
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo)
    response = coordinator_client.post(
        reverse("grants:measure-create", args=[application.pk]),
        {"version": application.version, "title": "Läxhjälp",
         "goal_area": factories.GoalAreaFactory().pk, "starts_on": "2020-06-01",
         "ends_on": "2021-06-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Insatsen måste ligga inom bidragsåren 2020–2020" in _text(response)


@time_machine.travel(IN_WINDOW, tick=False)
def test_coordinator_submits_after_confirming(
    grant_round, malmo, coordinator_malmo, coordinator_client
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo)
    url = reverse("grants:application-submit", args=[application.pk])
    assert "Vill du lämna in ansökan?" in _text(coordinator_client.get(url))
    application.refresh_from_db()
    assert application.status == "draft"
    assert coordinator_client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"


@time_machine.travel(IN_WINDOW, tick=False)
def test_incomplete_application_lists_what_is_missing(
    grant_round, malmo, coordinator_malmo, coordinator_client
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo, complete=False)
    response = coordinator_client.post(reverse("grants:application-submit", args=[application.pk]))
    assert response.status_code == 400
    assert "Ange minst ett mål." in _text(response)


def test_submit_of_a_submitted_application_is_forbidden(applications, coordinator_client):
    url = reverse("grants:application-submit", args=[applications["submitted"].pk])
    assert coordinator_client.post(url).status_code == 403


def test_advisory_body_comments_and_the_comment_shows_on_the_application(
    applications, delmos_officer, client
):
    client.force_login(delmos_officer)
    application = applications["submitted"]
    response = client.post(
        reverse("grants:advisory-comment", args=[application.pk]), {"text": "Tillstyrks."}
    )
    assert response.status_code == 302
    page = _text(client.get(application.get_absolute_url()))
    assert "Tillstyrks." in page
    assert "Delegationen mot segregation" in page


def _decision_post(**amounts):
    data = {"decided_on": "2021-01-20", "reasoning": "Uppfyller villkoren.", "conditions": ""}
    data.update({f"amount_{year}": value for year, value in amounts.items()})
    return data


def test_officer_decides_and_the_round_shows_the_remaining_money(applications, officer_client):
    application = applications["submitted"]
    response = officer_client.post(
        reverse("grants:application-decide", args=[application.pk]),
        _decision_post(**{"2021": "600 000"}),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "decided"
    page = _text(officer_client.get(reverse("grants:round-detail", args=[2021])))
    assert "Kvar att fördela: 99 400 000 kr av 100 000 000 kr." in page


def test_decision_over_the_appropriation_is_refused_on_the_page(applications, officer_client):
    application = applications["submitted"]
    gf.grant_round(2021, appropriation=Decimal("500000"))
    response = officer_client.post(
        reverse("grants:application-decide", args=[application.pk]),
        _decision_post(**{"2021": "600 000"}),
    )
    assert response.status_code == 400
    assert "Beslutet överskrider anslaget för 2021" in _text(response)
    assert not GrantDecisionAmount.objects.filter(round__year=2021).exists()


def test_officer_who_wrote_the_application_cannot_open_the_decision(applications, officer, client):
    application = applications["submitted"]
    GrantApplication.objects.filter(pk=application.pk).update(created_by=officer)
    client.force_login(officer)
    assert (
        client.get(reverse("grants:application-decide", args=[application.pk])).status_code == 403
    )


def test_payment_above_the_decided_amount_is_refused_on_the_page(applications, officer_client):
    amount = applications["decided"].decision.amounts.get()
    response = officer_client.post(
        reverse("grants:payment-create", args=[amount.pk]),
        {"amount_sek": "900 001", "due_on": "2022-02-01"},
    )
    assert response.status_code == 400
    assert "mer än det beviljade beloppet 900 000 kr" in _text(response)


def test_planned_payment_is_recorded_as_paid(applications, officer, officer_client):
    amount = applications["decided"].decision.amounts.get()
    payment = services.payment_plan(
        decision_amount=amount, amount_sek=Decimal("900000"), due_on=datetime.date(2022, 2, 1),
        actor=officer,
    )  # fmt: skip
    response = officer_client.post(
        reverse("grants:payment-record", args=[payment.pk]), {"paid_on": "2022-02-02"}
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert payment.paid_on == datetime.date(2022, 2, 2)


def test_follow_up_form_saves_work_per_measure_and_district(
    applications, coordinator_malmo, coordinator_client
):
    follow_up = services.follow_up_start(
        application=applications["decided"], year=2022, actor=coordinator_malmo
    )
    entry = follow_up.entries.get()
    result = follow_up.results.get()
    response = coordinator_client.post(
        reverse("grants:follow-up-edit", args=[follow_up.pk]),
        {"version": follow_up.version, "summary": "Bra år.", "goal_fulfilment": "",
         "obstacles": "", f"entry_{entry.pk}_done": "40 sommarjobb",
         f"entry_{entry.pk}_used": "800 000", f"result_{result.pk}_value": "54,5",
         f"result_{result.pk}_comment": ""},
    )  # fmt: skip
    assert response.status_code == 302
    entry.refresh_from_db()
    result.refresh_from_db()
    assert (entry.done, entry.used_sek, result.value) == (
        "40 sommarjobb",
        Decimal("800000"),
        Decimal("54.5"),
    )


def test_accepted_follow_up_has_no_edit_button_and_refuses_edits(
    applications, coordinator_malmo, officer, coordinator_client
):
    follow_up = services.follow_up_start(
        application=applications["decided"], year=2022, actor=coordinator_malmo
    )
    follow_up.summary = "Klart."
    follow_up.save()
    services.follow_up_submit(follow_up=follow_up, actor=coordinator_malmo)
    services.follow_up_accept(follow_up=follow_up, actor=officer)
    page = _text(coordinator_client.get(follow_up.get_absolute_url()))
    assert "Fyll i" not in page
    assert (
        coordinator_client.get(reverse("grants:follow-up-edit", args=[follow_up.pk])).status_code
        == 403
    )


# ---------------------------------------------------------------------------- lists and numbers


@pytest.fixture
def many_applications(grant_round, officer):
    """60 handed-in applications (one per municipality), every third decided and paid."""
    county = factories.CountyFactory(code="12")
    rows = []
    for n in range(60):
        municipality = factories.MunicipalityFactory(
            code=f"9{n:03d}", name=f"Testkommun {n}", county=county
        )
        grant_round.eligible_municipalities.add(municipality)
        application = gf.application(grant_round, municipality, status="submitted")
        if n % 3 == 0:
            decision = services.decision_make(
                application=application, amounts={2020: Decimal("500000")}, reasoning="Ok.",
                conditions="", decided_on=datetime.date(2020, 1, 20), actor=officer,
            )  # fmt: skip
            payment = services.payment_plan(
                decision_amount=decision.amounts.get(), amount_sek=Decimal("500000"),
                due_on=datetime.date(2020, 2, 1), actor=officer,
            )  # fmt: skip
            services.payment_record(
                payment=payment, paid_on=datetime.date(2020, 2, 1), actor=officer
            )
        rows.append(application)
    return rows


@pytest.mark.parametrize(
    "name", ["application-list", "funding-list", "district-funding-list", "round-list"]
)
def test_list_queries_do_not_grow_with_rows(
    many_applications, officer_client, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(14):
        response = officer_client.get(reverse(f"grants:{name}"))
    assert response.status_code == 200


def test_round_page_queries_do_not_grow_with_applications(
    many_applications, officer_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        response = officer_client.get(reverse("grants:round-detail", args=[2020]))
    assert "Testkommun 59" in _text(response)


def test_application_page_queries_are_bounded(
    grant_round, malmo, coordinator_malmo, coordinator_client, django_assert_max_num_queries
):
    application = gf.application(grant_round, malmo, created_by=coordinator_malmo, districts=3)
    for n in range(50):
        measure = application.measures.create(
            title=f"Insats {n}", goal_area=factories.GoalAreaFactory(),
            starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 12, 31),
        )  # fmt: skip
        measure.districts.set(application.districts.all())
    with django_assert_max_num_queries(30):
        response = coordinator_client.get(application.get_absolute_url())
    assert "Insats 49" in _text(response)


def test_funding_selector_gives_applied_decided_paid_and_used_per_year_and_municipality(
    many_applications,
):
    rows = selectors.funding_by_municipality_and_year(year=2020)
    first = next(r for r in rows if r["municipality_name"] == "Testkommun 0")
    second = next(r for r in rows if r["municipality_name"] == "Testkommun 1")
    assert len(rows) == 60
    assert (first["applied_sek"], first["decided_sek"], first["paid_sek"]) == (
        Decimal("900000"),
        Decimal("500000"),
        Decimal("500000"),
    )
    assert (second["decided_sek"], second["paid_sek"], second["used_sek"]) == (None, None, None)


def test_drafts_are_not_in_the_funding_figures(grant_round, malmo):
    gf.application(grant_round, malmo)
    assert selectors.funding_by_municipality_and_year() == []


def test_district_rows_share_out_the_decision_in_proportion_to_what_was_applied(
    grant_round, malmo, officer, coordinator_malmo
):
    application = gf.application(grant_round, malmo, status="submitted", districts=2)
    first, second = application.districts.order_by("pk")
    GrantBudgetLine.objects.filter(application=application).update(
        cost_sek=Decimal("300000"), own_financing_sek=0, applied_sek=Decimal("270000")
    )
    GrantBudgetLine.objects.create(
        application=application, year=2020, cost_type="activities", district=second,
        cost_sek=Decimal("100000"), own_financing_sek=Decimal("10000"),
        applied_sek=Decimal("90000"),
    )  # fmt: skip
    services.decision_make(
        application=application, amounts={2020: Decimal("180000")}, reasoning="Ok.",
        conditions="", decided_on=datetime.date(2020, 1, 20), actor=officer,
    )  # fmt: skip
    rows = {r["district__name"]: r for r in selectors.district_funding_rows_for_user(user=officer)}
    assert rows[first.name]["decided_sek"] == Decimal("135000")
    assert rows[second.name]["decided_sek"] == Decimal("45000")


def test_coordinator_sees_only_own_municipality_in_the_overview(
    many_applications, grant_round, malmo, coordinator_client
):
    gf.application(grant_round, malmo, status="submitted")
    page = _text(coordinator_client.get(reverse("grants:funding-list")))
    assert "Malmö" in page
    assert "Testkommun" not in page


def test_overview_exports_the_filtered_rows_as_csv(many_applications, officer_client):
    response = officer_client.get(reverse("grants:funding-list"), {"export": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    lines = body.decode().strip().splitlines()
    assert response.status_code == 200
    assert lines[0].startswith("År,Kommun,Kommunkod,Kostnader")
    assert len(lines) == 61


def test_application_list_exports_xlsx(many_applications, officer_client):
    response = officer_client.get(reverse("grants:application-list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_officer_edits_eligibility_of_a_later_round(grant_round, botkyrka, officer_client):
    page = officer_client.get(reverse("grants:round-edit", args=[2020]))
    form = page.context["form"]
    response = officer_client.post(
        reverse("grants:round-edit", args=[2020]),
        {"version": form.initial["version"], "opens_on": "2019-10-01",
         "closes_on": "2019-12-15", "eligible_municipalities": [botkyrka.pk], "note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    grant_round.refresh_from_db()
    assert list(grant_round.eligible_municipalities.all()) == [botkyrka]
    assert grant_round.closes_on == datetime.date(2019, 12, 15)


def test_municipality_that_applied_cannot_be_removed_from_the_round(
    grant_round, malmo, botkyrka, officer_client
):
    gf.application(grant_round, malmo, complete=False)
    response = officer_client.post(
        reverse("grants:round-edit", args=[2020]),
        {"version": grant_round.version, "opens_on": "2019-10-01", "closes_on": "2019-11-30",
         "eligible_municipalities": [botkyrka.pk], "note": ""},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Malmö har redan ansökt i omgången" in _text(response)
