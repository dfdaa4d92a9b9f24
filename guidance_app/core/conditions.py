"""A small, safe condition language for the rules in content/ (no eval).

A condition is YAML written by a lawyer or adviser, for example:

    all:
      - exclusion_type: {in: [suspension, permanent]}
      - written_notice: false
      - any:
          - term_total: {gt: 15}
          - public_exam_missed: {equals: true, if_unknown: false}

Leaves name one fact and test it (`equals`, `not_equals`, `in`, `not_in`, `gt`, `gte`,
`lt`, `lte`, `contains`, `not_contains`, `known`); a bare value means `equals`. `all`,
`any` and `not` combine them. Evaluation is three-valued: a leaf on a fact nobody has given
is "unknown", and the facts that would settle it are reported, so the app can ask instead
of guessing. `if_unknown: true|false` states an assumption explicitly; the fact is then
still reported as missing.
"""

from __future__ import annotations

import datetime as dt
import difflib
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .derived import DERIVED, Lookup
from .facts import FACTS

OPERATORS = ("equals", "not_equals", "in", "not_in", "gt", "gte", "lt", "lte", "contains",
             "not_contains", "known")
ORDERED_TYPES = ("int", "number", "date")


class ConditionError(ValueError):
    """A condition that cannot be used; `path` says where in the YAML it is."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Result:
    value: bool | None
    unknown: frozenset[str] = frozenset()
    assumed: frozenset[str] = frozenset()


TRUE, FALSE = Result(True), Result(False)


class Node(ABC):
    """One part of a parsed condition."""

    def evaluate(self, lookup: Callable[[str], Lookup]) -> Result:
        """True, False or None (unknown), with the facts that would settle it."""
        return self.compiled(lookup)

    @cached_property
    def compiled(self) -> Callable[[Callable[[str], Lookup]], Result]:
        """This condition as one Python function, made the first time it is used.

        Why: every assessment tests about 230 leaves; walking the tree (a method call per
        node, the operator looked up by name each time) was half of `assess`. The function
        gives the same results as `walk`, which stays as the plain statement of the rules
        (a test checks the two agree)."""
        return _compile(self)

    @abstractmethod
    def walk(self, lookup: Callable[[str], Lookup]) -> Result:
        """The same as `evaluate`, by walking the tree."""

    @abstractmethod
    def facts(self) -> set[str]:
        """Every fact this part reads, for the loader's checks."""

    def required_values(self) -> set[tuple[str, Any]]:
        """(fact, value) pairs this condition asks for (not under `not:`): what a rule is about,
        so search can use the words parents use for those answers."""
        return set()


@dataclass(frozen=True)
class Group(Node):
    """`all:` (settled by the first False) or `any:` (settled by the first True)."""

    children: tuple[Node, ...]
    decisive: bool  # False for all, True for any

    def walk(self, lookup: Callable[[str], Lookup]) -> Result:
        return _combine([child.walk(lookup) for child in self.children], decisive=self.decisive)

    def facts(self) -> set[str]:
        return set().union(*(child.facts() for child in self.children))

    def required_values(self) -> set[tuple[str, Any]]:
        return set().union(*(child.required_values() for child in self.children))


@dataclass(frozen=True)
class Not(Node):
    child: Node

    def walk(self, lookup: Callable[[str], Lookup]) -> Result:
        return _negate(self.child.walk(lookup))

    def facts(self) -> set[str]:
        return self.child.facts()


@dataclass(frozen=True)
class Leaf(Node):
    fact: str
    tests: tuple[tuple[str, Any], ...]
    if_unknown: bool | None = None

    def walk(self, lookup: Callable[[str], Lookup]) -> Result:
        found = lookup(self.fact)
        undecided = False
        for op, arg in self.tests:
            outcome = _test(op, arg, found)
            if outcome is False:
                return Result(False, assumed=found.assumed) if found.assumed else FALSE
            if outcome is None:
                undecided = True
        if not undecided:
            return Result(True, assumed=found.assumed) if found.assumed else TRUE
        if self.if_unknown is not None:
            return Result(self.if_unknown, assumed=found.unknown | found.assumed)
        return Result(None, unknown=found.unknown, assumed=found.assumed)

    def facts(self) -> set[str]:
        return {self.fact}

    def required_values(self) -> set[tuple[str, Any]]:
        out: set[tuple[str, Any]] = set()
        for op, arg in self.tests:
            if op == "equals":
                out.add((self.fact, arg))
            elif op == "in":
                out.update((self.fact, value) for value in arg)
        return out


def _negate(result: Result) -> Result:
    if result is TRUE:
        return FALSE
    if result is FALSE:
        return TRUE
    value = None if result.value is None else not result.value
    return Result(value, result.unknown, result.assumed)


def _combine(results: list[Result], decisive: bool) -> Result:
    """Kleene logic: `decisive` is the value that settles the group (True for any)."""
    deciding_assumed: frozenset[str] | None = None
    unknown: frozenset[str] = frozenset()
    assumed: frozenset[str] = frozenset()
    undecided = False
    for result in results:
        if result.value is decisive:
            deciding_assumed = (deciding_assumed or frozenset()) | result.assumed
        elif result.value is None:
            undecided = True
            unknown |= result.unknown
        if result.assumed:
            assumed |= result.assumed
    if deciding_assumed is not None:
        return Result(decisive, assumed=deciding_assumed)
    if undecided:
        return Result(None, unknown=unknown, assumed=assumed)
    return Result(not decisive, assumed=assumed)


def _test(op: str, arg: Any, found: Lookup) -> bool | None:
    if op == "known":
        return found.exact == arg
    if not found.exact:
        # A partly known number can still settle a comparison.
        if op in ("gt", "gte", "lt", "lte") and found.low is not None:
            return _compare_range(op, arg, found.low, found.high)
        return None
    value = found.value
    if op == "equals":
        return value == arg
    if op == "not_equals":
        return value != arg
    if op == "in":
        return value in arg
    if op == "not_in":
        return value not in arg
    if op == "contains":
        return arg in value
    if op == "not_contains":
        return arg not in value
    return _compare_range(op, arg, value, value)


def _compare_range(op: str, arg: Any, low: Any, high: Any) -> bool | None:
    high = float("inf") if high is None else high
    if op == "gt":
        return True if low > arg else (False if high <= arg else None)
    if op == "gte":
        return True if low >= arg else (False if high < arg else None)
    if op == "lt":
        return True if high < arg else (False if low >= arg else None)
    if op == "lte":
        return True if high <= arg else (False if low > arg else None)
    raise AssertionError(op)  # pragma: no cover


# ---------------------------------------------------------------------------------------
# Compiling a condition into closures: the same three-valued logic as `walk`, with each
# leaf's tests chosen once and the common case (every part plainly true or false) kept short.

Evaluator = Callable[[Callable[[str], Lookup]], Result]


def _compile(node: Node) -> Evaluator:
    if isinstance(node, Leaf):
        return _compile_leaf(node)
    if isinstance(node, Not):
        child = node.child.compiled
        return lambda lookup: _negate(child(lookup))
    if isinstance(node, Group):
        return _compile_group(node)
    raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover


def _exact_test(op: str, arg: Any) -> Callable[[Any], bool] | None:
    """A test of an exactly known value, or None for the ordering tests (which also work on
    ranges and go through _test)."""
    return {
        "equals": lambda value: value == arg,
        "not_equals": lambda value: value != arg,
        "in": lambda value: value in arg,
        "not_in": lambda value: value not in arg,
        "contains": lambda value: arg in value,
        "not_contains": lambda value: arg not in value,
    }.get(op)


def _compile_leaf(leaf: Leaf) -> Evaluator:
    fact, tests, if_unknown = leaf.fact, leaf.tests, leaf.if_unknown
    if len(tests) == 1 and _exact_test(*tests[0]) is not None:
        test = _exact_test(*tests[0])

        def one_test(lookup: Callable[[str], Lookup]) -> Result:
            found = lookup(fact)
            if not found.unknown:  # exact
                if test(found.value):
                    return Result(True, assumed=found.assumed) if found.assumed else TRUE
                return Result(False, assumed=found.assumed) if found.assumed else FALSE
            if if_unknown is not None:
                return Result(if_unknown, assumed=found.unknown | found.assumed)
            return Result(None, unknown=found.unknown, assumed=found.assumed)

        return one_test
    return leaf.walk


def _compile_group(group: Group) -> Evaluator:
    children = tuple(child.compiled for child in group.children)
    decisive = group.decisive
    settled, other = (TRUE, FALSE) if decisive else (FALSE, TRUE)

    def run(lookup: Callable[[str], Lookup]) -> Result:
        results = [child(lookup) for child in children]
        plain_settled = False
        for result in results:
            if result is settled:
                plain_settled = True
            elif result is not other:
                return _combine(results, decisive)  # something assumed or unknown: the full rule
        return settled if plain_settled else other

    return run


# ---------------------------------------------------------------------------------------
# Parsing and checking. Every error names its place, e.g. "when.all[2].term_total".

def fact_type(name: str) -> tuple[str, tuple[str, ...]] | None:
    if name in FACTS:
        return FACTS[name].type, FACTS[name].values
    if name in DERIVED:
        return DERIVED[name].type, DERIVED[name].values
    return None


def parse_condition(data: Any, path: str = "when") -> Node:
    if isinstance(data, Mapping) and len(data) == 1:
        (key, value), = data.items()
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(f"{path}.{key}", f"'{key}' needs a list of one or more conditions.")
            children = tuple(parse_condition(item, f"{path}.{key}[{i}]") for i, item in enumerate(value))
            return Group(children, decisive=key == "any")
        if key == "not":
            return Not(parse_condition(value, f"{path}.not"))
        return _parse_leaf(str(key), value, f"{path}.{key}")
    if isinstance(data, Mapping) and len(data) > 1:
        raise ConditionError(path, "put each fact in its own list item under 'all:' or 'any:' "
                                   f"(this item names {', '.join(map(str, data))}).")
    raise ConditionError(path, "a condition must be a mapping such as {written_notice: false} "
                               "or {all: [...]}.")


def _parse_leaf(fact: str, spec: Any, path: str) -> Leaf:
    kind = fact_type(fact)
    if kind is None:
        close = difflib.get_close_matches(fact, list(FACTS) + list(DERIVED), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else " See docs/facts.md for the list."
        raise ConditionError(path, f"unknown fact '{fact}'.{hint}")
    if not isinstance(spec, Mapping):
        spec = {"equals": spec}
    if_unknown = spec.get("if_unknown")
    if if_unknown is not None and not isinstance(if_unknown, bool):
        raise ConditionError(f"{path}.if_unknown", "must be true or false.")
    tests = []
    for op, arg in spec.items():
        if op == "if_unknown":
            continue
        if op not in OPERATORS:
            close = difflib.get_close_matches(str(op), OPERATORS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ConditionError(f"{path}.{op}", f"unknown test '{op}'. Use one of: {', '.join(OPERATORS)}.{hint}")
        tests.append((op, _check_argument(fact, kind, op, arg, f"{path}.{op}")))
    if not tests:
        raise ConditionError(path, "say what to test, e.g. {equals: true}.")
    return Leaf(fact, tuple(tests), if_unknown)


def _check_argument(fact: str, kind: tuple[str, tuple[str, ...]], op: str, arg: Any, path: str) -> Any:
    ftype, values = kind
    if op == "known":
        if not isinstance(arg, bool):
            raise ConditionError(path, "'known' takes true or false.")
        return arg
    if op in ("in", "not_in"):
        if not isinstance(arg, list) or not arg:
            raise ConditionError(path, f"'{op}' takes a list of values.")
        return tuple(_check_value(fact, ftype, values, item, path) for item in arg)
    if op in ("contains", "not_contains"):
        if ftype != "list":
            raise ConditionError(path, f"'{op}' only works on list facts; '{fact}' is a {ftype}.")
        return _check_value(fact, "choice", values, arg, path)
    if op in ("gt", "gte", "lt", "lte") and ftype not in ORDERED_TYPES:
        raise ConditionError(path, f"'{op}' compares numbers or dates; '{fact}' is a {ftype}.")
    if ftype == "list":
        raise ConditionError(path, f"'{fact}' is a list: test it with contains or not_contains.")
    return _check_value(fact, ftype, values, arg, path)


def _check_value(fact: str, ftype: str, values: tuple[str, ...], value: Any, path: str) -> Any:
    if ftype == "choice" and FACTS.get(fact) is not None and FACTS[fact].values_from:
        if not isinstance(value, str) or not value.strip():
            raise ConditionError(path, f"'{fact}' takes an id from the {FACTS[fact].values_from} list.")
        return value
    if ftype == "choice":
        if value not in values:
            raise ConditionError(path, f"'{value}' is not a value of '{fact}'. Use one of: {', '.join(values)}.")
        return value
    if ftype == "bool":
        if not isinstance(value, bool):
            raise ConditionError(path, f"'{fact}' is true or false, not {value!r}.")
        return value
    if ftype in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConditionError(path, f"'{fact}' is a number, not {value!r}.")
        return value
    if ftype == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ConditionError(path, f"'{fact}' is a date: write it as YYYY-MM-DD.") from None
    raise ConditionError(path, f"'{fact}' ({ftype}) cannot be tested this way.")
