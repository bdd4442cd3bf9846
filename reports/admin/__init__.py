"""Admin of the reports app, by subdomain (see docs/decisions/0003-admin.md)."""

from . import indicators, reviews

__all__ = ["indicators", "reviews"]
