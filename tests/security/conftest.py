"""The shared world and the logged-in cast of the security tests."""

import pytest

from tests.security import urltable
from tests.security import world as world_module


@pytest.fixture
def cast(
    malmo,
    botkyrka,
    fk,
    officer,
    ministry_admin,
    reader,
    coordinator_malmo,
    coordinator_botkyrka,
    agency_officer_fk,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    world = world_module.build(
        malmo=malmo, botkyrka=botkyrka, fk=fk, officer=officer, coordinator_malmo=coordinator_malmo
    )
    users = {
        "officer": officer,
        "ministry_admin": ministry_admin,
        "reader": reader,
        "coordinator_malmo": coordinator_malmo,
        "coordinator_botkyrka": coordinator_botkyrka,
        "agency_officer_fk": agency_officer_fk,
    }
    return world, urltable.clients(users)
