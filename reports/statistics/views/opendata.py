"""Open data, reachable without login: a page describing the files and their licence, and the
files themselves, streamed."""

from __future__ import annotations

from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reports.statistics import opendata


def _stream(chunks, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def open_data_view(request):
    context = {
        "columns": [(h, opendata.COLUMN_HELP[h]) for h in opendata.HEADERS],
        "licence": opendata.LICENCE,
        "publisher": opendata.PUBLISHER,
        "attribution": opendata.attribution(),
        "threshold": settings.SMALL_NUMBER_THRESHOLD,
    }
    return render(request, "reports/open_data.html", context)


@require_safe
def open_data_csv_view(request):
    return _stream(opendata.csv_lines(), "text/csv; charset=utf-8", "utfall.csv")


@require_safe
def open_data_json_view(request):
    return _stream(opendata.json_chunks(), "application/json; charset=utf-8", "utfall.json")


@require_safe
def open_data_indicators_view(request):
    return _stream(
        opendata.indicator_catalogue_lines(), "text/csv; charset=utf-8", "indikatorer.csv"
    )
