"""Reading downloaded files in tests: CSV exports stream (udavtal.lib.exports), others not."""

from __future__ import annotations

import csv
import io


def body(response) -> bytes:
    """The whole body of a plain or streamed response (reading a stream runs its queries)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
