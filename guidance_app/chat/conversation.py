"""The chat: one turn at a time, over the same case, catalogue and core as the questionnaire.

A turn is either an answer to the question the bot asked (understood, and confirmed when it
was a guess) or a free question, answered only from the knowledge base with its sources.
Facts mentioned in passing are confirmed before they are used. Nothing is ever made up: when
the search is not sure, the bot says so and points to people who can help.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import format_date, gettext
from markupsafe import Markup, escape

from ..core import InvalidFacts, assess
from ..core.facts import FACTS, parse_facts
from ..core.model import KnowledgeBase, Question
from ..knowledge.search import search
from ..questionnaire.flow import effective_facts, is_shown, next_question
from .understand import DONT_KNOW, EXACT, GUESS, is_yes, mentions_in, normalise, understand

# BM25 scores below this are not trusted enough to quote (measured on tests/chat/questions.yaml).
MIN_SCORE = 3.2
RESULTS_WORDS = {"results", "show results", "show me the results", "my results", "wyniki", "pokaż wyniki",
                 "النتائج", "اعرض النتائج", "ফলাফল", "resultados", "rezultate", "natiijooyinka", "результати",
                 "نتائج"}
MAX_MESSAGES = 200  # kept with the case; older ones are dropped


@dataclass
class State:
    messages: list[dict[str, Any]] = field(default_factory=list)
    asking: str | None = None
    confirm: dict[str, Any] | None = None  # {"fact": ..., "value": ...} waiting for yes or no
    queued: list[list[Any]] = field(default_factory=list)  # [fact, value] mentioned, to confirm later
    done: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> State:
        if not data:
            return cls()
        return cls(**{key: data.get(key, default) for key, default in
                      (("messages", []), ("asking", None), ("confirm", None), ("queued", []), ("done", False))})

    def to_json(self) -> dict[str, Any]:
        """The state as it is saved with the case. Not a deep copy (dataclasses.asdict made one
        of up to 200 messages on every turn, half a chat turn's time): it is written out at once."""
        return {"messages": self.messages[-MAX_MESSAGES:], "asking": self.asking, "confirm": self.confirm,
                "queued": self.queued, "done": self.done}


@dataclass
class Turn:
    """Everything one turn needs and changes."""

    kb: KnowledgeBase
    state: State
    answers: dict[str, Any]
    answered: set[str]
    locale: str
    today: dt.date
    new: list[dict[str, Any]] = field(default_factory=list)

    def say(self, html: str, quick_replies: list[dict[str, str]] | None = None,
            sources: list[dict[str, str]] | None = None) -> None:
        message = {"role": "bot", "html": str(html), "quick_replies": quick_replies or [], "sources": sources or []}
        self.new.append(message)
        self.state.messages.append(message)

    def facts(self) -> dict[str, Any]:
        return effective_facts(self.kb, self.answers)


def take_turn(kb: KnowledgeBase, state: State, answers: dict[str, Any], answered: set[str], message: str,
              locale: str, today: dt.date | None = None) -> Turn:
    """Apply one message from the parent; the bot's replies are in `turn.new`."""
    turn = Turn(kb, state, answers, answered, locale, today or dt.date.today())
    text = (message or "").strip()
    fresh = not state.messages
    if fresh:  # a new conversation starts with a hello, whatever the first message is
        turn.say(Markup("<p>{}</p><p>{}</p>").format(
            gettext("Hello. I can help you understand what the school did and what you can do next."),
            gettext("I will ask you some questions. You can also ask me a question at any time, in your "
                    "own words. I answer only from this service's guidance, and I show where it comes from.")))
    if not text:
        if fresh:
            _ask_next(turn)
        elif state.asking:
            _ask(turn, kb.questions[state.asking])
        return turn
    shown = _reply_label(state, text)
    state.messages.append({"role": "user", "html": str(escape(shown)), "quick_replies": [], "sources": []})
    if normalise(text) in RESULTS_WORDS:
        _summary(turn)
        return turn
    handled = _answer(turn, text)
    for _, fact, value in mentions_in(kb, text, locale):
        if fact not in answered and fact != state.asking and [fact, value] not in state.queued:
            state.queued.append([fact, value])
    if handled == "asked":
        return turn
    if handled is None:
        if _looks_like_question(text):
            _reply_from_knowledge(turn, text)
        elif fresh:
            pass  # "hello": the first question follows the greeting
        elif not _next_mention(turn):
            turn.say(Markup("<p>{}</p>").format(gettext("Sorry, I did not understand that. Choose one of the "
                                                        "answers, type your answer in your own words, or say "
                                                        "\"I don't know\".")))
            if state.asking:
                _ask(turn, kb.questions[state.asking], repeat=True)
            return turn
    if not _next_mention(turn):
        _ask_next(turn)
    return turn


def _reply_label(state: State, text: str) -> str:
    """A quick reply is shown as the parent saw it ("England"), not as its value ("england")."""
    last = next((m for m in reversed(state.messages) if m["role"] == "bot"), None)
    for reply in (last or {}).get("quick_replies", []):
        if reply["value"] == text:
            return reply["label"]
    return text


def _answer(turn: Turn, text: str) -> str | None:
    """Use the message as an answer: 'set', 'asked' (a confirmation was asked) or None."""
    state = turn.state
    if state.confirm:
        fact, value = state.confirm["fact"], state.confirm["value"]
        state.confirm = None
        yes = is_yes(text, turn.locale)
        if yes is True:
            return "set" if _set(turn, fact, value) else "asked"
        if yes is False:
            turn.say(Markup("<p>{}</p>").format(gettext("Thank you. Let's try that again.")))
            if fact == state.asking:
                _ask(turn, turn.kb.questions[fact], repeat=True)
                return "asked"
            return "set"
        # Not yes or no: perhaps the right answer, typed again.
        fact = state.asking
        if fact is None:
            return None
    fact = state.asking
    if fact is None or fact not in turn.kb.questions:
        return None
    question = turn.kb.questions[fact]
    understood = understand(turn.kb, question, text, turn.locale, turn.today)
    if understood.kind == EXACT:
        return "set" if _set(turn, fact, understood.value) else "asked"
    if understood.kind == DONT_KNOW:
        turn.answers.pop(fact, None)
        turn.answered.add(fact)
        return "set"
    if understood.kind == GUESS:
        _confirm(turn, question, understood.value)
        return "asked"
    return None


def _set(turn: Turn, fact: str, value: Any) -> bool:
    """Keep an answer if it fits with the others; otherwise say why and ask again."""
    previous = turn.answers.get(fact)
    turn.answers[fact] = value
    try:
        parse_facts(turn.facts())
    except InvalidFacts as exc:
        if previous is None:
            turn.answers.pop(fact, None)
        else:
            turn.answers[fact] = previous
        problem = next((error.message for error in exc.errors if error.fact == fact), exc.errors[0].message)
        turn.say(Markup("<p>{}</p><p>{}</p>").format(gettext("That does not fit with your other answers:"),
                                                    problem))
        _ask(turn, turn.kb.questions[fact], repeat=True)
        return False
    turn.answered.add(fact)
    turn.state.queued = [item for item in turn.state.queued if item[0] != fact]
    return True


def _confirm(turn: Turn, question: Question, value: Any) -> None:
    turn.state.confirm = {"fact": question.fact, "value": value}
    turn.state.asking = question.fact
    label = question.text(turn.locale).fields.get("summary") or question.text(turn.locale).title
    turn.say(Markup("<p>{}</p>").format(gettext("I understood: %(question)s: %(answer)s. Is that right?",
                                                question=label, answer=_display(turn, question, value))),
             quick_replies=[{"value": "yes", "label": gettext("Yes")}, {"value": "no", "label": gettext("No")}])


def _next_mention(turn: Turn) -> bool:
    """Ask about the next fact mentioned in passing, if its question applies now."""
    while turn.state.queued:
        fact, value = turn.state.queued.pop(0)
        question = turn.kb.questions.get(fact)
        if question is None or fact in turn.answered or not is_shown(question, turn.facts()):
            continue
        turn.state.confirm = {"fact": fact, "value": value}
        label = question.text(turn.locale).fields.get("summary") or question.text(turn.locale).title
        turn.say(Markup("<p>{}</p>").format(gettext("You mentioned something I can use. %(question)s: %(answer)s. "
                                                    "Is that right?", question=label,
                                                    answer=_display(turn, question, value))),
                 quick_replies=[{"value": "yes", "label": gettext("Yes")}, {"value": "no", "label": gettext("No")}])
        return True
    return False


def _ask_next(turn: Turn) -> None:
    following = next_question(turn.kb, turn.answers, turn.answered)
    if following is None:
        turn.state.asking = None
        _summary(turn)
        return
    _ask(turn, following)


def _ask(turn: Turn, question: Question, repeat: bool = False) -> None:
    turn.state.asking = question.fact
    turn.state.done = False
    text = question.text(turn.locale)
    hint = text.fields.get("hint") or ""
    attrs = Markup(' lang="en" dir="ltr"') if turn.locale != "en" and turn.locale not in question.texts else Markup("")
    html = Markup("<p{}><strong>{}</strong></p>").format(attrs, text.title)
    if hint and not repeat:
        html += Markup('<p class="app-chat__hint"{}>{}</p>').format(attrs, hint)
    kind = FACTS[question.fact].type
    if kind == "date_ranges":
        html += Markup('<p><a class="govuk-link" href="{}">{}</a></p>').format(
            url_for("questionnaire.question", fact=question.fact, change="1"),
            gettext("Enter the dates on the question page"))
    turn.say(html, quick_replies=_quick_replies(turn, question))


def _quick_replies(turn: Turn, question: Question) -> list[dict[str, str]]:
    kind = FACTS[question.fact].type
    text, english = question.text(turn.locale), question.texts["en"]
    labels = text.fields.get("options") or {}
    replies: list[dict[str, str]] = []
    if kind == "bool":
        replies = [{"value": "yes", "label": gettext("Yes")}, {"value": "no", "label": gettext("No")}]
    elif kind == "choice" and len(question.options) <= 12:
        replies = [{"value": value, "label": labels.get(value) or english.fields["options"].get(value, value)}
                   for value in question.options]
    elif kind == "list":
        replies = [{"value": "[]", "label": gettext("None of these")}]
    if kind == "date":
        replies = [{"value": "today", "label": gettext("Today")}, {"value": "yesterday", "label": gettext("Yesterday")}]
    replies.append({"value": "dont_know", "label": text.fields.get("dont_know_label") or gettext("I don't know")})
    return replies


def _display(turn: Turn, question: Question, value: Any) -> str:
    from ..questionnaire import display_answer

    if FACTS[question.fact].type == "date":
        return format_date(dt.date.fromisoformat(value), "EEEE d MMMM yyyy")
    return display_answer(question, value, turn.locale)


def _looks_like_question(text: str) -> bool:
    return text.rstrip().endswith(("?", "؟")) or len(text.split()) >= 3


def _reply_from_knowledge(turn: Turn, text: str) -> None:
    """Quote the best passage from the knowledge base, with its page and its legal sources."""
    from ..guides import entry_url

    hits = search(turn.kb, text, locale=turn.locale, limit=3)
    if not hits or hits[0].score < MIN_SCORE:
        coram = turn.kb.services.get("coram_child_law_advice")
        turn.say(Markup("<p>{}</p><p>{}</p>").format(
            gettext("I am not sure I can answer that from this service's guidance, and I do not want to guess."),
            gettext("Coram Child Law Advice gives free legal advice on exclusions, and your local SEND information, "
                    "advice and support service (SENDIASS) can help if your child has extra needs.")),
            sources=[{"title": "Coram Child Law Advice", "url": coram.url if coram else "", "ref": ""},
                     {"title": gettext("Who can help"), "url": url_for("services.index"), "ref": ""}])
        return
    best = hits[0]
    entry = getattr(turn.kb, best.kind)[best.id]
    url = entry_url(best.kind, best.id, turn.locale)
    english = best.locale != turn.locale
    attrs = Markup(' lang="en" dir="ltr"') if english else Markup("")
    html = Markup("<p><strong{}>{}</strong></p><p{}>{}</p>").format(attrs, best.title, attrs, best.snippet)
    if english:
        html += Markup('<p class="app-chat__hint">{}</p>').format(
            gettext("This part of the guidance is not translated yet, so it is in English."))
    html += Markup('<p><a class="govuk-link" href="{}">{}</a></p>').format(url, gettext("Read more about this"))
    sources = [{"title": best.title, "url": url, "ref": ""}]
    for ref in getattr(entry, "sources", ()):
        source = turn.kb.sources[ref.source]
        sources.append({"title": source.title, "url": source.url, "ref": ref.ref})
    if len(hits) > 1:
        html += Markup("<p>{}</p><ul>").format(gettext("These may help too:"))
        for hit in hits[1:]:
            html += Markup('<li><a class="govuk-link" href="{}">{}</a></li>').format(
                entry_url(hit.kind, hit.id, turn.locale), hit.title)
        html += Markup("</ul>")
    turn.say(html, sources=sources)


def _summary(turn: Turn) -> None:
    """What the answers so far mean, with links to the full results and the letters."""
    try:
        result = assess(turn.facts(), locale=turn.locale, kb=turn.kb).to_json()
    except InvalidFacts as exc:
        turn.say(Markup("<p>{}</p>").format(exc.errors[0].message))
        return
    turn.state.done = next_question(turn.kb, turn.answers, turn.answered) is None
    unlawful = [f for f in result["findings"] if f["severity"] == "likely_unlawful"]
    html = Markup("<p><strong>{}</strong></p>").format(result["process"]["title"])
    if unlawful:
        html += Markup("<p>{}</p><ul>").format(gettext("This looks like it breaks the rules:"))
        for finding in unlawful:
            html += Markup("<li>{}</li>").format(finding["title"])
        html += Markup("</ul>")
    if result["deadlines"]:
        first = result["deadlines"][0]
        html += Markup("<p>{}: <strong>{}</strong></p>").format(
            first["title"], format_date(dt.date.fromisoformat(first["date"]), "EEEE d MMMM yyyy"))
    if result["services"]:
        html += Markup("<p>{} {}</p>").format(gettext("Free help:"),
                                              ", ".join(service["name"] for service in result["services"][:3]))
    html += Markup('<p><a class="govuk-link" href="{}">{}</a></p>').format(url_for("questionnaire.results"),
                                                                          gettext("See your full results"))
    html += Markup('<p><a class="govuk-link" href="{}">{}</a></p>').format(url_for("letters.index"),
                                                                          gettext("Write a letter"))
    sources = []
    for finding in unlawful:
        for source in finding["sources"]:
            if source not in sources:
                sources.append({"title": source["title"], "url": source["url"], "ref": source.get("ref", "")})
    turn.say(html, sources=sources)
