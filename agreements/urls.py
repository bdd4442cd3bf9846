from django.urls import path

from agreements import edit_views, views
from agreements.plans import urls as plan_urls

app_name = "agreements"

urlpatterns = [
    path("avtal/", views.AgreementListView.as_view(), name="agreement-list"),
    path("avtal/nytt/", edit_views.agreement_create_view, name="agreement-create"),
    path("avtal/<int:pk>/", views.agreement_detail_view, name="agreement-detail"),
    path("avtal/<int:pk>/pdf/", views.agreement_pdf_view, name="agreement-pdf"),
    path("avtal/<int:pk>/andra/", edit_views.agreement_edit_view, name="agreement-edit"),
    path(
        "avtal/<int:pk>/overlaggning/",
        edit_views.agreement_negotiate_view,
        name="agreement-negotiate",
    ),
    path("avtal/<int:pk>/underteckna/", edit_views.agreement_sign_view, name="agreement-sign"),
    path("avtal/<int:pk>/vilande/", edit_views.agreement_pause_view, name="agreement-pause"),
    path("avtal/<int:pk>/ateruppta/", edit_views.agreement_resume_view, name="agreement-resume"),
    path("avtal/<int:pk>/avbojt/", edit_views.agreement_decline_view, name="agreement-decline"),
    path(
        "avtal/<int:pk>/sag-upp/", edit_views.agreement_terminate_view, name="agreement-terminate"
    ),
    path(
        "avtal/<int:pk>/revideringar/ny/",
        edit_views.agreement_revise_view,
        name="agreement-revise",
    ),
    path(
        "avtal/<int:pk>/revideringar/<int:year>/",
        views.agreement_revision_detail_view,
        name="revision-detail",
    ),
    path("avtal/<int:pk>/bilagor/ny/", edit_views.agreement_attach_view, name="agreement-attach"),
    path(
        "avtal/<int:pk>/bilagor/<int:attachment_pk>/",
        views.agreement_attachment_view,
        name="agreement-attachment",
    ),
    path(
        "avtal/<int:pk>/undertecknat-avtal/",
        views.agreement_document_view,
        name="agreement-document",
    ),
    path("kommuner/", views.MunicipalityListView.as_view(), name="municipality-list"),
    path("kommuner/<int:pk>/", views.municipality_detail_view, name="municipality-detail"),
    path("stadsdelar/", views.DistrictListView.as_view(), name="district-list"),
    path("stadsdelar/<int:pk>/", views.district_detail_view, name="district-detail"),
    *plan_urls.urlpatterns,
]
