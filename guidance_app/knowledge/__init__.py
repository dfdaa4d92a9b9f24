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
from .problems import ERROR, MISSING, STALE, WARNING, KnowledgeBaseError, Problem

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def content_dir() -> Path:
    return Path(os.environ.get("CONTENT_DIR") or DEFAULT_CONTENT_DIR)


@lru_cache(maxsize=4)
def knowledge_base(root: str | None = None) -> KnowledgeBase:
    """The checked knowledge base for `root` (default: content/); raises KnowledgeBaseError."""
    return load_or_raise(Path(root) if root else content_dir())


__all__ = ["knowledge_base", "load", "load_or_raise", "content_dir", "Problem", "KnowledgeBaseError",
           "ERROR", "STALE", "MISSING", "WARNING"]
