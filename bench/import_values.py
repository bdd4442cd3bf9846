"""Benchmark: import one million indicator values from CSV on PostgreSQL.

    DATABASE_URL=postgres://udavtal:udavtal@127.0.0.1:5432/udavtal_bench \\
        .venv/bin/python bench/import_values.py [--rows 1000000] [--keep]

Creates its own indicators (code bench_*) and districts (code BENCH-*), writes a CSV file of
`--rows` values (15 indicators × 3 sexes × 23 years per district, decimal comma, population
base, source) and times, through the same function the page and the command use:

1. the first import (every value new),
2. the same file again (nothing changes: idempotent),
3. a file where every value differs (every value updated, its previous value kept for undo),
4. undo of 3 (every value restored),
5. undo of 1 (every value deleted).

Generating the file is not timed. Afterwards the benchmark's rows are removed (unless --keep).
Results go into docs/benchmarks.md by hand, with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "udavtal.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from agreements.models import County, District, Municipality  # noqa: E402
from reports.models import ImportBatch, Indicator, IndicatorValue  # noqa: E402
from reports.statistics.importing import batch_undo, import_indicator_values  # noqa: E402

INDICATORS = 15
YEARS = range(2001, 2024)
SEXES = ("T", "K", "M")
PER_DISTRICT = INDICATORS * len(YEARS) * len(SEXES)


def setup(rows: int) -> tuple[list[Indicator], list[District]]:
    county, _ = County.objects.get_or_create(code="99", defaults={"name": "Benchmarklän"})
    municipality, _ = Municipality.objects.get_or_create(
        code="9999", defaults={"name": "Benchmarkkommun", "county": county}
    )
    indicators = [
        Indicator.objects.get_or_create(
            code=f"bench_{n:02d}",
            defaults={
                "name": f"Benchmarkindikator {n}",
                "definition": "Genererad för benchmark.",
                "unit": "procent",
                "direction": Indicator.Direction.HIGHER,
                "source": "Benchmark",
            },
        )[0]
        for n in range(INDICATORS)
    ]
    needed = -(-rows // PER_DISTRICT)
    existing = set(
        District.objects.filter(code__startswith="BENCH-").values_list("code", flat=True)
    )
    District.objects.bulk_create(
        [
            District(municipality=municipality, code=f"BENCH-{n:05d}", name=f"Benchmark {n}")
            for n in range(needed)
            if f"BENCH-{n:05d}" not in existing
        ]
    )
    districts = list(District.objects.filter(code__startswith="BENCH-").order_by("code")[:needed])
    return indicators, districts


def write_csv(path: Path, indicators, districts, rows: int, shift: int = 0) -> None:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("indikator;områdestyp;områdeskod;år;kön;värde;befolkningsunderlag;källa\n")
        for d_index, district in enumerate(districts):
            for i_index, indicator in enumerate(indicators):
                for year in YEARS:
                    for sex in SEXES:
                        if written == rows:
                            return
                        value = (d_index * 7 + i_index * 13 + year + shift) % 1000 / 10
                        base = 50 + (d_index + year) % 5000
                        number = f"{value:.1f}".replace(".", ",")
                        out.write(
                            f"{indicator.code};stadsdel;{district.code};{year};{sex};{number};"
                            f"{base};SCB\n"
                        )
                        written += 1


def backend_cpu(pid: int) -> float:
    """CPU seconds the PostgreSQL backend has used (from /proc; same machine only)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, results: list, function, *args, **kwargs):
    """Wall time, and CPU time of this process and of its database backend: on a busy machine
    the wall time includes waiting for the CPU, the CPU times do not."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    cpu_py, cpu_pg, started = own_cpu(), backend_cpu(pid), time.perf_counter()
    outcome = function(*args, **kwargs)
    seconds = time.perf_counter() - started
    python, database = own_cpu() - cpu_py, backend_cpu(pid) - cpu_pg
    results.append((label, seconds, python, database, os.getloadavg()[0]))
    print(
        f"{label}: {seconds:.1f} s (CPU: Python {python:.1f} s, PostgreSQL {database:.1f} s)",
        flush=True,
    )
    return outcome


def run_import(path: Path):
    with path.open("rb") as handle:
        result = import_indicator_values(file=handle, file_name=path.name, actor=None)
    if not result.ok:
        raise SystemExit(f"import failed: {result.file_error or result.errors[:5]}")
    print(
        f"  {result.row_count} rows: {result.created} new, {result.updated} updated, "
        f"{result.unchanged} unchanged",
        flush=True,
    )
    return result


def cleanup() -> None:
    IndicatorValue.objects.filter(indicator__code__startswith="bench_").delete()
    ImportBatch.objects.filter(file_name__startswith="bench-").delete()
    District.objects.filter(code__startswith="BENCH-").delete()
    Indicator.objects.filter(code__startswith="bench_").delete()
    Municipality.objects.filter(code="9999").delete()
    County.objects.filter(code="99").delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's rows")
    args = parser.parse_args()
    logging.getLogger("reports.import").setLevel(logging.INFO)
    if connection.vendor != "postgresql":
        raise SystemExit("The benchmark runs on PostgreSQL: set DATABASE_URL.")

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    print(
        f"Python {platform.python_version()}, PostgreSQL {server}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}, {args.rows} rows",
        flush=True,
    )
    cleanup()
    indicators, districts = setup(args.rows)
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "bench-utfall.csv"
        changed = Path(tmp) / "bench-utfall-andrad.csv"
        write_csv(first, indicators, districts, args.rows)
        write_csv(changed, indicators, districts, args.rows, shift=3)
        print(f"CSV: {first.stat().st_size / 1_048_576:.0f} MB", flush=True)

        new = timed("1. first import (all new)", results, run_import, first)
        timed("2. same file again (unchanged)", results, run_import, first)
        update = timed("3. every value changed", results, run_import, changed)
        timed("4. undo of 3 (restore)", results, batch_undo, batch=update.batch, actor=None)
        timed("5. undo of 1 (delete)", results, batch_undo, batch=new.batch, actor=None)

    print(f"Load average after: {os.getloadavg()[0]:.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory of the process: {peak:.0f} MB")
    print(
        "\n| Step | Wall time (s) | CPU Python (s) | CPU PostgreSQL (s) | Load average |"
        "\n|---|---|---|---|---|"
    )
    for label, seconds, python, database, load in results:
        print(f"| {label} | {seconds:.1f} | {python:.1f} | {database:.1f} | {load:.1f} |")
    if not args.keep:
        cleanup()


if __name__ == "__main__":
    main()
