"""The agreement page: everything about one agreement, its files through permission-checking
views, its full history, and a number of queries that does not grow with what is behind it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from agreements import services
from agreements.models import Agreement
from agreements.services import FundingLine
from partnerships.models import CooperationAccord
from reports.models import ReviewStatus
from tests import factories
from tests.factories import agreements as make

pytestmark = pytest.mark.django_db

D = datetime.date
S = Agreement.Status


def _page(client, agreement):
    return client.get(agreement.get_absolute_url())


def test_page_shows_parties_signatories_funding_totals_and_districts(officer_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo, case_number="Ju2018/99")
    agreement.districts.add(factories.DistrictFactory(municipality=malmo, name="Holma (sida)"))
    factories.FundingFactory(
        agreement=agreement, year=2019, state_amount_sek=1_000_000, municipality_amount_sek=500_000
    )
    factories.FundingFactory(
        agreement=agreement, year=2020, state_amount_sek=2_000_000, municipality_amount_sek=250_000
    )

    content = _page(officer_client, agreement).content.decode()

    assert "Ju2018/99" in content
    assert "Anna Statsråd" in content and "Kim Kommunstyrelse" in content
    assert "Holma (sida)" in content
    assert "3\u00a0000\u00a0000\u00a0kr" in content  # state total
    assert "750\u00a0000\u00a0kr" in content  # municipality total
    assert "3\u00a0750\u00a0000\u00a0kr" in content  # everything


@time_machine.travel(D(2020, 1, 15))
def test_overdue_deadlines_are_marked(officer_client, malmo):
    agreement = make.agreement(
        S.IN_FORCE, municipality=malmo, plans_due_on=D(2019, 6, 30), accords_due_on=D(2019, 9, 30)
    )
    factories.PlanFactory(agreement=agreement)

    content = _page(officer_client, agreement).content.decode()

    assert content.count('class="overdue"') >= 3  # both deadlines and the draft plan
    assert "ingen undertecknad överenskommelse" in content


@time_machine.travel(D(2020, 1, 15))
def test_a_signed_accord_and_adopted_plans_clear_the_overdue_marks(officer_client, malmo):
    agreement = make.agreement(
        S.IN_FORCE, municipality=malmo, plans_due_on=D(2019, 6, 30), accords_due_on=D(2019, 9, 30)
    )
    plan = factories.PlanFactory(agreement=agreement, status="adopted", adopted_on=D(2019, 5, 1))
    agreement.districts.add(plan.district)
    factories.AccordFactory(
        agreement=agreement,
        status=CooperationAccord.Status.SIGNED,
        agency_signed_on=D(2019, 5, 1),
        municipality_signed_on=D(2019, 5, 1),
    )

    content = _page(officer_client, agreement).content.decode()

    assert 'class="overdue"' not in content


def test_page_lists_plans_accords_and_district_reports_with_status(officer_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    plan = factories.PlanFactory(agreement=agreement)
    accord = factories.AccordFactory(agreement=agreement, title="FK och Malmö (sida)")
    report = factories.DistrictReportFactory(
        agreement=agreement, district=plan.district, year=2020, status=ReviewStatus.DRAFT
    )

    content = _page(officer_client, agreement).content.decode()

    assert plan.get_absolute_url() in content
    assert accord.get_absolute_url() in content and "FK och Malmö (sida)" in content
    assert report.get_absolute_url() in content and "badge--draft" in content


def test_history_shows_who_changed_which_field_from_what_to_what(officer_client, officer, malmo):
    agreement = make.agreement(S.NEGOTIATING, municipality=malmo, title="Före")
    holma = factories.DistrictFactory(municipality=malmo, name="Holma (historik)")
    services.agreement_update(
        agreement=agreement,
        expected_version=agreement.version,
        fields={"title": "Efter"},
        districts=[holma],
        goal_areas=[],
        funding=[FundingLine(2019, Decimal(100), Decimal(50))],
        actor=officer,
    )

    changes = _page(officer_client, agreement).context["changes"]

    by_field = {change.field: change for change in changes}
    assert (by_field["Rubrik"].old, by_field["Rubrik"].new) == ("Före", "Efter")
    assert by_field["Rubrik"].who == "Hanna Handläggare"
    assert by_field["Stadsdelar"].new == "Holma (historik)"
    assert "Finansiering 2019" in by_field


def test_signed_document_and_attachments_download_for_users_in_scope(
    coordinator_client, other_coordinator_client, malmo
):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    agreement.signed_document.save("avtal.pdf", make.pdf_upload(), save=True)
    attachment = make.attachment(agreement, name="bilaga.pdf")
    document_url = reverse("agreements:agreement-document", args=[agreement.pk])
    attachment_url = reverse("agreements:agreement-attachment", args=[agreement.pk, attachment.pk])

    own = coordinator_client.get(document_url)
    own_attachment = coordinator_client.get(attachment_url)

    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF-")
    assert "attachment" in own["Content-Disposition"]
    assert own_attachment.status_code == 200
    assert other_coordinator_client.get(document_url).status_code == 404
    assert other_coordinator_client.get(attachment_url).status_code == 404


def test_attachment_of_another_agreement_is_not_served_through_this_one(officer_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    other = make.agreement(
        S.OFFERED, municipality=malmo, starts_on=D(2030, 1, 1), ends_on=D(2031, 1, 1)
    )
    attachment = make.attachment(other)

    response = officer_client.get(
        reverse("agreements:agreement-attachment", args=[agreement.pk, attachment.pk])
    )

    assert response.status_code == 404


def test_officer_uploads_a_pdf_attachment(officer_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    url = reverse("agreements:agreement-attach", args=[agreement.pk])

    response = officer_client.post(
        url, {"file": make.pdf_upload("Protokoll.pdf"), "description": "Protokoll"}
    )

    content = _page(officer_client, agreement).content.decode()
    assert response.status_code == 302
    assert "Protokoll.pdf" in content


def test_upload_that_is_not_a_document_is_refused(officer_client, malmo):
    agreement = make.agreement(S.IN_FORCE, municipality=malmo)
    url = reverse("agreements:agreement-attach", args=[agreement.pk])
    fake = make.SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = officer_client.post(url, {"file": fake})

    assert response.status_code == 400
    assert "Filtypen stöds inte" in response.content.decode()


def test_agreement_page_queries_do_not_grow_with_what_is_behind_it(
    officer_client, officer, malmo, django_assert_max_num_queries
):
    agreement = make.agreement(
        S.IN_FORCE, municipality=malmo, starts_on=D(1970, 1, 1), ends_on=D(2030, 12, 31)
    )
    districts = [factories.DistrictFactory(municipality=malmo) for _ in range(55)]
    agreement.districts.add(*districts)
    for year in range(1970, 2025):
        factories.FundingFactory(agreement=agreement, year=year)
        make.revision(agreement, year=year)
    for district in districts[:10]:
        plan = factories.PlanFactory(agreement=agreement, district=district)
        factories.DistrictReportFactory(agreement=agreement, district=plan.district, year=2020)
        factories.AccordFactory(agreement=agreement)
        make.attachment(agreement)
    first_line = agreement.funding.get(year=1970)
    for n in range(55):  # 55 edits: history records with district rows and funding changes
        agreement.refresh_from_db()
        services.agreement_update(
            agreement=agreement,
            expected_version=agreement.version,
            fields={"title": f"Avtal version {n}"},
            districts=districts[: n % 3 + 52],
            goal_areas=[],
            funding=[FundingLine(1970, Decimal(n), Decimal(n), line=first_line)],
            actor=officer,
        )

    with django_assert_max_num_queries(17):
        response = _page(officer_client, agreement)

    assert response.status_code == 200
    assert len(response.context["changes"]) > 100
