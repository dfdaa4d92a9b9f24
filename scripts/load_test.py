"""Load and fault test: the app under gunicorn on loopback, driven by locust with the mixed
parent journey of scripts/load_journey.py, for a bounded time.

    .venv/bin/python scripts/load_test.py                       # 50 users, 60 s, SQLite
    .venv/bin/python scripts/load_test.py --kill-worker-at 30   # the fault test
    .venv/bin/python scripts/load_test.py --database-url postgresql://user:pw@127.0.0.1/db

It prints a Markdown table per request kind (count, failures, median, p95, p99, requests per
second), the retries, and the checks made after the run: every saved case opens and passes the
facts schema, the worker killed was replaced, and the server's logs hold none of the names the
simulated parents typed. It exits 1 when any request failed after its retry or any check fails.
Results and the machine they ran on are written down in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

UNLIMITED = "1000000 per minute"  # every simulated parent comes from 127.0.0.1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str) -> dict[str, str]:
    from guidance_app.cases.sealing import new_key

    return {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
            "CASE_ENCRYPTION_KEYS": new_key(), "DATABASE_URL": database_url, "SESSION_COOKIE_SECURE": "false",
            "API_LIMIT": UNLIMITED, "CHAT_LIMIT": UNLIMITED, "LETTER_LIMIT": UNLIMITED,
            "RESUME_ATTEMPTS_LIMIT": UNLIMITED}


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 30 seconds; see the server log above")


def workers_of(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def database_is_empty(database_url: str) -> bool:
    from sqlalchemy import create_engine, inspect, text

    from guidance_app.config import normalise_database_url

    engine = create_engine(normalise_database_url(database_url))
    try:
        if "cases" not in inspect(engine).get_table_names():
            return True
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM cases")).scalar() == 0
    finally:
        engine.dispose()


def check_cases(env: dict[str, str]) -> tuple[int, int]:
    """(cases, corrupted): every saved case must open with the key and pass the facts schema."""
    from sqlalchemy import select

    from guidance_app import create_app
    from guidance_app.cases import store
    from guidance_app.cases.models import Case
    from guidance_app.core import assess
    from guidance_app.database import new_session

    os.environ.update({key: env[key] for key in ("APP_ENV", "SECRET_KEY", "CASE_ENCRYPTION_KEYS", "DATABASE_URL")})
    app = create_app()
    total = corrupted = 0
    with app.app_context():
        with new_session() as db:
            ids = db.scalars(select(Case.id)).all()
        for case_id in ids:
            total += 1
            try:
                answers, _answered = store.load(case_id)
                assess(answers)
                store.load_conversation(case_id)
            except Exception:  # noqa: BLE001 - any failure to open or check a case counts as corruption
                corrupted += 1
    app.extensions["db_engine"].dispose()
    return total, corrupted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--kill-worker-at", type=float, default=0,
                        help="seconds into the run at which one gunicorn worker is killed with SIGKILL")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="load-test-"))
    database_url = args.database_url or f"sqlite:///{work / 'load.sqlite3'}"
    env = server_environment(database_url)
    if args.database_url and not database_is_empty(database_url):
        raise SystemExit("The database at --database-url already holds cases. The load test needs an empty "
                         "database of its own (it writes test cases and checks every case after the run): "
                         "create one, e.g. `createdb load_test`, and pass its address.")
    upgrade = subprocess.run([str(BIN / "flask"), "--app", "guidance_app", "cases", "upgrade"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    if upgrade.returncode:
        raise SystemExit(f"cannot prepare the database: {upgrade.stderr or upgrade.stdout}")

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_log = work / "gunicorn.log"
    with open(server_log, "w") as log:
        server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
                                   "--access-logfile", "-", "--error-logfile", "-", "wsgi:app"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    killed = None
    try:
        wait_until_up(url)
        prefix = work / "locust"
        counts_file = work / "counts.txt"
        locust = subprocess.Popen(
            [str(BIN / "locust"), "-f", str(ROOT / "scripts" / "load_journey.py"), "--headless", "--only-summary",
             "-u", str(args.users), "-r", str(max(1, args.users // 5)), "-t", f"{args.seconds}s",
             "--host", url, "--csv", str(prefix), "--stop-timeout", "10", "--loglevel", "WARNING"],
            cwd=ROOT, env={**os.environ, "LOAD_COUNTS_FILE": str(counts_file)},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if args.kill_worker_at:
            time.sleep(args.kill_worker_at)
            before = workers_of(server.pid)
            killed = before[0]
            os.kill(killed, signal.SIGKILL)
        output, _ = locust.communicate(timeout=args.seconds + 120)
        after = workers_of(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    stats = read_stats(prefix)
    retries, journeys, answers_checked = (int(n) for n in counts_file.read_text().split())
    total, corrupted = check_cases(env)
    logs = server_log.read_text(errors="replace")
    leaked = [secret for secret in ("Alex Example", "Sam Example") if secret in logs]

    print(f"\n## Load test: {args.users} users, {args.seconds} s, {args.workers} gunicorn workers, "
          f"{database_url.split(':')[0]}" + (f", worker {killed} killed at {args.kill_worker_at:g} s" if killed else ""))
    print(f"\nMachine: {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| request | count | failures | median ms | p95 ms | p99 ms | req/s |")
    print("|---|---|---|---|---|---|---|")
    failures = 0
    for row in stats:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        print(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['Median Response Time']} | "
              f"{row['95%']} | {row['99%']} | {float(row['Requests/s']):.1f} |")
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
    print(f"\nJourneys completed: {journeys}. Answers checked after resuming: {answers_checked}. "
          f"Requests sent again after a broken connection: {retries}.")
    print(f"Cases in the database after the run: {total}; corrupted: {corrupted}.")
    if killed:
        print(f"Workers before the kill: {args.workers}; after the run: {len(after)} (the master replaced the killed one).")
    print(f"Names typed by the simulated parents found in the server log: {leaked or 'none'}.")
    problems = failures or corrupted or leaked or (killed and len(after) != args.workers)
    if problems:
        print("\nFAILED. Last lines of the server log:\n" + "\n".join(logs.splitlines()[-20:]))
        print(output[-3000:])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
