"""Admin of the reports app, by subdomain (see docs/decisions/0003-admin.md)."""

from . import indicators, reminders, reviews

__all__ = ["indicators", "reminders", "reviews"]
