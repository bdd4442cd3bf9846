"""The grant models in the admin: every page answers, nothing is deleted, handed-in applications,
decisions and payments are read-only, lists do not grow their queries with their rows."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from grants import services
from tests.factories import grants as gf

pytestmark = pytest.mark.django_db

GRANT_MODELS = [m for m in admin.site._registry if m._meta.app_label == "grants"]


def _url(model, view, *args):
    return reverse(f"admin:grants_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def decided(applications, officer, coordinator_malmo, delmos, delmos_officer):
    services.advisory_comment_add(
        application=applications["submitted"], agency=delmos, text="Tillstyrks.",
        actor=delmos_officer,
    )  # fmt: skip
    application = applications["decided"]
    amount = application.decision.amounts.get()
    payment = services.payment_plan(
        decision_amount=amount, amount_sek=Decimal("900000"), due_on=datetime.date(2022, 2, 1),
        actor=officer,
    )  # fmt: skip
    services.payment_record(payment=payment, paid_on=datetime.date(2022, 2, 1), actor=officer)
    services.reclaim_record(
        decision_amount=amount, kind="unused", amount_sek=Decimal("1000"), reason="Över.",
        decided_on=datetime.date(2023, 5, 1), actor=officer,
    )  # fmt: skip
    services.follow_up_start(application=application, year=2022, actor=coordinator_malmo)
    return application


def test_every_grant_model_is_registered():
    registered = {m._meta.model_name for m in GRANT_MODELS}
    concrete = {
        m._meta.model_name
        for m in apps.get_app_config("grants").get_models()
        if not m._meta.model_name.startswith("historical")
    }
    assert registered == concrete


@pytest.mark.parametrize("model", GRANT_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_and_change_page_answer_and_offer_no_delete(
    decided, admin_client, model, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        assert admin_client.get(_url(model, "changelist")).status_code == 200
    obj = model._default_manager.first()
    assert obj is not None
    page = admin_client.get(_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403


def test_handed_in_application_is_read_only_and_a_draft_is_editable(applications, admin_client):
    from grants.models import GrantApplication

    submitted = admin_client.get(_url(GrantApplication, "change", applications["submitted"].pk))
    draft = admin_client.get(_url(GrantApplication, "change", applications["draft"].pk))
    assert not submitted.context["has_change_permission"]
    assert draft.context["has_change_permission"]


def test_rounds_are_edited_in_the_admin_with_their_eligible_municipalities(
    grant_round, admin_client
):
    from grants.models import GrantRound

    page = admin_client.get(_url(GrantRound, "change", grant_round.pk))
    assert page.context["has_change_permission"]
    assert "eligible_municipalities" in page.context["adminform"].form.fields


def test_applications_cannot_be_added_in_the_admin(admin_client):
    from grants.models import GrantApplication

    assert admin_client.get(_url(GrantApplication, "add")).status_code == 403


def test_many_rounds_do_not_grow_the_changelist_queries(
    admin_client, django_assert_max_num_queries
):
    from grants.models import GrantRound

    for year in range(2030, 2090):
        gf.grant_round(year)
    with django_assert_max_num_queries(20):
        assert admin_client.get(_url(GrantRound, "changelist")).status_code == 200
