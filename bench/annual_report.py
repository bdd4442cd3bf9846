"""Benchmark: the national annual report for 40 districts, straightforward against optimised.

    DATABASE_URL=postgres://…/udavtal_bench .venv/bin/python bench/annual_report.py [--districts 40]
        [--runs 1] [--write-docs]

The data (40 districts with accepted reports, every active indicator for six years, accords,
agency reports, funding: tests/factories/annual.py) is created inside a transaction that is
rolled back at the end, so the database is left as it was. It must hold the reference data
(be migrated); other data is fine as long as no agreement covers `--year` (default 2035).
Timed, each on the same data:

- straightforward: the first version: `udavtal.lib.pdf.render_pdf` of the whole template as
  the district reports do, automatic table layout, pages counted by reading the PDF back (pypdf);
- optimised: `reports.annual.pdf.build_annual_report_pdf` (what the background task runs): fixed
  table layout for the long tables, pages counted from WeasyPrint's document.

Both wall-clock and CPU time of this process are printed; CPU time is the steadier figure on a
shared machine.

`--write-docs` rewrites the section between the `bench:annual-report` markers in
docs/benchmarks.md with the figures, the machine and its load average.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "udavtal.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils.translation import override  # noqa: E402

from reports.annual import pdf as annual_pdf  # noqa: E402
from reports.annual import selectors  # noqa: E402
from tests.factories.annual import annual_world  # noqa: E402
from udavtal.lib.pdf import render_pdf  # noqa: E402

MARK_BEGIN = "<!-- bench:annual-report:begin -->"
MARK_END = "<!-- bench:annual-report:end -->"


def page_count_of(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


class Rollback(Exception):
    pass


def straightforward(report) -> tuple[bytes, float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    with override("sv"):
        content = selectors.annual_report_content(report)
        context = annual_pdf.document_context(report, content, draft=True)
        context["fixed_tables"] = False
        pdf = render_pdf(
            "reports/pdf/annual_report.html",
            context,
            title=annual_pdf.title_of(report),
            author="Regeringskansliet",
        )
        page_count_of(pdf)
    return pdf, time.perf_counter() - started, time.process_time() - cpu


def optimised(report) -> tuple[bytes, float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    rendered = annual_pdf.build_annual_report_pdf(report, draft=True)
    return rendered.pdf, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=40)
    # A year far from the demo data (agreements up to 2027), so that a database that also holds
    # the demo data still gives a report of exactly --districts districts.
    parser.add_argument("--year", type=int, default=2035)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--optimised-only", action="store_true")
    args = parser.parse_args()
    results: dict[str, list[float]] = {"straightforward": [], "optimised": []}
    cpu: dict[str, list[float]] = {"straightforward": [], "optimised": []}
    pages = 0
    load_before = os.getloadavg()
    try:
        with transaction.atomic():
            started = time.perf_counter()
            world = annual_world(districts=args.districts, year=args.year)
            in_report = len(selectors.annual_report_content(world.report).districts)
            assert in_report == args.districts, f"{in_report} districts in {args.year}"
            setup = time.perf_counter() - started
            print(f"data for {args.districts} districts: {setup:.1f} s")
            for _run in range(args.runs):
                if not args.optimised_only:
                    pdf, seconds, used = straightforward(world.report)
                    results["straightforward"].append(seconds)
                    cpu["straightforward"].append(used)
                    print(f"straightforward: {seconds:.1f} s ({used:.1f} s CPU)")
                pdf, seconds, used = optimised(world.report)
                results["optimised"].append(seconds)
                cpu["optimised"].append(used)
                pages = page_count_of(pdf)
                print(f"optimised: {seconds:.1f} s ({used:.1f} s CPU), {pages} pages")
            raise Rollback
    except Rollback:
        pass
    load_after = os.getloadavg()
    if args.write_docs:
        write_docs(args.districts, pages, results, cpu, load_before, load_after)


def write_docs(districts, pages, results, cpu, load_before, load_after) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text()
    best = {k: min(v) if v else float("nan") for k, v in results.items()}
    best_cpu = {k: min(v) if v else float("nan") for k, v in cpu.items()}
    runs = len(results["optimised"])
    section = "\n".join(
        [
            MARK_BEGIN,
            f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load_before[0]:.1f} before and {load_after[0]:.1f} after.",
            "",
            f"| {districts} districts, {pages} pages, best of {runs} run(s) | wall | CPU |",
            "|---|---:|---:|",
            f"| straightforward single render (`render_pdf`, automatic table layout) "
            f"| {best['straightforward']:.1f} s | {best_cpu['straightforward']:.1f} s |",
            f"| optimised (`build_annual_report_pdf`, what the task runs) "
            f"| {best['optimised']:.1f} s | {best_cpu['optimised']:.1f} s |",
            MARK_END,
        ]
    )
    if MARK_BEGIN in text:
        text = re.sub(
            re.escape(MARK_BEGIN) + ".*?" + re.escape(MARK_END), section, text, flags=re.S
        )
    else:
        text = text.rstrip() + "\n\n## Annual report\n\n" + section + "\n"
    path.write_text(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
