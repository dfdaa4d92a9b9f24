"""The "Who can help" list: every service, filtered by what a family needs and where they live.

Why apart from `assess`: the directory is for browsing (an adviser checking who covers
Hackney, a parent who has not answered any questions), so it uses only the services' own
details, never a case's facts. It imports no Flask, so the API and the page share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.model import KnowledgeBase, LocalAuthority, Service

# Filter name -> test. "representation" reads `represents`; the others read `topics`.
FILTERS = ("send", "permanent", "discrimination", "representation")


def _passes(service: Service, need: str) -> bool:
    if need == "representation":
        return bool(service.represents)
    return need in service.topics


@dataclass
class Directory:
    area: LocalAuthority | None
    needs: tuple[str, ...]
    near_you: list[dict[str, Any]] = field(default_factory=list)  # local services for `area`
    national: list[dict[str, Any]] = field(default_factory=list)
    outside_england: list[dict[str, Any]] = field(default_factory=list)
    not_recommended: list[dict[str, Any]] = field(default_factory=list)  # closed or status uncertain
    areas_with_local_entries: list[LocalAuthority] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"local_authority": {"id": self.area.id, "name": self.area.name, "region": self.area.region}
                if self.area else None,
                "needs": list(self.needs), "near_you": self.near_you, "national": self.national,
                "outside_england": self.outside_england, "not_recommended": self.not_recommended}


def build_directory(kb: KnowledgeBase, locale: str, needs: Iterable[str] = (), area: str | None = None) -> Directory:
    """Services that pass every chosen filter. Unknown filters and councils are the caller's
    to refuse (see `check_request`)."""
    needs = tuple(need for need in FILTERS if need in set(needs))
    council = kb.local_authorities.get(area) if area else None
    directory = Directory(council, needs)
    replaced = {target for service in kb.services.values()
                if council is not None and council.id in service.local_authorities for target in service.replaces}
    for service in sorted(kb.services.values(), key=lambda s: (-_importance(s), s.texts["en"].title.lower())):
        if not all(_passes(service, need) for need in needs):
            continue
        card = service.as_json(locale)
        if service.status != "active":
            directory.not_recommended.append(card)
        elif service.local:
            if council is not None and council.id in service.local_authorities:
                directory.near_you.append(card)
        elif "outside_england" in service.topics:
            directory.outside_england.append(card)
        elif service.id not in replaced:
            directory.national.append(card)
    covered = {la for service in kb.services.values() for la in service.local_authorities}
    directory.areas_with_local_entries = [la for la in kb.local_authorities.values() if la.id in covered]
    return directory


def _importance(service: Service) -> int:
    """The weight of a service's strongest match: the most useful services come first."""
    return max((match.weight for match in service.matches), default=0)


def check_request(kb: KnowledgeBase, needs: Iterable[str], area: str | None) -> list[dict[str, str]]:
    """Problems with a directory request, worded for the person who sent it."""
    errors = []
    for need in needs:
        if need not in FILTERS:
            errors.append({"fact": "need", "message": f"'{need}' is not a filter. Use: {', '.join(FILTERS)}."})
    if area and area not in kb.local_authorities:
        errors.append({"fact": "local_authority", "message": f"'{area}' is not an English council we know. "
                                                             "See GET /api/v1/local-authorities for the ids."})
    return errors
