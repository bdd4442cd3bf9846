"""Enumerate the project's URL patterns and request them as each role of the fixed cast."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = (
    "anonymous",
    "officer",
    "ministry_admin",
    "reader",
    "coordinator_malmo",
    "coordinator_botkyrka",
    "agency_officer_fk",
)
LOGIN = "L"  # 302 to the login page
ELSEWHERE = "R"  # 302 somewhere else

IGNORED_TABLES = ("django_session", "accounts_user", "axes_accessattempt", "axes_accesslog")


def url_names(patterns=None, namespace: str = "") -> list[str]:
    """Every named URL pattern, namespaced (`"reports:district-report-detail"`), in order."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    names: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.append(
                f"{namespace}{pattern.name}"
                if pattern.name
                else f"{namespace}<unnamed {pattern.pattern}>"
            )
    return list(dict.fromkeys(names))


def outcome(response) -> int | str:
    """The response as the table writes it: a status code, `L` or `R`."""
    if response.status_code == 302:
        login = resolve_url(settings.LOGIN_URL)
        return LOGIN if response["Location"].startswith(login) else ELSEWHERE
    return response.status_code


def clients(users: dict) -> dict[str, Client]:
    result = {"anonymous": Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        result[role] = client
    return result


def writes() -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated and deleted per table so far in this transaction (the test's),
    from PostgreSQL's per-transaction statistics; sessions and login bookkeeping excepted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE NOT (relname = ANY(%s))",
            [list(IGNORED_TABLES)],
        )
        return {name: (ins, upd, dele) for name, ins, upd, dele in cursor.fetchall()}
