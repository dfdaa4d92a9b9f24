"""Turn an assessment and the parent's details into a letter: English blocks for the school,
each with its translation beside it for the parent.

Why blocks: the same letter is shown on screen (editable, one box per paragraph), printed, and
saved as Word and PDF. A list of typed blocks is the one shape all of them can draw, and the
parent's words only ever fill text inside a block (see template.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from ..core.model import KnowledgeBase
from .template import LetterKind, LetterTemplate, TemplateBlock, fill

# Findings the letter argues from: what looks unlawful, and what the board should check.
POINT_SEVERITIES = ("likely_unlawful", "check")
GOVERNOR_FINDINGS = ("governors_must_consider_reinstatement", "governors_meeting_on_request",
                     "governors_consider_representations")
BLOCK_KINDS = ("heading", "subheading", "paragraph", "bullet", "numbered")


@dataclass
class LetterBlock:
    kind: str  # heading, subheading, paragraph, bullet, numbered
    text: str  # English: what is sent
    translation: str = ""  # the parent's language, to understand what they sign ("" when English)
    number: int = 0  # for numbered points

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.translation:
            out["translation"] = self.translation
        if self.number:
            out["number"] = self.number
        return out


@dataclass
class Letter:
    kind: str
    title: str  # in the parent's language, for the page
    filename: str  # e.g. representations-2026-11-23
    blocks: list[LetterBlock] = field(default_factory=list)
    locale: str = "en"
    translated: bool = False  # whether a translation sits beside each paragraph

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "filename": self.filename, "locale": self.locale,
                "translated": self.translated, "blocks": [block.to_json() for block in self.blocks]}


def offered_letters(kb: KnowledgeBase, assessment: Mapping[str, Any]) -> list[LetterKind]:
    """The letters that fit this case, in a sensible order for a parent."""
    from ..core.facts import parse_facts
    from ..core.derived import base_lookup

    facts = parse_facts(assessment["facts"])
    lookup = lambda name: base_lookup(facts, name)  # noqa: E731 - letters test plain facts only
    order = ("representations", "information_request", "irp_application")
    kinds = sorted(kb.letters.values(), key=lambda kind: order.index(kind.id) if kind.id in order else 99)
    return [kind for kind in kinds if kind.when.evaluate(lookup).value is True]


def compose(kb: KnowledgeBase, kind_id: str, assessment: Mapping[str, Any], details: Mapping[str, Any],
            locale: str = "en", today: dt.date | None = None) -> Letter:
    """The letter of `kind_id` for this assessment (its JSON form) and these checked details."""
    kind = kb.letters[kind_id]
    today = today or dt.date.today()
    english = _blocks(kb, kind.templates["en"], assessment, details, "en", today)
    letter = Letter(kind=kind.id, title=kind.template(locale).title,
                    filename=kind.filename_on(today), locale=locale)
    if locale != "en" and locale in kind.templates:
        local = _blocks(kb, kind.templates[locale], assessment, details, locale, today)
        if [(b.kind, b.number) for b in local] == [(b.kind, b.number) for b in english]:
            for block, translated in zip(english, local):
                # Parts still in English in the translation (a rule not yet translated) get none.
                block.translation = translated.text if translated.text != block.text else ""
            letter.translated = True
    letter.blocks = english
    return letter


def _blocks(kb: KnowledgeBase, template: LetterTemplate, assessment: Mapping[str, Any],
            details: Mapping[str, Any], locale: str, today: dt.date) -> list[LetterBlock]:
    values = _values(template, assessment, details, locale, today)
    flags = _flags(assessment, details)
    out: list[LetterBlock] = []
    skipping_section = False
    for block in template.blocks:
        if block.kind == "end":
            skipping_section = False
            continue
        if block.kind in ("heading", "subheading"):
            skipping_section = block.condition is not None and not block.condition.holds(flags)
            if skipping_section:
                continue
        elif skipping_section or (block.condition is not None and not block.condition.holds(flags)):
            continue
        out.extend(_expand(kb, template, block, values, assessment, details, locale))
    return _drop_empty_sections(out)


def _expand(kb: KnowledgeBase, template: LetterTemplate, block: TemplateBlock, values: dict[str, str],
            assessment: Mapping[str, Any], details: Mapping[str, Any], locale: str) -> list[LetterBlock]:
    if block.kind == "directive":
        return _directive(kb, template, block.directive or "", values, assessment, details, locale)
    if block.kind == "bullets":
        lines = [fill(line, values, template.fallbacks) for line in block.lines]
        return [LetterBlock("bullet", line.strip()) for line in lines if line]
    lines = [fill(line, values, template.fallbacks) for line in block.lines]
    if any(line is None for line in lines):
        return []  # a detail it needs was not given
    text = "\n".join(line.strip() for line in lines if line and line.strip())
    return [LetterBlock(block.kind, text)] if text else []


def _directive(kb: KnowledgeBase, template: LetterTemplate, name: str, values: dict[str, str],
               assessment: Mapping[str, Any], details: Mapping[str, Any], locale: str) -> list[LetterBlock]:
    if name == "address":
        address = details.get("parent_address") or ""
        return [LetterBlock("paragraph", address)] if address else []
    if name in ("account", "child_views"):
        return [LetterBlock("paragraph", paragraph.strip())
                for paragraph in (details.get(name) or "").split("\n\n") if paragraph.strip()]
    if name == "points":
        return [LetterBlock("numbered", text, number=index)
                for index, text in enumerate(_points(kb, assessment, locale), start=1)]
    labels = template.requests if name == "requests" else template.documents
    chosen = [option for option in details.get(name) or () if option in labels]
    items = [fill(labels[option], values, template.fallbacks) for option in chosen]
    return [LetterBlock("bullet", item) for item in items if item]


def _points(kb: KnowledgeBase, assessment: Mapping[str, Any], locale: str) -> list[str]:
    """One point for each finding that looks unlawful or should be checked, with its sources."""
    points = []
    for finding in assessment["findings"]:
        if finding["severity"] not in POINT_SEVERITIES:
            continue
        rule = kb.rules.get(finding["id"])
        text = rule.text(locale).fields.get("letter_point") if rule else None  # English if not translated
        text = " ".join(str(text or finding["title"]).split())
        sources = "; ".join(f"{source['title']}, {source['ref']}" for source in finding.get("sources", []))
        points.append(f"{text} ({sources})" if sources else text)
    return points


def _values(template: LetterTemplate, assessment: Mapping[str, Any], details: Mapping[str, Any],
            locale: str, today: dt.date) -> dict[str, str]:
    facts = assessment["facts"]
    babel_locale = "en_GB" if locale == "en" else locale

    def date(value: str | None) -> str:
        return format_date(dt.date.fromisoformat(value), "d MMMM yyyy", locale=babel_locale) if value else ""

    deadlines = {deadline["id"]: deadline["date"] for deadline in assessment["deadlines"]}
    exclusion = facts.get("exclusion_type")
    values = {name: str(details.get(name) or "") for name in
              ("parent_name", "parent_contact", "child_name", "year_group", "school_name", "headteacher_name",
               "chair_name", "interpreter_language")}
    values.update({
        "today": date(today.isoformat()),
        "exclusion_kind": template.words.get(exclusion, "") if exclusion in ("suspension", "permanent", "informal") else "",
        "exclusion_action": template.words.get(f"action_{exclusion}", ""),
        "start_date": date(facts.get("start_date")),
        "notice_date": date(facts.get("notice_date")),
        "governors_meeting_date": date(facts.get("governors_meeting_date")),
        "governors_decision_date": date(facts.get("governors_decision_date")),
        "days": f"{facts['days']:g}" if isinstance(facts.get("days"), (int, float)) else "",
    })
    for deadline in ("governors_meeting_by", "governors_meeting_on_request_by", "irp_application_by"):
        values[deadline] = date(deadlines.get(deadline))
    return values


def _flags(assessment: Mapping[str, Any], details: Mapping[str, Any]) -> dict[str, bool]:
    facts = assessment["facts"]
    finding_ids = {finding["id"] for finding in assessment["findings"]}
    return {
        "points": any(finding["severity"] in POINT_SEVERITIES for finding in assessment["findings"]),
        "child_views": bool(details.get("child_views")),
        "requests": bool(details.get("requests")),
        "documents": bool(details.get("documents")),
        "sen_or_disability": facts.get("sen") in ("sen_support", "ehc_plan", "suspected")
                             or facts.get("disability") in ("yes", "unsure"),
        "informal": facts.get("exclusion_type") == "informal",
        "permanent": facts.get("exclusion_type") == "permanent",
        "suspension": facts.get("exclusion_type") == "suspension",
        "governors_stage": bool(finding_ids & set(GOVERNOR_FINDINGS)),
        "interpreter": "interpreter" in (details.get("requests") or ()),
    }


def _drop_empty_sections(blocks: list[LetterBlock]) -> list[LetterBlock]:
    """A section heading with nothing under it (no account given, say) is left out."""
    out: list[LetterBlock] = []
    for index, block in enumerate(blocks):
        if block.kind == "subheading":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or following.kind in ("subheading", "heading"):
                continue
        out.append(block)
    return out
