"""Letter templates: the Markdown files in content/<locale>/letters/, parsed into blocks.

Why a small format of our own rather than Jinja: advisers edit these files, and what a parent
types must never change a letter's structure. So the structure (headings, points, lists) is
read from the template before anything is filled in, and the parent's words only ever fill a
placeholder inside a block that already exists. The format:

- blocks are separated by blank lines; each line of a block stays a line in the letter
- `# text` is the letter's subject line, `## text` a section heading, `- text` a list item
- `[[name]]` on its own line is filled by the app (the parent's account, the numbered points...)
- `{name}` is a detail (the child's name, a date); a block needing a detail nobody gave is left out
- `((text))` is a part of a line that is left out when a detail inside it is missing
- `{if: flag}` (or `{if: not flag}`) at the end of a line keeps the block only when the flag
  holds; on a heading it applies to the whole section up to the next heading, or up to a line
  of just `##`, which ends a section without printing a heading (use it before the closing)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Details a template may use, and what fills them (see compose.py).
PLACEHOLDERS = {
    "parent_name", "parent_contact", "child_name", "year_group", "school_name", "headteacher_name",
    "chair_name", "interpreter_language", "today", "exclusion_kind", "exclusion_action", "start_date",
    "notice_date", "governors_meeting_date", "governors_decision_date", "governors_meeting_by",
    "governors_meeting_on_request_by", "irp_application_by", "days",
}
DIRECTIVES = {"address", "account", "points", "child_views", "requests", "documents"}
FLAGS = {"points", "child_views", "requests", "documents", "sen_or_disability", "informal", "permanent",
         "suspension", "governors_stage", "interpreter"}
# What a parent may ask for, and the documents they may ask to see (labels are in the templates).
REQUEST_OPTIONS = ("reinstatement", "remove_record", "support", "assessment", "meeting", "remote_meeting", "friend",
                   "interpreter", "sen_expert", "reconsider")
DOCUMENT_OPTIONS = ("decision_letter", "evidence", "behaviour_policy", "previous_support", "sen_records",
                    "previous_exclusions", "head_statement", "attendance", "work_set")
WORDS = ("suspension", "permanent", "informal", "action_suspension", "action_permanent", "action_informal")

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CONDITION = re.compile(r"\s*\{if:\s*(not\s+)?([a-z_]+)\}\s*$")
_DIRECTIVE = re.compile(r"\[\[([a-z_]+)\]\]")
_OPTIONAL = re.compile(r"\(\((.*?)\)\)")


class TemplateError(ValueError):
    """A problem in a template file, with where it is."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Condition:
    flag: str
    negated: bool = False

    def holds(self, flags: dict[str, bool]) -> bool:
        return bool(flags.get(self.flag)) != self.negated


@dataclass(frozen=True)
class TemplateBlock:
    kind: str  # heading, subheading, bullets, directive, paragraph, end (of a section)
    lines: tuple[str, ...]
    condition: Condition | None = None

    @property
    def directive(self) -> str | None:
        return self.lines[0] if self.kind == "directive" else None

    def shape(self) -> tuple:
        """What a translation must keep the same: kind, directive and condition."""
        return (self.kind, self.directive, self.condition)


@dataclass
class LetterTemplate:
    id: str
    title: str
    summary: str
    filename: str
    blocks: tuple[TemplateBlock, ...]
    requests: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    fallbacks: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)


@dataclass
class LetterKind:
    """One kind of letter (contract: representations, irp_application, information_request):
    when it is offered, and its template in each language (English always)."""

    id: str
    path: str
    when: Any  # a condition node from the core
    templates: dict[str, LetterTemplate]
    master_hash: str = ""

    def template(self, locale: str) -> LetterTemplate:
        return self.templates.get(locale) or self.templates["en"]

    def filename_on(self, day: Any) -> str:
        """The download's name without extension, e.g. representations-2026-11-23."""
        return f"{self.templates['en'].filename}-{day.isoformat()}"


def parse_body(body: str) -> tuple[TemplateBlock, ...]:
    """Split a template body into blocks; raises TemplateError naming the line."""
    blocks: list[TemplateBlock] = []
    for number, chunk in _chunks(body):
        lines, condition = list(chunk), None
        match = _CONDITION.search(lines[-1])
        if match:
            condition = Condition(match.group(2), bool(match.group(1)))
            lines[-1] = lines[-1][:match.start()].rstrip()
        for offset, line in enumerate(lines):
            _check_line(line, f"line {number + offset}")
        first = lines[0]
        if lines == ["##"]:
            blocks.append(TemplateBlock("end", ()))
        elif first.startswith("## "):
            blocks.append(TemplateBlock("subheading", (first[3:].strip(),), condition))
        elif first.startswith("# "):
            blocks.append(TemplateBlock("heading", (first[2:].strip(),), condition))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(TemplateBlock("bullets", tuple(line[2:].strip() for line in lines), condition))
        else:
            text_lines: list[str] = []
            for line in lines:
                directive = _DIRECTIVE.fullmatch(line.strip())
                if directive:
                    if text_lines:
                        blocks.append(TemplateBlock("paragraph", tuple(text_lines), condition))
                        text_lines = []
                    blocks.append(TemplateBlock("directive", (directive.group(1),), condition))
                else:
                    text_lines.append(line)
            if text_lines:
                blocks.append(TemplateBlock("paragraph", tuple(text_lines), condition))
    return tuple(blocks)


def _chunks(body: str):
    chunk: list[str] = []
    start = 1
    for number, raw in enumerate(body.splitlines(), start=1):
        line = raw.rstrip()
        if line.strip():
            if not chunk:
                start = number
            chunk.append(line.strip())
        elif chunk:
            yield start, chunk
            chunk = []
    if chunk:
        yield start, chunk


def _check_line(line: str, where: str) -> None:
    for name in _PLACEHOLDER.findall(line):
        if name not in PLACEHOLDERS:
            raise TemplateError(where, f"'{{{name}}}' is not a detail letters know. Use one of: "
                                       f"{', '.join(sorted(PLACEHOLDERS))}.")
    for name in _DIRECTIVE.findall(line):
        if name not in DIRECTIVES:
            raise TemplateError(where, f"'[[{name}]]' is not something the app can fill in. Use one of: "
                                       f"{', '.join(sorted(DIRECTIVES))}.")
        if _DIRECTIVE.fullmatch(line.strip()) is None:
            raise TemplateError(where, f"put '[[{name}]]' on a line of its own.")
    if line.count("((") != line.count("))"):
        raise TemplateError(where, "every '((' needs a matching '))'.")
    if "{if:" in line:
        raise TemplateError(where, "put '{if: ...}' at the very end of the block's last line.")


def check_condition(condition: Condition | None, where: str) -> None:
    if condition is not None and condition.flag not in FLAGS:
        raise TemplateError(where, f"'{condition.flag}' is not a flag. Use one of: {', '.join(sorted(FLAGS))}.")


def fill(line: str, values: dict[str, str], fallbacks: dict[str, str]) -> str | None:
    """A line with its details filled in, or None when a detail it needs is missing.

    Optional parts ((...)) are dropped when a detail inside is missing; fallbacks are used only
    outside them, so "Dear {chair_name}" can say "Dear Chair of Governors". The template is read
    once, left to right, so a value that looks like a placeholder is never filled in again."""
    outside = _OPTIONAL.sub("", line)
    if any(not values.get(name) and not fallbacks.get(name) for name in _PLACEHOLDER.findall(outside)):
        return None

    def replace(match: re.Match) -> str:
        if match.group("optional") is not None:
            inner = match.group("optional")
            if any(not values.get(name) for name in _PLACEHOLDER.findall(inner)):
                return ""
            return _PLACEHOLDER.sub(lambda m: values[m.group(1)], inner)
        name = match.group("name")
        return values.get(name) or fallbacks[name]

    return _TOKEN.sub(replace, line)


_TOKEN = re.compile(r"\(\((?P<optional>.*?)\)\)|\{(?P<name>[a-z_]+)\}")
