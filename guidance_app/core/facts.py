"""The facts of a case: what each one may hold, and turning raw JSON into checked values.

Why strict: facts arrive from forms, the chat, the API and other charities' systems. A
wrong type or an impossible date must be refused with a message naming the fact, because a
silently misread fact gives a family the wrong deadline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
NOTICE_ITEMS = ("reason", "period", "representations_right", "representations_how", "meeting_right",
                "first_five_days_duty", "education_arrangements", "sixth_day_provision",
                "information_sources")


@dataclass(frozen=True)
class FactSpec:
    """One fact of the contract (section 1) or one we added (documented in docs/facts.md)."""

    name: str
    type: str  # choice, bool, int, number, date, list, date_ranges
    values: tuple[str, ...] = ()
    minimum: float | None = None
    halves: bool = False  # numbers that may be whole or half days
    meaning: str = ""
    # Facts about unusual events count as "no" until someone says otherwise, so that every
    # case is not asked about them. The questions are still in the catalogue.
    default: Any = None
    # A choice whose values are a list in the knowledge base (e.g. local authorities), so
    # that a council or charity can add one without code. Checked against it by `assess`.
    values_from: str = ""


def _choice(name: str, values: str, meaning: str) -> FactSpec:
    return FactSpec(name, "choice", tuple(values.split()), meaning=meaning)


FACTS: dict[str, FactSpec] = {spec.name: spec for spec in (
    _choice("country", "england wales scotland northern_ireland", "where the school is"),
    _choice("school_type", "maintained academy pru special independent unknown", "kind of school"),
    _choice("exclusion_type", "suspension permanent informal unknown", "what the school did"),
    FactSpec("lunchtime", "bool", meaning="the suspension is from lunchtimes only", default=False),
    FactSpec("lunchtimes", "int", minimum=0, meaning="number of lunchtime suspensions this term"),
    FactSpec("decided_by_headteacher", "bool", meaning="the head teacher (or acting head) decided"),
    FactSpec("notice_date", "date", meaning="when the parent was told of the decision"),
    FactSpec("written_notice", "bool", meaning="the parent got the decision in writing"),
    FactSpec("notice_included", "list", values=NOTICE_ITEMS, meaning="what the written notice said"),
    FactSpec("start_date", "date", meaning="first school day of the suspension or exclusion"),
    FactSpec("days", "number", minimum=0, halves=True, meaning="school days of this suspension"),
    FactSpec("consecutive_days_before", "number", minimum=0, halves=True,
             meaning="school days of a suspension that ran straight into this one"),
    FactSpec("compulsory_school_age", "bool", meaning="the child is aged 5 to 16"),
    FactSpec("previous_days_this_term", "number", minimum=0, halves=True,
             meaning="school days of other suspensions earlier this term"),
    FactSpec("previous_days_this_year", "number", minimum=0, halves=True,
             meaning="school days of other suspensions earlier this school year"),
    _choice("reason", "single_incident persistent_disruption academic parent_conduct needs_not_met "
                      "conditions_not_met other not_given", "the reason the school gave"),
    _choice("sen", "none sen_support ehc_plan suspected unknown", "special educational needs"),
    _choice("disability", "yes no unsure", "disability, diagnosed or not"),
    _choice("behaviour_linked_to_needs", "yes no unsure", "the behaviour may be linked to needs"),
    _choice("looked_after", "no looked_after previously_looked_after", "care status"),
    FactSpec("social_worker", "bool", meaning="the child has a social worker"),
    FactSpec("public_exam_missed", "bool", meaning="a public exam or national test will be missed"),
    FactSpec("exam_date", "date", meaning="date of that exam or test"),
    FactSpec("work_set", "bool", meaning="work was set and marked for the first five days"),
    FactSpec("provision_from_day_six", "bool", meaning="full-time education from the sixth day"),
    FactSpec("child_views_heard", "bool", meaning="the child could give their side"),
    FactSpec("converted_from_suspension", "bool", meaning="a suspension was turned into a permanent exclusion"),
    FactSpec("pressured_to_move", "bool", meaning="pressed to move school or home educate"),
    FactSpec("part_time_timetable", "bool", meaning="reduced timetable the parent did not freely agree to"),
    FactSpec("governors_meeting_date", "date", meaning="date of the governing board's meeting"),
    _choice("governors_decision", "upheld reinstated pending", "the governing board's decision"),
    FactSpec("governors_decision_date", "date", meaning="when the parent was given the board's decision"),
    _choice("decision_notice_method", "hand email post", "how the board's decision reached the parent"),
    FactSpec("closure_dates", "date_ranges", meaning="school holidays and training days"),
    # Added to the contract (see docs/facts.md): the review panel stage and tribunal claims.
    FactSpec("irp_application_date", "date", meaning="when the review panel application was made"),
    _choice("irp_decision", "upheld recommend_reconsider quashed pending", "the review panel's decision"),
    FactSpec("irp_decision_date", "date", meaning="when the panel's decision was sent to the parent"),
    _choice("irp_decision_method", "hand email post", "how the panel's decision reached the parent"),
    FactSpec("tribunal_claim_made", "bool", meaning="a disability discrimination claim was made to the tribunal"),
    FactSpec("exclusion_cancelled", "bool", meaning="the head teacher cancelled (withdrew) the exclusion",
             default=False),
    FactSpec("return_refused", "bool", meaning="the school would not let the child back after a suspension "
                                               "until a meeting or other condition", default=False),
    FactSpec("police_involved", "bool", meaning="the police are looking into what happened", default=False),
    FactSpec("other_discrimination", "bool", meaning="the parent thinks race, religion, sex or another protected "
                                                     "characteristic played a part", default=False),
    # Added for matching support services (issue 5): where the family lives, and autism.
    FactSpec("local_authority", "choice", values_from="local_authorities",
             meaning="the English council area the family lives in (an id from content/local_authorities.yaml)"),
    _choice("autism", "yes being_assessed no unsure", "the child is autistic, or is being assessed for autism"),
)}


@dataclass
class FactError:
    fact: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"fact": self.fact, "message": self.message}


class InvalidFacts(ValueError):
    """Raised with every problem found, so a caller can show them all at once."""

    def __init__(self, errors: list[FactError]) -> None:
        super().__init__("; ".join(f"{e.fact}: {e.message}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Facts:
    """Checked facts. `values` holds only the facts that are known (None is never stored)."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def known(self, name: str) -> bool:
        return name in self.values

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in self.values.items():
            if isinstance(value, dt.date):
                out[name] = value.isoformat()
            elif name == "closure_dates":
                out[name] = [[start.isoformat(), end.isoformat()] for start, end in value]
            elif isinstance(value, tuple):
                out[name] = list(value)
            else:
                out[name] = value
        return out


def parse_facts(raw: Any) -> Facts:
    """Check raw JSON facts and return them typed; raise InvalidFacts naming every bad fact.

    A fact given as null counts as not known. "unknown" choices are kept: they are answers
    ("I don't know"), and rules treat them like a missing fact.
    """
    if not isinstance(raw, Mapping):
        raise InvalidFacts([FactError("(facts)", "Send the facts as a JSON object, e.g. {\"exclusion_type\": \"suspension\"}.")])
    errors: list[FactError] = []
    values: dict[str, Any] = {}
    for name, value in raw.items():
        spec = FACTS.get(name)
        if spec is None:
            errors.append(FactError(str(name), _unknown_fact_message(str(name))))
            continue
        if value is None:
            continue
        try:
            values[name] = _parse_value(spec, value)
        except ValueError as exc:
            errors.append(FactError(name, str(exc)))
    if not errors:
        errors.extend(_check_consistency(values))
    if errors:
        raise InvalidFacts(errors)
    return Facts(values)


def _unknown_fact_message(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, FACTS, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"'{name}' is not a fact this service knows.{hint} See the facts list in docs/facts.md."


def _parse_value(spec: FactSpec, value: Any) -> Any:
    kind = spec.type
    if kind == "choice" and spec.values_from:
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise ValueError(f"must be an id from the {spec.values_from} list, in lower case with underscores, "
                             f"e.g. \"leicestershire\" (got {value!r}).")
        return value
    if kind == "choice":
        if not isinstance(value, str) or value not in spec.values:
            raise ValueError(f"must be one of: {', '.join(spec.values)} (got {value!r}).")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false (got {value!r}).")
        return value
    if kind in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number (got {value!r}).")
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("must be a finite number.")
        if kind == "int" and value != int(value):
            raise ValueError(f"must be a whole number (got {value!r}).")
        if spec.minimum is not None and value < spec.minimum:
            raise ValueError(f"must be {spec.minimum:g} or more (got {value!r}).")
        if spec.halves and (value * 2) != int(value * 2):
            raise ValueError(f"must be a whole or half number of days, like 3 or 2.5 (got {value!r}).")
        if value > 10_000:
            raise ValueError(f"is too large to be a number of school days (got {value!r}).")
        return int(value) if kind == "int" or value == int(value) else float(value)
    if kind == "date":
        return _parse_date(value)
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"must be a list of: {', '.join(spec.values)}.")
        bad = [item for item in value if item not in spec.values]
        if bad:
            raise ValueError(f"has unknown item(s) {', '.join(map(repr, bad))}; use: {', '.join(spec.values)}.")
        return tuple(dict.fromkeys(value))
    if kind == "date_ranges":
        if not isinstance(value, list):
            raise ValueError('must be a list of [start, end] date pairs, e.g. [["2026-10-26", "2026-10-30"]].')
        ranges = []
        for index, pair in enumerate(value):
            if not isinstance(pair, list) or len(pair) != 2:
                raise ValueError(f'item {index + 1} must be a [start, end] pair, e.g. ["2026-10-26", "2026-10-30"].')
            start, end = _parse_date(pair[0]), _parse_date(pair[1])
            if end < start:
                raise ValueError(f"item {index + 1} ends ({end}) before it starts ({start}).")
            ranges.append((start, end))
        return tuple(ranges)
    raise AssertionError(f"unhandled fact type {kind}")  # pragma: no cover - spec table is fixed


def _parse_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"must be a date written YYYY-MM-DD (got {value!r}).")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"must be a real date written YYYY-MM-DD (got {value!r}).") from None
    if len(value) != 10:
        raise ValueError(f"must be a date written YYYY-MM-DD (got {value!r}).")
    if not 2000 <= parsed.year <= 2100:
        raise ValueError(f"must be a date between the years 2000 and 2100 (got {value!r}).")
    return parsed


def _check_consistency(values: Mapping[str, Any]) -> list[FactError]:
    """Dates and counts that cannot all be true at once."""
    errors: list[FactError] = []

    def before(later: str, earlier: str, message: str) -> None:
        if later in values and earlier in values and values[later] < values[earlier]:
            errors.append(FactError(later, message.format(later=values[later], earlier=values[earlier])))

    before("governors_meeting_date", "notice_date",
           "the governors' meeting ({later}) is before the exclusion was decided ({earlier}).")
    before("governors_decision_date", "notice_date",
           "the governors' decision ({later}) is before the exclusion was decided ({earlier}).")
    before("governors_decision_date", "start_date",
           "the governors' decision ({later}) is before the exclusion started ({earlier}).")
    before("governors_decision_date", "governors_meeting_date",
           "the governors' decision ({later}) is before their meeting ({earlier}).")
    before("irp_application_date", "governors_decision_date",
           "the review panel application ({later}) is before the governors' decision ({earlier}).")
    before("irp_decision_date", "irp_application_date",
           "the review panel's decision ({later}) is before the application ({earlier}).")
    if values.get("previous_days_this_year", float("inf")) < values.get("previous_days_this_term", 0):
        errors.append(FactError("previous_days_this_year",
                                "must include this term's days, so it cannot be less than previous_days_this_term."))
    if values.get("exclusion_type") == "permanent" and values.get("lunchtime"):
        errors.append(FactError("lunchtime", "a permanent exclusion cannot be a lunchtime suspension."))
    return errors
