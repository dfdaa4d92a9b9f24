"""The load and fault test script itself, in a short run: gunicorn with real workers, locust
parents doing whole journeys, one worker killed on the way. Asserts outcomes (no failed request
after a retry, no corrupted case, the worker replaced), never timings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_load_run_with_a_killed_worker_loses_nothing():
    result = subprocess.run([sys.executable, "scripts/load_test.py", "--users", "5", "--seconds", "8",
                             "--workers", "2", "--kill-worker-at", "4"],
                            cwd=ROOT, capture_output=True, text=True, timeout=240)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert re.search(r"\| \*\*all\*\* \| \d+ \| 0 \|", output), output
    assert re.search(r"corrupted: 0\.", output) and "after the run: 2 (the master replaced" in output
    assert int(re.search(r"Answers checked after resuming: (\d+)", output).group(1)) > 0
