"""The checked knowledge base saved between starts, so a worker starts in a fraction of the time.

Why: reading and checking about a thousand Markdown and YAML files takes most of the app's
start (PyYAML builds its objects in Python), and every gunicorn worker does it again. The saved
copy is used only when nothing it was made from has changed: its name carries a hash of every
file under content/, of the code that reads and checks them, of the Python version and of the
date (some checks depend on the date). Anything else, or a copy that cannot be read, and the
knowledge base is loaded from content/ as usual. Only a knowledge base without errors is saved.

The copy is a pickle in the app's instance folder, which only the operator can write to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..core.model import KnowledgeBase

logger = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parents[1]
# The code whose classes are saved, or which decides what the knowledge base holds.
CODE = (PACKAGE / "knowledge", PACKAGE / "core")
PREFIX = "knowledge-"


def fingerprint(root: Path, today: dt.date) -> str:
    digest = hashlib.sha256(f"{sys.version}\n{today.isoformat()}\n".encode())
    for folder in (root, *CODE):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load_saved(root: Path, folder: Path, load: Callable[[Path], KnowledgeBase]) -> KnowledgeBase:
    """The knowledge base of `root`: the copy saved in `folder` if it was made from the same
    files, else `load(root)` (which raises on errors), saved for the next start."""
    try:
        name = f"{PREFIX}{fingerprint(root, dt.date.today())}.pickle"
    except OSError:
        return load(root)
    saved = folder / name
    try:
        with saved.open("rb") as file:
            kb = pickle.load(file)
        if isinstance(kb, KnowledgeBase):
            return kb
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or incompatible copy: load from content/ instead
        logger.warning("Ignoring the saved knowledge base %s (%s); loading content/ instead.", saved, exc)
    kb = load(root)
    _save(kb, folder, saved)
    return kb


def _save(kb: KnowledgeBase, folder: Path, target: Path) -> None:
    """Write atomically (several workers may start at once) and remove older copies."""
    partial = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".saving-", delete=False) as file:
            partial = file.name
            pickle.dump(kb, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, target)
        partial = None
        for old in folder.glob(f"{PREFIX}*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        logger.warning("Could not save the knowledge base for the next start (%s).", exc)
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
