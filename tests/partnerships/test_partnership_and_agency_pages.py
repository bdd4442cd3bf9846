"""The local partnership page (members, coverage of plan goals), member forms, the agency pages
with their unit tree, and the agency officer's start page."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Measure
from partnerships.models import AgencyUnit, CooperationAccord, Partnership, PartnershipMember
from tests import factories
from tests.factories import accords as build

pytestmark = pytest.mark.django_db

S = CooperationAccord.Status


@pytest.fixture
def partnership_with_goals(fk):
    agreement = build.signed_agreement()
    _plan, goals = build.plan_with_goals(
        agreement, "Fler i arbete (test)", "Tryggare torg (test)", district_name="Rosengård"
    )
    accord = build.accord(agency=fk, agreement=agreement, goals=goals[:1], status=S.SIGNED)
    partnership = factories.PartnershipFactory(agreement=agreement, name="Partnerskap Malmö")
    member = PartnershipMember.objects.create(
        partnership=partnership,
        kind="agency",
        name=accord.agency_unit.name,
        agency_unit=accord.agency_unit,
        accord=accord,
    )
    housing = factories.PartnershipMemberFactory(partnership=partnership, name="MKB (test)")
    return partnership, goals, member, housing


def test_coverage_names_the_goals_no_agency_has_committed_to(
    coordinator_client, partnership_with_goals
):
    partnership, goals, _, _ = partnership_with_goals

    content = coordinator_client.get(partnership.get_absolute_url()).content.decode()

    assert "1 mål som ingen myndighet har åtagit sig" in content
    notice = content[content.index("mål som ingen myndighet") : content.index("Mål och medlemmar")]
    assert "Tryggare torg (test)" in notice
    assert "Fler i arbete (test)" not in notice
    assert "Saknas" in content
    assert ">Åtagande<" in content


def test_a_measure_of_a_member_shows_in_the_coverage_as_text(
    coordinator_client, partnership_with_goals
):
    partnership, goals, _, housing = partnership_with_goals
    Measure.objects.create(goal=goals[1], title="Belysning", responsible=housing)

    content = coordinator_client.get(partnership.get_absolute_url()).content.decode()

    assert ">Insats<" in content
    assert "1 mål som ingen myndighet har åtagit sig" in content


def test_commitments_of_a_proposed_accord_do_not_count_as_coverage(
    coordinator_client, fk, partnership_with_goals
):
    partnership, goals, _, _ = partnership_with_goals
    af = factories.AgencyFactory(name="Arbetsförmedlingen")
    build.accord(agency=af, agreement=partnership.agreement, goals=goals[1:], status=S.PROPOSED)

    content = coordinator_client.get(partnership.get_absolute_url()).content.decode()

    assert "1 mål som ingen myndighet har åtagit sig" in content


def test_partnership_page_query_count_does_not_grow(
    officer_client, fk, django_assert_max_num_queries
):
    agreement = build.signed_agreement()
    _plan, goals = build.plan_with_goals(agreement, *[f"Mål {i}" for i in range(55)])
    partnership = factories.PartnershipFactory(agreement=agreement)
    for i in range(12):
        unit = build.local_unit(fk, agreement.municipality, name=f"FK kontor {i}")
        accord = build.accord(
            agency=fk, agreement=agreement, unit=unit, goals=goals[i : i + 3], status=S.SIGNED
        )
        PartnershipMember.objects.create(
            partnership=partnership, kind="agency", name=unit.name, agency_unit=unit, accord=accord
        )

    with django_assert_max_num_queries(16):
        response = officer_client.get(partnership.get_absolute_url())

    assert response.status_code == 200
    assert "41 mål som ingen myndighet har åtagit sig" in response.content.decode()


def test_coordinator_adds_a_housing_company(coordinator_client, partnership_with_goals):
    partnership, *_ = partnership_with_goals

    response = coordinator_client.post(
        reverse("partnerships:partnership-member-add", args=[partnership.pk]),
        {"kind": "housing", "name": "Victoriahem (test)", "joined_on": "2008-05-01"},
    )

    assert response.status_code == 302
    member = partnership.members.get(name="Victoriahem (test)")
    assert member.joined_on == datetime.date(2008, 5, 1)
    assert member.history.first().history_user.username == "t.samordnare.malmo"


def test_agency_kind_is_not_offered_when_adding_members(coordinator_client, partnership_with_goals):
    partnership, *_ = partnership_with_goals

    response = coordinator_client.post(
        reverse("partnerships:partnership-member-add", args=[partnership.pk]),
        {"kind": "agency", "name": "Polisen"},
    )

    assert response.status_code == 400
    assert not partnership.members.filter(name="Polisen").exists()


def test_member_edit_refuses_a_stale_version_and_keeps_the_input(
    coordinator_client, partnership_with_goals
):
    partnership, _, _, housing = partnership_with_goals
    PartnershipMember.objects.filter(pk=housing.pk).update(version=housing.version + 1)

    response = coordinator_client.post(
        reverse("partnerships:partnership-member-edit", args=[partnership.pk, housing.pk]),
        {"version": housing.version, "kind": "housing", "name": "MKB nytt namn"},
    )

    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert 'value="MKB nytt namn"' in response.content.decode()


def test_agency_member_cannot_be_edited_by_hand(officer_client, partnership_with_goals):
    partnership, _, agency_member, _ = partnership_with_goals

    response = officer_client.get(
        reverse("partnerships:partnership-member-edit", args=[partnership.pk, agency_member.pk])
    )

    assert response.status_code == 403


def test_coordinator_forms_a_partnership_with_the_municipality_as_member(coordinator_client, malmo):
    agreement = build.signed_agreement(malmo)

    response = coordinator_client.post(
        reverse("partnerships:partnership-create"), {"agreement": agreement.pk}
    )

    partnership = Partnership.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert partnership.name == "Lokalt partnerskap Malmö"
    assert list(partnership.members.values_list("kind", "name")) == [("municipality", "Malmö")]


def test_coordinator_cannot_form_a_partnership_for_another_municipality(
    coordinator_client, botkyrka
):
    agreement = build.signed_agreement(botkyrka)

    response = coordinator_client.post(
        reverse("partnerships:partnership-create"), {"agreement": agreement.pk}
    )

    assert response.status_code == 400
    assert not Partnership.objects.exists()


def test_agency_officer_does_not_see_partnerships_through_a_declined_accord(agency_client, fk):
    accord = build.accord(agency=fk, status=S.DECLINED)
    partnership = factories.PartnershipFactory(agreement=accord.agreement)

    assert agency_client.get(partnership.get_absolute_url()).status_code == 404


def test_agency_officer_sees_the_partnership_of_an_agreement_with_an_own_draft(agency_client, fk):
    accord = build.accord(agency=fk)
    partnership = factories.PartnershipFactory(agreement=accord.agreement)

    assert agency_client.get(partnership.get_absolute_url()).status_code == 200


# --- Agencies --------------------------------------------------------------------------------


def test_agency_page_shows_the_unit_tree_and_a_closed_units_successor(coordinator_client):
    police = factories.AgencyFactory(name="Polisen (test)")
    rps = build.central_unit(police, name="Rikspolisstyrelsen (test)")
    skane = AgencyUnit.objects.create(
        agency=police, name="Polismyndigheten i Skåne (test)", level="regional", parent=rps
    )
    new_police = factories.AgencyFactory(name="Polismyndigheten (test)")
    region = build.central_unit(new_police, name="Polisregion Syd (test)")
    skane.valid_to = datetime.date(2014, 12, 31)
    skane.successor = region
    skane.save()

    content = coordinator_client.get(police.get_absolute_url()).content.decode()

    tree = content[content.index("Rikspolisstyrelsen (test)") :]
    assert "Polismyndigheten i Skåne (test)" in tree
    assert 'nedlagd <span class="nowrap">2014-12-31</span>' in content
    assert f'href="{region.get_absolute_url()}"' in content


def test_closed_agency_links_to_its_successor(reader_client):
    successor = factories.AgencyFactory(name="Migrationsverket (test)")
    closed = factories.AgencyFactory(name="Integrationsverket (test)")
    closed.valid_to = datetime.date(2007, 6, 30)
    closed.successor = successor
    closed.save()

    content = reader_client.get(closed.get_absolute_url()).content.decode()

    assert "30 juni 2007" in content
    assert f'href="{successor.get_absolute_url()}"' in content


def test_agency_list_filters_closed_agencies(reader_client):
    factories.AgencyFactory(name="Öppen myndighet (test)")
    closed = factories.AgencyFactory(name="Stängd myndighet (test)")
    closed.valid_to = datetime.date(2007, 6, 30)
    closed.save()

    content = reader_client.get(reverse("partnerships:agency-list"), {"active": "closed"})
    content = content.content.decode()

    assert "Stängd myndighet (test)" in content
    assert "Öppen myndighet (test)" not in content


def test_agency_page_query_count_does_not_grow_with_units(
    reader_client, fk, malmo, django_assert_max_num_queries
):
    central = build.central_unit(fk)
    for i in range(55):
        AgencyUnit.objects.create(
            agency=fk, name=f"FK lokalkontor {i}", level="local", parent=central, municipality=malmo
        )

    with django_assert_max_num_queries(10):
        response = reader_client.get(fk.get_absolute_url())

    assert response.content.decode().count("FK lokalkontor") == 55


def test_agency_list_query_count_does_not_grow(reader_client, django_assert_max_num_queries):
    for i in range(55):
        factories.AgencyFactory(name=f"Myndighet {i:02}")

    with django_assert_max_num_queries(8):
        response = reader_client.get(reverse("partnerships:agency-list"))

    assert response.status_code == 200


# --- Start page ------------------------------------------------------------------------------


def test_agency_start_page_shows_proposals_partnerships_and_reports(agency_client, fk):
    waiting = build.accord(
        agency=fk, status=S.PROPOSED, proposed_by="municipality", title="Förslag från Malmö"
    )
    partnership = factories.PartnershipFactory(agreement=waiting.agreement, name="PS Malmö (test)")
    other = factories.PartnershipFactory(
        agreement=waiting.agreement, district=factories.DistrictFactory(), name="PS utan FK (test)"
    )
    PartnershipMember.objects.create(
        partnership=partnership, kind="agency", name="FK", agency_unit=waiting.agency_unit
    )
    factories.AgencyReportFactory(agency=fk, year=2009)

    content = agency_client.get(reverse("home")).content.decode()

    waiting_section = content[content.index("Förslag från kommuner att besvara") :]
    assert "Förslag från Malmö" in waiting_section
    assert partnership.name in content
    assert other.name not in content
    assert "2009" in content
    assert "lokala enheter" in content
