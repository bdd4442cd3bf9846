from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("overenskommelser/<int:pk>/", views.accord_detail_view, name="accord-detail"),
    path("myndigheter/<int:pk>/", views.agency_detail_view, name="agency-detail"),
    path("partnerskap/<int:pk>/", views.partnership_detail_view, name="partnership-detail"),
]
