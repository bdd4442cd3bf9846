"""Helpers shared by the partnership views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(user, perm: str, obj=None) -> None:
    """403 unless the user has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
