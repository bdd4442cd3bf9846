from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path(
        "redovisningar/<int:pk>/",
        views.district_report_detail_view,
        name="district-report-detail",
    ),
    path(
        "myndighetsredovisningar/<int:pk>/",
        views.agency_report_detail_view,
        name="agency-report-detail",
    ),
    path("indikatorer/<str:code>/", views.indicator_detail_view, name="indicator-detail"),
]
