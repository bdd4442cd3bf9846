"""The database refuses to change a grant decision or its amounts (PostgreSQL triggers,
migration grants.0003), except the one write that archives the decision document."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from grants import services
from grants.models import GrantDecision, GrantDecisionAmount
from reports.district.immutability import allow_purge
from tests.factories import grants as gf

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(grant_round, malmo, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = gf.application(grant_round, malmo, status="submitted")
    return services.decision_make(
        application=application,
        amounts={2020: Decimal("900000")},
        reasoning="Uppfyller villkoren.",
        conditions="",
        decided_on=datetime.date(2020, 1, 20),
        actor=officer,
    )


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError as error:
        return "grant decision" in str(error)
    return False


def test_a_decision_cannot_be_updated_or_deleted(decision):
    rows = GrantDecision.objects.filter(pk=decision.pk)

    assert refused(lambda: rows.update(reasoning="Ändrad motivering."))
    assert refused(lambda: rows.update(decided_on=datetime.date(2020, 2, 1)))
    assert refused(lambda: _sql("DELETE FROM grants_grantdecision WHERE id = %s", decision.pk))
    assert GrantDecision.objects.get(pk=decision.pk).reasoning == "Uppfyller villkoren."


def _sql(statement: str, pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, [pk])


def test_a_raw_sql_update_is_refused(decision):
    assert refused(
        lambda: _sql("UPDATE grants_grantdecision SET conditions = 'x' WHERE id = %s", decision.pk)
    )


def test_the_decided_amounts_cannot_change(decision):
    amounts = GrantDecisionAmount.objects.filter(decision=decision)

    assert refused(lambda: amounts.update(amount_sek=Decimal("1")))
    assert refused(
        lambda: _sql("DELETE FROM grants_grantdecisionamount WHERE decision_id = %s", decision.pk)
    )
    assert amounts.get().amount_sek == Decimal("900000")


def test_the_document_is_archived_once_and_never_replaced(decision):
    services.decision_store_pdf(decision=decision, content=b"%PDF-1.7 beslut")
    rows = GrantDecision.objects.filter(pk=decision.pk)

    assert rows.get().pdf_sha256
    assert refused(lambda: rows.update(pdf="grants/decisions/annan.pdf", pdf_sha256="b" * 64))


def test_a_purge_may_delete_the_amounts(decision):
    with allow_purge():
        GrantDecisionAmount.objects.filter(decision=decision).delete()

    assert not GrantDecisionAmount.objects.filter(decision=decision).exists()
