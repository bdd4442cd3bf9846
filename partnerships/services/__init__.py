"""Writes for cooperation accords and local partnerships.

Every function runs in one transaction, records who acted and why in the history
(django-simple-history), refuses a stale save (`claim_version`) and a wrong state (`transition`).
Cross-row rules (plans of the agreement, period inside the agreement's, the right signing unit)
are checked here and raise `ValidationError` with Swedish messages.
"""

from partnerships.services.accords import (  # noqa: F401
    COMMITMENT_FIELDS,
    CommitmentRow,
    accord_accept,
    accord_attach,
    accord_create,
    accord_decline,
    accord_end,
    accord_propose,
    accord_reopen,
    accord_set_commitments,
    accord_update,
    side_label,
)
from partnerships.services.common import (  # noqa: F401
    AGREEMENT_OPEN_FOR_ACCORDS,
    AGREEMENT_SIGNABLE,
    EDITABLE_FIELDS,
    check_agreement_open,
    check_period,
    check_plans_of_agreement,
    check_unit_covers,
    check_unit_may_sign,
)
from partnerships.services.partnerships import (  # noqa: F401
    MEMBER_FIELDS,
    partnership_create,
    partnership_member_add,
    partnership_member_update,
    partnership_name,
)
