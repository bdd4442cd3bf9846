"""Views of the indicator catalogue, imports, statistics pages and open data."""

from reports.statistics.views.catalogue import (
    IndicatorListView,
    indicator_create_view,
    indicator_detail_view,
    indicator_update_view,
)
from reports.statistics.views.imports import (
    ImportBatchListView,
    import_batch_detail_view,
    import_batch_undo_view,
    indicator_import_template_view,
    indicator_import_view,
)
from reports.statistics.views.opendata import (
    open_data_csv_view,
    open_data_indicators_view,
    open_data_json_view,
    open_data_view,
)
from reports.statistics.views.statistics import IndicatorOverviewView, district_statistics_view

__all__ = [
    "ImportBatchListView",
    "IndicatorListView",
    "IndicatorOverviewView",
    "district_statistics_view",
    "import_batch_detail_view",
    "import_batch_undo_view",
    "indicator_create_view",
    "indicator_detail_view",
    "indicator_import_template_view",
    "indicator_import_view",
    "indicator_update_view",
    "open_data_csv_view",
    "open_data_indicators_view",
    "open_data_json_view",
    "open_data_view",
]
