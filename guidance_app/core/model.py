"""The knowledge base as the core sees it: rules, routes, deadlines, services, questions.

These are plain data. guidance_app.knowledge reads them from the Markdown files in
content/; the core only evaluates them, so a lawyer can change a rule without Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .conditions import Node

SEVERITIES = ("likely_unlawful", "check", "right", "info")
SCOPES = ("any", "england", "state_school")


@dataclass(frozen=True)
class SourceRef:
    source: str  # key in the sources catalogue (content/kb.yaml)
    ref: str  # paragraph, regulation or section
    status: str  # V verified, P paragraph number from a secondary source, U unverified
    note: str = ""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass
class Text:
    """The words of one entry in one language (the English master or a translation).

    Why `body_html` is made on first use: the app holds about a thousand texts in ten
    languages, and turning all their Markdown into HTML at start-up took most of the start
    time; a page needs only a few of them. `render` is the knowledge base's Markdown renderer."""

    title: str
    body_markdown: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # other text: why, assumptions, labels...
    phrases: tuple[str, ...] = ()
    render: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def body_html(self) -> str:
        if not self.body_markdown or self.render is None:
            return ""
        return self.render(self.body_markdown)


@dataclass
class Entry:
    """Anything in content/ with an id, English text and (maybe) translations."""

    kind: str
    id: str
    path: str
    texts: dict[str, Text]  # by locale; "en" always present
    master_hash: str = ""  # hash of the English words, carried by translations

    def text(self, locale: str) -> Text:
        return self.texts.get(locale) or self.texts["en"]


@dataclass
class Rule(Entry):
    severity: str = "info"
    scope: str = "state_school"
    when: Node | None = None
    sources: tuple[SourceRef, ...] = ()
    services: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    list_check: dict[str, Any] | None = None  # {fact, items: {item: Node | True}}
    order: int = 0


@dataclass
class Route(Entry):
    order: int = 0
    when: Node | None = None


@dataclass
class Deadline(Entry):
    scope: str = "state_school"
    when: Node | None = None
    compute: dict[str, Any] = field(default_factory=dict)
    sources: tuple[SourceRef, ...] = ()
    order: int = 0


@dataclass
class ServiceMatch:
    when: Node
    weight: int
    why_key: str  # key into the service's text fields ("why" texts per match)


@dataclass
class Service(Entry):
    url: str = ""
    phone: str = ""
    email: str = ""
    status: str = "active"  # active, uncertain, closed
    scope: str = "england"
    represents: tuple[str, ...] = ()
    last_checked: dt.date | None = None
    checked_against: str = ""
    matches: tuple[ServiceMatch, ...] = ()
    # A local service lists the councils it serves; it is offered only to families there.
    local_authorities: tuple[str, ...] = ()
    # Entries this one stands in for when it is offered (a named local SENDIASS for the
    # national "find your local SENDIASS" entry).
    replaces: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # what it helps with, for the filters on the "Who can help" page
    phone_confirmed: bool = False
    successors: tuple[str, ...] = ()

    @property
    def local(self) -> bool:
        return bool(self.local_authorities)

    def field(self, name: str, locale: str) -> str:
        return self.text(locale).fields.get(name) or self.texts["en"].fields.get(name) or ""

    def as_json(self, locale: str) -> dict[str, Any]:
        """How to reach the service and who it is for, as the API and the pages show it."""
        return {"id": self.id, "name": self.texts["en"].title, "summary": self.field("summary", locale),
                "eligibility": self.field("eligibility", locale), "status": self.status,
                "status_note": self.field("status_note", locale), "successors": list(self.successors),
                "phone": self.phone, "phone_hours": self.field("phone_hours", locale),
                "phone_confirmed": self.phone_confirmed, "url": self.url, "email": self.email,
                "represents": list(self.represents), "topics": list(self.topics), "local": self.local,
                "local_authorities": list(self.local_authorities),
                "last_checked": self.last_checked.isoformat() if self.last_checked else None,
                "text_locale": locale if locale in self.texts else "en"}


@dataclass(frozen=True)
class LocalAuthority:
    """An English council with SEND duties (content/local_authorities.yaml)."""

    id: str
    name: str
    region: str
    also: str = ""  # another name parents may know it by (e.g. "Hull")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.also})" if self.also else self.name


@dataclass
class Question(Entry):
    fact: str = ""
    type: str = ""
    options: tuple[str, ...] = ()
    dont_know: bool = False
    show_if: Node | None = None
    show_if_raw: Any = None
    order: int = 0


@dataclass
class Guide(Entry):
    related: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()


@dataclass
class KnowledgeBase:
    law_as_at: dt.date
    guidance_version: str
    pending_change: str
    sources: dict[str, Source]
    rules: dict[str, Rule]
    routes: list[Route]
    deadlines: dict[str, Deadline]
    services: dict[str, Service]
    guides: dict[str, Guide]
    questions: dict[str, Question]  # by fact, in catalogue order
    locales: tuple[str, ...]
    local_authorities: dict[str, LocalAuthority] = field(default_factory=dict)  # by id, sorted by name
    letters: dict[str, Any] = field(default_factory=dict)  # letter kind -> guidance_app.letters.LetterKind
    # How parents say things, per locale: extra search words for an entry ("rules/<id>"), and
    # phrases that mention a fact's value in passing ("he has an EHCP" -> sen: ehc_plan).
    search_phrases: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    mentions: dict[str, list[tuple[str, str, Any]]] = field(default_factory=dict)  # locale -> (phrase, fact, value)
    general_texts: dict[str, dict[str, str]] = field(default_factory=dict)  # locale -> key -> text
    caches: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # e.g. search indexes

    @property
    def regions(self) -> dict[str, str]:
        found = self.caches.get("regions")
        if found is None:
            found = self.caches["regions"] = {la.id: la.region for la in self.local_authorities.values()}
        return found

    def general(self, key: str, locale: str) -> str:
        return self.general_texts.get(locale, {}).get(key) or self.general_texts["en"][key]
