"""Import of indicator values (CSV, XLSX, Kolada JSON), all or nothing, and its undo."""

from reports.statistics.importing.core import ImportResult, RowError, import_indicator_values
from reports.statistics.importing.readers import FORMAT_LABELS, FileError
from reports.statistics.importing.undo import batch_undo, later_batches

__all__ = [
    "FORMAT_LABELS",
    "FileError",
    "ImportResult",
    "RowError",
    "batch_undo",
    "import_indicator_values",
    "later_batches",
]
