from django.contrib import admin
from django.urls import include, path

from accessibility import views as accessibility_views
from udavtal import views

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
    path("tillganglighet/", accessibility_views.statement_view, name="accessibility"),
]
