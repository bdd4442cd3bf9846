from django.urls import path

from reports.annual import views

urlpatterns = [
    path("arsrapporter/", views.AnnualReportListView.as_view(), name="annual-report-list"),
    path("arsrapporter/ny/", views.annual_report_create_view, name="annual-report-create"),
    path("arsrapporter/<int:pk>/", views.annual_report_detail_view, name="annual-report-detail"),
    path("arsrapporter/<int:pk>/andra/", views.annual_report_edit_view, name="annual-report-edit"),
    path(
        "arsrapporter/<int:pk>/generera/",
        views.annual_report_generate_view,
        name="annual-report-generate",
    ),
    path(
        "arsrapporter/<int:pk>/publicera/",
        views.annual_report_publish_view,
        name="annual-report-publish",
    ),
    path("arsrapporter/<int:pk>/pdf/", views.annual_report_pdf_view, name="annual-report-pdf"),
    path("publikationer/", views.publication_list_view, name="publication-list"),
    path(
        "publikationer/<int:pk>/pdf/",
        views.publication_download_view,
        name="publication-download",
    ),
]
