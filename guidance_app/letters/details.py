"""What a letter needs that the facts do not say: names, the school, the parent's own account,
what they ask for. Checked the same way for the web form and the API.

Why clean rather than reject odd characters: parents paste from phones and messaging apps.
Control characters (which break Word and PDF files) are removed, not refused; only what we
cannot use (too long, not text, an unknown option) gets a message saying what to fix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .template import DOCUMENT_OPTIONS, REQUEST_OPTIONS


@dataclass(frozen=True)
class DetailSpec:
    name: str
    max_length: int
    multiline: bool = False
    options: tuple[str, ...] = ()  # for lists of choices


DETAILS: dict[str, DetailSpec] = {spec.name: spec for spec in (
    DetailSpec("parent_name", 120),
    DetailSpec("parent_address", 400, multiline=True),
    DetailSpec("parent_contact", 200),
    DetailSpec("child_name", 120),
    DetailSpec("year_group", 40),
    DetailSpec("school_name", 160),
    DetailSpec("headteacher_name", 120),
    DetailSpec("chair_name", 120),
    DetailSpec("account", 6000, multiline=True),
    DetailSpec("child_views", 3000, multiline=True),
    DetailSpec("interpreter_language", 60),
    DetailSpec("requests", 0, options=REQUEST_OPTIONS),
    DetailSpec("documents", 0, options=DOCUMENT_OPTIONS),
)}
REQUIRED = ("parent_name", "child_name")
# A request for information with nothing to ask for would be an empty letter.
NEEDS_DOCUMENTS = ("information_request",)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # direction overrides could reorder a printed line


class InvalidDetails(ValueError):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def clean_text(value: str, multiline: bool) -> str:
    """Text safe to put in a letter: no control or direction-override characters, tidy spaces."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    value = _BIDI.sub("", _CONTROL.sub(lambda m: "\n" if m.group() in "\u2028\u2029" else "", value))
    if not multiline:
        return " ".join(value.split())
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parse_details(raw: Any) -> dict[str, Any]:
    """Checked details; raises InvalidDetails naming each field that cannot be used."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise InvalidDetails([{"field": "(details)", "message": "Send the details as a JSON object."}])
    errors: list[dict[str, str]] = []
    out: dict[str, Any] = {}
    for name, value in raw.items():
        spec = DETAILS.get(name)
        if spec is None:
            errors.append({"field": str(name), "message": f"'{name}' is not a letter detail. Use: {', '.join(DETAILS)}."})
            continue
        if value in (None, "", []):
            continue
        if spec.options:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                errors.append({"field": name, "message": f"must be a list of: {', '.join(spec.options)}."})
                continue
            unknown = [item for item in value if item not in spec.options]
            if unknown:
                errors.append({"field": name, "message": f"has unknown item(s) {', '.join(map(repr, unknown))}; "
                                                         f"use: {', '.join(spec.options)}."})
                continue
            out[name] = list(dict.fromkeys(value))
            continue
        if not isinstance(value, str):
            errors.append({"field": name, "message": "must be text."})
            continue
        text = clean_text(value, spec.multiline)
        if len(text) > spec.max_length:
            errors.append({"field": name, "message": f"is {len(text)} characters long; keep it to "
                                                     f"{spec.max_length} or fewer."})
            continue
        if text:
            out[name] = text
    if errors:
        raise InvalidDetails(errors)
    return out
