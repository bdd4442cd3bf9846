"""Creating and editing agreements: two steps without JavaScript, Swedish validation, input kept
on errors (status 400), and no lost updates."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementFunding
from tests import factories
from tests.factories import agreements as make

pytestmark = pytest.mark.django_db

D = datetime.date
CREATE = reverse("agreements:agreement-create")


def _form_data(*, phase, districts=(), funding=(), **overrides) -> dict:
    data = {
        "title": "Lokalt utvecklingsavtal Malmö 2019–2021",
        "case_number": "Ju2018/0042",
        "policy_phase": phase.pk,
        "offered_on": "2018-10-01",
        "starts_on": "2019-01-01",
        "ends_on": "2021-12-31",
        "accords_due_on": "2019-09-30",
        "plans_due_on": "2019-06-30",
        "districts": [d.pk for d in districts],
        "goal_areas": [],
        "description": "",
        "version": "",
        "funding-TOTAL_FORMS": str(len(funding) + 1),
        "funding-INITIAL_FORMS": "0",
        "funding-MIN_NUM_FORMS": "0",
        "funding-MAX_NUM_FORMS": "60",
    }
    for i, row in enumerate(funding):
        for key, value in row.items():
            data[f"funding-{i}-{key}"] = value
    data.update(overrides)
    return data


def _edit_data(agreement, **overrides) -> dict:
    lines = list(agreement.funding.order_by("year"))
    data = _form_data(
        phase=agreement.policy_phase,
        districts=agreement.districts.all(),
        title=agreement.title,
        starts_on=agreement.starts_on.isoformat(),
        ends_on=agreement.ends_on.isoformat(),
        accords_due_on="",
        plans_due_on="",
        version=str(agreement.version),
    )
    data["funding-TOTAL_FORMS"] = str(len(lines) + 1)
    data["funding-INITIAL_FORMS"] = str(len(lines))
    for i, line in enumerate(lines):
        data[f"funding-{i}-line"] = line.pk
        data[f"funding-{i}-year"] = line.year
        data[f"funding-{i}-state_amount_sek"] = str(line.state_amount_sek)
        data[f"funding-{i}-municipality_amount_sek"] = str(line.municipality_amount_sek)
    data.update(overrides)
    return data


@pytest.fixture
def phase():
    return factories.PolicyPhaseFactory()


def test_step_one_offers_municipalities_and_step_two_only_that_municipalitys_districts(
    officer_client, malmo, botkyrka
):
    factories.DistrictFactory(municipality=malmo, name="Rosengård (test)")
    factories.DistrictFactory(municipality=botkyrka, name="Alby (test)")

    first = officer_client.get(CREATE)
    second = officer_client.get(CREATE, {"kommun": malmo.pk})

    assert 'name="kommun"' in first.content.decode()
    assert "Rosengård (test)" in second.content.decode()
    assert "Alby (test)" not in second.content.decode()


def test_unknown_municipality_in_step_one_answers_400(officer_client):
    response = officer_client.get(CREATE, {"kommun": "999999"})
    assert response.status_code == 400


def test_officer_creates_an_offered_agreement_with_districts_and_funding(
    officer_client, officer, malmo, phase
):
    rosengard = factories.DistrictFactory(municipality=malmo, name="Rosengård (test)")
    holma = factories.DistrictFactory(municipality=malmo, name="Holma (test)")
    data = _form_data(
        phase=phase,
        districts=[rosengard, holma],
        funding=[
            {"year": "2019", "state_amount_sek": "2 500 000", "municipality_amount_sek": "1250000"},
        ],
    )

    response = officer_client.post(f"{CREATE}?kommun={malmo.pk}", data)

    agreement = Agreement.objects.get(title="Lokalt utvecklingsavtal Malmö 2019–2021")
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    assert agreement.status == Agreement.Status.OFFERED
    assert agreement.municipality == malmo
    assert set(agreement.districts.all()) == {rosengard, holma}
    assert agreement.funding.get().state_amount_sek == 2_500_000
    assert agreement.history.earliest().history_user == officer


def test_period_out_of_order_is_refused_in_swedish_and_input_is_kept(officer_client, malmo, phase):
    data = _form_data(phase=phase, starts_on="2021-01-01", ends_on="2019-12-31", title="Behåll mig")

    response = officer_client.post(f"{CREATE}?kommun={malmo.pk}", data)

    content = response.content.decode()
    assert response.status_code == 400
    assert "Slutdatum kan inte vara före startdatum." in content
    assert 'value="Behåll mig"' in content
    assert not Agreement.objects.exists()


def test_overlapping_agreement_is_refused_with_the_other_agreements_name(
    officer_client, malmo, phase
):
    factories.AgreementFactory(
        municipality=malmo,
        policy_phase=phase,
        title="LUA Malmö 2018–2019",
        starts_on=D(2018, 1, 1),
        ends_on=D(2019, 12, 31),
    )

    response = officer_client.post(f"{CREATE}?kommun={malmo.pk}", _form_data(phase=phase))

    assert response.status_code == 400
    assert "LUA Malmö 2018–2019" in response.content.decode()
    assert Agreement.objects.count() == 1


def test_district_of_another_municipality_cannot_be_chosen(officer_client, malmo, botkyrka, phase):
    alby = factories.DistrictFactory(municipality=botkyrka, name="Alby (test)")

    response = officer_client.post(
        f"{CREATE}?kommun={malmo.pk}", _form_data(phase=phase, districts=[alby])
    )

    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_negative_amounts_are_refused(officer_client, malmo, phase):
    data = _form_data(
        phase=phase,
        funding=[{"year": "2019", "state_amount_sek": "-5", "municipality_amount_sek": "0"}],
    )

    response = officer_client.post(f"{CREATE}?kommun={malmo.pk}", data)

    assert response.status_code == 400
    assert "Beloppet kan inte vara negativt." in response.content.decode()
    assert not Agreement.objects.exists()


def test_funding_year_outside_the_period_is_refused(officer_client, malmo, phase):
    data = _form_data(
        phase=phase,
        funding=[{"year": "2025", "state_amount_sek": "5", "municipality_amount_sek": "0"}],
    )

    response = officer_client.post(f"{CREATE}?kommun={malmo.pk}", data)

    assert response.status_code == 400
    assert "Året 2025 ligger utanför avtalsperioden (2019–2021)." in response.content.decode()


def test_deadline_outside_the_period_is_refused(officer_client, malmo, phase):
    data = _form_data(phase=phase, plans_due_on="2022-06-30")

    response = officer_client.post(f"{CREATE}?kommun={malmo.pk}", data)

    assert response.status_code == 400
    assert "Tidsfristen måste ligga inom avtalsperioden" in response.content.decode()


def test_officer_edits_districts_funding_and_deadlines(officer_client, malmo):
    agreement = make.agreement(Agreement.Status.NEGOTIATING, municipality=malmo)
    kept = factories.FundingFactory(agreement=agreement, year=2019)
    removed = factories.FundingFactory(agreement=agreement, year=2020)
    holma = factories.DistrictFactory(municipality=malmo, name="Holma (test)")
    data = _edit_data(agreement, plans_due_on="2019-08-31", districts=[holma.pk])
    data["funding-0-state_amount_sek"] = "3000000"
    data["funding-1-DELETE"] = "on"

    response = officer_client.post(reverse("agreements:agreement-edit", args=[agreement.pk]), data)

    agreement.refresh_from_db()
    kept.refresh_from_db()
    assert response.status_code == 302
    assert agreement.plans_due_on == D(2019, 8, 31)
    assert list(agreement.districts.all()) == [holma]
    assert kept.state_amount_sek == 3_000_000
    assert not AgreementFunding.objects.filter(pk=removed.pk).exists()
    assert AgreementFunding.history.filter(id=removed.pk, history_type="-").exists()


def test_the_later_of_two_edits_is_refused_and_keeps_its_input(officer_client, malmo):
    agreement = make.agreement(Agreement.Status.NEGOTIATING, municipality=malmo)
    url = reverse("agreements:agreement-edit", args=[agreement.pk])
    first = _edit_data(agreement, title="Första versionen")
    second = _edit_data(agreement, title="Andra versionen")

    assert officer_client.post(url, first).status_code == 302
    response = officer_client.post(url, second)

    agreement.refresh_from_db()
    content = response.content.decode()
    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in content
    assert 'value="Andra versionen"' in content
    assert agreement.title == "Första versionen"


def test_ended_agreement_cannot_be_edited(officer_client, malmo):
    agreement = make.agreement(Agreement.Status.ENDED, municipality=malmo)
    response = officer_client.get(reverse("agreements:agreement-edit", args=[agreement.pk]))
    assert response.status_code == 403


def _sign_data(agreement, document, **overrides) -> dict:
    data = {
        "version": agreement.version,
        "state_signatory": "Anna Statsråd",
        "state_signatory_title": "Statsråd",
        "state_signed_on": "2018-12-01",
        "municipality_signatory": "Kim Ordförande",
        "municipality_signatory_title": "",
        "municipality_signed_on": "2018-12-02",
        "signed_document": document,
    }
    data.update(overrides)
    return data


def test_officer_signs_with_the_pdf_through_the_page(officer_client, malmo):
    agreement = make.agreement(
        Agreement.Status.NEGOTIATING,
        municipality=malmo,
        starts_on=D(2099, 1, 1),
        ends_on=D(2099, 12, 31),
    )
    url = reverse("agreements:agreement-sign", args=[agreement.pk])

    response = officer_client.post(url, _sign_data(agreement, make.pdf_upload()))

    agreement.refresh_from_db()
    assert response.status_code == 302
    assert agreement.status == Agreement.Status.SIGNED
    assert agreement.signed_document.name.endswith(".pdf")


def test_signing_refuses_a_file_that_is_not_a_pdf(officer_client, malmo):
    agreement = make.agreement(Agreement.Status.NEGOTIATING, municipality=malmo)
    url = reverse("agreements:agreement-sign", args=[agreement.pk])
    word = make.SimpleUploadedFile("avtal.pdf", b"PK\x03\x04 docx pretending", "application/pdf")

    response = officer_client.post(url, _sign_data(agreement, word))

    agreement.refresh_from_db()
    assert response.status_code == 400
    assert "Filtypen stöds inte. Tillåtna filtyper: PDF." in response.content.decode()
    assert 'value="Anna Statsråd"' in response.content.decode()
    assert agreement.status == Agreement.Status.NEGOTIATING


def test_signing_refuses_a_file_over_the_size_limit(officer_client, malmo, settings):
    settings.UPLOAD_MAX_BYTES = 100
    agreement = make.agreement(Agreement.Status.NEGOTIATING, municipality=malmo)
    url = reverse("agreements:agreement-sign", args=[agreement.pk])
    big = make.SimpleUploadedFile("avtal.pdf", make.PDF_BYTES + b"%" * 200, "application/pdf")

    response = officer_client.post(url, _sign_data(agreement, big))

    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()


def test_signing_a_changed_agreement_is_refused_as_stale(officer_client, malmo):
    agreement = make.agreement(Agreement.Status.NEGOTIATING, municipality=malmo)
    url = reverse("agreements:agreement-sign", args=[agreement.pk])
    stale_version = agreement.version
    Agreement.objects.filter(pk=agreement.pk).update(version=stale_version + 1)

    response = officer_client.post(
        url, _sign_data(agreement, make.pdf_upload(), version=stale_version)
    )

    agreement.refresh_from_db()
    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert agreement.status == Agreement.Status.NEGOTIATING


def test_a_signed_agreements_funding_row_is_never_deleted(officer_client, malmo):
    """Issue 9: a funding row of a signed agreement has history; it is changed, never deleted."""
    agreement = make.agreement(Agreement.Status.IN_FORCE, municipality=malmo)
    factories.FundingFactory(agreement=agreement, year=2019)
    kept = factories.FundingFactory(agreement=agreement, year=2020)
    url = reverse("agreements:agreement-edit", args=[agreement.pk])
    assert 'name="funding-1-DELETE"' not in officer_client.get(url).content.decode()
    data = _edit_data(agreement)
    data["funding-1-DELETE"] = "on"

    response = officer_client.post(url, data)

    assert response.status_code == 302
    assert AgreementFunding.objects.filter(pk=kept.pk).exists()


def test_the_service_refuses_to_delete_a_signed_agreements_funding(malmo):
    from django.core.exceptions import ValidationError

    from agreements.services import FundingLine, check_funding

    agreement = make.agreement(Agreement.Status.SIGNED, municipality=malmo)
    line = factories.FundingFactory(agreement=agreement, year=2019)
    row = FundingLine(
        2019, line.state_amount_sek, line.municipality_amount_sek, line=line, delete=True
    )

    with pytest.raises(ValidationError, match="kan inte tas bort"):
        check_funding(agreement=agreement, funding=[row])
