from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("overenskommelser/", views.AccordListView.as_view(), name="accord-list"),
    path("overenskommelser/ny/", views.accord_create_view, name="accord-create"),
    path("overenskommelser/<int:pk>/", views.accord_detail_view, name="accord-detail"),
    path("overenskommelser/<int:pk>/pdf/", views.accord_pdf_view, name="accord-pdf"),
    path("overenskommelser/<int:pk>/andra/", views.accord_edit_view, name="accord-edit"),
    path(
        "overenskommelser/<int:pk>/ataganden/",
        views.accord_commitments_view,
        name="accord-commitments",
    ),
    path("overenskommelser/<int:pk>/foresla/", views.accord_propose_view, name="accord-propose"),
    path("overenskommelser/<int:pk>/godta/", views.accord_accept_view, name="accord-accept"),
    path("overenskommelser/<int:pk>/avboj/", views.accord_decline_view, name="accord-decline"),
    path("overenskommelser/<int:pk>/utkast/", views.accord_reopen_view, name="accord-reopen"),
    path("overenskommelser/<int:pk>/upphor/", views.accord_end_view, name="accord-end"),
    path(
        "overenskommelser/<int:pk>/bilagor/ny/",
        views.accord_attachment_add_view,
        name="accord-attachment-add",
    ),
    path(
        "overenskommelser/<int:pk>/bilagor/<int:attachment_pk>/",
        views.accord_attachment_download_view,
        name="accord-attachment-download",
    ),
    path("myndigheter/", views.AgencyListView.as_view(), name="agency-list"),
    path("myndigheter/<int:pk>/", views.agency_detail_view, name="agency-detail"),
    path("partnerskap/", views.PartnershipListView.as_view(), name="partnership-list"),
    path("partnerskap/nytt/", views.partnership_create_view, name="partnership-create"),
    path("partnerskap/<int:pk>/", views.partnership_detail_view, name="partnership-detail"),
    path(
        "partnerskap/<int:pk>/medlemmar/ny/",
        views.partnership_member_add_view,
        name="partnership-member-add",
    ),
    path(
        "partnerskap/<int:pk>/medlemmar/<int:member_pk>/",
        views.partnership_member_edit_view,
        name="partnership-member-edit",
    ),
]
