"""PDF benchmark: time to build each single document (district report, agreement, cooperation
accord, agency report), in-process.

    python bench/pdf_documents.py [--runs 10] [--write docs/benchmarks.md] [--out DIR]

`--out DIR` also writes one PDF of each kind there, to look at (`pdftoppm -png -r 60 …`).

Runs against the configured database (DATABASE_URL), which must hold the demo data
(`manage.py load_demo_data`): for each kind it picks the document with the most content (the
accepted district report with the most plan indicators, the agreement with the most districts, the
accord with the most commitments, the accepted agency report with the most entries). Each
measurement is a straightforward single build: the builder's selector plus one
`udavtal.lib.pdf.render_pdf` call, nothing cached between runs except what a web process keeps
anyway (imported modules and WeasyPrint's font configuration, see `udavtal/lib/pdf.py`). The first
build in the process is reported on its own ("cold": imports WeasyPrint and loads the fonts);
then the median and the slowest of N builds, wall time and CPU time of the process.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "udavtal.settings")
os.environ.setdefault("TESTING", "true")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

BUDGET_S = {"district": 1.0}
MARKER_START = "<!-- bench:pdf:start -->"
MARKER_END = "<!-- bench:pdf:end -->"


def documents() -> list[tuple[str, str, object]]:
    """(key, label, build function without arguments) for each kind of document."""
    from accounts.models import User
    from agreements import selectors as agreement_selectors
    from agreements.models import Agreement
    from agreements.pdf import build_agreement_pdf
    from partnerships import selectors as partnership_selectors
    from partnerships.models import CooperationAccord
    from partnerships.pdf import build_accord_pdf
    from reports.agency.pdf import build_agency_report_pdf
    from reports.district.pdf import build_district_report_pdf
    from reports.models import AgencyReport, AnnualDistrictReport, GoalIndicator

    officer = User.objects.get(username="handlaggare")  # the demo's ministry officer
    best, most = None, -1
    for candidate in AnnualDistrictReport.objects.filter(status="accepted").order_by("-year")[:40]:
        count = GoalIndicator.objects.filter(
            goal__plan__agreement_id=candidate.agreement_id,
            goal__plan__district_id=candidate.district_id,
        ).count()
        if count > most:
            best, most = candidate, count
    agreement = (
        Agreement.objects.annotate(n=Count("districts")).order_by("-n", "-starts_on").first()
    )
    accord = CooperationAccord.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    agency_report = (
        AgencyReport.objects.filter(status="accepted")
        .annotate(n=Count("entries"))
        .order_by("-n", "pk")
        .first()
    )
    return [
        (
            "district",
            f"District report ({best.district.name} {best.year}, {most} indicators)",
            lambda: build_district_report_pdf(best),
        ),
        (
            "agreement",
            f"Agreement ({agreement.title}, {agreement.n} districts)",
            lambda: build_agreement_pdf(
                agreement_selectors.agreement_get_for_pdf(user=officer, pk=agreement.pk)
            ),
        ),
        (
            "accord",
            f"Cooperation accord ({accord.n} commitments)",
            lambda: build_accord_pdf(
                partnership_selectors.accord_get_for_user(user=officer, pk=accord.pk)
            ),
        ),
        (
            "agency",
            f"Agency report ({agency_report.unit.name} {agency_report.year}, "
            f"{agency_report.n} partnerships)",
            lambda: build_agency_report_pdf(agency_report),
        ),
    ]


def _pages(data: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def measure(build, runs: int) -> dict:
    wall, cpu = [], []
    data = b""
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        data = build()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return {
        "pages": _pages(data),
        "kb": len(data) / 1024,
        "wall_median": statistics.median(wall),
        "wall_max": max(wall),
        "cpu_median": statistics.median(cpu),
    }


def block(rows: list[dict], runs: int, cold: float, load: str) -> str:
    lines = [
        MARKER_START,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}), demo data, "
        f"{runs} builds per document after the first; load average at the start: {load}. "
        f"First build in a fresh process (imports WeasyPrint, loads the fonts): {cold:.2f} s.",
        "",
        "| Document | Pages | Size | Median wall s | Slowest wall s | Median CPU s | Target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        budget = BUDGET_S.get(r["key"])
        if budget is None:
            verdict = "–"
        else:
            wall = "ok" if r["wall_median"] <= budget else "**miss**"
            cpu = "ok" if r["cpu_median"] <= budget else "**miss**"
            verdict = f"≤ {budget:.0f} s: wall {wall}, CPU {cpu}"
        lines.append(
            f"| {r['label']} | {r['pages']} | {r['kb']:.0f} KB | {r['wall_median']:.2f} | "
            f"{r['wall_max']:.2f} | {r['cpu_median']:.2f} | {verdict} |"
        )
    lines += ["", MARKER_END]
    return "\n".join(lines)


def write(path: Path, text_block: str) -> None:
    text = path.read_text() if path.exists() else ""
    if MARKER_START in text:
        before, rest = text.split(MARKER_START, 1)
        after = rest.split(MARKER_END, 1)[1]
        text = before + text_block + after
    else:
        text = text.rstrip() + "\n\n## PDF documents (bench/pdf_documents.py)\n\n" + text_block
        text += "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--write", type=Path, default=None, help="Markdown file to update")
    parser.add_argument("--out", type=Path, default=None, help="directory for sample PDFs")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    docs = documents()
    start = time.perf_counter()
    docs[0][2]()  # the first build: imports and fonts
    cold = time.perf_counter() - start
    rows = []
    for key, label, build in docs:
        data = build()  # warm-up of this document's templates
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{key}.pdf").write_bytes(data)
        row = {"key": key, "label": label, **measure(build, args.runs)}
        rows.append(row)
        print(
            f"{label}: {row['pages']} pages, median {row['wall_median']:.3f} s wall, "
            f"{row['cpu_median']:.3f} s CPU, slowest {row['wall_max']:.3f} s",
            flush=True,
        )
    text_block = block(rows, args.runs, cold, load)
    if args.write:
        write(args.write, text_block)
    else:
        print(text_block)


if __name__ == "__main__":
    main()
