from django.urls import path

from reports.district import views

urlpatterns = [
    path(
        "redovisningar/<int:pk>/",
        views.district_report_detail_view,
        name="district-report-detail",
    ),
]
