"""Saving, finding, resuming and deleting cases. One transaction per change, so a case is
never half-written; the views call these and nothing else touches the table.

The answers, the list of answered questions and the chat are sealed (encrypted) before they
are written and opened after they are read (see sealing.py); ids, dates and the resume code's
hash stay plain so that lookups and the retention purge work without the key."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, delete, insert, select, update

from ..database import engine, new_session
from .models import Case
from .sealing import Sealer, is_sealed

# Crockford's base32 letters: no I, L, O or U, so a code read aloud or copied by hand is
# hard to get wrong. 16 of them carry 80 bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def new_resume_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(typed: str) -> str:
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i:i + 4] for i in range(0, len(cleaned), 4))


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def sealer() -> Sealer:
    app = current_app._get_current_object()
    if "case_sealer" not in app.extensions:
        app.extensions["case_sealer"] = Sealer(app.config["CASE_ENCRYPTION_KEYS"])
    return app.extensions["case_sealer"]


def _seal(value: Any) -> str:
    return sealer().seal(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _open(stored: str) -> Any:
    return json.loads(sealer().open(stored))


# Reading a case is on every questionnaire page, so it is one plain SELECT of the columns
# needed (SQLAlchemy Core, compiled once) rather than an ORM object: about a fifth of the time.
_ANSWERS = select(Case.answers, Case.answered, Case.expires_at).where(Case.id == bindparam("case_id"))
_CONVERSATION = select(Case.conversation, Case.expires_at).where(Case.id == bindparam("case_id"))
_EXPIRY = select(Case.expires_at).where(Case.id == bindparam("case_id"))
_EVERYTHING = select(Case.answers, Case.answered, Case.conversation, Case.expires_at).where(
    Case.id == bindparam("case_id"))


def _row(statement: Any, case_id: str) -> Any:
    """The case's row, or None when there is none or it has expired."""
    with engine().connect() as connection:
        row = connection.execute(statement, {"case_id": case_id}).first()
    if row is None or _aware(row.expires_at) < now():
        return None
    return row


def load(case_id: str | None, answered: bool = True) -> tuple[dict[str, Any], set[str]] | None:
    """The case's answers and the questions answered (left empty, and not decrypted, when
    `answered` is False: the results need only the answers)."""
    if not case_id:
        return None
    row = _row(_ANSWERS, case_id)
    if row is None:
        return None
    return _open(row.answers), set(_open(row.answered)) if answered else set()


def save(case_id: str | None, answers: dict[str, Any], answered: set[str], retention_days: int,
         conversation: dict[str, Any] | None = None) -> str:
    """Store the answers (and the chat, when given) in one transaction; returns the case id
    (a new one if there was none, or if it is no longer in the database). One UPDATE, or one
    INSERT for a new case: every answer and chat message is saved, so no row is read first."""
    moment = now()
    values: dict[str, Any] = {"answers": _seal(answers), "answered": _seal(sorted(answered)),
                              "updated_at": moment, "expires_at": moment + dt.timedelta(days=retention_days)}
    if conversation is not None:
        values["conversation"] = _seal(conversation)
    with engine().begin() as connection:
        if case_id and connection.execute(update(Case).where(Case.id == case_id).values(values)).rowcount:
            return case_id
        new_id = secrets.token_urlsafe(32)
        connection.execute(insert(Case).values(id=new_id, created_at=moment, **values))
        return new_id


def exists(case_id: str | None) -> bool:
    """Whether the case is there and not expired (nothing is decrypted)."""
    return bool(case_id) and _row(_EXPIRY, case_id) is not None


def load_with_conversation(case_id: str | None) -> tuple[dict[str, Any], set[str], dict[str, Any] | None] | None:
    """The answers, the questions answered and the chat (None if there is none yet), in one
    read: the chat needs all three on every message."""
    row = _row(_EVERYTHING, case_id) if case_id else None
    if row is None:
        return None
    return _open(row.answers), set(_open(row.answered)), _open(row.conversation) if row.conversation else None


def load_conversation(case_id: str | None) -> dict[str, Any] | None:
    """The chat kept with the case (None when there is no case or no chat yet)."""
    if not case_id:
        return None
    row = _row(_CONVERSATION, case_id)
    if row is None or not row.conversation:
        return None
    return _open(row.conversation)


def reseal_all(only_plain: bool = False, batch_size: int = 500) -> int:
    """Seal every stored case with the newest key (run after adding a key to
    CASE_ENCRYPTION_KEYS), or with `only_plain` just the rows saved before encryption existed;
    returns how many cases were rewritten."""
    box = sealer()
    done = 0
    last_id = ""
    while True:
        with new_session() as db, db.begin():
            cases = db.scalars(select(Case).where(Case.id > last_id).order_by(Case.id).limit(batch_size)).all()
            for case in cases:
                if only_plain and is_sealed(case.answers):
                    continue
                done += 1
                case.answers = box.reseal(case.answers)
                case.answered = box.reseal(case.answered)
                if case.conversation:
                    case.conversation = box.reseal(case.conversation)
        if len(cases) < batch_size:
            return done
        last_id = cases[-1].id


def set_resume_code(case_id: str) -> str:
    """A fresh resume code for the case. Only its hash is stored; the code is shown once."""
    code = new_resume_code()
    with new_session() as db, db.begin():
        case = db.get(Case, case_id)
        if case is None:
            raise LookupError("no such case")
        case.resume_hash = code_hash(code)
    return code


def find_by_code(typed: str) -> str | None:
    wanted = code_hash(typed)
    with new_session() as db:
        case = db.scalar(select(Case).where(Case.resume_hash == wanted))
        if case is None or not hmac.compare_digest(case.resume_hash or "", wanted):
            return None
        if _aware(case.expires_at) < now():
            return None
        return case.id


def expiry(case_id: str) -> dt.datetime | None:
    with new_session() as db:
        case = db.get(Case, case_id)
        return _aware(case.expires_at) if case else None


def delete_case(case_id: str | None) -> bool:
    if not case_id:
        return False
    with new_session() as db, db.begin():
        return db.execute(delete(Case).where(Case.id == case_id)).rowcount > 0


def purge_expired(moment: dt.datetime | None = None) -> int:
    with new_session() as db, db.begin():
        return db.execute(delete(Case).where(Case.expires_at < (moment or now()))).rowcount


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; we always store UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
