"""docs/facts.md lists every fact, finding and deadline the code knows."""

from pathlib import Path

from guidance_app.core.facts import FACTS
from guidance_app.knowledge import knowledge_base

DOC = (Path(__file__).resolve().parents[2] / "docs" / "facts.md").read_text(encoding="utf-8")


def test_every_fact_rule_and_deadline_is_documented():
    kb = knowledge_base()
    names = list(FACTS) + list(kb.rules) + list(kb.deadlines) + [route.id for route in kb.routes]
    undocumented = [name for name in names if f"`{name}`" not in DOC]
    assert undocumented == [], "add these to docs/facts.md"
