from django.urls import path

from reports.statistics import views

urlpatterns = [
    path("indikatorer/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("indikatorer/ny/", views.indicator_create_view, name="indicator-create"),
    path("indikatorer/<str:code>/", views.indicator_detail_view, name="indicator-detail"),
    path("indikatorer/<str:code>/andra/", views.indicator_update_view, name="indicator-update"),
    path("utfall/import/", views.indicator_import_view, name="indicator-import"),
    path(
        "utfall/import/mall.<str:file_format>",
        views.indicator_import_template_view,
        name="indicator-import-template",
    ),
    path("utfall/importer/", views.ImportBatchListView.as_view(), name="import-batch-list"),
    path("utfall/importer/<int:pk>/", views.import_batch_detail_view, name="import-batch-detail"),
    path("utfall/importer/<int:pk>/angra/", views.import_batch_undo_view, name="import-batch-undo"),
    path("statistik/", views.IndicatorOverviewView.as_view(), name="indicator-overview"),
    path(
        "stadsdelar/<int:pk>/statistik/",
        views.district_statistics_view,
        name="district-statistics",
    ),
    path("oppna-data/", views.open_data_view, name="open-data"),
    path("oppna-data/utfall.csv", views.open_data_csv_view, name="open-data-csv"),
    path("oppna-data/utfall.json", views.open_data_json_view, name="open-data-json"),
    path(
        "oppna-data/indikatorer.csv",
        views.open_data_indicators_view,
        name="open-data-indicators",
    ),
]
