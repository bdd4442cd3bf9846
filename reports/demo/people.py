"""Demo users, one per role, all with the documented password `udavtal-demo`.

The people are invented; their names are ordinary Swedish names and belong to no real official.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts.roles import MINISTRY_ADMIN, MINISTRY_OFFICER, READER
from agreements.models import Municipality, MunicipalityMembership
from partnerships.models import Agency, AgencyMembership
from reports.demo.base import Demo

PASSWORD = "udavtal-demo"


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    title: str
    group: str | None = None
    municipality: str | None = None  # SCB code: a coordinator of this municipality
    agency: str | None = None  # agency name: an agency officer
    superuser: bool = False


PEOPLE = [
    Person("admin", "Ingrid", "Sandberg", "Systemadministratör, Regeringskansliet",
           group=MINISTRY_ADMIN, superuser=True),
    Person("handlaggare", "Johan", "Lindqvist", "Departementssekreterare", group=MINISTRY_OFFICER),
    Person("samordnare.malmo", "Amira", "Haddad", "Samordnare för lokalt utvecklingsarbete",
           municipality="1280"),
    Person("samordnare.botkyrka", "Erik", "Nyström", "Samordnare för lokalt utvecklingsarbete",
           municipality="0127"),
    Person("myndighet.fk", "Sara", "Holm", "Samverkansansvarig", agency="Försäkringskassan"),
    Person("lasare", "Per", "Ekström", "Utredare", group=READER),
]  # fmt: skip


def ensure_users(demo: Demo) -> dict[str, object]:
    """Create the three global groups and the six users if they are missing; users by username."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (
        MINISTRY_ADMIN, MINISTRY_OFFICER, READER
    )}  # fmt: skip
    User = get_user_model()
    existing = {
        u.username: u for u in User.objects.filter(username__in=[p.username for p in PEOPLE])
    }
    # One hash for all six: the password is the same and documented, and hashing once keeps the
    # command fast (a PBKDF2 hash takes a noticeable fraction of a second).
    password_hash = make_password(PASSWORD) if len(existing) < len(PEOPLE) else None
    users = {}
    for person in PEOPLE:
        user = existing.get(person.username)
        if user is None:
            user = User.objects.create(
                username=person.username,
                first_name=person.first_name,
                last_name=person.last_name,
                title=person.title,
                email=f"{person.username}@udavtal.example.se",
                password=password_hash,
                is_staff=person.superuser,
                is_superuser=person.superuser,
            )
            demo.created["användare"] += 1
            if person.group:
                user.groups.add(groups[person.group])
        users[person.username] = user
        if demo.actor is None:
            demo.actor = user  # the admin, created first, is the author of everything else
    for person in PEOPLE:
        user = users[person.username]
        if person.municipality:
            demo.ensure(
                MunicipalityMembership,
                {"user": user, "municipality": Municipality.objects.get(code=person.municipality)},
            )
        if person.agency:
            demo.ensure(
                AgencyMembership, {"user": user, "agency": Agency.objects.get(name=person.agency)}
            )
    return users
