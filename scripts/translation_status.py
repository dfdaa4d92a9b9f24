"""What is left to translate in one language, with the source_hash each translation must carry.

    .venv/bin/python scripts/translation_status.py pl          # every file: ok, missing or stale
    .venv/bin/python scripts/translation_status.py pl --todo   # only what still needs doing

Translations follow content/README.md ("A translation"); `flask kb check --strict` is the final word.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guidance_app.knowledge import content_dir, load  # noqa: E402
from guidance_app.knowledge.loader import KINDS  # noqa: E402


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    locale, todo = sys.argv[1], "--todo" in sys.argv
    kb, problems = load(content_dir())
    if kb is None:
        for problem in problems:
            print(problem)
        sys.exit(1)
    rows = []
    for kind in KINDS:
        collection = getattr(kb, kind)
        for entry in (collection.values() if isinstance(collection, dict) else collection):
            rows.append((entry.path.removeprefix("en/"), entry.master_hash, locale in entry.texts))
    for letter in kb.letters.values():
        rows.append((letter.path.removeprefix("en/"), letter.master_hash, locale in letter.templates))
    stale = {p.path for p in problems if p.level == "stale"}
    for path, digest, done in rows:
        status = "ok" if done else ("stale" if f"{locale}/{path}" in stale else "missing")
        if not todo or status != "ok":
            print(f"{status:8} {path:55} source_hash: {digest}")
    questions = [q for q in kb.questions.values() if locale not in q.texts]
    print(f"\nquestions.yaml: {len(kb.questions) - len(questions)} of {len(kb.questions)} questions translated")
    for question in questions if todo else ():
        print(f"  {question.fact}: source_hash: {question.master_hash}")
    general = kb.general_texts.get(locale, {})
    missing = [key for key in kb.general_texts["en"] if key not in general]
    print(f"general.yaml: {len(kb.general_texts['en']) - len(missing)} of {len(kb.general_texts['en'])} texts translated")


if __name__ == "__main__":
    main()
