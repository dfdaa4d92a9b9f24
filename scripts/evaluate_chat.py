"""How well the chat's search finds the right guidance: top-1 and top-3 accuracy per language
on tests/chat/evaluation/<locale>.yaml, and how many off-topic messages it refuses.

tests/chat/evaluation/unseen/<locale>.yaml are sets written after the phrases were last tuned,
by people who saw neither the phrases nor the translations; they are reported separately
(`unseen/ar`) and must never be used to tune the phrases.

Run with `.venv/bin/python scripts/evaluate_chat.py`; the figures go in docs/chat.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guidance_app.chat.conversation import MIN_SCORE  # noqa: E402
from guidance_app.knowledge import knowledge_base  # noqa: E402
from guidance_app.knowledge.search import search  # noqa: E402

EVALUATION = ROOT / "tests" / "chat" / "evaluation"


def load_set(name: str) -> list[tuple[str, set[str]]]:
    """`name` is a locale ("ar") or an unseen set ("unseen/ar")."""
    data = yaml.safe_load((EVALUATION / f"{name}.yaml").read_text(encoding="utf-8"))
    out = []
    for item in data["questions"]:
        answer = item["answer"]
        out.append((item["question"], set(answer if isinstance(answer, list) else [answer])))
    return out


def sets() -> list[str]:
    names = sorted(path.stem for path in EVALUATION.glob("*.yaml") if path.stem != "off_topic")
    return names + sorted(f"unseen/{path.stem}" for path in (EVALUATION / "unseen").glob("*.yaml"))


def accuracy(name: str) -> dict:
    kb = knowledge_base()
    questions = load_set(name)
    locale = name.split("/")[-1]
    top1 = top3 = confident = 0
    misses = []
    for question, answers in questions:
        hits = search(kb, question, locale=locale, limit=3)
        found = [f"{hit.kind}/{hit.id}" for hit in hits]
        top1 += bool(found[:1] and found[0] in answers)
        top3 += bool(answers & set(found))
        confident += bool(hits and hits[0].score >= MIN_SCORE and found[0] in answers)
        if not answers & set(found):
            misses.append((question, sorted(answers), found))
    total = len(questions)
    return {"locale": name, "questions": total, "top1": top1 / total, "top3": top3 / total,
            "answered_right": confident / total, "misses": misses}


def off_topic_refused() -> tuple[int, int]:
    kb = knowledge_base()
    data = yaml.safe_load((EVALUATION / "off_topic.yaml").read_text(encoding="utf-8"))
    refused = sum(1 for question in data["questions"]
                  if not (hits := search(kb, question, locale="en", limit=1)) or hits[0].score < MIN_SCORE)
    return refused, len(data["questions"])


def main() -> None:
    locales = sets()
    print("| language | questions | top-1 | top-3 | answered right and confidently |")
    print("|---|---|---|---|---|")
    for locale in locales:
        result = accuracy(locale)
        print(f"| {locale} | {result['questions']} | {result['top1']:.0%} | {result['top3']:.0%} | "
              f"{result['answered_right']:.0%} |")
        if "-v" in sys.argv:
            for question, answers, found in result["misses"]:
                print(f"    MISS {question!r}: wanted {answers}, got {found}")
    refused, total = off_topic_refused()
    print(f"\nOff-topic messages refused (score below {MIN_SCORE}): {refused} of {total}")


if __name__ == "__main__":
    main()
