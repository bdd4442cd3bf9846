"""The reports app has three parts, each with its own URLs, views, selectors and services:
`district/` (annual district reports), `agency/` (agency reports) and `statistics/` (indicators)."""

from reports.agency import urls as agency_urls
from reports.district import urls as district_urls
from reports.statistics import urls as statistics_urls

app_name = "reports"

urlpatterns = [
    *district_urls.urlpatterns,
    *agency_urls.urlpatterns,
    *statistics_urls.urlpatterns,
]
