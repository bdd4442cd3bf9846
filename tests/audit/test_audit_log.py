"""The audit page: every change by user, object and date, filterable and exportable."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from audit.models import AuditEvent
from tests import factories
from tests.downloads import body
from udavtal.lib.workflow import transition

pytestmark = pytest.mark.django_db

URL = "/granskningslogg/"


@pytest.fixture
def changed_agreement(officer):
    agreement = factories.AgreementFactory(title="Avtal för granskning", status="offered")
    transition(
        agreement,
        to=Agreement.Status.NEGOTIATING,
        allowed_from=[Agreement.Status.OFFERED],
        actor=officer,
        reason="Kommunen vill förhandla",
    )
    return agreement


def test_a_change_is_logged_with_user_fields_and_reason(changed_agreement, officer):
    event = AuditEvent.objects.filter(object_id=str(changed_agreement.pk), action="~").get()
    assert event.user == officer
    assert event.reason == "Kommunen vill förhandla"
    assert {"field": "status", "old": "Erbjuden", "new": "Under överläggning"} in event.changes


def test_admin_sees_the_log_filtered_by_user(admin_user_client, changed_agreement, officer):
    response = admin_user_client.get(URL, {"user": officer.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Avtal för granskning" in content
    assert "Kommunen vill förhandla" in content
    assert "Under överläggning" in content


def test_filter_by_date_excludes_other_days(admin_user_client, changed_agreement):
    response = admin_user_client.get(URL, {"date_to": "2000-01-01"})
    assert "Avtal för granskning" not in response.content.decode()


def test_log_exports_as_csv(admin_user_client, changed_agreement):
    response = admin_user_client.get(URL, {"q": "granskning", "export": "csv"})
    text = body(response).decode()
    assert response.status_code == 200
    assert "Avtal för granskning" in text
    assert "Erbjuden → Under överläggning" in text


@pytest.mark.parametrize("fixture", ["officer_client", "reader_client", "coordinator_client"])
def test_other_roles_are_refused(request, fixture):
    assert request.getfixturevalue(fixture).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_log_page_query_count_does_not_grow_with_rows(
    admin_user_client, officer, django_assert_max_num_queries
):
    for _ in range(60):
        factories.AgreementFactory()
    with django_assert_max_num_queries(12):
        assert admin_user_client.get(URL).status_code == 200


def test_rebuild_adds_nothing_when_the_log_is_complete(changed_agreement, capsys):
    from django.core.management import call_command

    before = AuditEvent.objects.count()
    call_command("rebuild_audit_log")
    assert AuditEvent.objects.count() == before


# --- Issue 9: coverage of the log --------------------------------------------------------------

# Models whose changes are not in the history tables, and why.
NOT_AUDITED = {
    "accounts.User": "accounts are managed in the admin (Django's admin log keeps those changes)",
    "agreements.County": "reference data loaded by migrations",
    "reports.IndicatorValue": "bulk-imported; each import is an audited ImportBatch",
    "reports.ReplacedValue": "what an import overwrote, kept per ImportBatch for undo",
    "reports.ReportReminder": "automatic reminder e-mails, a log of their own",
    "reports.AgencyReportCompilation": "written with the report's own audited change",
    "audit.AuditEvent": "the log itself",
}


def test_every_model_of_the_project_is_audited_or_listed_with_a_reason():
    from django.apps import apps

    missing = []
    for label in ("accounts", "agreements", "partnerships", "reports", "grants", "audit"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or hasattr(model, "history"):
                continue
            if model._meta.label not in NOT_AUDITED:
                missing.append(model._meta.label)
    assert not missing, f"models whose changes never reach /granskningslogg/: {missing}"


def test_an_import_and_its_undo_are_in_the_log(officer, admin_user_client):
    from django.contrib.contenttypes.models import ContentType

    from reports.models import ImportBatch
    from reports.statistics.importing.core import import_indicator_values
    from reports.statistics.importing.undo import batch_undo
    from tests.factories import statistics as stats

    stats.without_reference_indicators()
    factories.malmo()
    indicator = stats.indicator()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "granskad.csv",
        f"indikator;områdestyp;områdeskod;år;kön;värde\n{indicator.code};kommun;1280;2020;T;55\n".encode(),
    )
    result = import_indicator_values(file=upload, file_name="granskad.csv", actor=officer)
    batch_undo(batch=ImportBatch.objects.get(pk=result.batch.pk), actor=officer)

    kind = ContentType.objects.get_for_model(ImportBatch)
    events = AuditEvent.objects.filter(content_type=kind, object_id=str(result.batch.pk))
    assert {e.reason for e in events} >= {"Fil importerad", "Import ångrad"}
    assert all(e.user == officer for e in events)
    page = admin_user_client.get(URL, {"content_type": kind.pk}).content.decode()
    assert "granskad.csv" in page and "Import ångrad" in page


def test_log_filters_by_type_and_object_and_exports_as_xlsx(admin_user_client, changed_agreement):
    import io

    import openpyxl
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Agreement)
    other = factories.AgreementFactory(title="Ett annat avtal")
    page = admin_user_client.get(
        URL, {"content_type": kind.pk, "object_id": str(changed_agreement.pk)}
    ).content.decode()
    assert "Avtal för granskning" in page
    assert "Ett annat avtal" not in page

    response = admin_user_client.get(URL, {"object_id": str(other.pk), "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Ett annat avtal" in cell for cell in cells)
    assert not any("Avtal för granskning" in cell for cell in cells)
