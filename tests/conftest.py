"""The fixed cast of users and their logged-in clients, shared by every test module."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True, scope="session")
def _tests_run_on_postgresql(django_db_setup, django_db_blocker):
    """The suite runs on the production engine; SQLite is only for a first local start."""
    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", (
            "Set DATABASE_URL to a PostgreSQL database (see README: make test)."
        )


@pytest.fixture(autouse=True)
def _reference_data_survives_transactional_tests(request, django_db_blocker):
    """A transactional test (browser, concurrency, backup) ends with a flush that also removes the
    reference data the migrations loaded; load it again for the tests that follow."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        with django_db_blocker.unblock():
            call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache_for_each_test():
    """Cached statistics (reports/statistics/selectors.py) are keyed by the import state, which
    tests that write values directly do not change: each test starts with an empty cache."""
    from reports.statistics import selectors

    selectors.clear_cached_statistics()


@pytest.fixture(autouse=True)
def _no_axes_lockouts_between_tests(settings):
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _two_factor_not_required_unless_a_test_asks(settings):
    """Most tests log in with force_login; tests/accounts/test_two_factor.py turns it on."""
    settings.OTP_REQUIRED_FOR_MINISTRY = False


@pytest.fixture
def malmo(db):
    return factories.malmo()


@pytest.fixture
def botkyrka(db):
    return factories.botkyrka()


@pytest.fixture
def fk(db):
    return factories.AgencyFactory(name="Försäkringskassan", short_name="FK")


@pytest.fixture
def officer(db):
    return factories.officer(username="t.handlaggare", first_name="Hanna", last_name="Handläggare")


@pytest.fixture
def ministry_admin(db):
    return factories.ministry_admin(username="t.admin")


@pytest.fixture
def reader(db):
    return factories.reader(username="t.lasare")


@pytest.fixture
def coordinator_malmo(malmo):
    return factories.coordinator(malmo, username="t.samordnare.malmo", first_name="Sara")


@pytest.fixture
def coordinator_botkyrka(botkyrka):
    return factories.coordinator(botkyrka, username="t.samordnare.botkyrka", first_name="Bo")


@pytest.fixture
def agency_officer_fk(fk):
    return factories.agency_officer(fk, username="t.myndighet.fk", first_name="Frida")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer_client(officer):
    return _client_for(officer)


@pytest.fixture
def admin_user_client(ministry_admin):
    return _client_for(ministry_admin)


@pytest.fixture
def reader_client(reader):
    return _client_for(reader)


@pytest.fixture
def coordinator_client(coordinator_malmo):
    return _client_for(coordinator_malmo)


@pytest.fixture
def other_coordinator_client(coordinator_botkyrka):
    return _client_for(coordinator_botkyrka)


@pytest.fixture
def agency_client(agency_officer_fk):
    return _client_for(agency_officer_fk)
