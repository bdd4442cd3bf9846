"""Deadline load test: 50 coordinators open, save and submit their district reports at once.

    python bench/load_test.py [--users 50] [--port 8108] [--write docs/benchmarks.md]

Starts gunicorn on 127.0.0.1 against the configured database (which must hold the benchmark
data, `manage.py generate_bench_data`), then one thread per coordinator `bench.coordinator.NN`
(standard library HTTP client with a cookie jar, real forms with their CSRF token): log in, open
the start page and the report, open the edit form, save twice with a text only this coordinator
writes, open the submit page and submit. Bounded: every request has a timeout, each coordinator
makes a fixed number of requests. Afterwards the database is checked: no HTTP error, each report
holds its own coordinator's text and is submitted by that coordinator, and the history has exactly
one submission per report.

Ratio anchor: for the same number of seconds and threads, requests per second of the heaviest list
page (the agreement list as an officer) against the login page (a trivial Django view: one form,
no query), on the same server.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "udavtal.settings")
os.environ.setdefault("TESTING", "true")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("OTP_REQUIRED_FOR_MINISTRY", "false")
os.environ.setdefault("AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.urls import reverse  # noqa: E402

from reports.bench_data import CURRENT_YEAR, PASSWORD  # noqa: E402
from reports.models import AnnualDistrictReport  # noqa: E402

MARKER_START = "<!-- bench:load:start -->"
MARKER_END = "<!-- bench:load:end -->"
TIMEOUT = 60


class Forms(HTMLParser):
    """Every POST form of a page: its action and its fields (inputs, textareas, selects)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action") or "",
                    "fields": {},
                    "method": a.get("method", "get").lower(),
                }
            )
        elif not self.forms:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.forms[-1]["fields"][a["name"]] = ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.forms[-1]["fields"].setdefault(a["name"], "")
        elif tag == "option" and self._select:
            fields = self.forms[-1]["fields"]
            if "selected" in a or not fields[self._select]:
                fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data


def post_form(html: str) -> dict:
    """The page's form that carries a `version` field (the edit or submit form)."""
    parser = Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["method"] == "post" and "version" in form["fields"]:
            return form
    raise RuntimeError("no form with a version field on the page")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base: str, log: list, lock: threading.Lock):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.log = log
        self.lock = lock

    def request(self, label: str, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            req.add_header("Referer", self.base + path)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=TIMEOUT) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.log.append((label, status, elapsed))
        return status, text

    def login(self, username: str) -> None:
        path = reverse("accounts:login")
        _status, html = self.request("login GET", path)
        parser = Forms()
        parser.feed(html)
        token = next(f for f in parser.forms if "csrfmiddlewaretoken" in f["fields"])
        status, _ = self.request(
            "login POST",
            path,
            {
                "csrfmiddlewaretoken": token["fields"]["csrfmiddlewaretoken"],
                "username": username,
                "password": PASSWORD,
            },
        )
        if status != 302:
            raise RuntimeError(f"{username}: login answered {status}")


def coordinator_run(base, username, report_pk, log, lock, errors):
    session = Session(base, log, lock)
    try:
        session.login(username)
        session.request("start page", reverse("home"))
        session.request("report", reverse("reports:district-report-detail", args=[report_pk]))
        edit = reverse("reports:district-report-edit", args=[report_pk])
        for round_ in (1, 2):
            status, html = session.request("edit GET", edit)
            if status != 200:
                raise RuntimeError(f"edit GET {status}")
            fields = post_form(html)["fields"]
            fields["summary"] = f"Lasttest {username} rapport {report_pk} omgång {round_}."
            for name, value in fields.items():
                if name not in {"version", "csrfmiddlewaretoken"} and not value.strip():
                    fields[name] = f"Lasttest {username}."
            status, _ = session.request("edit POST", edit, fields)
            if status != 302:
                raise RuntimeError(f"edit POST {status}")
        submit = reverse("reports:district-report-submit", args=[report_pk])
        status, html = session.request("submit GET", submit)
        status, _ = session.request("submit POST", submit, post_form(html)["fields"])
        if status != 302:
            raise RuntimeError(f"submit POST {status}")
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the others
        with lock:
            errors.append(f"{username}: {error}")


def hammer(base, session, path, seconds, threads):
    """Requests per second of `path` with `threads` threads for `seconds`."""
    log, lock, stop = [], threading.Lock(), time.monotonic() + seconds

    def loop():
        s = Session(base, log, lock)
        if session is not None:
            s.opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(session.jar), NoRedirect()
            )
        while time.monotonic() < stop:
            s.request(path, path)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    ok = sum(1 for _label, status, _ms in log if status == 200)
    return ok / seconds, len(log) - ok


def percentile(values, share):
    values = sorted(values)
    return values[max(0, round(share * len(values)) - 1)] if values else 0.0


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "udavtal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost"},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + reverse("accounts:login"), timeout=2)
            return server
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def check_database(assignments: dict[str, int]) -> list[str]:
    problems = []
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=assignments)}
    reports = AnnualDistrictReport.objects.in_bulk(list(assignments.values()))
    for username, pk in assignments.items():
        report = reports[pk]
        expected = f"Lasttest {username} rapport {pk} omgång 2."
        if report.summary != expected:
            problems.append(f"report {pk}: summary {report.summary!r}, expected {expected!r}")
        if report.status != AnnualDistrictReport.Status.SUBMITTED:
            problems.append(f"report {pk}: status {report.status}")
        if report.submitted_by_id != users[username].pk:
            problems.append(f"report {pk}: submitted by {report.submitted_by_id}")
        submissions = AnnualDistrictReport.history.filter(id=pk, status="submitted").count()
        if submissions != 1:
            problems.append(f"report {pk}: {submissions} submissions in the history")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--ratio-seconds", type=int, default=10)
    parser.add_argument("--write", type=Path, default=None)
    args = parser.parse_args()

    # The server runs with TESTING=true (plain static files, no TLS redirect), whose only password
    # hasher is MD5: hash the bench users' password again with it.
    get_user_model().objects.filter(username__startswith="bench.").update(
        password=make_password(PASSWORD)
    )
    assignments = {}
    for n in range(1, args.users + 1):
        username = f"bench.coordinator.{n:02d}"
        user = get_user_model().objects.get(username=username)
        municipality_id = user.municipality_memberships.get().municipality_id
        assignments[username] = (
            AnnualDistrictReport.objects.filter(
                district__municipality_id=municipality_id,
                year=CURRENT_YEAR,
                status=AnnualDistrictReport.Status.NOT_STARTED,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
    missing = [u for u, pk in assignments.items() if pk is None]
    if missing:
        sys.exit(f"No open report for {missing[:3]}…: regenerate the benchmark data.")

    server = start_server(args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        log, lock, errors = [], threading.Lock(), []
        threads = [
            threading.Thread(target=coordinator_run, args=(base, u, pk, log, lock, errors))
            for u, pk in assignments.items()
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started

        officer = Session(base, [], threading.Lock())
        officer.login("bench.officer")
        heavy_path = reverse("agreements:agreement-list")
        trivial_path = reverse("accounts:login")  # anonymous: a logged-in user is redirected
        trivial_rps, trivial_errors = hammer(base, None, trivial_path, args.ratio_seconds, 4)
        heavy_rps, heavy_errors = hammer(base, officer, heavy_path, args.ratio_seconds, 4)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    http_errors = [entry for entry in log if entry[1] >= 400]
    problems = check_database(assignments)
    times = [ms for _label, _status, ms in log]
    by_label: dict[str, list[float]] = {}
    for label, _status, ms in log:
        by_label.setdefault(label, []).append(ms)

    lines = [
        MARKER_START,
        f"Measured {time.strftime('%Y-%m-%d')}: gunicorn with {args.workers} sync workers on "
        f"127.0.0.1, {args.users} coordinators at once, each: log in, start page, report, "
        "2 × (edit form + save), submit page + submit.",
        "",
        f"- Requests: {len(log)} in {wall:.1f} s = **{len(log) / wall:.1f} requests/s**; "
        f"HTTP errors (≥ 400): **{len(http_errors)}**; client errors: **{len(errors)}**.",
        f"- Latency over all requests: p50 {statistics.median(times):.0f} ms, "
        f"p95 {percentile(times, 0.95):.0f} ms, max {max(times):.0f} ms.",
        f"- Database check afterwards: **{len(problems)} problems** (each report holds its own "
        "coordinator's text, is submitted by that coordinator, and has exactly one submission "
        "in its history).",
        f"- Ratio anchor ({args.ratio_seconds} s, 4 threads each): login page (trivial view) "
        f"{trivial_rps:.1f} requests/s, agreement list as officer {heavy_rps:.1f} requests/s: "
        f"the heaviest list page runs at **{heavy_rps / trivial_rps:.2f}** of the trivial view "
        f"({trivial_errors + heavy_errors} non-200 answers).",
        "",
        "| Step | Requests | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for label, values in by_label.items():
        lines.append(
            f"| {label} | {len(values)} | {statistics.median(values):.0f} | "
            f"{percentile(values, 0.95):.0f} |"
        )
    lines.append(MARKER_END)
    block = "\n".join(lines)
    print(block)
    for problem in (errors + problems)[:20]:
        print("PROBLEM:", problem)
    if args.write:
        text = args.write.read_text()
        if MARKER_START in text:
            before, rest = text.split(MARKER_START, 1)
            text = before + block + rest.split(MARKER_END, 1)[1]
        else:
            text = (
                text.rstrip() + "\n\n## Deadline load test (bench/load_test.py)\n\n" + block + "\n"
            )
        args.write.write_text(text)
    if http_errors or errors or problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
