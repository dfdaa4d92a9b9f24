"""The chat page, and the turn handling shared with POST /api/v1/chat.

Works without JavaScript: each message is a form post and the page is drawn again. With
JavaScript the same form is sent with fetch and only the new messages are added, inside an
ARIA live region so screen readers announce them. The conversation is kept with the case, so
the chat and the questionnaire share every answer.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm

from ..cases import retention_days, store
from ..core.model import KnowledgeBase
from ..locales import current_locale
from ..questionnaire.flow import effective_facts
from ..security import limiter
from .conversation import State, Turn, take_turn

bp = Blueprint("chat", __name__)
MAX_MESSAGE = 1000


def _kb() -> KnowledgeBase:
    return current_app.extensions["knowledge_base"]


def _limit() -> str:
    return current_app.config["CHAT_LIMIT"]


def limit_key() -> str:
    """Count messages per conversation (a scripted adviser tool may hold many at once from
    one address), and per address for messages that start a new one."""
    body = request.get_json(silent=True) if request.is_json else None
    conversation = (body.get("conversation_id") if isinstance(body, dict) else None) or session.get("case_id")
    return f"chat:{conversation}" if isinstance(conversation, str) and conversation else \
        f"chat-start:{request.remote_addr}"


def run_turn(case_id: str | None, message: str, locale: str) -> tuple[str, Turn]:
    """Load the case and its conversation, take one turn, save both; returns the case id."""
    loaded = store.load_with_conversation(case_id)
    answers, answered, conversation = loaded if loaded is not None else ({}, set(), None)
    state = State.from_json(conversation)
    turn = take_turn(_kb(), state, answers, answered, message, locale)
    case_id = store.save(case_id if loaded is not None else None, answers, answered, retention_days(),
                         conversation=state.to_json())
    return case_id, turn


def turn_json(case_id: str, turn: Turn) -> dict[str, Any]:
    return {"conversation_id": case_id, "messages": turn.new, "asking": turn.state.asking,
            "confirming": turn.state.confirm, "facts": effective_facts(turn.kb, turn.answers),
            "done": turn.state.done}


class MessageForm(FlaskForm):
    pass


@bp.get("/<locale:lang_code>/chat")
def page():
    case_id = session.get("case_id")
    state = State.from_json(store.load_conversation(case_id))
    if not state.messages:
        case_id, turn = run_turn(case_id, "", current_locale().code)
        session["case_id"] = case_id
        state = turn.state
    return render_template("chat/page.html", state=state, form=MessageForm(), error=None)


@bp.post("/<locale:lang_code>/chat")
@limiter.limit(_limit, key_func=limit_key)
def send():
    form = MessageForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    message = (request.form.get("message") or "").strip()
    error = None
    if not form.validate():
        error = "expired"
    elif len(message) > MAX_MESSAGE:
        error = "too_long"
    if error:
        state = State.from_json(store.load_conversation(session.get("case_id")))
        if wants_json:
            return jsonify({"error": error}), 400
        return render_template("chat/page.html", state=state, form=form, error=error, typed=message), 400
    case_id, turn = run_turn(session.get("case_id"), message, current_locale().code)
    session["case_id"] = case_id
    if wants_json:
        return jsonify({"html": render_template("chat/messages.html", messages=_with_user(turn)),
                        "replies": render_template("chat/replies.html", state=turn.state),
                        "done": turn.state.done})
    return redirect(url_for("chat.page", _anchor="latest"))


def _with_user(turn: Turn) -> list[dict]:
    """The parent's message and the bot's replies, as they were added this turn."""
    count = len(turn.new) + 1
    return turn.state.messages[-count:]
