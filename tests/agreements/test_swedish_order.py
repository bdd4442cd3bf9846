"""Names sort in Swedish order (Å Ä Ö after Z) on PostgreSQL."""

import pytest

from agreements.selectors import municipality_list_for_user

pytestmark = pytest.mark.django_db


def test_municipalities_sort_with_a_ring_a_umlaut_o_umlaut_last(officer):
    names = list(municipality_list_for_user(user=officer).values_list("name", flat=True))
    tail = [name for name in names if name[0] in "YÅÄÖ"]
    assert tail == sorted(tail, key=lambda n: "YÅÄÖ".index(n[0]))
    assert names.index("Ystad") < names.index("Åstorp") < names.index("Älmhult")
    assert names.index("Älmhult") < names.index("Örebro")
    assert names[-1].startswith("Ö")
