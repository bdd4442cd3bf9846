from django.urls import path

from reports.agency import views

urlpatterns = [
    path(
        "myndighetsredovisningar/",
        views.AgencyReportListView.as_view(),
        name="agency-report-list",
    ),
    path(
        "myndighetsredovisningar/ny/",
        views.agency_report_create_view,
        name="agency-report-create",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/",
        views.agency_report_detail_view,
        name="agency-report-detail",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/andra/",
        views.agency_report_edit_view,
        name="agency-report-edit",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/partnerskap/ny/",
        views.agency_report_entry_view,
        name="agency-report-entry-add",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/partnerskap/<int:entry_pk>/",
        views.agency_report_entry_view,
        name="agency-report-entry-edit",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/lamna-in/",
        views.agency_report_submit_view,
        name="agency-report-submit",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/atersand/",
        views.agency_report_return_view,
        name="agency-report-return",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/godkann/",
        views.agency_report_accept_view,
        name="agency-report-accept",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/sammanstall/",
        views.agency_report_compile_view,
        name="agency-report-compile",
    ),
]
