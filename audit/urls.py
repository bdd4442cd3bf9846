from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("granskningslogg/", views.AuditEventListView.as_view(), name="event-list"),
]
