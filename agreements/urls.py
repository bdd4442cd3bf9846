from django.urls import path

from agreements import views
from agreements.plans import urls as plan_urls

app_name = "agreements"

urlpatterns = [
    path("avtal/<int:pk>/", views.agreement_detail_view, name="agreement-detail"),
    path("kommuner/<int:pk>/", views.municipality_detail_view, name="municipality-detail"),
    path("stadsdelar/<int:pk>/", views.district_detail_view, name="district-detail"),
    *plan_urls.urlpatterns,
]
