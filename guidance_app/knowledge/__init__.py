"""Loading, checking and searching the Markdown knowledge base in content/.

Why a process-wide cache: the knowledge base is read-only while the app runs, and loading it
once keeps `assess` fast. Tests and `flask kb check` load a fresh copy from any folder.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..core.model import KnowledgeBase
from .loader import load, load_or_raise
from .saved import load_saved
from .problems import ERROR, MISSING, STALE, WARNING, KnowledgeBaseError, Problem

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def content_dir() -> Path:
    return Path(os.environ.get("CONTENT_DIR") or DEFAULT_CONTENT_DIR)


@lru_cache(maxsize=4)
def knowledge_base(root: str | None = None, saved_in: str | None = None) -> KnowledgeBase:
    """The checked knowledge base for `root` (default: content/); raises KnowledgeBaseError.
    With `saved_in` (a folder), a copy saved there by an earlier start is used when nothing
    it was made from has changed (see saved.py)."""
    path = Path(root) if root else content_dir()
    if saved_in:
        return load_saved(path, Path(saved_in), load_or_raise)
    return load_or_raise(path)


__all__ = ["knowledge_base", "load", "load_or_raise", "content_dir", "Problem", "KnowledgeBaseError",
           "ERROR", "STALE", "MISSING", "WARNING"]
