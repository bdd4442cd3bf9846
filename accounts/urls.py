from django.urls import path

from accounts import twofactor, views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("tvastegsverifiering/", twofactor.otp_setup_view, name="otp-setup"),
    path("engangskod/", twofactor.otp_verify_view, name="otp-verify"),
]
