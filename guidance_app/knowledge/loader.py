"""Reads content/ into a KnowledgeBase and checks every file on the way.

Why check everything at load: the app must never run on a rule a lawyer mistyped. Each
problem names the file, the key and what to do; `flask kb check` prints them and the app
refuses to start while any error remains.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frontmatter
import markdown
import yaml

from ..core.conditions import ConditionError, Node, parse_condition
from ..core.derived import REGIONS
from ..core.facts import FACTS
from ..core.model import (SCOPES, SEVERITIES, Deadline, Entry, Guide, KnowledgeBase, LocalAuthority, Question,
                          Route, Rule, Service, ServiceMatch, Source, SourceRef, Text)
from ..letters.template import (DOCUMENT_OPTIONS, PLACEHOLDERS, REQUEST_OPTIONS, WORDS, LetterKind, LetterTemplate,
                                TemplateError, check_condition, parse_body)
from .problems import ERROR, MISSING, STALE, WARNING, KnowledgeBaseError, Problem

SOURCE_STATUSES = ("V", "P", "U")
COMPUTE_METHODS = {
    # method: (required arguments, optional arguments)
    "school_days_after": ({"from", "count"}, {"posted"}),
    "nth_school_day": ({"from", "n"}, {"minus"}),
    "return_after_suspension": ({"from"}, set()),
    "first_days_end": ({"from", "n"}, set()),
    "last_school_day_before": ({"from"}, set()),
    "months_less_one_day": ({"from", "months"}, set()),
}
KINDS = ("rules", "routes", "deadlines", "services", "guides")

# Keys each kind of master file may hold; "text" keys are the ones a translation may hold.
MASTER_KEYS = {
    "rules": {"id", "severity", "scope", "title", "summary", "when", "sources", "services", "related",
              "phrases", "list_check", "order", "next_step", "letter_point"},
    "routes": {"id", "order", "title", "when"},
    "deadlines": {"id", "title", "scope", "when", "compute", "assumptions", "sources", "order"},
    "services": {"id", "name", "status", "status_note", "successors", "scope", "url", "phone", "phone_hours",
                 "phone_confirmed", "email", "eligibility", "represents", "last_checked", "checked_against",
                 "match", "local_authorities", "replaces", "topics", "summary"},
    "guides": {"id", "title", "summary", "sources", "related", "phrases"},
}
TEXT_KEYS = {
    "rules": ("title", "summary", "phrases", "list_labels", "next_step", "letter_point"),
    "routes": ("title",),
    "deadlines": ("title", "assumptions"),
    "services": ("summary", "eligibility", "status_note", "phone_hours", "match_why"),
    "guides": ("title", "summary", "phrases"),
}
REQUIRED_KEYS = {
    "rules": {"id", "severity", "title", "when", "sources"},
    "routes": {"id", "order", "title", "when"},
    "deadlines": {"id", "title", "when", "compute", "sources"},
    "services": {"id", "name", "status", "summary", "url", "eligibility", "last_checked", "match", "topics"},
    "guides": {"id", "title", "summary", "sources"},
}
REPRESENTS = ("governors", "irp", "tribunal")
SERVICE_STATUSES = ("active", "uncertain", "closed")
# What a service helps with, for the filters on the "Who can help" page. Representation is
# read from `represents`, so it is not a topic.
TOPICS = ("suspension", "permanent", "informal", "send", "discrimination", "outside_england")
# Contact details are checked again at least this often; older ones get a warning.
RECHECK_MONTHS = 18
_PHONE = re.compile(r"0[0-9]{9,10}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")

_markdown = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
_markdown_lock = threading.Lock()  # texts are rendered on first use, possibly in several threads


# libyaml's C parser when PyYAML has it (five to ten times faster than the Python one).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastYAMLHandler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: Any) -> Any:
        return yaml.load(fm, Loader=YAML_LOADER)


_FRONT_MATTER = _FastYAMLHandler()


def render_markdown(text: str) -> str:
    with _markdown_lock:
        _markdown.reset()
        return _markdown.convert(text)


def text_hash(payload: Any) -> str:
    """A short hash of a master's words; translations carry it to detect drift."""
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


class _Reader:
    """Collects problems while building entries; one instance per load."""

    def __init__(self, root: Path, today: dt.date) -> None:
        self.root = root
        self.today = today
        self.problems: list[Problem] = []

    def problem(self, path: Path | str, key: str, message: str, level: str = ERROR) -> None:
        rel = path if isinstance(path, str) else str(path.relative_to(self.root))
        self.problems.append(Problem(rel, key, message, level))

    def read_yaml(self, path: Path) -> Any:
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except FileNotFoundError:
            self.problem(path, "(file)", "this file is missing. Restore it from version control.")
        except yaml.YAMLError as exc:
            self.problem(path, "(file)", f"is not valid YAML: {_yaml_error(exc)}")
        return None

    def read_markdown(self, path: Path) -> frontmatter.Post | None:
        try:
            post = frontmatter.loads(path.read_text(encoding="utf-8"), handler=_FRONT_MATTER)
        except yaml.YAMLError as exc:
            self.problem(path, "(front matter)", f"the part between the --- lines is not valid YAML: {_yaml_error(exc)}")
            return None
        except UnicodeDecodeError:
            self.problem(path, "(file)", "is not saved as UTF-8 text. Save it as UTF-8.")
            return None
        if not post.metadata:
            self.problem(path, "(front matter)", "has no front matter. Start the file with a --- block "
                                                 "(see content/README.md).")
            return None
        return post

    def condition(self, path: Path, key: str, data: Any) -> Node | None:
        try:
            return parse_condition(data, key)
        except ConditionError as exc:
            self.problem(path, exc.path, exc.message)
            return None


def _yaml_error(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    return f"{getattr(exc, 'problem', None) or exc}{where}. Check the indentation and quotes there."


def load(root: Path, today: dt.date | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load and check content/; returns the knowledge base (None if unusable) and problems.

    `today` dates the check of each service's `last_checked` (the real date by default)."""
    reader = _Reader(root, today or dt.date.today())
    meta = reader.read_yaml(root / "kb.yaml") or {}
    sources = _sources(reader, root / "kb.yaml", meta)
    locales = tuple(meta.get("locales") or ("en",))
    law_as_at = meta.get("law_as_at")
    if not isinstance(law_as_at, dt.date):
        reader.problem(root / "kb.yaml", "law_as_at", "must be a date written YYYY-MM-DD.")
        law_as_at = dt.date.min

    general = reader.read_yaml(root / "en" / "general.yaml") or {}
    if not isinstance(general, dict) or not all(isinstance(v, str) for v in general.values()):
        reader.problem(root / "en" / "general.yaml", "(file)", "must map each key to a sentence of text.")
        general = {}

    entries: dict[str, dict[str, Entry]] = {}
    for kind in KINDS:
        entries[kind] = {}
        folder = root / "en" / kind
        for path in sorted(folder.glob("*.md")):
            entry = _read_master(reader, kind, path, sources)
            if entry is None:
                continue
            if entry.id in entries[kind]:
                reader.problem(path, "id", f"the id '{entry.id}' is already used by "
                                           f"{entries[kind][entry.id].path}. Each id must be unique.")
                continue
            entries[kind][entry.id] = entry
    local_authorities = _local_authorities(reader, root / "local_authorities.yaml")
    english_mentions: list[tuple[str, str, Any]] = []
    questions = _questions(reader, root / "en" / "questions.yaml", {"local_authorities": local_authorities},
                           english_mentions)
    _check_links(reader, entries)
    _check_services(reader, entries["services"], local_authorities)
    letters = _letters(reader, root / "en" / "letters")
    _check_question_coverage(reader, entries, questions, root)

    kb = KnowledgeBase(
        law_as_at=law_as_at,
        guidance_version=str(meta.get("guidance_version", "")).strip(),
        pending_change=str(meta.get("pending_change", "")).strip(),
        sources=sources,
        rules=dict(sorted(entries["rules"].items(), key=lambda item: (item[1].order, item[0]))),
        routes=sorted(entries["routes"].values(), key=lambda route: route.order),
        deadlines=dict(sorted(entries["deadlines"].items(), key=lambda item: (item[1].order, item[0]))),
        services=entries["services"],
        guides=entries["guides"],
        questions=questions,
        locales=locales,
        local_authorities=local_authorities,
        letters=letters,
        mentions={"en": english_mentions},
        general_texts={"en": general},
    )
    for locale in locales:
        if locale != "en":
            _read_translations(reader, kb, locale)
    fatal = [p for p in reader.problems if p.level == ERROR]
    return (None if fatal else kb), reader.problems


def load_or_raise(root: Path) -> KnowledgeBase:
    kb, problems = load(root)
    errors = [p for p in problems if p.level == ERROR]
    if errors or kb is None:
        raise KnowledgeBaseError(errors)
    return kb


# ---------------------------------------------------------------------------------------
# Masters

def _sources(reader: _Reader, path: Path, meta: Any) -> dict[str, Source]:
    out: dict[str, Source] = {}
    raw = meta.get("sources") if isinstance(meta, dict) else None
    if not isinstance(raw, dict) or not raw:
        reader.problem(path, "sources", "must list the sources rules may cite (id: {title, url}).")
        return out
    for key, value in raw.items():
        if not isinstance(value, dict) or not value.get("title") or not str(value.get("url", "")).startswith("https://"):
            reader.problem(path, f"sources.{key}", "needs a title and a url starting with https://.")
            continue
        out[key] = Source(key, str(value["title"]), str(value["url"]))
    return out


def _read_master(reader: _Reader, kind: str, path: Path, sources: dict[str, Source]) -> Entry | None:
    post = reader.read_markdown(path)
    if post is None:
        return None
    meta = post.metadata
    unknown = set(meta) - MASTER_KEYS[kind]
    for key in sorted(unknown):
        hint = " Translations go in content/<locale>/, not here." if key in ("translates", "source_hash") else ""
        reader.problem(path, key, f"'{key}' is not a key a {kind[:-1]} file may have. "
                                  f"Allowed: {', '.join(sorted(MASTER_KEYS[kind]))}.{hint}")
    missing = REQUIRED_KEYS[kind] - set(meta)
    for key in sorted(missing):
        reader.problem(path, key, f"'{key}' is missing; every {kind[:-1]} file needs it (see content/README.md).")
    if missing:
        return None
    entry_id = str(meta["id"])
    if entry_id != path.stem:
        reader.problem(path, "id", f"the id '{entry_id}' must match the file name '{path.stem}'. "
                                   "Rename the file or change the id.")
    body = post.content.strip()
    if kind in ("rules", "guides", "services", "routes") and not body:
        reader.problem(path, "(body)", "has no explanation below the front matter. Write one for parents.")
    fields = {key: meta[key] for key in TEXT_KEYS[kind] if key in meta and key not in ("title", "phrases")}
    phrases = _string_list(reader, path, "phrases", meta.get("phrases", []))
    title = str(meta.get("title") or meta.get("name") or "")
    if kind == "services":
        fields["match_why"] = [str(m.get("why", "")) for m in meta.get("match") or [] if isinstance(m, dict)]
    text = Text(title=title, body_markdown=body, fields=fields, phrases=tuple(phrases), render=render_markdown)
    common = {"kind": kind, "id": entry_id, "path": str(path.relative_to(reader.root)), "texts": {"en": text}}
    builder: Callable[..., Entry | None] = {
        "rules": _rule, "routes": _route, "deadlines": _deadline, "services": _service, "guides": _guide,
    }[kind]
    entry = builder(reader, path, meta, sources, common)
    if entry is not None:
        entry.master_hash = text_hash(_translatable(kind, meta, body))
    return entry


def _translatable(kind: str, meta: dict, body: str) -> dict:
    payload = {key: meta.get(key) for key in TEXT_KEYS[kind] if key in meta}
    if kind == "services":
        payload["match_why"] = [m.get("why") for m in meta.get("match") or [] if isinstance(m, dict)]
    if kind == "rules" and isinstance(meta.get("list_check"), dict):
        payload["list_labels"] = meta["list_check"].get("labels")
    payload["body"] = body
    return payload


def _string_list(reader: _Reader, path: Path, key: str, value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        reader.problem(path, key, "must be a list of text items, e.g. [\"first\", \"second\"].")
        return []
    return value


def _source_refs(reader: _Reader, path: Path, value: Any, sources: dict[str, Source],
                 required: bool = True) -> tuple[SourceRef, ...]:
    if not isinstance(value, list) or (required and not value):
        reader.problem(path, "sources", "must list at least one source: "
                                        "- {source: guidance, ref: \"para 20\", status: P}")
        return ()
    refs = []
    for index, item in enumerate(value):
        key = f"sources[{index}]"
        if not isinstance(item, dict):
            reader.problem(path, key, "must be {source: ..., ref: ..., status: V|P|U}.")
            continue
        source, ref, status = item.get("source"), item.get("ref"), item.get("status")
        if source not in sources:
            reader.problem(path, f"{key}.source", f"'{source}' is not in the sources list in content/kb.yaml. "
                                                  f"Use one of: {', '.join(sorted(sources))}, or add it there.")
            continue
        if not ref:
            reader.problem(path, f"{key}.ref", "say which paragraph, regulation or section (e.g. \"reg 5\").")
            continue
        if status not in SOURCE_STATUSES:
            reader.problem(path, f"{key}.status", "must be V (verified), P (paragraph from a secondary "
                                                  "source) or U (unverified).")
            continue
        refs.append(SourceRef(source, str(ref), status, str(item.get("note", ""))))
    return tuple(refs)


def _order(reader: _Reader, path: Path, meta: dict) -> int:
    value = meta.get("order", 0)
    if isinstance(value, bool) or not isinstance(value, int):
        reader.problem(path, "order", "must be a whole number.")
        return 0
    return value


def _rule(reader: _Reader, path: Path, meta: dict, sources: dict[str, Source], common: dict) -> Rule | None:
    if meta["severity"] not in SEVERITIES:
        reader.problem(path, "severity", f"must be one of: {', '.join(SEVERITIES)}.")
    scope = meta.get("scope", "state_school")
    if scope not in SCOPES:
        reader.problem(path, "scope", f"must be one of: {', '.join(SCOPES)}.")
    when = reader.condition(path, "when", meta["when"])
    list_check = _list_check(reader, path, meta.get("list_check"))
    rule = Rule(**common, severity=meta["severity"], scope=scope, when=when,
                sources=_source_refs(reader, path, meta["sources"], sources),
                services=tuple(_string_list(reader, path, "services", meta.get("services", []))),
                related=tuple(_string_list(reader, path, "related", meta.get("related", []))),
                list_check=list_check, order=_order(reader, path, meta))
    if list_check is not None:
        rule.texts["en"].fields["list_labels"] = list_check["labels"]
    return rule


def _list_check(reader: _Reader, path: Path, data: Any) -> dict | None:
    """Items a list fact must contain, each required always (true) or when a condition holds."""
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) - {"fact", "items", "labels"}:
        reader.problem(path, "list_check", "must have fact, items and labels (see content/README.md).")
        return None
    fact = data.get("fact")
    spec = FACTS.get(fact)
    if spec is None or spec.type != "list":
        reader.problem(path, "list_check.fact", f"'{fact}' is not a list fact.")
        return None
    items: dict[str, Node | bool] = {}
    labels = data.get("labels") or {}
    for item, requirement in (data.get("items") or {}).items():
        key = f"list_check.items.{item}"
        if item not in spec.values:
            reader.problem(path, key, f"'{item}' is not a value of '{fact}'. Use: {', '.join(spec.values)}.")
            continue
        if not isinstance(labels.get(item), str):
            reader.problem(path, f"list_check.labels.{item}", "give a plain label for this item.")
        if requirement is True:
            items[item] = True
        else:
            node = reader.condition(path, key, requirement)
            if node is not None:
                items[item] = node
    return {"fact": fact, "items": items, "labels": labels}


def _route(reader: _Reader, path: Path, meta: dict, sources: dict[str, Source], common: dict) -> Route:
    return Route(**common, order=_order(reader, path, meta), when=reader.condition(path, "when", meta["when"]))


def _deadline(reader: _Reader, path: Path, meta: dict, sources: dict[str, Source], common: dict) -> Deadline:
    compute = meta["compute"]
    if not isinstance(compute, dict) or compute.get("method") not in COMPUTE_METHODS:
        reader.problem(path, "compute.method", f"must be one of: {', '.join(COMPUTE_METHODS)}.")
        compute = {}
    else:
        required, optional = COMPUTE_METHODS[compute["method"]]
        given = set(compute) - {"method"}
        for key in sorted(required - given):
            reader.problem(path, f"compute.{key}", f"the method '{compute['method']}' needs '{key}'.")
        for key in sorted(given - required - optional):
            reader.problem(path, f"compute.{key}", f"the method '{compute['method']}' does not use '{key}'.")
        starts = compute.get("from")
        for fact in ([starts] if isinstance(starts, str) else starts or []):
            if FACTS.get(fact) is None or FACTS[fact].type != "date":
                reader.problem(path, "compute.from", f"'{fact}' is not a date fact.")
        for key in ("count", "n", "months"):
            if key in compute and (isinstance(compute[key], bool) or not isinstance(compute[key], int) or compute[key] < 1):
                reader.problem(path, f"compute.{key}", "must be a whole number of 1 or more.")
        if "minus" in compute and compute["minus"] not in FACTS:
            reader.problem(path, "compute.minus", f"'{compute['minus']}' is not a fact.")
        posted = compute.get("posted")
        if posted is not None and (not isinstance(posted, dict) or posted.get("fact") not in FACTS
                                   or not isinstance(posted.get("working_days"), int)):
            reader.problem(path, "compute.posted", "must be {fact: <how it was sent>, working_days: 2}.")
    scope = meta.get("scope", "state_school")
    if scope not in SCOPES:
        reader.problem(path, "scope", f"must be one of: {', '.join(SCOPES)}.")
    return Deadline(**common, scope=scope, when=reader.condition(path, "when", meta["when"]), compute=compute,
                    sources=_source_refs(reader, path, meta["sources"], sources),
                    order=_order(reader, path, meta))


def _service(reader: _Reader, path: Path, meta: dict, sources: dict[str, Source], common: dict) -> Service:
    status = meta.get("status")
    if status not in SERVICE_STATUSES:
        reader.problem(path, "status", f"must be one of: {', '.join(SERVICE_STATUSES)}.")
    if status in ("uncertain", "closed") and not meta.get("status_note"):
        reader.problem(path, "status_note", "say in one sentence what is uncertain and where its work went.")
    url, phone, email = (str(meta.get(key) or "").strip() for key in ("url", "phone", "email"))
    _check_contact(reader, path, status, url, phone, email)
    phone_confirmed = meta.get("phone_confirmed", False)
    if not isinstance(phone_confirmed, bool):
        reader.problem(path, "phone_confirmed", "must be true or false.")
        phone_confirmed = False
    represents = tuple(_string_list(reader, path, "represents", meta.get("represents", [])))
    for item in represents:
        if item not in REPRESENTS:
            reader.problem(path, "represents", f"'{item}' should be one of: {', '.join(REPRESENTS)}.")
    topics = tuple(_string_list(reader, path, "topics", meta.get("topics", [])))
    for item in topics:
        if item not in TOPICS:
            reader.problem(path, "topics", f"'{item}' should be one of: {', '.join(TOPICS)}.")
    last_checked = _last_checked(reader, path, meta.get("last_checked"))
    matches = []
    raw_matches = meta.get("match") or []
    if not isinstance(raw_matches, list):
        reader.problem(path, "match", "must be a list of {when, weight, why}.")
        raw_matches = []
    for index, item in enumerate(raw_matches):
        key = f"match[{index}]"
        if not isinstance(item, dict) or not item.get("why") or "when" not in item:
            reader.problem(path, key, "each match needs when, weight and why.")
            continue
        weight = item.get("weight", 50)
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
            reader.problem(path, f"{key}.weight", "must be a whole number from 0 to 100.")
            continue
        node = reader.condition(path, f"{key}.when", item["when"])
        if node is not None:
            matches.append(ServiceMatch(node, weight, f"match_why.{index}"))
    if status != "active" and matches:
        reader.problem(path, "match", "only an active service may be recommended; remove the matches "
                                      "or mark it active once its status is confirmed.")
    scope = meta.get("scope", "england")
    if scope not in ("england", "any"):
        reader.problem(path, "scope", "must be england (the default) or any (for services outside England).")
    return Service(**common, url=url, phone=phone, email=email, status=status or "uncertain", scope=scope,
                   represents=represents, last_checked=last_checked,
                   checked_against=str(meta.get("checked_against", "")), matches=tuple(matches),
                   local_authorities=tuple(_string_list(reader, path, "local_authorities",
                                                        meta.get("local_authorities", []))),
                   replaces=tuple(_string_list(reader, path, "replaces", meta.get("replaces", []))),
                   topics=topics, phone_confirmed=phone_confirmed,
                   successors=tuple(_string_list(reader, path, "successors", meta.get("successors", []))))


def _check_contact(reader: _Reader, path: Path, status: Any, url: str, phone: str, email: str) -> None:
    """A recommended service needs a way to reach it, written so that a phone can dial it
    and a browser can open it."""
    if url and not url.startswith("https://"):
        reader.problem(path, "url", f"'{url}' must start with https:// (a secure web address).")
    if phone and not _PHONE.fullmatch(phone.replace(" ", "")):
        reader.problem(path, "phone", f"'{phone}' is not a UK phone number. Write it with its area code, "
                                      "e.g. 0808 800 4104.")
    if email and not _EMAIL.fullmatch(email):
        reader.problem(path, "email", f"'{email}' is not an email address.")
    if status == "active" and not (url or phone or email):
        reader.problem(path, "url", "a service needs at least one way to reach it: a web address, phone or email.")


def _last_checked(reader: _Reader, path: Path, value: Any) -> dt.date | None:
    if not isinstance(value, dt.date):
        reader.problem(path, "last_checked", "must be a date written YYYY-MM-DD.")
        return None
    if value > reader.today:
        reader.problem(path, "last_checked", f"{value.isoformat()} is in the future. Write the date the "
                                             "details were last checked.")
    elif reader.today > _months_after(value, RECHECK_MONTHS):
        reader.problem(path, "last_checked", f"the contact details were last checked on {value.isoformat()}, "
                                             f"more than {RECHECK_MONTHS} months ago. Check the phone number, "
                                             "website and status again, then update last_checked.", WARNING)
    return value


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _local_authorities(reader: _Reader, path: Path) -> dict[str, LocalAuthority]:
    data = reader.read_yaml(path)
    items = data.get("local_authorities") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        if data is not None:
            reader.problem(path, "local_authorities", "must be a list of {id, name, region}.")
        return {}
    out: dict[str, LocalAuthority] = {}
    for index, item in enumerate(items):
        key = f"local_authorities[{index}]"
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            reader.problem(path, key, "each council needs an id, a name and a region.")
            continue
        la_id, name, region = str(item["id"]), str(item["name"]), item.get("region")
        if not _ID.fullmatch(la_id):
            reader.problem(path, f"{key}.id", f"'{la_id}' must be lower case letters and numbers joined by "
                                              "underscores, e.g. west_northamptonshire.")
            continue
        if la_id in out:
            reader.problem(path, f"{key}.id", f"'{la_id}' is listed twice. Each council once.")
            continue
        if region not in REGIONS:
            reader.problem(path, f"{key}.region", f"'{region}' is not a region. Use one of: {', '.join(REGIONS)}.")
            continue
        out[la_id] = LocalAuthority(la_id, name, region, str(item.get("also") or ""))
    return dict(sorted(out.items(), key=lambda pair: pair[1].name.lower()))


def _check_services(reader: _Reader, services: dict[str, Entry],
                    local_authorities: dict[str, LocalAuthority]) -> None:
    for service in services.values():
        for la_id in getattr(service, "local_authorities", ()):
            if la_id not in local_authorities:
                reader.problem(service.path, "local_authorities", f"'{la_id}' is not a council id in "
                                                                  "content/local_authorities.yaml.")
        for key in ("replaces", "successors"):
            for target in getattr(service, key, ()):
                if target not in services or target == service.id:
                    reader.problem(service.path, key, f"names '{target}', which is not another service in "
                                                      "content/en/services/.")
        if getattr(service, "status", "") != "active" and not getattr(service, "successors", ()):
            reader.problem(service.path, "successors", "say which services now do this work, "
                                                       "so parents are sent somewhere that helps.")
        if getattr(service, "replaces", ()) and not getattr(service, "local_authorities", ()):
            reader.problem(service.path, "replaces", "only a local service (one with local_authorities) can "
                                                     "stand in for another.")


def _guide(reader: _Reader, path: Path, meta: dict, sources: dict[str, Source], common: dict) -> Guide:
    return Guide(**common, related=tuple(_string_list(reader, path, "related", meta.get("related", []))),
                 sources=_source_refs(reader, path, meta["sources"], sources))


def _questions(reader: _Reader, path: Path, lists: dict[str, dict[str, LocalAuthority]],
               mentions: list[tuple[str, str, Any]]) -> dict[str, Question]:
    data = reader.read_yaml(path)
    out: dict[str, Question] = {}
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        if data is not None:
            reader.problem(path, "questions", "must be a list of questions (see content/README.md).")
        return out
    for index, item in enumerate(data["questions"]):
        key = f"questions[{index}]"
        if not isinstance(item, dict) or not item.get("fact") or not item.get("text"):
            reader.problem(path, key, "each question needs a fact and text.")
            continue
        fact = item["fact"]
        spec = FACTS.get(fact)
        if spec is None:
            reader.problem(path, f"{key}.fact", f"'{fact}' is not a fact (see docs/facts.md).")
            continue
        if fact in out:
            reader.problem(path, f"{key}.fact", f"'{fact}' already has a question; ask each fact once.")
            continue
        options = item.get("options") or {}
        if spec.values_from:
            if options:
                reader.problem(path, f"{key}.options", f"the answers come from {spec.values_from}; "
                                                       "remove the options here.")
            options = {entry.id: entry.label for entry in lists.get(spec.values_from, {}).values()}
        elif spec.type in ("choice", "list"):
            if not isinstance(options, dict) or not options:
                reader.problem(path, f"{key}.options", "list the answers as value: label.")
                options = {}
            for value in options:
                if value not in spec.values:
                    reader.problem(path, f"{key}.options.{value}",
                                   f"'{value}' is not a value of '{fact}'. Use: {', '.join(spec.values)}.")
        show_if = reader.condition(path, f"{key}.show_if", item["show_if"]) if item.get("show_if") else None
        for value, phrases in _mentions(reader, path, f"{key}.mentions", fact, item.get("mentions")):
            mentions.extend((phrase, fact, value) for phrase in phrases)
        fields = {"hint": str(item.get("hint") or "").strip(), "options": {str(k): str(v) for k, v in options.items()},
                  "dont_know_label": str(item.get("dont_know_label") or "").strip(),
                  "summary": str(item.get("summary") or "").strip()}
        text = Text(title=str(item["text"]).strip(), fields=fields, phrases=tuple(item.get("phrases") or ()))
        question = Question(kind="questions", id=fact, path=str(path.relative_to(reader.root)),
                            texts={"en": text}, fact=fact, type=spec.type, options=tuple(options),
                            dont_know=bool(item.get("dont_know")), show_if=show_if,
                            show_if_raw=item.get("show_if"), order=index)
        # A list's names (councils) are not translated, so adding one leaves translations current.
        hashed = {**fields, "options": {}} if spec.values_from else fields
        question.master_hash = text_hash({"text": text.title, **hashed})
        out[fact] = question
    return out


def _check_links(reader: _Reader, entries: dict[str, dict[str, Entry]]) -> None:
    for kind in ("rules", "guides"):
        for entry in entries[kind].values():
            for target in getattr(entry, "related", ()):
                target_kind, _, target_id = target.partition("/")
                if target_kind not in entries or target_id not in entries[target_kind]:
                    reader.problem(entry.path, "related", f"links to '{target}', which does not exist. "
                                                          "Use guides/<id>, rules/<id> or services/<id>.")
    for rule in entries["rules"].values():
        for service in getattr(rule, "services", ()):
            if service not in entries["services"]:
                reader.problem(rule.path, "services", f"names service '{service}', which has no file in "
                                                      "content/en/services/.")


def _check_question_coverage(reader: _Reader, entries: dict[str, dict[str, Entry]],
                             questions: dict[str, Question], root: Path) -> None:
    """Every fact a rule depends on needs a question, so `missing` can always ask it."""
    from ..core.derived import DERIVED

    needed: dict[str, str] = {}
    for kind in ("rules", "routes", "deadlines"):
        for entry in entries[kind].values():
            when = getattr(entry, "when", None)
            for fact in (when.facts() if when else set()):
                for base in (DERIVED[fact].depends_on if fact in DERIVED else (fact,)):
                    needed.setdefault(base, entry.path)
    for fact, where in sorted(needed.items()):
        if fact not in questions and questions:
            reader.problem(root / "en" / "questions.yaml", "questions",
                           f"no question asks for '{fact}', which {where} depends on. Add one.")


# ---------------------------------------------------------------------------------------
# Translations

def _read_translations(reader: _Reader, kb: KnowledgeBase, locale: str) -> None:
    folder = reader.root / locale
    masters: dict[str, Entry] = {}
    for kind in KINDS:
        collection = getattr(kb, kind)
        for entry in (collection.values() if isinstance(collection, dict) else collection):
            masters[entry.path.removeprefix("en/")] = entry
    seen: set[str] = set()
    for path in sorted(folder.glob("*/*.md")) if folder.exists() else []:
        if path.parent.name == "letters":
            continue  # letters have their own format: _read_translated_letters
        post = reader.read_markdown(path)
        if post is None:
            continue
        target = str(post.metadata.get("translates", ""))
        master = masters.get(target)
        if master is None:
            reader.problem(path, "translates", f"names '{target}', which is not an English file. "
                                               "Write the path inside content/en/, e.g. rules/unlawful_reason.md.")
            continue
        if target != str(path.relative_to(folder)):
            reader.problem(path, "translates", f"translates '{target}' but is saved as "
                                               f"'{path.relative_to(folder)}'. Use the same path as the master.")
            continue
        allowed = set(TEXT_KEYS[master.kind]) | {"translates", "source_hash"}
        for key in sorted(set(post.metadata) - allowed):
            reader.problem(path, key, f"a translation holds only text; '{key}' belongs in the English "
                                      f"master {master.path}. Remove it here.")
        seen.add(target)
        expected = master.master_hash
        if str(post.metadata.get("source_hash")) != expected:  # YAML reads an all-digit hash as a number
            reader.problem(path, "source_hash", f"the English master {master.path} has changed since this "
                                                f"translation was made. Update the text, then set source_hash: "
                                                f"{expected}", STALE)
            continue
        body = post.content.strip()
        fields = {key: post.metadata[key] for key in TEXT_KEYS[master.kind]
                  if key in post.metadata and key not in ("title", "phrases")}
        master.texts[locale] = Text(title=str(post.metadata.get("title") or master.texts["en"].title),
                                    body_markdown=body, fields=fields,
                                    phrases=tuple(post.metadata.get("phrases") or ()), render=render_markdown)
    for target, master in masters.items():
        if target not in seen:
            reader.problem(f"{locale}/{target}", "(file)", f"has no {locale} translation yet; "
                                                           "the English text is shown.", MISSING)
    _read_translated_questions(reader, kb, locale)
    _read_translated_letters(reader, kb, locale)
    _read_phrases(reader, kb, locale)
    general = reader.root / locale / "general.yaml"
    if general.exists():
        data = reader.read_yaml(general)
        if isinstance(data, dict) and isinstance(data.get("texts"), dict):
            kb.general_texts[locale] = {k: str(v) for k, v in data["texts"].items() if k in kb.general_texts["en"]}


def _read_translated_questions(reader: _Reader, kb: KnowledgeBase, locale: str) -> None:
    path = reader.root / locale / "questions.yaml"
    if not path.exists():
        reader.problem(f"{locale}/questions.yaml", "(file)", "has no translation yet; English is shown.", MISSING)
        return
    data = reader.read_yaml(path)
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, dict):
        reader.problem(path, "questions", "must map each fact to its translated question.")
        return
    for fact, item in items.items():
        question = kb.questions.get(fact)
        if question is None or not isinstance(item, dict):
            reader.problem(path, f"questions.{fact}", f"'{fact}' has no English question to translate.")
            continue
        expected = question.master_hash
        if str(item.get("source_hash")) != expected:
            reader.problem(path, f"questions.{fact}.source_hash", "the English question changed; update the "
                                                                  f"text, then set source_hash: {expected}", STALE)
            continue
        question.texts[locale] = Text(title=str(item.get("text", "")), fields={
            "hint": str(item.get("hint", "")), "options": dict(item.get("options") or {}),
            "dont_know_label": str(item.get("dont_know_label", "")), "summary": str(item.get("summary", ""))},
            phrases=tuple(item.get("phrases") or ()))
    for fact in kb.questions:
        if fact not in items:
            reader.problem(path, f"questions.{fact}", "is not translated yet; English is shown.", MISSING)


# ---------------------------------------------------------------------------------------
# How parents say things: search words and fact mentions per language

def _mentions(reader: _Reader, path: Path | str, key: str, fact: str, data: Any) -> list[tuple[Any, list[str]]]:
    """`{value: [phrase, ...]}` for one fact, checked; bool facts use true/false as values."""
    if data in (None, {}):
        return []
    spec = FACTS.get(fact)
    if spec is None or not isinstance(data, dict):
        reader.problem(path, key, "must map each answer to a list of phrases, e.g. {ehc_plan: [\"ehcp\"]}.")
        return []
    out = []
    for value, phrases in data.items():
        if spec.type == "bool":
            ok = isinstance(value, bool)
        else:
            ok = value in spec.values
        if not ok:
            allowed = "true or false" if spec.type == "bool" else ", ".join(spec.values)
            reader.problem(path, f"{key}.{value}", f"'{value}' is not an answer to '{fact}'. Use: {allowed}.")
            continue
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            reader.problem(path, f"{key}.{value}", "must be a list of phrases.")
            continue
        out.append((value, [" ".join(p.lower().split()) for p in phrases]))
    return out


def _read_phrases(reader: _Reader, kb: KnowledgeBase, locale: str) -> None:
    path = reader.root / locale / "phrases.yaml"
    if not path.exists():
        return
    data = reader.read_yaml(path)
    if not isinstance(data, dict):
        reader.problem(path, "(file)", "must have 'search:' and/or 'mentions:' sections (see content/README.md).")
        return
    search = data.get("search") or {}
    found: dict[str, tuple[str, ...]] = {}
    if not isinstance(search, dict):
        reader.problem(path, "search", "must map entries (rules/<id>, guides/<id>) to lists of phrases.")
        search = {}
    for target, phrases in search.items():
        kind, _, entry_id = str(target).partition("/")
        collection = getattr(kb, kind, None) if kind in ("rules", "guides") else None
        if collection is None or entry_id not in collection:
            reader.problem(path, f"search.{target}", f"'{target}' is not a rule or guide. Write rules/<id> or guides/<id>.")
            continue
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            reader.problem(path, f"search.{target}", "must be a list of phrases.")
            continue
        found[str(target)] = tuple(phrases)
    kb.search_phrases[locale] = found
    mentions = data.get("mentions") or {}
    if not isinstance(mentions, dict):
        reader.problem(path, "mentions", "must map facts to {answer: [phrases]}.")
        return
    out: list[tuple[str, str, Any]] = []
    for fact, values in mentions.items():
        if fact not in kb.questions:
            reader.problem(path, f"mentions.{fact}", f"'{fact}' is not a fact with a question.")
            continue
        for value, phrases in _mentions(reader, path, f"mentions.{fact}", fact, values):
            out.extend((phrase, fact, value) for phrase in phrases)
    kb.mentions[locale] = out


# ---------------------------------------------------------------------------------------
# Letter templates (guidance_app/letters/template.py explains the format)

LETTER_MASTER_KEYS = {"id", "title", "summary", "filename", "when", "requests", "documents", "fallbacks", "words"}
LETTER_TEXT_KEYS = ("title", "summary", "requests", "documents", "fallbacks", "words")


def _letters(reader: _Reader, folder: Path) -> dict[str, LetterKind]:
    out: dict[str, LetterKind] = {}
    for path in sorted(folder.glob("*.md")):
        post = reader.read_markdown(path)
        if post is None:
            continue
        meta = post.metadata
        for key in sorted(set(meta) - LETTER_MASTER_KEYS):
            reader.problem(path, key, f"'{key}' is not a key a letter file may have. "
                                      f"Allowed: {', '.join(sorted(LETTER_MASTER_KEYS))}.")
        missing = {"id", "title", "filename", "when"} - set(meta)
        for key in sorted(missing):
            reader.problem(path, key, f"'{key}' is missing; every letter file needs it.")
        if missing:
            continue
        if str(meta["id"]) != path.stem:
            reader.problem(path, "id", f"the id '{meta['id']}' must match the file name '{path.stem}'.")
            continue
        template = _letter_template(reader, path, meta, post.content, None)
        when = reader.condition(path, "when", meta["when"])
        if template is None or when is None:
            continue
        kind = LetterKind(id=template.id, path=str(path.relative_to(reader.root)), when=when,
                          templates={"en": template})
        kind.master_hash = text_hash({**{key: meta.get(key) for key in LETTER_TEXT_KEYS}, "body": post.content.strip()})
        out[kind.id] = kind
    return out


def _letter_template(reader: _Reader, path: Path, meta: dict, body: str,
                     master: LetterTemplate | None) -> LetterTemplate | None:
    try:
        blocks = parse_body(body)
        for index, block in enumerate(blocks):
            check_condition(block.condition, f"block {index + 1}")
    except TemplateError as exc:
        reader.problem(path, exc.where, exc.message)
        return None
    texts: dict[str, dict[str, str]] = {}
    for key in ("requests", "documents", "fallbacks", "words"):
        value = meta.get(key) if meta.get(key) is not None else ({} if master is None else getattr(master, key))
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            reader.problem(path, key, "must map each name to a line of text.")
            value = {}
        texts[key] = {str(k): str(v) for k, v in value.items()}
    for name in texts["fallbacks"]:
        if name not in PLACEHOLDERS:
            reader.problem(path, f"fallbacks.{name}", f"'{name}' is not a detail letters know.")
    if master is None:
        for word in WORDS:
            if word not in texts["words"]:
                reader.problem(path, f"words.{word}", "give the word the letter uses for this.")
        for key in ("requests", "documents"):
            for name in texts[key]:
                allowed = REQUEST_OPTIONS if key == "requests" else DOCUMENT_OPTIONS
                if name not in allowed:
                    reader.problem(path, f"{key}.{name}", f"'{name}' is not one the letter form offers. "
                                                          f"Use: {', '.join(allowed)}.")
    else:
        if tuple(block.shape() for block in blocks) != tuple(block.shape() for block in master.blocks):
            reader.problem(path, "(body)", "must have the same blocks as the English letter, in the same order "
                                           "(headings, [[...]] lines and {if: ...} flags), so that each "
                                           "paragraph can be shown beside its English.")
            return None
        for key in ("requests", "documents", "fallbacks", "words"):
            for name in sorted(set(getattr(master, key)) - set(texts[key])):
                reader.problem(path, f"{key}.{name}", "is not translated; give it here.")
                return None
    return LetterTemplate(id=str(meta.get("id") or path.stem), title=str(meta.get("title") or ""),
                          summary=str(meta.get("summary") or ""), filename=str(meta.get("filename") or path.stem),
                          blocks=blocks, **texts)


def _read_translated_letters(reader: _Reader, kb: KnowledgeBase, locale: str) -> None:
    folder = reader.root / locale / "letters"
    for kind in kb.letters.values():
        path = folder / f"{kind.id}.md"
        if not path.exists():
            reader.problem(f"{locale}/letters/{kind.id}.md", "(file)", f"has no {locale} translation yet; "
                                                                       "the English letter is shown.", MISSING)
            continue
        post = reader.read_markdown(path)
        if post is None:
            continue
        if str(post.metadata.get("source_hash")) != kind.master_hash:
            reader.problem(path, "source_hash", f"the English letter {kind.path} has changed since this "
                                                f"translation was made. Update the text, then set source_hash: "
                                                f"{kind.master_hash}", STALE)
            continue
        master = kind.templates["en"]
        meta = {**post.metadata, "id": kind.id, "filename": master.filename}
        template = _letter_template(reader, path, meta, post.content, master)
        if template is not None:
            kind.templates[locale] = template


__all__ = ["load", "load_or_raise", "Problem", "KnowledgeBaseError", "WARNING", "STALE", "MISSING", "ERROR",
           "render_markdown", "text_hash"]
