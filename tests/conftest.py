import pytest
from django.db import connection


@pytest.fixture(autouse=True, scope="session")
def _tests_run_on_postgresql(django_db_setup, django_db_blocker):
    """The suite runs on the production engine; SQLite is only for a first local start."""
    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", (
            "Set DATABASE_URL to a PostgreSQL database (see README: make test)."
        )
