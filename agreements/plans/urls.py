"""URLs of strategic district plans, included in the `agreements` namespace."""

from django.urls import path

from agreements.plans import views

urlpatterns = [
    path("stadsdelsplaner/", views.PlanListView.as_view(), name="plan-list"),
    path("stadsdelsplaner/ny/", views.plan_create_view, name="plan-create"),
    path("stadsdelsplaner/<int:pk>/", views.plan_detail_view, name="plan-detail"),
    path("stadsdelsplaner/<int:pk>/redigera/", views.plan_edit_view, name="plan-edit"),
    path("stadsdelsplaner/<int:pk>/faststall/", views.plan_adopt_view, name="plan-adopt"),
    path("stadsdelsplaner/<int:pk>/mal/ny/", views.plan_goal_create_view, name="plan-goal-create"),
    path(
        "stadsdelsplaner/<int:pk>/mal/<int:goal_pk>/",
        views.plan_goal_edit_view,
        name="plan-goal-edit",
    ),
    path(
        "stadsdelsplaner/<int:pk>/mal/<int:goal_pk>/ta-bort/",
        views.plan_goal_delete_view,
        name="plan-goal-delete",
    ),
    path(
        "stadsdelsplaner/<int:pk>/mal/<int:goal_pk>/indikatorer/ny/",
        views.plan_indicator_create_view,
        name="plan-indicator-create",
    ),
    path(
        "stadsdelsplaner/<int:pk>/indikatorer/<int:indicator_pk>/",
        views.plan_indicator_edit_view,
        name="plan-indicator-edit",
    ),
    path(
        "stadsdelsplaner/<int:pk>/indikatorer/<int:indicator_pk>/ta-bort/",
        views.plan_indicator_delete_view,
        name="plan-indicator-delete",
    ),
    path(
        "stadsdelsplaner/<int:pk>/mal/<int:goal_pk>/insatser/ny/",
        views.plan_measure_create_view,
        name="plan-measure-create",
    ),
    path(
        "stadsdelsplaner/<int:pk>/insatser/<int:measure_pk>/",
        views.plan_measure_edit_view,
        name="plan-measure-edit",
    ),
    path(
        "stadsdelsplaner/<int:pk>/insatser/<int:measure_pk>/ta-bort/",
        views.plan_measure_delete_view,
        name="plan-measure-delete",
    ),
]
