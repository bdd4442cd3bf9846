"""The accord workflow in the services: every transition legal and illegal, the signing unit,
joining the partnership, revisions with history, stale saves."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import CooperationAccord, Partnership, PartnershipMember
from tests import factories
from tests.factories import accords as build
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

S = CooperationAccord.Status
SIGN_DAY = datetime.date(2008, 3, 1)


def _accept(accord, side="municipality", actor=None, day=SIGN_DAY):
    services.accord_accept(
        accord=accord,
        side=side,
        agency_signatory="Anna Myndighet",
        agency_signed_on=day,
        municipality_signatory="Kim Kommun",
        municipality_signed_on=day,
        actor=actor,
    )


def test_create_makes_a_draft_with_the_agreements_period_and_municipality(fk, officer):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, agreement.municipality)

    accord = services.accord_create(
        agreement=agreement, agency_unit=unit, title="FK och Malmö", actor=officer
    )

    assert accord.status == S.DRAFT
    assert accord.municipality == agreement.municipality
    assert (accord.starts_on, accord.ends_on) == build.PERIOD
    assert accord.history.first().history_user == officer


def test_create_refuses_a_period_outside_the_agreement(fk, officer):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, agreement.municipality)

    with pytest.raises(ValidationError, match="inom avtalets period"):
        services.accord_create(
            agreement=agreement,
            agency_unit=unit,
            title="För lång",
            starts_on=datetime.date(2008, 1, 1),
            ends_on=datetime.date(2012, 1, 1),
            actor=officer,
        )


def test_create_refuses_a_local_unit_of_another_municipality(fk, officer, botkyrka):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, botkyrka)

    with pytest.raises(ValidationError, match="omfattar inte Malmö"):
        services.accord_create(agreement=agreement, agency_unit=unit, title="Fel", actor=officer)


def test_create_refuses_a_declined_agreement(fk, officer):
    agreement = build.signed_agreement(status="declined")
    unit = build.central_unit(fk)

    with pytest.raises(ValidationError, match="kan bara tas fram"):
        services.accord_create(agreement=agreement, agency_unit=unit, title="X", actor=officer)


def test_propose_records_the_side_and_locks_the_draft(fk, agency_officer_fk):
    accord = build.accord(agency=fk)

    services.accord_propose(accord=accord, side="agency", actor=agency_officer_fk)

    accord.refresh_from_db()
    assert accord.status == S.PROPOSED
    assert accord.proposed_by == "agency"
    assert accord.proposed_at is not None


def test_propose_refuses_an_accord_without_commitments(fk, agency_officer_fk):
    accord = build.accord(agency=fk)
    accord.commitments.all().delete()

    with pytest.raises(ValidationError, match="minst ett åtagande"):
        services.accord_propose(accord=accord, side="agency", actor=agency_officer_fk)


@pytest.mark.parametrize("status", [S.PROPOSED, S.SIGNED, S.REVISED, S.DECLINED, S.ENDED])
def test_propose_is_refused_outside_draft(fk, agency_officer_fk, status):
    accord = build.accord(agency=fk, status=status)

    with pytest.raises(TransitionNotAllowed):
        services.accord_propose(accord=accord, side="agency", actor=agency_officer_fk)


def test_the_side_that_proposed_cannot_accept_its_own_proposal(fk, agency_officer_fk):
    accord = build.accord(agency=fk, status=S.PROPOSED, proposed_by="agency")

    with pytest.raises(ValidationError, match="kan inte själv godta"):
        _accept(accord, side="agency", actor=agency_officer_fk)


def test_the_side_that_proposed_cannot_decline_its_own_proposal(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED, proposed_by="municipality")

    with pytest.raises(ValidationError, match="kan inte själv godta"):
        services.accord_decline(
            accord=accord, side="municipality", reason="Nej", actor=coordinator_malmo
        )


def test_accept_signs_and_the_unit_joins_a_new_partnership(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED)

    _accept(accord, actor=coordinator_malmo)

    accord.refresh_from_db()
    assert accord.status == S.SIGNED
    assert accord.agency_signed_on == SIGN_DAY
    assert accord.municipality_signed_on == SIGN_DAY
    partnership = Partnership.objects.get(agreement=accord.agreement, district__isnull=True)
    kinds = sorted(partnership.members.values_list("kind", flat=True))
    assert kinds == ["agency", "municipality"]
    member = partnership.members.get(kind="agency")
    assert member.agency_unit == accord.agency_unit
    assert member.accord == accord
    assert member.joined_on == SIGN_DAY


def test_accept_joins_an_existing_partnership_once(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED)
    partnership = factories.PartnershipFactory(agreement=accord.agreement, name="Befintligt")

    _accept(accord, actor=coordinator_malmo)

    assert Partnership.objects.filter(agreement=accord.agreement).count() == 1
    assert partnership.members.filter(agency_unit=accord.agency_unit).count() == 1


def test_accept_joins_the_partnership_of_the_plans_district(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED)
    district = accord.plans.get().district
    district_partnership = factories.PartnershipFactory(
        agreement=accord.agreement, district=district, name="Partnerskap stadsdelen"
    )

    _accept(accord, actor=coordinator_malmo)

    assert district_partnership.members.filter(agency_unit=accord.agency_unit).exists()
    assert not Partnership.objects.filter(agreement=accord.agreement, district__isnull=True)


def test_history_names_plans_not_link_rows(fk, coordinator_malmo):
    accord = build.accord(agency=fk)
    plan = accord.plans.get()
    extra_plan, _ = build.plan_with_goals(accord.agreement, "Mål", district_name="Holma (test)")
    services.accord_update(
        accord=accord,
        data={},
        plans=[plan, extra_plan],
        goal_areas=[],
        expected_version=accord.version,
        actor=coordinator_malmo,
    )
    from partnerships.selectors import accord_history

    plan_changes = [c for c in accord_history(accord=accord) if "stadsdelsplaner" in c.field]

    assert any("Holma (test)" in c.new for c in plan_changes)
    assert not any("strategicdistrictplan" in c.new for c in plan_changes)


@pytest.mark.parametrize("status", [S.DRAFT, S.SIGNED, S.REVISED, S.DECLINED, S.ENDED])
def test_accept_is_refused_unless_proposed(fk, coordinator_malmo, status):
    accord = build.accord(agency=fk, status=status)

    with pytest.raises(TransitionNotAllowed):
        _accept(accord, actor=coordinator_malmo)


def test_accept_refuses_a_unit_that_may_not_sign(fk, coordinator_malmo):
    agreement = build.signed_agreement()
    unit = build.local_unit(fk, agreement.municipality, may_sign_accords=False)
    accord = build.accord(agency=fk, agreement=agreement, unit=unit, status=S.PROPOSED)

    with pytest.raises(ValidationError, match="får inte teckna"):
        _accept(accord, actor=coordinator_malmo)


def test_accept_refuses_a_unit_closed_on_the_signing_day_and_names_the_successor(
    fk, coordinator_malmo
):
    agreement = build.signed_agreement()
    successor = build.local_unit(fk, agreement.municipality, name="FK Malmö nya kontoret")
    unit = build.local_unit(
        fk,
        agreement.municipality,
        name="FK Malmö gamla kontoret",
        valid_to=datetime.date(2008, 2, 1),
        successor=successor,
    )
    accord = build.accord(agency=fk, agreement=agreement, unit=unit, status=S.PROPOSED)

    with pytest.raises(ValidationError, match="efterföljaren ”FK Malmö nya kontoret”"):
        _accept(accord, actor=coordinator_malmo)


def test_accept_refuses_a_regional_unit_of_another_county(fk, coordinator_malmo, botkyrka):
    agreement = build.signed_agreement()
    parent = build.central_unit(fk)
    unit = factories.AgencyUnitFactory(
        agency=fk, name="FK Stockholms län", level="regional", parent=parent, county=botkyrka.county
    )
    accord = build.accord(agency=fk, agreement=agreement, unit=unit, status=S.PROPOSED)

    with pytest.raises(ValidationError, match="omfattar inte Malmö"):
        _accept(accord, actor=coordinator_malmo)


def test_accept_allows_a_regional_unit_of_the_municipalitys_county(fk, coordinator_malmo, malmo):
    agreement = build.signed_agreement()
    parent = build.central_unit(fk)
    unit = factories.AgencyUnitFactory(
        agency=fk, name="FK Skåne län", level="regional", parent=parent, county=malmo.county
    )
    accord = build.accord(agency=fk, agreement=agreement, unit=unit, status=S.PROPOSED)

    _accept(accord, actor=coordinator_malmo)

    accord.refresh_from_db()
    assert accord.status == S.SIGNED


def test_accept_refuses_an_agreement_that_is_not_signed(fk, coordinator_malmo):
    agreement = build.signed_agreement(status="negotiating")
    accord = build.accord(agency=fk, agreement=agreement, status=S.PROPOSED)

    with pytest.raises(ValidationError, match="först när avtalet är undertecknat"):
        _accept(accord, actor=coordinator_malmo)


def test_decline_keeps_the_reason(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED)

    services.accord_decline(
        accord=accord, side="municipality", reason="Inväntar beslut", actor=coordinator_malmo
    )

    accord.refresh_from_db()
    assert accord.status == S.DECLINED
    assert accord.status_reason == "Inväntar beslut"
    assert "Inväntar beslut" in accord.history.first().history_change_reason


@pytest.mark.parametrize("status", [S.DRAFT, S.SIGNED, S.DECLINED])
def test_decline_is_refused_unless_proposed(fk, coordinator_malmo, status):
    accord = build.accord(agency=fk, status=status)

    with pytest.raises(TransitionNotAllowed):
        services.accord_decline(
            accord=accord, side="municipality", reason="x", actor=coordinator_malmo
        )


def test_reopen_returns_a_proposal_to_draft(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED)

    services.accord_reopen(accord=accord, reason="Lägg till mål 2", actor=coordinator_malmo)

    accord.refresh_from_db()
    assert accord.status == S.DRAFT
    assert accord.proposed_by == ""


@pytest.mark.parametrize("status", [S.DRAFT, S.SIGNED, S.ENDED])
def test_reopen_is_refused_unless_proposed(fk, coordinator_malmo, status):
    accord = build.accord(agency=fk, status=status)

    with pytest.raises(TransitionNotAllowed):
        services.accord_reopen(accord=accord, reason="x", actor=coordinator_malmo)


def test_end_sets_the_date_and_the_unit_leaves_the_partnership(fk, coordinator_malmo):
    accord = build.accord(agency=fk, status=S.PROPOSED)
    _accept(accord, actor=coordinator_malmo)

    services.accord_end(
        accord=accord,
        ended_on=datetime.date(2009, 6, 30),
        reason="Omorganisation",
        actor=coordinator_malmo,
    )

    accord.refresh_from_db()
    assert accord.status == S.ENDED
    assert accord.ended_on == datetime.date(2009, 6, 30)
    member = PartnershipMember.objects.get(accord=accord)
    assert member.left_on == datetime.date(2009, 6, 30)


@pytest.mark.parametrize("status", [S.DRAFT, S.PROPOSED, S.DECLINED, S.ENDED])
def test_end_is_refused_unless_in_force(fk, officer, status):
    accord = build.accord(agency=fk, status=status)

    with pytest.raises(TransitionNotAllowed):
        services.accord_end(
            accord=accord, ended_on=datetime.date(2009, 1, 1), reason="x", actor=officer
        )


def test_editing_commitments_of_a_signed_accord_is_a_revision_with_history(fk, agency_officer_fk):
    accord = build.accord(agency=fk, status=S.SIGNED)
    commitment = accord.commitments.get()

    services.accord_set_commitments(
        accord=accord,
        rows=[
            services.CommitmentRow(
                pk=commitment.pk,
                plan_goal=commitment.plan_goal,
                what="Träffar varje månad",
                who=commitment.who,
                when="Varje månad",
            )
        ],
        expected_version=accord.version,
        reason="Tätare träffar",
        actor=agency_officer_fk,
    )

    accord.refresh_from_db()
    assert accord.status == S.REVISED
    from partnerships.selectors import accord_history

    changes = accord_history(accord=accord)
    texts = [(c.field, c.old, c.new) for c in changes]
    assert (
        "Åtagande: åtagande",
        "Gemensamma träffar för arbetssökande",
        "Träffar varje månad",
    ) in (texts)
    assert any(c.field == "Status" and c.new == "Reviderad" for c in changes)


def test_a_revision_needs_a_reason(fk, agency_officer_fk):
    accord = build.accord(agency=fk, status=S.SIGNED)

    with pytest.raises(ValidationError, match="revidering"):
        services.accord_set_commitments(
            accord=accord, rows=[], expected_version=accord.version, actor=agency_officer_fk
        )


def test_removed_commitments_are_kept_and_marked(fk, agency_officer_fk):
    accord = build.accord(agency=fk)
    commitment = accord.commitments.get()

    services.accord_set_commitments(
        accord=accord,
        rows=[
            services.CommitmentRow(
                pk=commitment.pk, plan_goal=commitment.plan_goal, what="x", remove=True
            )
        ],
        expected_version=accord.version,
        actor=agency_officer_fk,
    )

    commitment.refresh_from_db()
    assert commitment.removed_at is not None
    assert not accord.commitments.active().exists()


def test_a_commitment_must_be_tied_to_a_goal_of_the_accords_plans(fk, agency_officer_fk):
    accord = build.accord(agency=fk)
    foreign_goal = factories.PlanGoalFactory(plan__agreement__municipality=factories.botkyrka())

    with pytest.raises(ValidationError, match="hör inte till någon av de stadsdelsplaner"):
        services.accord_set_commitments(
            accord=accord,
            rows=[services.CommitmentRow(pk=None, plan_goal=foreign_goal, what="x")],
            expected_version=accord.version,
            actor=agency_officer_fk,
        )


def test_a_stale_save_is_refused(fk, agency_officer_fk, coordinator_malmo):
    accord = build.accord(agency=fk)
    loaded_version = accord.version
    services.accord_update(
        accord=accord,
        data={"title": "Först"},
        plans=accord.plans.all(),
        goal_areas=[],
        expected_version=loaded_version,
        actor=coordinator_malmo,
    )
    stale = CooperationAccord.objects.get(pk=accord.pk)
    stale.version = loaded_version

    with pytest.raises(StaleObjectError):
        services.accord_update(
            accord=stale,
            data={"title": "Sen"},
            plans=stale.plans.all(),
            goal_areas=[],
            expected_version=loaded_version,
            actor=agency_officer_fk,
        )
    assert CooperationAccord.objects.get(pk=accord.pk).title == "Först"


def test_a_plan_with_commitments_cannot_be_removed_from_the_accord(fk, agency_officer_fk):
    accord = build.accord(agency=fk)

    with pytest.raises(ValidationError, match="har åtaganden"):
        services.accord_update(
            accord=accord,
            data={},
            plans=[],
            goal_areas=[],
            expected_version=accord.version,
            actor=agency_officer_fk,
        )


def test_a_plan_of_another_agreement_is_refused(fk, agency_officer_fk):
    accord = build.accord(agency=fk)
    other_plan = factories.PlanFactory(agreement__municipality=factories.botkyrka())

    with pytest.raises(ValidationError, match="hör inte till avtalet"):
        services.accord_update(
            accord=accord,
            data={},
            plans=[*accord.plans.all(), other_plan],
            goal_areas=[],
            expected_version=accord.version,
            actor=agency_officer_fk,
        )


def test_member_of_kind_agency_cannot_be_added_by_hand(officer):
    partnership = factories.PartnershipFactory()

    with pytest.raises(ValidationError, match="genom en samverkansöverenskommelse"):
        services.partnership_member_add(
            partnership=partnership, data={"kind": "agency", "name": "AF"}, actor=officer
        )


def test_member_update_refuses_a_stale_version(officer):
    member = factories.PartnershipMemberFactory()
    services.partnership_member_update(
        member=member, data={"name": "MKB"}, expected_version=1, actor=officer
    )

    with pytest.raises(StaleObjectError):
        services.partnership_member_update(
            member=PartnershipMember.objects.get(pk=member.pk),
            data={"name": "Annat"},
            expected_version=1,
            actor=officer,
        )
