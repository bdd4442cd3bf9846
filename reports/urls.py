"""The reports app has four parts, each with its own URLs, views, selectors and services:
`district/` (annual district reports), `agency/` (agency reports), `statistics/` (indicators)
and `annual/` (the national annual report to the Riksdag)."""

from reports.agency import urls as agency_urls
from reports.annual import urls as annual_urls
from reports.district import urls as district_urls
from reports.statistics import urls as statistics_urls

app_name = "reports"

urlpatterns = [
    *district_urls.urlpatterns,
    *agency_urls.urlpatterns,
    *statistics_urls.urlpatterns,
    *annual_urls.urlpatterns,
]
