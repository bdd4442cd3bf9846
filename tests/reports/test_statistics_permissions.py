"""Who may do what with indicators and statistics: the rules table and every view's chain
anonymous → login, out of scope → 404, wrong role → 403, right role → 200."""

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import ImportBatch
from tests import factories
from tests.factories import statistics as stats

pytestmark = pytest.mark.django_db

ROLES = ["admin", "officer", "reader", "coordinator", "agency", "none"]


@pytest.fixture
def users(ministry_admin, officer, reader, coordinator_malmo, agency_officer_fk):
    return {
        "admin": ministry_admin,
        "officer": officer,
        "reader": reader,
        "coordinator": coordinator_malmo,
        "agency": agency_officer_fk,
        "none": factories.UserFactory(username="t.ingen"),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


ALLOWED = {
    "reports.view_indicator": {"admin", "officer", "reader", "coordinator", "agency"},
    "reports.view_statistics": {"admin", "officer", "reader", "coordinator", "agency"},
    "reports.add_indicator": {"admin"},
    "reports.change_indicator": {"admin"},
    "reports.import_indicatorvalue": {"admin", "officer"},
    "reports.view_importbatch": {"admin", "officer"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_permission_table(users, role, perm):
    assert users[role].has_perm(perm) is (role in ALLOWED[perm])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("status", "allowed_roles"),
    [("imported", {"admin", "officer"}), ("undone", set())],
)
def test_undo_permission_by_role_and_batch_status(users, role, status, allowed_roles):
    batch = ImportBatch(file_name="a.csv", sha256="0" * 64, file_format="csv", status=status)

    assert users[role].has_perm("reports.undo_importbatch", batch) is (role in allowed_roles)


@pytest.fixture
def world():
    world = stats.statistics_world()
    world["batch"] = ImportBatch.objects.create(
        file_name="utfall.csv", sha256="a" * 64, file_format="csv"
    )
    return world


def _urls(world) -> dict[str, str]:
    return {
        "indicator-list": reverse("reports:indicator-list"),
        "indicator-detail": reverse("reports:indicator-detail", args=["sysselsattningsgrad"]),
        "indicator-create": reverse("reports:indicator-create"),
        "indicator-update": reverse("reports:indicator-update", args=["sysselsattningsgrad"]),
        "indicator-import": reverse("reports:indicator-import"),
        "indicator-import-template": reverse("reports:indicator-import-template", args=["xlsx"]),
        "import-batch-list": reverse("reports:import-batch-list"),
        "import-batch-detail": reverse("reports:import-batch-detail", args=[world["batch"].pk]),
        "import-batch-undo": reverse("reports:import-batch-undo", args=[world["batch"].pk]),
        "indicator-overview": reverse("reports:indicator-overview"),
        "district-statistics": reverse("reports:district-statistics", args=[world["rosengard"].pk]),
    }


# (view, a role refused with 403, a role allowed)
CHAINS = [
    ("indicator-list", "none", "reader"),
    ("indicator-detail", "none", "coordinator"),
    ("indicator-create", "officer", "admin"),
    ("indicator-update", "officer", "admin"),
    ("indicator-import", "reader", "officer"),
    ("indicator-import-template", "coordinator", "officer"),
    ("import-batch-list", "coordinator", "officer"),
    ("import-batch-detail", "reader", "officer"),
    ("import-batch-undo", "reader", "officer"),
    ("indicator-overview", "none", "agency"),
    ("district-statistics", None, "coordinator"),
]


@pytest.mark.parametrize(("view", "refused", "allowed"), CHAINS, ids=[c[0] for c in CHAINS])
def test_anonymous_is_sent_to_login(client, world, view, refused, allowed):
    url = _urls(world)[view]
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("view", "refused", "allowed"), CHAINS, ids=[c[0] for c in CHAINS])
def test_wrong_role_gets_403_and_right_role_200(users, world, view, refused, allowed):
    url = _urls(world)[view]
    if refused is not None:
        assert _client(users[refused]).get(url).status_code == 403
    assert _client(users[allowed]).get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("reports:indicator-detail", args=["finns-inte"]),
        reverse("reports:indicator-update", args=["finns-inte"]),
        reverse("reports:import-batch-detail", args=[999999]),
        reverse("reports:import-batch-undo", args=[999999]),
        reverse("reports:indicator-import-template", args=["pdf"]),
    ],
)
def test_what_does_not_exist_is_404(admin_user_client, world, url):
    assert admin_user_client.get(url).status_code == 404


def test_another_municipalitys_coordinator_gets_404_for_the_district(
    other_coordinator_client, world
):
    url = reverse("reports:district-statistics", args=[world["rosengard"].pk])

    assert other_coordinator_client.get(url).status_code == 404


def test_a_user_without_a_role_gets_404_for_a_district(users, world):
    url = reverse("reports:district-statistics", args=[world["rosengard"].pk])

    assert _client(users["none"]).get(url).status_code == 404


def test_an_agency_officer_sees_districts_of_their_accords(users, world):
    factories.AccordFactory(
        agreement=world["rosengard"].agreements.get(),
        agency_unit=factories.AgencyUnitFactory(
            agency=users["agency"].agency_memberships.get().agency
        ),
    )
    url = reverse("reports:district-statistics", args=[world["rosengard"].pk])

    assert _client(users["agency"]).get(url).status_code == 200
    other = reverse("reports:district-statistics", args=[world["fittja"].pk])
    assert _client(users["agency"]).get(other).status_code == 404


def test_buttons_follow_the_permissions(users, world):
    url = reverse("reports:indicator-detail", args=["sysselsattningsgrad"])
    edit = reverse("reports:indicator-update", args=["sysselsattningsgrad"])
    imports = reverse("reports:indicator-import")
    listing = reverse("reports:indicator-list")

    assert edit in _client(users["admin"]).get(url).content.decode()
    assert edit not in _client(users["officer"]).get(url).content.decode()
    assert imports in _client(users["officer"]).get(listing).content.decode()
    assert imports not in _client(users["reader"]).get(listing).content.decode()


def test_other_pages_redirect_anonymous_to_login_while_open_data_answers(client, world):
    assert client.get(reverse("reports:open-data")).status_code == 200
    assert client.get(reverse("reports:open-data-csv")).status_code == 200
    assert client.get(reverse("reports:open-data-json")).status_code == 200
    assert client.get(reverse("home")).status_code == 302
