"""Swedish sort order (Å Ä Ö after Z) on PostgreSQL through the ICU collation sv-SE-x-icu.

SQLite, used only for a first local start, has no ICU collation and sorts by code point.
"""

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

SWEDISH = "sv-SE-x-icu"


def swedish(field: str, *, descending: bool = False):
    """An ORDER BY expression for `field` in Swedish order."""
    expression = Collate(F(field), SWEDISH) if connection.vendor == "postgresql" else F(field)
    return expression.desc() if descending else expression.asc()
