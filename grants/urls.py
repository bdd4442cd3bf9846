"""URLs of the grant app (Swedish paths, namespaced `grants:`). Roles: see grants/README.md."""

from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("statsbidrag/", views.round_list_view, name="round-list"),
    path("statsbidrag/ar/<int:year>/", views.round_detail_view, name="round-detail"),
    path("statsbidrag/ar/<int:year>/andra/", views.round_edit_view, name="round-edit"),
    path(
        "statsbidrag/ar/<int:year>/ansok/", views.application_create_view, name="application-create"
    ),
    path("statsbidrag/ansokningar/", views.ApplicationListView.as_view(), name="application-list"),
    path(
        "statsbidrag/ansokningar/<int:pk>/",
        views.application_detail_view,
        name="application-detail",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/andra/",
        views.application_edit_view,
        name="application-edit",
    ),
    path("statsbidrag/ansokningar/<int:pk>/mal/nytt/", views.goal_edit_view, name="goal-create"),
    path(
        "statsbidrag/ansokningar/<int:pk>/mal/<int:goal_pk>/",
        views.goal_edit_view,
        name="goal-edit",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/insatser/ny/",
        views.measure_edit_view,
        name="measure-create",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/insatser/<int:measure_pk>/",
        views.measure_edit_view,
        name="measure-edit",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/insatser/<int:measure_pk>/ta-bort/",
        views.measure_delete_view,
        name="measure-delete",
    ),
    path("statsbidrag/ansokningar/<int:pk>/budget/", views.budget_edit_view, name="budget-edit"),
    path(
        "statsbidrag/ansokningar/<int:pk>/lamna-in/",
        views.application_submit_view,
        name="application-submit",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/yttrande/",
        views.advisory_comment_view,
        name="advisory-comment",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/besluta/",
        views.application_decide_view,
        name="application-decide",
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/beslut.pdf", views.decision_pdf_view, name="decision-pdf"
    ),
    path(
        "statsbidrag/ansokningar/<int:pk>/uppfoljning/<int:year>/",
        views.follow_up_start_view,
        name="follow-up-start",
    ),
    path(
        "statsbidrag/belopp/<int:amount_pk>/utbetalning/",
        views.payment_create_view,
        name="payment-create",
    ),
    path(
        "statsbidrag/belopp/<int:amount_pk>/aterkrav/",
        views.reclaim_create_view,
        name="reclaim-create",
    ),
    path(
        "statsbidrag/utbetalningar/<int:payment_pk>/registrera/",
        views.payment_record_view,
        name="payment-record",
    ),
    path(
        "statsbidrag/uppfoljningar/<int:pk>/", views.follow_up_detail_view, name="follow-up-detail"
    ),
    path(
        "statsbidrag/uppfoljningar/<int:pk>/andra/",
        views.follow_up_edit_view,
        name="follow-up-edit",
    ),
    path(
        "statsbidrag/uppfoljningar/<int:pk>/lamna-in/",
        views.follow_up_submit_view,
        name="follow-up-submit",
    ),
    path(
        "statsbidrag/uppfoljningar/<int:pk>/skicka-tillbaka/",
        views.follow_up_return_view,
        name="follow-up-return",
    ),
    path(
        "statsbidrag/uppfoljningar/<int:pk>/godkann/",
        views.follow_up_accept_view,
        name="follow-up-accept",
    ),
    path("statsbidrag/oversikt/", views.FundingListView.as_view(), name="funding-list"),
    path(
        "statsbidrag/oversikt/stadsdelar/",
        views.DistrictFundingListView.as_view(),
        name="district-funding-list",
    ),
]
