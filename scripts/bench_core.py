"""Benchmark of the legal core: knowledge-base loading and `assess` for a full case.

Run with `make bench-core`. Prints medians (and quartiles) over repeated runs; timings are
not asserted anywhere, because shared machines are noisy. Record results in
docs/performance.md with the machine they ran on.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guidance_app.core import assess, parse_facts  # noqa: E402
from guidance_app.knowledge import content_dir, load_or_raise  # noqa: E402
from guidance_app.knowledge.search import SearchIndex  # noqa: E402

FULL_CASE = {
    "country": "england", "school_type": "maintained", "exclusion_type": "permanent",
    "decided_by_headteacher": True, "notice_date": "2027-03-03", "written_notice": True,
    "notice_included": ["reason", "period", "representations_right", "meeting_right", "information_sources"],
    "start_date": "2027-03-04", "consecutive_days_before": 3, "compulsory_school_age": True,
    "reason": "persistent_disruption", "sen": "ehc_plan", "disability": "yes", "behaviour_linked_to_needs": "yes",
    "looked_after": "previously_looked_after", "social_worker": True, "public_exam_missed": True,
    "exam_date": "2027-05-17", "work_set": False, "provision_from_day_six": False, "child_views_heard": False,
    "converted_from_suspension": True, "pressured_to_move": True, "governors_meeting_date": "2027-03-20",
    "governors_decision": "upheld", "governors_decision_date": "2027-03-22", "decision_notice_method": "post",
    "irp_application_date": "2027-04-12", "irp_decision": "quashed", "irp_decision_date": "2027-05-04",
    "irp_decision_method": "post",
    "closure_dates": [["2026-10-26", "2026-10-30"], ["2026-12-21", "2027-01-01"], ["2027-02-15", "2027-02-19"],
                      ["2027-03-29", "2027-04-09"], ["2027-05-31", "2027-06-04"], ["2027-07-22", "2027-08-31"]],
}


def measure(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> dict:
    q1, median, q3 = statistics.quantiles(times, n=4)
    row = {"name": name, "runs": len(times), "median_ms": round(median * 1000, 3),
           "q1_ms": round(q1 * 1000, 3), "q3_ms": round(q3 * 1000, 3)}
    print(f"{name:<42} median {row['median_ms']:>9.3f} ms   (q1 {row['q1_ms']:.3f}, q3 {row['q3_ms']:.3f}, "
          f"{len(times)} runs)")
    return row


def main() -> None:
    root = content_dir()
    kb = load_or_raise(root)
    facts = parse_facts(FULL_CASE)
    for _ in range(50):  # warm up
        assess(facts, kb=kb)
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.platform()}")
    rows = [
        report("load and check the knowledge base", measure(lambda: load_or_raise(root), 30)),
        report("assess a full case (facts already checked)", measure(lambda: assess(facts, kb=kb), 2000)),
        report("assess a full case from raw JSON", measure(lambda: assess(FULL_CASE, kb=kb), 2000)),
        report("assess to JSON (what the API returns)", measure(lambda: assess(FULL_CASE, kb=kb).to_json(), 2000)),
        report("build the English search index", measure(lambda: SearchIndex(kb, "en"), 20)),
    ]
    index = SearchIndex(kb, "en")
    rows.append(report("search one question", measure(lambda: index.search("sent home to calm down"), 500)))
    from guidance_app.letters.compose import compose
    from guidance_app.letters.files import to_docx, to_pdf

    representations = dict(FULL_CASE, governors_decision="pending")
    letter_input = assess(representations, kb=kb).to_json()
    details = {"parent_name": "فاطمة الزهراء", "child_name": "সুমাইয়া রহমান", "account": "He was upset. " * 60,
               "requests": ["reinstatement", "meeting"], "documents": ["evidence"]}
    letter = compose(kb, "representations", letter_input, details)
    rows.append(report("compose a representations letter", measure(
        lambda: compose(kb, "representations", letter_input, details), 500)))
    rows.append(report("the letter as a Word file", measure(lambda: to_docx(letter), 30)))
    rows.append(report("the letter as a PDF (shaped Arabic and Bengali)", measure(lambda: to_pdf(letter), 20)))
    result = assess(FULL_CASE, kb=kb)
    print(f"full case: {len(result.findings)} findings, {len(result.deadlines)} deadlines, "
          f"{len(result.services)} services")
    if "--json" in sys.argv:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
