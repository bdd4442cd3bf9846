from django.urls import path

from reports.statistics import views

urlpatterns = [
    path("indikatorer/<str:code>/", views.indicator_detail_view, name="indicator-detail"),
]
