"""Accord pages: create and edit forms, commitments, transitions through the browser forms,
attachments, the list with filters and export, query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Attachment
from partnerships.models import CooperationAccord, PartnershipMember
from tests import factories
from tests.factories import accords as build

pytestmark = pytest.mark.django_db

S = CooperationAccord.Status


def test_agency_officer_creates_a_draft_and_is_sent_to_edit_it(agency_client, fk):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, agreement.municipality)

    response = agency_client.post(
        reverse("partnerships:accord-create"),
        {"agreement": agreement.pk, "agency_unit": unit.pk, "title": "FK och Malmö"},
    )

    accord = CooperationAccord.objects.get(title="FK och Malmö")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:accord-edit", args=[accord.pk])
    assert accord.status == S.DRAFT


def test_create_form_only_offers_the_officers_own_agencys_units(agency_client, fk):
    af = factories.AgencyFactory(name="Arbetsförmedlingen")
    build.central_unit(af, name="AF central (test)")
    build.central_unit(fk, name="FK central (test)")

    content = agency_client.get(reverse("partnerships:accord-create")).content.decode()

    assert "FK central (test)" in content
    assert "AF central (test)" not in content


def test_create_with_a_unit_that_does_not_cover_the_municipality_keeps_the_input(
    agency_client, fk, botkyrka
):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, botkyrka)

    response = agency_client.post(
        reverse("partnerships:accord-create"),
        {"agreement": agreement.pk, "agency_unit": unit.pk, "title": "Fel enhet"},
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "omfattar inte Malmö" in content
    assert 'value="Fel enhet"' in content


def test_edit_sets_plans_and_goal_areas(coordinator_client, fk):
    accord = build.accord(agency=fk)
    new_plan, _ = build.plan_with_goals(accord.agreement, "Tryggare torg")
    area = build.goal_area("trygghet", "Trygghet")

    response = coordinator_client.post(
        reverse("partnerships:accord-edit", args=[accord.pk]),
        {
            "version": accord.version,
            "title": "Ny rubrik",
            "agency_unit": accord.agency_unit_id,
            "starts_on": "2008-01-01",
            "ends_on": "2009-12-31",
            "plans": [p.pk for p in accord.plans.all()] + [new_plan.pk],
            "goal_areas": [area.pk],
        },
    )

    assert response.status_code == 302
    accord.refresh_from_db()
    assert accord.title == "Ny rubrik"
    assert accord.ends_on == datetime.date(2009, 12, 31)
    assert new_plan in accord.plans.all()
    assert list(accord.goal_areas.all()) == [area]


def test_a_stale_edit_is_refused_and_the_input_kept(coordinator_client, fk):
    accord = build.accord(agency=fk)
    CooperationAccord.objects.filter(pk=accord.pk).update(version=accord.version + 1)

    response = coordinator_client.post(
        reverse("partnerships:accord-edit", args=[accord.pk]),
        {
            "version": accord.version,
            "title": "Min ändring",
            "agency_unit": accord.agency_unit_id,
            "starts_on": "2008-01-01",
            "ends_on": "2010-12-31",
            "plans": [p.pk for p in accord.plans.all()],
        },
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in content
    assert 'value="Min ändring"' in content
    accord.refresh_from_db()
    assert accord.title != "Min ändring"


def _commitment_post(accord, rows, **extra):
    data = {
        "version": accord.version,
        "c-TOTAL_FORMS": len(rows),
        "c-INITIAL_FORMS": sum(1 for r in rows if r.get("pk")),
        "c-MIN_NUM_FORMS": 0,
        "c-MAX_NUM_FORMS": 1000,
        **extra,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"c-{i}-{key}"] = value
    return data


def test_commitments_page_adds_a_commitment_to_a_plan_goal(agency_client, fk):
    accord = build.accord(agency=fk)
    existing = accord.commitments.get()
    goal = factories.PlanGoalFactory(plan=existing.plan_goal.plan, text="Fler klarar skolan")

    response = agency_client.post(
        reverse("partnerships:accord-commitments", args=[accord.pk]),
        _commitment_post(
            accord,
            [
                {
                    "pk": existing.pk,
                    "plan_goal": existing.plan_goal_id,
                    "what": existing.what,
                    "who": existing.who,
                    "when": existing.when,
                },
                {"plan_goal": goal.pk, "what": "Läxhjälp", "who": "FK", "when": "2009"},
            ],
        ),
    )

    assert response.status_code == 302
    assert accord.commitments.active().count() == 2
    assert accord.commitments.filter(plan_goal=goal, what="Läxhjälp").exists()


def test_revising_commitments_of_a_signed_accord_needs_a_reason(agency_client, fk):
    accord = build.accord(agency=fk, status=S.SIGNED)
    existing = accord.commitments.get()
    row = {"pk": existing.pk, "plan_goal": existing.plan_goal_id, "what": "Ändrat"}

    response = agency_client.post(
        reverse("partnerships:accord-commitments", args=[accord.pk]),
        _commitment_post(accord, [row]),
    )
    assert response.status_code == 400

    response = agency_client.post(
        reverse("partnerships:accord-commitments", args=[accord.pk]),
        _commitment_post(accord, [row], reason="Nytt upplägg"),
    )
    assert response.status_code == 302
    accord.refresh_from_db()
    assert accord.status == S.REVISED
    detail = agency_client.get(accord.get_absolute_url()).content.decode()
    assert "Nytt upplägg" in detail
    assert "Ändrat" in detail


def test_agency_proposes_and_the_coordinator_accepts_through_the_pages(
    agency_client, coordinator_client, fk
):
    accord = build.accord(agency=fk)

    response = agency_client.post(
        reverse("partnerships:accord-propose", args=[accord.pk]), {"version": accord.version}
    )
    assert response.status_code == 302
    accord.refresh_from_db()
    assert accord.status == S.PROPOSED

    own = agency_client.get(reverse("partnerships:accord-accept", args=[accord.pk]))
    assert own.status_code == 403

    response = coordinator_client.post(
        reverse("partnerships:accord-accept", args=[accord.pk]),
        {
            "version": accord.version,
            "agency_signatory": "Anna Myndighet",
            "agency_signed_on": "2008-04-01",
            "municipality_signatory": "Kim Kommun",
            "municipality_signed_on": "2008-04-02",
        },
    )
    assert response.status_code == 302
    accord.refresh_from_db()
    assert accord.status == S.SIGNED
    member = PartnershipMember.objects.get(accord=accord)
    assert member.joined_on == datetime.date(2008, 4, 2)


def test_accept_by_a_unit_that_may_not_sign_shows_the_reason(coordinator_client, fk):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, agreement.municipality, may_sign_accords=False)
    accord = build.accord(agency=fk, agreement=agreement, unit=unit, status=S.PROPOSED)

    response = coordinator_client.post(
        reverse("partnerships:accord-accept", args=[accord.pk]),
        {
            "version": accord.version,
            "agency_signatory": "A",
            "agency_signed_on": "2008-04-01",
            "municipality_signatory": "B",
            "municipality_signed_on": "2008-04-01",
        },
    )

    assert response.status_code == 400
    assert "får inte teckna" in response.content.decode()
    accord.refresh_from_db()
    assert accord.status == S.PROPOSED


def test_decline_needs_a_reason_and_shows_it(coordinator_client, fk):
    accord = build.accord(agency=fk, status=S.PROPOSED)
    url = reverse("partnerships:accord-decline", args=[accord.pk])

    assert coordinator_client.post(url, {"version": accord.version}).status_code == 400
    response = coordinator_client.post(url, {"version": accord.version, "reason": "Ej aktuellt"})

    assert response.status_code == 302
    detail = coordinator_client.get(accord.get_absolute_url()).content.decode()
    assert "Ej aktuellt" in detail
    assert "Skäl för att avböja" in detail


def test_end_registers_the_date(officer_client, fk):
    accord = build.accord(agency=fk, status=S.SIGNED)

    response = officer_client.post(
        reverse("partnerships:accord-end", args=[accord.pk]),
        {"version": accord.version, "ended_on": "2009-12-31", "reason": "Avtalet omförhandlat"},
    )

    assert response.status_code == 302
    accord.refresh_from_db()
    assert accord.status == S.ENDED
    assert accord.ended_on == datetime.date(2009, 12, 31)


def test_detail_shows_only_the_allowed_buttons(agency_client, coordinator_client, fk):
    accord = build.accord(agency=fk, status=S.PROPOSED, proposed_by="agency")

    agency_page = agency_client.get(accord.get_absolute_url()).content.decode()
    coordinator_page = coordinator_client.get(accord.get_absolute_url()).content.decode()

    accept_url = reverse("partnerships:accord-accept", args=[accord.pk])
    assert accept_url not in agency_page
    assert accept_url in coordinator_page
    assert reverse("partnerships:accord-reopen", args=[accord.pk]) in agency_page


def test_a_pdf_attachment_is_stored_and_downloaded(agency_client, fk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accord = build.accord(agency=fk)
    upload = SimpleUploadedFile("Överenskommelse FK.pdf", b"%PDF-1.4\n%test\n", "application/pdf")

    response = agency_client.post(
        reverse("partnerships:accord-attachment-add", args=[accord.pk]),
        {"file": upload, "description": "Undertecknad version"},
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get(object_id=accord.pk)
    assert attachment.original_name == "Overenskommelse-FK.pdf"
    assert attachment.uploaded_by.username == "t.myndighet.fk"
    download = agency_client.get(
        reverse("partnerships:accord-attachment-download", args=[accord.pk, attachment.pk])
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n%test\n"


def test_an_attachment_that_is_not_a_document_is_refused(agency_client, fk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accord = build.accord(agency=fk)
    upload = SimpleUploadedFile("skript.pdf", b"#!/bin/sh\necho hej\n", "application/pdf")

    response = agency_client.post(
        reverse("partnerships:accord-attachment-add", args=[accord.pk]), {"file": upload}
    )

    assert response.status_code == 400
    assert "Filtypen stöds inte" in response.content.decode()
    assert not Attachment.objects.exists()


# --- The list --------------------------------------------------------------------------------


@pytest.fixture
def listed(fk, malmo, botkyrka):
    af = factories.AgencyFactory(name="Arbetsförmedlingen", short_name="AF")
    malmo_agreement = build.signed_agreement(malmo)
    botkyrka_agreement = build.signed_agreement(botkyrka)
    return {
        "fk_malmo": build.accord(
            agency=fk, agreement=malmo_agreement, title="FK Malmö (test)", status=S.SIGNED
        ),
        "af_malmo": build.accord(
            agency=af,
            agreement=malmo_agreement,
            title="AF Malmö (test)",
            status=S.PROPOSED,
            starts_on=datetime.date(2010, 1, 1),
        ),
        "fk_botkyrka": build.accord(
            agency=fk, agreement=botkyrka_agreement, title="FK Botkyrka (test)", status=S.DRAFT
        ),
    }


def _titles(response) -> set[str]:
    content = response.content.decode()
    return {t for t in ("FK Malmö (test)", "AF Malmö (test)", "FK Botkyrka (test)") if t in content}


def test_agency_officer_lists_only_own_agencys_accords(agency_client, listed):
    response = agency_client.get(reverse("partnerships:accord-list"))

    assert _titles(response) == {"FK Malmö (test)", "FK Botkyrka (test)"}


def test_coordinator_lists_only_own_municipalitys_accords(coordinator_client, listed):
    response = coordinator_client.get(reverse("partnerships:accord-list"))

    assert _titles(response) == {"FK Malmö (test)", "AF Malmö (test)"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "signed"}, {"FK Malmö (test)"}),
        ({"q": "botkyrka"}, {"FK Botkyrka (test)"}),
        ({"q": "AF"}, {"AF Malmö (test)"}),
        ({"year": "2008"}, {"FK Malmö (test)", "FK Botkyrka (test)"}),
        (
            {"in_force_on": "2010-06-01"},
            {"FK Malmö (test)", "AF Malmö (test)", "FK Botkyrka (test)"},
        ),
    ],
)
def test_accord_list_filters(officer_client, listed, params, expected):
    response = officer_client.get(reverse("partnerships:accord-list"), params)

    assert _titles(response) == expected


def test_accord_list_filters_by_agency_municipality_and_unit(officer_client, listed, fk, malmo):
    url = reverse("partnerships:accord-list")
    unit = listed["fk_malmo"].agency_unit

    assert _titles(officer_client.get(url, {"agency": fk.pk})) == {
        "FK Malmö (test)",
        "FK Botkyrka (test)",
    }
    assert _titles(officer_client.get(url, {"municipality": malmo.pk})) == {
        "FK Malmö (test)",
        "AF Malmö (test)",
    }
    assert _titles(officer_client.get(url, {"unit": unit.pk})) == {"FK Malmö (test)"}


def test_accord_list_exports_the_filtered_rows_as_csv(officer_client, listed):
    response = officer_client.get(
        reverse("partnerships:accord-list"), {"status": "signed", "export": "csv"}
    )

    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert response.status_code == 200
    assert "FK Malmö (test)" in content
    assert "Undertecknad" in content
    assert "badge" not in content
    assert "AF Malmö (test)" not in content


def test_accord_list_exports_xlsx(officer_client, listed):
    response = officer_client.get(reverse("partnerships:accord-list"), {"export": "xlsx"})

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_accord_list_query_count_does_not_grow_with_rows(
    officer_client, fk, django_assert_max_num_queries
):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, agreement.municipality)
    _plan, goals = build.plan_with_goals(agreement, "Mål A", "Mål B")
    for i in range(55):
        build.accord(agency=fk, agreement=agreement, unit=unit, goals=goals, title=f"Ö {i:02}")

    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("partnerships:accord-list"))

    assert response.status_code == 200
    assert "55 rader" in response.content.decode()


def test_accord_detail_query_count_does_not_grow_with_commitments(
    agency_client, fk, django_assert_max_num_queries
):
    agreement = build.signed_agreement()
    _plan, goals = build.plan_with_goals(agreement, *[f"Mål {i}" for i in range(55)])
    accord = build.accord(agency=fk, agreement=agreement, goals=goals)

    with django_assert_max_num_queries(22):
        response = agency_client.get(accord.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count("Gemensamma träffar för arbetssökande") >= 55
