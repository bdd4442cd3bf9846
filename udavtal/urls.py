from django.contrib import admin
from django.urls import include, path

from accessibility import views as accessibility_views
from udavtal import export_views, views

urlpatterns = [
    path("", views.home_view, name="home"),
    path("konto/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("agreements.urls")),
    path("", include("partnerships.urls")),
    path("", include("reports.urls")),
    path("", include("grants.urls")),
    path("", include("audit.urls")),
    path("exporter/", export_views.ExportListView.as_view(), name="export-list"),
    path("exporter/<uuid:pk>/", export_views.export_detail_view, name="export-detail"),
    path("exporter/<uuid:pk>/fil/", export_views.export_file_view, name="export-file"),
    path("tillganglighet/", accessibility_views.statement_view, name="accessibility"),
]
