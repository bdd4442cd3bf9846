"""Page benchmark: server time and query count of every main page, in-process.

    python bench/pages.py [--requests 20] [--write docs/benchmarks.md]

Runs against the configured database (DATABASE_URL), which must hold the benchmark data
(`manage.py generate_bench_data --scale national`). Each page is requested through Django's test
`Client`, logged in as the role that uses it: one warm-up request, one request inside
`CaptureQueriesContext` for the query count, then N timed requests (p50/p95 of wall time around
`client.get`, i.e. the whole middleware, view, template and ORM path, without network), and the
median CPU time of this process over the same requests (Python only, without the database
server's work: on a shared machine the figure that load changes least).
Without DEBUG (TESTING=true keeps the plain static storage and no TLS redirect).
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
os.environ.setdefault("OTP_REQUIRED_FOR_MINISTRY", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

BUDGET_MS = 150
MARKER_START = "<!-- bench:pages:start -->"
MARKER_END = "<!-- bench:pages:end -->"


def _first_pk(model, **filters):
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


def pages() -> list[tuple[str, str, str]]:
    """(label, role username, url) for every page measured; pages not on this branch are left
    out (reverse fails)."""
    from agreements.models import Agreement, District, Municipality, StrategicDistrictPlan
    from partnerships.models import Agency, CooperationAccord, Partnership
    from reports.models import AnnualDistrictReport, Indicator

    User = get_user_model()
    coordinator = User.objects.filter(username="bench.coordinator.01").first()
    municipality_id = coordinator.municipality_memberships.get().municipality_id
    # An open report (the load test submits the first ones), so that its edit page opens.
    own_report = _first_pk(
        AnnualDistrictReport,
        district__municipality_id=municipality_id,
        year=2026,
        status__in=["not_started", "draft", "returned"],
    )
    agreement = _first_pk(Agreement, status="in_force")
    municipality = _first_pk(Municipality, code="0180") or _first_pk(Municipality)
    indicator = Indicator.objects.order_by("code").values_list("code", flat=True).first()

    def url(name, *args, query=""):
        try:
            return reverse(name, args=args) + query
        except NoReverseMatch:
            return None

    specs = [
        ("Startsida (handläggare)", "bench.officer", url("home")),
        ("Startsida (samordnare)", "bench.coordinator.01", url("home")),
        ("Startsida (myndighet)", "bench.agency", url("home")),
        ("Startsida (läsare)", "bench.reader", url("home")),
        ("Startsida (admin)", "bench.admin", url("home")),
        ("Avtal, lista", "bench.officer", url("agreements:agreement-list")),
        ("Avtal, filtrerad", "bench.officer", url("agreements:agreement-list", query="?q=Malm")),
        (
            "Avtal, CSV (filtrerad)",
            "bench.officer",
            url("agreements:agreement-list", query="?q=Malm&export=csv"),
        ),
        (
            "Avtal, XLSX (filtrerad)",
            "bench.officer",
            url("agreements:agreement-list", query="?q=Malm&export=xlsx"),
        ),
        (
            "Avtal, CSV (alla)",
            "bench.officer",
            url("agreements:agreement-list", query="?export=csv"),
        ),
        ("Avtal, sida 20", "bench.officer", url("agreements:agreement-list", query="?page=20")),
        ("Avtal, detalj", "bench.officer", url("agreements:agreement-detail", agreement)),
        ("Kommuner, lista", "bench.officer", url("agreements:municipality-list")),
        ("Kommun, detalj", "bench.officer", url("agreements:municipality-detail", municipality)),
        ("Stadsdelar, lista", "bench.officer", url("agreements:district-list")),
        ("Stadsdelar, filtrerad", "bench.officer", url("agreements:district-list", query="?q=01")),
        (
            "Stadsdelar, CSV",
            "bench.officer",
            url("agreements:district-list", query="?q=01&export=csv"),
        ),
        (
            "Stadsdel, detalj",
            "bench.officer",
            url("agreements:district-detail", _first_pk(District)),
        ),
        (
            "Stadsdelsplan, detalj",
            "bench.officer",
            url("agreements:plan-detail", _first_pk(StrategicDistrictPlan)),
        ),
        ("Stadsdelsplaner, lista", "bench.officer", url("agreements:plan-list")),
        (
            "Stadsdelsplaner, filtrerad",
            "bench.officer",
            url("agreements:plan-list", query=f"?municipality={municipality}"),
        ),
        ("Överenskommelser, lista", "bench.officer", url("partnerships:accord-list")),
        (
            "Överenskommelser, CSV (alla)",
            "bench.officer",
            url("partnerships:accord-list", query="?export=csv"),
        ),
        (
            "Överenskommelser, filtrerad",
            "bench.officer",
            url("partnerships:accord-list", query="?status=signed"),
        ),
        (
            "Överenskommelser, XLSX (undertecknade, 1 450)",
            "bench.officer",
            url("partnerships:accord-list", query="?status=signed&export=xlsx"),
        ),
        (
            "Överenskommelse, detalj",
            "bench.officer",
            url("partnerships:accord-detail", _first_pk(CooperationAccord)),
        ),
        ("Myndigheter, lista", "bench.officer", url("partnerships:agency-list")),
        (
            "Myndighet, detalj",
            "bench.officer",
            url("partnerships:agency-detail", _first_pk(Agency)),
        ),
        ("Partnerskap, lista", "bench.officer", url("partnerships:partnership-list")),
        (
            "Partnerskap, filtrerad",
            "bench.officer",
            url("partnerships:partnership-list", query=f"?municipality={municipality}"),
        ),
        (
            "Partnerskap, detalj",
            "bench.officer",
            url("partnerships:partnership-detail", _first_pk(Partnership)),
        ),
        ("Redovisningar, lista", "bench.officer", url("reports:district-report-list")),
        (
            "Redovisningar, filtrerad",
            "bench.officer",
            url("reports:district-report-list", query="?year=2026"),
        ),
        (
            "Redovisningar, CSV",
            "bench.officer",
            url("reports:district-report-list", query="?year=2026&export=csv"),
        ),
        (
            "Redovisningar, CSV (alla)",
            "bench.officer",
            url("reports:district-report-list", query="?export=csv"),
        ),
        (
            "Redovisningar, XLSX (en kommun)",
            "bench.officer",
            url("reports:district-report-list", query=f"?municipality={municipality}&export=xlsx"),
        ),
        (
            "Redovisningar, XLSX (år 2026) → bakgrund",
            "bench.officer",
            url("reports:district-report-list", query="?year=2026&export=xlsx"),
        ),
        (
            "Redovisningar, XLSX (alla) → bakgrund",
            "bench.officer",
            url("reports:district-report-list", query="?export=xlsx"),
        ),
        ("Redovisningar (samordnare)", "bench.coordinator.01", url("reports:district-report-list")),
        ("Försenade redovisningar", "bench.officer", url("reports:overdue-reports")),
        (
            "Redovisning, detalj",
            "bench.coordinator.01",
            url("reports:district-report-detail", own_report),
        ),
        (
            "Redovisning, redigera",
            "bench.coordinator.01",
            url("reports:district-report-edit", own_report),
        ),
        ("Myndighetsredovisningar", "bench.officer", url("reports:agency-report-list")),
        ("Indikatorer, lista", "bench.officer", url("reports:indicator-list")),
        ("Indikator, detalj", "bench.officer", url("reports:indicator-detail", indicator)),
        ("Statistik per stadsdel", "bench.officer", url("reports:indicator-overview")),
        (
            "Statistik, filtrerad",
            "bench.officer",
            url(
                "reports:indicator-overview",
                query=f"?indikator={indicator}&kon=K&kommun={municipality}",
            ),
        ),
        (
            "Statistik, CSV",
            "bench.officer",
            url("reports:indicator-overview", query="?export=csv"),
        ),
        ("Statistik (samordnare)", "bench.coordinator.01", url("reports:indicator-overview")),
        (
            "Stadsdel, statistik",
            "bench.officer",
            url("reports:district-statistics", _first_pk(District)),
        ),
        ("Importer, lista", "bench.admin", url("reports:import-batch-list")),
        ("Öppna data", "bench.reader", url("reports:open-data")),
        ("Öppna data, utfall.csv *", "bench.reader", url("reports:open-data-csv")),
        ("Öppna data, utfall.json *", "bench.reader", url("reports:open-data-json")),
        ("Öppna data, indikatorer.csv", "bench.reader", url("reports:open-data-indicators")),
        ("Statsbidrag, omgångar", "bench.officer", url("grants:round-list")),
        ("Statsbidrag, ansökningar", "bench.officer", url("grants:application-list")),
        ("Statsbidrag, översikt", "bench.officer", url("grants:funding-list")),
        ("Statsbidrag, stadsdelar", "bench.officer", url("grants:district-funding-list")),
        ("Granskningslogg", "bench.admin", url("audit:event-list")),
        ("Granskningslogg, CSV", "bench.admin", url("audit:event-list", query="?export=csv")),
        (
            "Granskningslogg, filtrerad",
            "bench.admin",
            url("audit:event-list", query="?action=%7E"),
        ),
        ("Admin: indikatorvärden", "bench.admin", url("admin:reports_indicatorvalue_changelist")),
        (
            "Admin: redovisningar",
            "bench.admin",
            url("admin:reports_annualdistrictreport_changelist"),
        ),
        ("Admin: avtal", "bench.admin", url("admin:agreements_agreement_changelist")),
        ("Admin: stadsdelar", "bench.admin", url("admin:agreements_district_changelist")),
    ]
    return [(label, user, u) for label, user, u in specs if u and "None" not in u]


class QueryCounter:
    def __init__(self):
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def fetch(client: Client, url: str, *, first_chunk_only: bool = False):
    """GET url and read the whole body, streamed or not (an export's rows are read from the
    database while it streams). Of the multi-million-row open data files (marked *) only the
    first chunk is read: their time is the time to the first byte."""
    response = client.get(url)
    if response.streaming:
        if first_chunk_only:
            next(iter(response.streaming_content), b"")
        else:
            for _chunk in response.streaming_content:
                pass
        response.close()
    return response


def reference_ms() -> float:
    """The best of five runs of a fixed pure-Python loop (sum of a million integers): how fast
    this machine's Python is at the time of the run. The cores of a shared virtual machine
    change speed from hour to hour (seen here: 13 ms at one time, 18 ms at another), which moves
    every figure of the table by as much; compare runs with this number in mind."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        sum(range(1_000_000))
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def loadavg() -> str:
    """The 1/5/15-minute load average (Linux), printed next to every run: the machine may be
    shared, and the figures only compare under similar load."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def measure(requests: int, only: str | None = None) -> list[dict]:
    User = get_user_model()
    clients: dict[str, Client] = {}
    rows = []
    for label, username, url in pages():
        if only and only.lower() not in label.lower():
            continue
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(User.objects.get(username=username))
        first_chunk_only = label.endswith("*")
        response = fetch(client, url, first_chunk_only=first_chunk_only)  # warm-up
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = fetch(client, url, first_chunk_only=first_chunk_only)
        queries = counter.sql
        times, cpu = [], []
        for _ in range(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            fetch(client, url, first_chunk_only=first_chunk_only)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        rows.append(
            {
                "label": label,
                "role": username.removeprefix("bench."),
                "url": url,
                "status": response.status_code,
                "queries": len(queries),
                "p50": statistics.median(times),
                "p95": p95,
                "cpu": statistics.median(cpu),
            }
        )
        print(
            f"{label:36} {response.status_code} {len(queries):3d} q "
            f"p50 {rows[-1]['p50']:7.1f} ms  p95 {p95:7.1f} ms  cpu p50 {rows[-1]['cpu']:7.1f} ms",
            flush=True,
        )
    return rows


def data_counts() -> str:
    from agreements.models import Agreement, District
    from partnerships.models import CooperationAccord
    from reports.models import AnnualDistrictReport, IndicatorValue

    counts = [
        ("stadsdelar", District.objects.count()),
        ("avtal", Agreement.objects.count()),
        ("överenskommelser", CooperationAccord.objects.count()),
        ("stadsdelsredovisningar", AnnualDistrictReport.objects.count()),
        ("indikatorvärden", IndicatorValue.objects.count()),
    ]
    return ", ".join(f"{n:,} {label}".replace(",", " ") for label, n in counts)


def budget_note(row: dict) -> str:
    """ "ok" under the budget at p95; "p95 only" when the median is under it (on a shared machine
    often load: compare with the load average); "**miss**" otherwise."""
    if row["status"] not in (200, 302):  # 302: a large XLSX queued, sent to its page
        return "**miss**"
    if row["p95"] < BUDGET_MS:
        return "ok"
    return "p95 only" if row["p50"] < BUDGET_MS else "**miss**"


def markdown(rows: list[dict], requests: int, load: tuple[str, str], reference: float) -> str:
    lines = [
        MARKER_START,
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}), {requests} timed "
        f"requests per page after one warm-up; load average (1/5/15 min) {load[0]} before and "
        f"{load[1]} after the run; reference loop {reference:.1f} ms (`reference_ms`: lower is "
        f"faster); data: {data_counts()}. Pages marked * stream their file: "
        "the time is to the first chunk; every other download is timed to its last byte.",
        "",
        "| Page | Role | Status | Queries | p50 ms | p95 ms | CPU p50 ms | Budget |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        ok = budget_note(r)
        lines.append(
            f"| {r['label']} | {r['role']} | {r['status']} | {r['queries']} | "
            f"{r['p50']:.0f} | {r['p95']:.0f} | {r['cpu']:.0f} | {ok} |"
        )
    lines.append(MARKER_END)
    return "\n".join(lines)


def write(path: Path, block: str) -> None:
    text = path.read_text() if path.exists() else ""
    if MARKER_START in text:
        before, rest = text.split(MARKER_START, 1)
        after = rest.split(MARKER_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n## Page speed (generated by bench/pages.py)\n\n" + block + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--write", type=Path, default=None, help="Markdown file to update")
    parser.add_argument("--only", default=None, help="measure only pages whose label contains this")
    args = parser.parse_args()
    # Not setup_test_environment(): its instrumented template rendering costs more than the
    # rendering itself. Only the test client's host is allowed.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.AXES_ENABLED = False
    # The application as a gunicorn worker loads it (udavtal/wsgi.py, with its gc.freeze()).
    import udavtal.wsgi  # noqa: F401

    before = loadavg()
    reference = reference_ms()
    print(f"load average {before}, reference loop {reference:.1f} ms", flush=True)
    rows = measure(args.requests, args.only)
    after = loadavg()
    print(f"load average {after}, reference loop {reference_ms():.1f} ms", flush=True)
    if args.write:
        write(args.write, markdown(rows, args.requests, (before, after), reference))
    misses = [r for r in rows if budget_note(r) != "ok"]
    print(f"{len(rows)} pages, {len(misses)} over budget or with an unexpected status.")


if __name__ == "__main__":
    main()
