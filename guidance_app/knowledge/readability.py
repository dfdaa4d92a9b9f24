"""How hard the English guidance is to read, so that `flask kb check` can warn an editor.

Why: many parents reading this are frightened and short of time, and some read little English.
We aim for a reading age of about 9 to 11. The Flesch-Kincaid grade (US school grade; add five
for a reading age) of each rule, guide and service body must stay at or below MAX_GRADE, and the
median of all of them below TARGET_MEDIAN. textstat counts syllables with Pyphen's dictionaries,
offline (textstat 0.7.5 and later fetch a pronouncing dictionary from the internet instead).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import textstat

from ..core.model import KnowledgeBase

MAX_GRADE = 9.0  # a reading age of about 14: the most any one page may ask
TARGET_MEDIAN = 7.0  # a reading age of about 12
KINDS = ("rules", "guides", "services")

_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(.*?)([.!?:;])?\s*$", re.M)
_MARKUP = re.compile(r"[#*_>`|]")


@dataclass(frozen=True)
class Score:
    path: str
    grade: float
    reading_ease: float


def plain_text(markdown: str) -> str:
    """The words a reader reads: links as their text, and each list item as its own sentence
    (read aloud, a bullet ends where its line ends)."""
    text = _LINK.sub(r"\1", markdown)
    text = _LIST_ITEM.sub(lambda m: m.group(1) + (m.group(2) or "."), text)
    return _MARKUP.sub(" ", text)


def score(path: str, markdown: str) -> Score:
    textstat.set_lang("en")
    text = plain_text(markdown)
    return Score(path, textstat.flesch_kincaid_grade(text), textstat.flesch_reading_ease(text))


def scores(kb: KnowledgeBase) -> list[Score]:
    entries = [*kb.rules.values(), *kb.guides.values(), *kb.services.values()]
    return [score(entry.path, entry.texts["en"].body_markdown) for entry in entries
            if entry.texts["en"].body_markdown.strip()]


def median_grade(all_scores: list[Score]) -> float:
    return statistics.median(item.grade for item in all_scores)
