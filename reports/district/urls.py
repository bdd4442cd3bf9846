from django.urls import path

from reports.district import views

urlpatterns = [
    path("redovisningar/", views.DistrictReportListView.as_view(), name="district-report-list"),
    path(
        "redovisningar/skapa/",
        views.district_reports_create_view,
        name="district-report-create-year",
    ),
    path("redovisningar/forsenade/", views.overdue_reports_view, name="overdue-reports"),
    path(
        "redovisningar/<int:pk>/",
        views.district_report_detail_view,
        name="district-report-detail",
    ),
    path(
        "redovisningar/<int:pk>/redigera/",
        views.district_report_edit_view,
        name="district-report-edit",
    ),
    path(
        "redovisningar/<int:pk>/lamna-in/",
        views.district_report_submit_view,
        name="district-report-submit",
    ),
    path(
        "redovisningar/<int:pk>/atersand/",
        views.district_report_return_view,
        name="district-report-return",
    ),
    path(
        "redovisningar/<int:pk>/godkann/",
        views.district_report_accept_view,
        name="district-report-accept",
    ),
    path("redovisningar/<int:pk>/pdf/", views.district_report_pdf_view, name="district-report-pdf"),
    path(
        "redovisningar/<int:pk>/bilagor/",
        views.district_report_attachment_add_view,
        name="district-report-attachment-add",
    ),
    path(
        "redovisningar/<int:pk>/bilagor/<int:attachment_pk>/",
        views.district_report_attachment_download_view,
        name="district-report-attachment",
    ),
    path(
        "redovisningar/<int:pk>/bilagor/<int:attachment_pk>/ta-bort/",
        views.district_report_attachment_delete_view,
        name="district-report-attachment-delete",
    ),
]
