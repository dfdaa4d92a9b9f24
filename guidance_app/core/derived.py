"""Facts worked out from other facts: day totals for the term, the year and the run.

Two kinds of gap, treated differently:
- this suspension's own length unknown: totals are only "at least N" (a range), which can
  still settle "more than 15" but never "15 or fewer"; rules that need more stay undecided.
- earlier suspensions not mentioned: counted as none, and the question is still asked (the
  fact is marked as assumed). Most parents have one suspension to tell us about, and the
  questionnaire always asks about earlier ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .facts import FACTS, Facts

INFINITY = float("inf")


@dataclass(frozen=True)
class Lookup:
    """What is known of one fact: an exact value, or for numbers a range, plus the facts
    that would settle it."""

    value: Any = None
    low: float | None = None
    high: float | None = None
    unknown: frozenset[str] = frozenset()
    assumed: frozenset[str] = frozenset()  # facts taken as 0 until the parent tells us

    @property
    def exact(self) -> bool:
        return not self.unknown

    @classmethod
    def known(cls, value: Any) -> Lookup:
        low = high = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        return cls(value=value, low=low, high=high)


@dataclass(frozen=True)
class DerivedSpec:
    name: str
    meaning: str
    depends_on: tuple[str, ...]
    type: str = "number"
    values: tuple[str, ...] = ()


# England's nine regions, as content/local_authorities.yaml names them.
REGIONS = ("north_east", "north_west", "yorkshire_and_the_humber", "east_midlands", "west_midlands",
           "east_of_england", "london", "south_east", "south_west")


DERIVED: dict[str, DerivedSpec] = {spec.name: spec for spec in (
    DerivedSpec("this_days", "school days of this suspension, lunchtimes counted as half days",
                ("days", "lunchtime", "lunchtimes")),
    DerivedSpec("term_total", "school days of suspension this term, including this one",
                ("days", "lunchtime", "lunchtimes", "previous_days_this_term")),
    DerivedSpec("year_total", "school days of suspension this school year, including this one",
                ("days", "lunchtime", "lunchtimes", "previous_days_this_year", "previous_days_this_term")),
    DerivedSpec("consecutive_total", "school days in a row of exclusion, joining back-to-back suspensions",
                ("days", "lunchtime", "lunchtimes", "consecutive_days_before")),
    # Worked out by `assess` from the knowledge base's list of local authorities.
    DerivedSpec("region", "the region of England the family's council is in", ("local_authority",),
                type="choice", values=REGIONS),
)}


def base_lookup(facts: Facts, name: str) -> Lookup:
    value = facts.get(name)
    if value is None and name in FACTS and FACTS[name].default is not None:
        return Lookup.known(FACTS[name].default)
    if value is None or value == "unknown":
        return Lookup(unknown=frozenset({name}))
    return Lookup.known(value)


def _add(a: Lookup, b: Lookup) -> Lookup:
    low = (a.low or 0) + (b.low or 0)
    high = (INFINITY if a.high is None else a.high) + (INFINITY if b.high is None else b.high)
    merged, assumed = a.unknown | b.unknown, a.assumed | b.assumed
    if not merged:
        return Lookup(value=low, low=low, high=low, assumed=assumed)
    return Lookup(low=low, high=high, unknown=merged, assumed=assumed)


def this_days(facts: Facts) -> Lookup:
    """Days of this suspension: `days`, plus half a day for each lunchtime suspension."""
    days, lunchtimes = facts.get("days"), facts.get("lunchtimes")
    lunch_days = Lookup.known(lunchtimes * 0.5) if lunchtimes is not None else None
    if facts.get("lunchtime") is True:
        # Lunchtime-only: the lunchtimes are the suspension; `days` adds any full days too.
        if lunch_days is None:
            return Lookup(low=days or 0, high=INFINITY, unknown=frozenset({"lunchtimes"}))
        return _add(lunch_days, Lookup.known(days or 0))
    if days is None:
        return Lookup(low=(lunch_days.value if lunch_days else 0), high=INFINITY, unknown=frozenset({"days"}))
    return _add(Lookup.known(days), lunch_days or Lookup.known(0))


def _earlier(name: str, facts: Facts, fallback: Lookup | None = None) -> Lookup:
    """Earlier days: the parent's figure, or (until they tell us) `fallback` or none."""
    value = facts.get(name)
    if value is not None:
        return Lookup.known(value)
    base = fallback or Lookup.known(0)
    return Lookup(value=base.value, low=base.low, high=base.high, unknown=base.unknown,
                  assumed=base.assumed | {name})


def derive(facts: Facts, regions: Mapping[str, str] | None = None) -> dict[str, Lookup]:
    """Totals from the facts; `regions` maps each local authority id to its region."""
    this = this_days(facts)
    previous_term = _earlier("previous_days_this_term", facts)
    previous_year = _earlier("previous_days_this_year", facts, fallback=previous_term)
    return {
        "this_days": this,
        "term_total": _add(this, previous_term),
        "year_total": _add(this, previous_year),
        "consecutive_total": _add(this, _earlier("consecutive_days_before", facts)),
        "region": _region(facts, regions or {}),
    }


def _region(facts: Facts, regions: Mapping[str, str]) -> Lookup:
    region = regions.get(facts.get("local_authority"))
    return Lookup.known(region) if region else Lookup(unknown=frozenset({"local_authority"}))


def as_json(derived: dict[str, Lookup]) -> dict[str, Any]:
    """Exact totals as numbers; partial ones as {"at_least": N}."""
    out: dict[str, Any] = {}
    for name, lookup in derived.items():
        if lookup.exact:
            out[name] = lookup.value
        elif lookup.low:
            out[name] = {"at_least": lookup.low}
    return out
