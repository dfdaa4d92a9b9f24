"""Facts in, assessment out: the one place where the rules meet a family's case.

Pure and deterministic: the same facts and knowledge base always give the same assessment.
Nothing here knows about Flask, HTTP or the database.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping
from html import escape
from dataclasses import dataclass, field
from typing import Any

from .calendar import SchoolCalendar, months_later_less_one_day, working_days_after
from .conditions import Result
from .derived import Lookup, as_json as derived_json, base_lookup, derive
from .facts import FactError, Facts, InvalidFacts, parse_facts
from .model import SEVERITIES, Deadline, KnowledgeBase, Rule, Service, SourceRef

OUT_OF_ENGLAND = ("wales", "scotland", "northern_ireland")


@dataclass
class Assessment:
    facts: Facts
    derived: dict[str, Lookup]
    route: str
    route_title: str
    route_html: str
    findings: list[dict[str, Any]]
    deadlines: list[dict[str, Any]]
    services: list[dict[str, Any]]
    missing: list[dict[str, str]]
    locale: str
    law_as_at: dt.date
    guidance_version: str
    notes: list[str] = field(default_factory=list)
    route_text_locale: str = "en"  # the language route_title and route_html are in

    def finding_ids(self) -> list[str]:
        return [finding["id"] for finding in self.findings]

    def deadline_dates(self) -> dict[str, str]:
        return {deadline["id"]: deadline["date"] for deadline in self.deadlines}

    def to_json(self) -> dict[str, Any]:
        return {
            "facts": self.facts.as_json(),
            "derived": derived_json(self.derived),
            "route": self.route,
            "process": {"id": self.route, "title": self.route_title, "explanation_html": self.route_html,
                        "text_locale": self.route_text_locale},
            "findings": self.findings,
            "deadlines": self.deadlines,
            "services": self.services,
            "missing": self.missing,
            "locale": self.locale,
            "law_as_at": self.law_as_at.isoformat(),
            "guidance_version": self.guidance_version,
        }


class _Case:
    """One evaluation: facts, totals, calendar and what turned out to be unknown."""

    def __init__(self, facts: Facts, kb: KnowledgeBase, locale: str) -> None:
        self.facts = facts
        self.kb = kb
        self.locale = locale if locale in kb.locales else "en"
        self.derived = derive(facts, kb.regions)
        self.calendar = SchoolCalendar(facts.get("closure_dates") or ())
        self.unknown: set[str] = set()
        self._lookups: dict[str, Lookup] = dict(self.derived)

    def lookup(self, name: str) -> Lookup:
        found = self._lookups.get(name)
        if found is None:
            found = self._lookups[name] = base_lookup(self.facts, name)
        return found

    def check(self, node: Any) -> Result:
        if node is None:
            return Result(True)
        result = node.evaluate(self.lookup)
        self.unknown |= result.unknown | result.assumed
        return result

    def in_scope(self, scope: str) -> bool | None:
        """Whether an entry with this scope applies; None when the scope cannot be decided."""
        if scope == "any":
            return True
        country = self.facts.get("country")
        if country in OUT_OF_ENGLAND:
            return False
        if country is None:
            self.unknown.add("country")  # assumed England, and asked
        if scope == "england":
            return True
        school = self.facts.get("school_type")
        if school == "independent":
            return False
        if school in (None, "unknown"):
            self.unknown.add("school_type")  # assumed a state school, and asked
        return True


def assess(facts: Mapping[str, Any] | Facts, locale: str = "en", kb: KnowledgeBase | None = None) -> Assessment:
    """Assess a case. Raises InvalidFacts (naming each bad fact) for input that cannot be used."""
    if kb is None:
        from ..knowledge import knowledge_base

        kb = knowledge_base()
    checked = facts if isinstance(facts, Facts) else parse_facts(facts)
    _check_listed(checked, kb)
    case = _Case(checked, kb, locale)

    route = _route(case)
    findings = _findings(case)
    deadlines = _deadlines(case)
    services = _services(case)
    if case.facts.get("country") in OUT_OF_ENGLAND:
        case.unknown.clear()  # nothing else can be decided under this app's law
    route_text = route.text(case.locale) if route else None
    return Assessment(
        facts=checked, derived=case.derived,
        route=route.id if route else "unknown",
        route_title=route_text.title if route_text else kb.general("route_unknown_title", case.locale),
        route_html=route_text.body_html if route_text else "",
        route_text_locale=(case.locale if route is None or case.locale in route.texts else "en")
        if route is not None else (case.locale if case.locale in case.kb.general_texts else "en"),
        findings=findings, deadlines=deadlines, services=services,
        missing=_missing(case),
        locale=case.locale, law_as_at=kb.law_as_at, guidance_version=kb.guidance_version,
    )


def _route(case: _Case):
    """The first route whose condition holds; none if an earlier one cannot be decided."""
    for route in case.kb.routes:
        result = case.check(route.when)
        if result.value is None:
            return None
        if result.value:
            return route
    return None


def _sources_json(case: _Case, refs: tuple[SourceRef, ...]) -> list[dict[str, str]]:
    out = []
    for ref in refs:
        source = case.kb.sources[ref.source]
        out.append({"title": source.title, "ref": ref.ref, "url": source.url, "status": ref.status})
    return out


def _findings(case: _Case) -> list[dict[str, Any]]:
    findings = []
    for rule in case.kb.rules.values():
        if not case.in_scope(rule.scope):
            continue
        result = case.check(rule.when)
        if not result.value:
            continue
        extra_html = ""
        if rule.list_check is not None:
            missing_items = _missing_list_items(case, rule)
            if not missing_items:
                continue
            extra_html = _items_html(case, rule, missing_items)
        text = rule.text(case.locale)
        findings.append({
            "id": rule.id,
            "severity": rule.severity,
            "title": text.title,
            "explanation_html": text.body_html + extra_html,
            "sources": _sources_json(case, rule.sources),
            "services": list(rule.services),
            "related": list(rule.related),
            "assumed": sorted(result.assumed),
            "next_step": str(text.fields.get("next_step") or rule.texts["en"].fields.get("next_step") or ""),
            "text_locale": case.locale if case.locale in rule.texts else "en",
        })
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda finding: rank[finding["severity"]])
    return findings


def _missing_list_items(case: _Case, rule: Rule) -> list[str]:
    """Required items absent from a list fact. A list not given counts as empty: the rule's
    `when` says when that is meaningful (for the notice: when there was no letter at all)."""
    assert rule.list_check is not None
    present = case.facts.get(rule.list_check["fact"]) or ()
    return [item for item, requirement in rule.list_check["items"].items()
            if item not in present and (requirement is True or case.check(requirement).value)]


def _items_html(case: _Case, rule: Rule, items: list[str]) -> str:
    labels = rule.text(case.locale).fields.get("list_labels") or rule.texts["en"].fields.get("list_labels", {})
    intro = escape(case.kb.general("missing_items_intro", case.locale))
    rows = "".join(f"<li>{escape(labels.get(item, item))}</li>" for item in items)
    return f'<p class="govuk-body">{intro}</p><ul class="govuk-list govuk-list--bullet">{rows}</ul>'


# ---------------------------------------------------------------------------------------
# Deadlines

def _deadlines(case: _Case) -> list[dict[str, Any]]:
    out = []
    for deadline in case.kb.deadlines.values():
        if not case.in_scope(deadline.scope):
            continue
        if not case.check(deadline.when).value:
            continue
        computed = _compute(case, deadline)
        if computed is None:
            continue
        date, notes = computed
        text = deadline.text(case.locale)
        assumptions = [case.kb.general("school_days_assumption", case.locale)]
        if text.fields.get("assumptions"):
            assumptions.insert(0, str(text.fields["assumptions"]).strip())
        assumptions.extend(notes)
        out.append({
            "id": deadline.id,
            "date": date.isoformat(),
            "title": text.title,
            "explanation": text.body_markdown,
            "explanation_html": text.body_html,
            "assumptions": " ".join(assumptions),
            "sources": _sources_json(case, deadline.sources),
            "text_locale": case.locale if case.locale in deadline.texts else "en",
        })
    out.sort(key=lambda item: (item["date"], item["id"]))
    return out


def _start(case: _Case, deadline: Deadline) -> dt.date | None:
    starts = deadline.compute["from"]
    names = [starts] if isinstance(starts, str) else list(starts)
    for name in names:
        if case.facts.get(name) is not None:
            return case.facts.get(name)
    case.unknown.add(names[0])
    return None


def _compute(case: _Case, deadline: Deadline) -> tuple[dt.date, list[str]] | None:
    compute = deadline.compute
    method = compute["method"]
    start = _start(case, deadline)
    if start is None:
        return None
    cal, notes = case.calendar, []
    general = case.kb.general
    if method == "school_days_after":
        posted = compute.get("posted")
        if posted and case.facts.get(posted["fact"]) == "post":
            start = working_days_after(start, posted["working_days"])
            notes.append(general("posted_notice_note", case.locale))
        return cal.school_days_after(start, compute["count"]), notes
    if method == "nth_school_day":
        minus = 0.0
        if compute.get("minus"):
            value = case.facts.get(compute["minus"])
            if value is None:
                case.unknown.add(compute["minus"])
            minus = value or 0
        n = max(1, math.ceil(compute["n"] - minus))
        return cal.nth_school_day(start, n), notes
    if method in ("return_after_suspension", "first_days_end"):
        length = case.derived["this_days"]
        if method == "return_after_suspension":
            if not length.exact:
                case.unknown |= length.unknown
                return None
            if length.value <= 0:
                return None
            if length.value != int(length.value):
                notes.append(general("half_day_return_note", case.locale))
            return cal.nth_school_day(start, math.floor(length.value) + 1), notes
        n = compute["n"]
        if length.exact and 0 < length.value < n:
            n = math.ceil(length.value)
        return cal.nth_school_day(start, n), notes
    if method == "last_school_day_before":
        return cal.last_school_day_before(start), notes
    if method == "months_less_one_day":
        legal, clipped = months_later_less_one_day(start, compute["months"])
        if clipped:
            notes.append(general("month_end_note", case.locale))
        safe = legal if cal.is_school_day(legal) else cal.last_school_day_before(legal)
        if safe != legal:
            notes.append(general("legal_last_day_note", case.locale).format(date=legal.isoformat()))
        return safe, notes
    raise AssertionError(method)  # pragma: no cover - the loader checks methods


# ---------------------------------------------------------------------------------------
# Services and missing facts

def _check_listed(facts: Facts, kb: KnowledgeBase) -> None:
    """Facts whose values come from a list in content/ (parse_facts checks only their form)."""
    la_id = facts.get("local_authority")
    if la_id is not None and la_id not in kb.local_authorities:
        close = difflib.get_close_matches(la_id, kb.local_authorities, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise InvalidFacts([FactError("local_authority", f"'{la_id}' is not an English council we know.{hint} "
                                                         "See GET /api/v1/local-authorities for the ids.")])


def _services(case: _Case) -> list[dict[str, Any]]:
    """The services that fit, most relevant first, each with one line on why.

    A local service is offered only to families in one of its councils, and a named local
    service (Leicestershire's SENDIASS) stands in for the national entry it replaces."""
    chosen: dict[str, tuple[int, Service, str]] = {}
    saved_unknown = set(case.unknown)
    la_id = case.facts.get("local_authority")
    stood_in_for = {replaced for service in case.kb.services.values() for replaced in service.replaces}
    for service in case.kb.services.values():
        if service.status != "active" or not service.matches:
            continue
        if service.scope != "any" and case.facts.get("country") in OUT_OF_ENGLAND:
            continue
        if service.local and la_id not in service.local_authorities:
            continue
        best = None
        for match in service.matches:
            if match.when.evaluate(case.lookup).value:
                if best is None or match.weight > best.weight:
                    best = match
        if best is not None:
            chosen[service.id] = (best.weight, service, _why(case, service, best, service.id in stood_in_for))
    case.unknown = saved_unknown  # services never turn into questions
    for service_id in list(chosen):
        if service_id not in chosen:
            continue
        weight, service, why = chosen[service_id]
        for replaced in service.replaces:
            if replaced in chosen:
                weight = max(weight, chosen.pop(replaced)[0])  # keep the national entry's place
        chosen[service_id] = (weight, service, why)
    ordered = sorted(chosen.values(), key=lambda item: (-item[0], not item[1].local, item[1].id))
    return [_service_json(case, service, why) for _, service, why in ordered]


def _why(case: _Case, service: Service, match: Any, stood_in_for: bool) -> str:
    index = int(match.why_key.split(".")[1])
    whys = service.text(case.locale).fields.get("match_why") or []
    why = whys[index] if index < len(whys) else service.texts["en"].fields["match_why"][index]
    council = case.kb.local_authorities.get(case.facts.get("local_authority"))
    # A national entry that local services stand in for (the SENDIASS directory) is where a
    # family whose council has no local entry looks up its own: name their council.
    if council is not None and stood_in_for:
        why = f"{why} {case.kb.general('sendiass_choose_council', case.locale).format(council=council.name)}"
    return why


def _service_json(case: _Case, service: Service, why: str) -> dict[str, Any]:
    return {**service.as_json(case.locale), "why": why}


def _missing(case: _Case) -> list[dict[str, str]]:
    """Questions that would settle something, in catalogue order, skipping any whose
    `show_if` already rules it out (the questionnaire would not ask it either)."""
    out = []
    for fact, question in case.kb.questions.items():
        if fact not in case.unknown:
            continue
        if question.show_if is not None and question.show_if.evaluate(case.lookup).value is False:
            continue
        out.append({"fact": fact, "question": question.text(case.locale).title})
    return out
