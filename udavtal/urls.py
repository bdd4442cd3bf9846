from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    # Temporary start page so that the layout can be seen and LOGIN_REDIRECT_URL resolves;
    # replaced by the real dashboard view.
    path(
        "",
        login_required(TemplateView.as_view(template_name="home_placeholder.html")),
        name="home",
    ),
    path("konto/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
