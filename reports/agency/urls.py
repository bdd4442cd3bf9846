from django.urls import path

from reports.agency import views

urlpatterns = [
    path(
        "myndighetsredovisningar/<int:pk>/",
        views.agency_report_detail_view,
        name="agency-report-detail",
    ),
]
