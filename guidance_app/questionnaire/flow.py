"""Which question comes next, which are shown, and which answers count: one place for the
questionnaire's branching, decided only by the catalogue's `show_if` conditions.

Why here and not in the views: cla_public's history shows navigation that grows special
cases in views. Here the catalogue alone decides; the views just ask this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..core.derived import DERIVED, Lookup, base_lookup, derive
from ..core.facts import Facts, InvalidFacts, parse_facts
from ..core.model import KnowledgeBase, Question


def _lookup_for(facts: Mapping[str, Any]):
    try:
        checked = parse_facts(dict(facts))
    except InvalidFacts:
        checked = Facts({k: v for k, v in facts.items()})
    derived = derive(checked)

    def lookup(name: str) -> Lookup:
        return derived[name] if name in derived else base_lookup(checked, name)

    return lookup


def is_shown(question: Question, facts: Mapping[str, Any]) -> bool:
    """Ask a question unless its `show_if` is definitely false for the answers so far."""
    return _shown(question, _lookup_for(facts) if question.show_if is not None else None)


def is_asked(kb: KnowledgeBase, answers: Mapping[str, Any], question: Question) -> bool:
    """`is_shown` for the answers that count, as the walk already decided it.

    The same as `is_shown(question, effective_facts(kb, answers))` when the question's
    `show_if` reads only facts asked before it, as every condition in the catalogue does; for
    one that reads a later fact, that is what is worked out."""
    if question.show_if is None:
        return True
    if question.fact in _reading_later_facts(kb):
        return is_shown(question, effective_facts(kb, answers))
    return next(shown for asked, shown in _walk(kb, answers) if asked is question)


_LATER: dict[int, tuple[KnowledgeBase, frozenset[str]]] = {}


def _reading_later_facts(kb: KnowledgeBase) -> frozenset[str]:
    """The questions whose `show_if` reads a fact (or a total made from one) asked later."""
    kept = _LATER.get(id(kb))
    if kept is not None and kept[0] is kb:
        return kept[1]
    order = {fact: index for index, fact in enumerate(kb.questions)}
    later = set()
    for index, (fact, question) in enumerate(kb.questions.items()):
        if question.show_if is None:
            continue
        read = {base for name in question.show_if.facts()
                for base in (DERIVED[name].depends_on if name in DERIVED else (name,))}
        if any(order.get(name, -1) >= index for name in read):
            later.add(fact)
    _LATER[id(kb)] = (kb, frozenset(later))
    return _LATER[id(kb)][1]


def _shown(question: Question, lookup) -> bool:
    return question.show_if is None or question.show_if.evaluate(lookup).value is not False


# The last walks, by knowledge base and answers. Why: one page asks the flow several things
# (the answers that count, the back link, the next question) about the same answers, and
# each walk re-checks the facts as answers are added. Bounded; the knowledge base is kept with
# its entries, so a new one can never be mistaken for it.
_WALKS: dict[tuple[int, str], tuple[KnowledgeBase, list[tuple[Question, bool]]]] = {}
_WALKS_SIZE = 512


def _walk(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[tuple[Question, bool]]:
    key = (id(kb), json.dumps(answers, sort_keys=True, default=str))
    cached = _WALKS.get(key)
    if cached is not None and cached[0] is kb:
        return cached[1]
    walked = _walk_uncached(kb, answers)
    if len(_WALKS) >= _WALKS_SIZE:
        _WALKS.clear()
    _WALKS[key] = (kb, walked)
    return walked


def _walk_uncached(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[tuple[Question, bool]]:
    """Each question in catalogue order, and whether it is shown given the earlier answers
    that count. The facts are re-checked only when an answer is added, not per question."""
    facts: dict[str, Any] = {}
    lookup = _lookup_for(facts)
    out = []
    for fact, question in kb.questions.items():
        shown = _shown(question, lookup)
        out.append((question, shown))
        if shown and answers.get(fact) is not None:
            facts[fact] = answers[fact]
            lookup = _lookup_for(facts)
    return out


def effective_facts(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that count: those to questions still shown, in catalogue order.

    Changing an earlier answer can hide a later question (a suspension has no governors'
    review-panel stage); its old answer is then kept in the case but not used.
    """
    return {q.fact: answers[q.fact] for q, shown in _walk(kb, answers) if shown and answers.get(q.fact) is not None}


def shown_questions(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[Question]:
    return [question for question, shown in _walk(kb, answers) if shown]


def next_question(kb: KnowledgeBase, answers: Mapping[str, Any], answered: set[str]) -> Question | None:
    """The first shown question not yet answered ("I don't know" counts as answered)."""
    for question in shown_questions(kb, answers):
        if question.fact not in answered:
            return question
    return None


def previous_question(kb: KnowledgeBase, answers: Mapping[str, Any], fact: str) -> Question | None:
    previous = None
    for question in shown_questions(kb, answers):
        if question.fact == fact:
            return previous
        previous = question
    return previous
