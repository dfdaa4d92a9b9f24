"""Web benchmark: the app under gunicorn on loopback, each page driven by wrk for a bounded
time, against a bare Flask "hello" app under the same server as the ceiling.

    make bench            # or: .venv/bin/python scripts/bench_web.py [--seconds 10] [--rounds 3]

For each of the start page, a question page, the results of a rich case, a chat message, and a
letter as Word and as PDF, it prints requests per second, p50/p95/p99 latency and the ratio of
its throughput to the ceiling's: medians over several rounds, each round driving the ceiling and
then every page, so that a shared machine's drift does not skew a ratio. It also times the app's
start. Needs Debian's `wrk`. Results
and the machine they ran on are written down in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

CEILING = "ceiling: bare Flask hello"
MANY = "results (300 different rich cases)"
UNLIMITED = "100000000 per minute"  # wrk sends everything from 127.0.0.1
RICH = {"country": "england", "local_authority": "hackney", "school_type": "academy", "exclusion_type": "permanent",
        "start_date": "2026-11-02", "decided_by_headteacher": True, "written_notice": True,
        "notice_date": "2026-11-02", "reason": "persistent_disruption", "sen": "ehc_plan", "disability": "yes",
        "autism": "yes", "behaviour_linked_to_needs": "yes", "child_views_heard": False,
        "work_set": False, "governors_decision": "upheld", "governors_meeting_date": "2026-11-19", "governors_decision_date": "2026-11-20"}
DETAILS = {"parent_name": "Alex Example", "child_name": "Sam Example", "school_name": "Example Academy",
           "requests": ["reinstatement", "sen_expert"], "documents": ["evidence"], "account": "Sam was upset that day. " * 20}
WRK_SCRIPT = """
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.body = os.getenv("BENCH_BODY")
if wrk.body then wrk.headers["Content-Type"] = "application/json" end
local cookie = os.getenv("BENCH_COOKIE")
if cookie then wrk.headers["Cookie"] = cookie end
wrk.headers["Accept-Encoding"] = "identity"
-- Many families: each request takes the next session cookie from the file (one per line).
local cookies_file = os.getenv("BENCH_COOKIES_FILE")
if cookies_file then
  local cookies = {}
  for line in io.lines(cookies_file) do cookies[#cookies + 1] = line end
  local next_one = 0
  request = function()
    next_one = next_one % #cookies + 1
    wrk.headers["Cookie"] = cookies[next_one]
    return wrk.format()
  end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""
HELLO_APP = '''
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello"
'''


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {url} did not answer within {seconds:g} seconds")


def gunicorn(target: str, env: dict[str, str], workers: int, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                               "--log-level", "warning", target], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return server, f"http://127.0.0.1:{port}"


def wrk(url: str, script: Path, seconds: int, connections: int, method: str = "GET", body: str | None = None,
        cookie: str | Path | None = None) -> dict[str, float]:
    """One wrk run. `cookie` is one session cookie, or a file of them (one per line) that the
    requests take in turn."""
    env = {**os.environ, "BENCH_METHOD": method}
    if body is not None:
        env["BENCH_BODY"] = body
    if isinstance(cookie, Path):
        env["BENCH_COOKIES_FILE"] = str(cookie)
    elif cookie is not None:
        env["BENCH_COOKIE"] = cookie
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", str(script), url], capture_output=True, text=True, env=env, check=True).stdout
    numbers = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    if not numbers:
        raise SystemExit(f"wrk printed no result:\n{out}")
    requests, duration_us, p50, p95, p99, socket_errors, bad_status = (int(n) for n in numbers.groups())
    return {"rps": requests / (duration_us / 1e6), "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000,
            "errors": socket_errors + bad_status, "requests": requests}


# The goals of issue 10 (docs/performance.md): the least share of the ceiling's throughput, and the
# highest p95 in milliseconds, by page.
GOALS = {
    "start page": (None, 50),
    "question page": (0.40, 50),
    "results (rich case)": (0.25, 50),
    MANY: (0.25, 50),
    "letter as PDF (API)": (None, 300),
}


def goal_for(name: str, row: dict[str, float]) -> tuple[str, str]:
    """The page's goal in words and whether this run met it (by the medians)."""
    if name not in GOALS:
        return "", ""
    ratio, p95 = GOALS[name]
    parts, met = [], []
    if ratio is not None:
        parts.append(f"≥ {ratio:.0%}")
        met.append(("ratio yes" if row["ratio"] >= ratio else "ratio NO"))
    parts.append(f"p95 < {p95} ms")
    met.append("p95 yes" if row["p95"] < p95 else "p95 NO")
    return ", ".join(parts), ", ".join(met)


def check_rich_results(url: str, cookie: str) -> None:
    """Stop unless the cookie's results page is the full one: with a lost case the page has no
    findings (or a redirect), and the benchmark would time that instead of the results."""
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie})) as response:
        findings = response.read().decode().count("data-finding-id=")
        if response.url != url or findings < 10:
            raise SystemExit(f"{url} did not give a rich case's results (went to {response.url}, "
                             f"{findings} findings); the benchmark would measure the wrong page")


def start_time(env: dict[str, str], runs: int = 5) -> float:
    """Median seconds for a fresh Python process to build the app (import + create_app)."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def prepare_case(env: dict[str, str]) -> tuple[str, str]:
    """A saved rich case and a chat conversation; returns the session cookie and conversation id."""
    from guidance_app.cases import store

    app = bench_app(env)
    with app.app_context():
        case_id = store.save(None, dict(RICH), set(RICH), retention_days=1)
        conversation = store.save(None, dict(RICH), set(RICH), retention_days=1)
    cookie = session_cookie(app, case_id)
    app.extensions["db_engine"].dispose()
    return cookie, conversation


def bench_app(env: dict[str, str]):
    """The app as the benchmark's gunicorn builds it (same database, keys and secret), to save
    cases into and sign their sessions with."""
    os.environ.update({key: env[key] for key in ("APP_ENV", "SECRET_KEY", "CASE_ENCRYPTION_KEYS", "DATABASE_URL")})
    from guidance_app import create_app

    return create_app()


def session_cookie(app, case_id: str) -> str:
    """The cookie as a browser holds it after the first page: the case and the CSRF secret
    (Flask-WTF's form of it), so each page reads the session without having to write a new one."""
    state = {"case_id": case_id, "csrf_token": hashlib.sha1(os.urandom(64)).hexdigest()}
    return "session=" + app.session_interface.get_signing_serializer(app).dumps(state)


def prepare_many_cases(env: dict[str, str], path: Path, count: int = 300) -> list[str]:
    """`count` rich cases that differ as families' do; returns their session cookies and writes
    them to `path`, one per line, for wrk. They differ in the dates (so every deadline) and the
    council, among those with local services of their own (so each page is as full as the one
    rich case's).

    Why: with one case, whatever a worker keeps between requests (dates in words, findings'
    HTML, service cards) is found every time. Many cases show the page as real traffic gets it."""
    from guidance_app.cases import store

    app = bench_app(env)
    councils = sorted({council for service in app.extensions["knowledge_base"].services.values()
                       for council in service.local_authorities})
    first_day = dt.date(2026, 9, 7)
    lines = []
    with app.app_context():
        for number in range(count):
            start = first_day + dt.timedelta(weeks=number // 5, days=number % 5)  # a different weekday each
            case = {**RICH, "start_date": start.isoformat(), "notice_date": start.isoformat(),
                    "governors_meeting_date": (start + dt.timedelta(days=14)).isoformat(),
                    "governors_decision_date": (start + dt.timedelta(days=15)).isoformat(),
                    "local_authority": councils[number % len(councils)]}
            case_id = store.save(None, case, set(case), retention_days=1)
            lines.append(session_cookie(app, case_id))
    app.extensions["db_engine"].dispose()
    path.write_text("\n".join(lines) + "\n")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="how long wrk drives each page")
    parser.add_argument("--connections", type=int, default=16, help="concurrent users (wrk connections)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="gunicorn sync workers (default: one per core)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of ceiling and pages (medians are reported)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", action="append", default=[], metavar="WORD",
                        help="drive only the pages whose name has this word (e.g. --only results); repeatable")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed. On Debian: sudo apt-get install wrk")

    from guidance_app.cases.sealing import new_key

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    (work / "bench_hello.py").write_text(HELLO_APP)
    script = work / "bench.lua"
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_hex(32), "CASE_ENCRYPTION_KEYS": new_key(),
           "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "SESSION_COOKIE_SECURE": "false",
           "API_LIMIT": UNLIMITED, "CHAT_LIMIT": UNLIMITED, "LETTER_LIMIT": UNLIMITED}
    subprocess.run([str(BIN / "flask"), "--app", "guidance_app", "cases", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    cookie, conversation = prepare_case(env)
    many_cookies_file = work / "cookies.txt"
    many_cookies = prepare_many_cases(env, many_cookies_file)
    startup = start_time(env)

    letter = {"facts": RICH, "details": DETAILS}  # after the governors upheld it: the review panel letter
    pages = [
        ("start page", "/en/", "GET", None, None),
        ("question page", "/en/questions/reason?change=1", "GET", None, cookie),
        ("results (rich case)", "/en/results", "GET", None, cookie),
        (MANY, "/en/results", "GET", None, many_cookies_file),
        ("chat message (API)", "/api/v1/chat", "POST",
         json.dumps({"conversation_id": conversation, "message": "What happens at the governors meeting?"}), None),
        ("letter as Word (API)", "/api/v1/letters/irp_application", "POST", json.dumps({**letter, "format": "docx"}), None),
        ("letter as PDF (API)", "/api/v1/letters/irp_application", "POST", json.dumps({**letter, "format": "pdf"}), None),
    ]
    if args.only:
        pages = [page for page in pages if any(word in page[0] for word in args.only)]
    # Both servers stay up (an idle gunicorn costs nothing); each round drives the ceiling, then
    # every page. A shared machine's speed drifts over minutes, so each page is compared with the
    # ceiling of its own round, and the table gives medians over the rounds.
    runs: dict[str, list[dict[str, float]]] = {}
    hello, hello_url = gunicorn("bench_hello:app", env, args.workers, work)
    app, app_url = gunicorn("wsgi:app", env, args.workers, ROOT)
    try:
        wait_until_up(hello_url)
        wait_until_up(app_url + "/healthz")
        for each in (cookie, many_cookies[0], many_cookies[-1]):
            check_rich_results(app_url + "/en/results", each)
        targets = [(CEILING, hello_url, "GET", None, None)]
        targets += [(name, app_url + path, method, body, page_cookie) for name, path, method, body, page_cookie in pages]
        for _ in range(args.rounds):
            ceiling_rps = None
            for name, url, method, body, page_cookie in targets:
                wrk(url, script, 2, args.connections, method, body, page_cookie)  # warm up
                run = wrk(url, script, args.seconds, args.connections, method, body, page_cookie)
                ceiling_rps = run["rps"] if name == CEILING else ceiling_rps
                run["ratio"] = run["rps"] / ceiling_rps
                runs.setdefault(name, []).append(run)
    finally:
        for server in (hello, app):
            server.terminate()
            server.wait()
    rows = {name: {figure: statistics.median(run[figure] for run in found) for figure in found[0]}
            for name, found in runs.items()}
    for name, found in runs.items():
        rows[name]["errors"] = sum(run["errors"] for run in found)
        rows[name]["ratios"] = [run["ratio"] for run in found]

    print(f"\nMachine: {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; gunicorn {args.workers} sync workers; wrk 2 threads, "
          f"{args.connections} connections, {args.seconds} s per page, on the same machine; medians of "
          f"{args.rounds} rounds, each page's ratio taken against the ceiling of its own round.\n")
    print("| page | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to ceiling | ratio in each round | goal | met |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, row in rows.items():
        each = ", ".join(f"{ratio:.0%}" for ratio in row["ratios"])
        goal, met = goal_for(name, row)
        print(f"| {name} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | "
              f"{row['errors']:.0f} | {row['ratio']:.0%} | {each} | {goal} | {met} |")
    print(f"\nApp start (import and create_app in a new process, median of 5): {startup:.2f} s "
          f"(goal: under 1.5 s: {'yes' if startup < 1.5 else 'NO'})")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "startup_seconds": startup, "workers": args.workers,
                                         "connections": args.connections, "rounds": args.rounds}, indent=2))
    return 1 if any(row["errors"] for row in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
