"""Pages for agencies, partnerships and cooperation accords (one module per subdomain)."""

from partnerships.views.accords import (  # noqa: F401
    AccordListView,
    accord_accept_view,
    accord_attachment_add_view,
    accord_attachment_download_view,
    accord_commitments_view,
    accord_create_view,
    accord_decline_view,
    accord_detail_view,
    accord_edit_view,
    accord_end_view,
    accord_pdf_view,
    accord_propose_view,
    accord_reopen_view,
)
from partnerships.views.agencies import AgencyListView, agency_detail_view  # noqa: F401
from partnerships.views.partnerships import (  # noqa: F401
    PartnershipListView,
    partnership_create_view,
    partnership_detail_view,
    partnership_member_add_view,
    partnership_member_edit_view,
)
