"""Understanding a parent's typed answer to one catalogue question, in their language.

Why small word lists and Babel rather than a language model: the chat must never make things
up, and every guess is shown back to the parent to confirm. Month and weekday names come
from Babel's CLDR data, so dates work in every locale the app has; the few words Babel does
not have (yes, no, yesterday, last...) are listed here per language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from babel.dates import get_day_names, get_month_names

from ..core.facts import FACTS
from ..core.model import KnowledgeBase, Question
from ..knowledge.search import strip_marks

EXACT, GUESS, DONT_KNOW, NOTHING = "exact", "guess", "dont_know", "nothing"

YES = {
    "en": ["yes", "yeah", "yep", "y", "correct", "right", "that's right", "thats right", "true", "ok", "okay"],
    "ar": ["نعم", "أجل", "اجل", "ايوه", "أيوه", "صحيح", "نعم صحيح", "بلى"],
    "bn": ["হ্যাঁ", "হা", "হ্যা", "ঠিক", "ঠিক আছে", "জি"],
    "es": ["sí", "si", "correcto", "vale", "claro"],
    "pl": ["tak", "zgadza się", "zgadza sie", "dokładnie", "owszem", "no tak"],
    "pt": ["sim", "correto", "certo", "isso"],
    "ro": ["da", "corect", "exact"],
    "so": ["haa", "haye", "waa sax", "sax"],
    "uk": ["так", "вірно", "правильно", "авжеж"],
    "ur": ["ہاں", "جی", "جی ہاں", "درست", "ہاں جی"],
}
NO = {
    "en": ["no", "nope", "n", "not really", "wrong", "false", "incorrect", "no it isn't", "no it's not"],
    "ar": ["لا", "كلا", "خطأ", "غير صحيح", "ليس صحيحا"],
    "bn": ["না", "ভুল", "নাহ"],
    "es": ["no", "incorrecto"],
    "pl": ["nie", "nieprawda", "źle", "zle", "nie zgadza się"],
    "pt": ["não", "nao", "errado", "incorreto"],
    "ro": ["nu", "greșit", "gresit", "incorect"],
    "so": ["maya", "maya ma aha", "khalad"],
    "uk": ["ні", "невірно", "неправильно"],
    "ur": ["نہیں", "جی نہیں", "غلط"],
}
DONT_KNOWS = {
    "en": ["dont_know", "i don't know", "i dont know", "don't know", "dont know", "not sure", "i'm not sure", "im not sure",
           "no idea", "unsure", "unknown", "skip", "pass", "dunno"],
    "ar": ["لا أعرف", "لا اعرف", "لست متأكدا", "لست متأكدة", "غير متأكد", "تخطي", "تخطى", "ما بعرف"],
    "bn": ["জানি না", "নিশ্চিত নই", "বাদ দিন"],
    "es": ["no sé", "no se", "no estoy seguro", "no estoy segura", "saltar"],
    "pl": ["nie wiem", "nie jestem pewien", "nie jestem pewna", "pomiń", "pomin", "nie mam pojęcia"],
    "pt": ["não sei", "nao sei", "não tenho certeza", "pular"],
    "ro": ["nu știu", "nu stiu", "nu sunt sigur", "nu sunt sigură", "sari"],
    "so": ["ma garanayo", "ma hubo", "ka bood"],
    "uk": ["не знаю", "не впевнений", "не впевнена", "пропустити"],
    "ur": ["معلوم نہیں", "پتہ نہیں", "یقین نہیں", "چھوڑ دیں"],
}
TODAY = {"en": ["today"], "ar": ["اليوم"], "bn": ["আজ"], "es": ["hoy"], "pl": ["dzisiaj", "dziś", "dzis"],
         "pt": ["hoje"], "ro": ["azi", "astăzi", "astazi"], "so": ["maanta"], "uk": ["сьогодні"], "ur": ["آج"]}
YESTERDAY = {"en": ["yesterday"], "ar": ["أمس", "امس", "البارحة"], "bn": ["গতকাল"], "es": ["ayer"],
             "pl": ["wczoraj"], "pt": ["ontem"], "ro": ["ieri"], "so": ["shalay"], "uk": ["вчора", "учора"],
             "ur": ["کل", "گزشتہ کل"]}
TOMORROW = {"en": ["tomorrow"], "ar": ["غدا", "غداً", "بكرة"], "bn": ["আগামীকাল"], "es": ["mañana"],
            "pl": ["jutro"], "pt": ["amanhã", "amanha"], "ro": ["mâine", "maine"], "so": ["berri"],
            "uk": ["завтра"], "ur": []}
LAST = {"en": ["last"], "ar": ["الماضي", "الماضية", "السابق"], "bn": ["গত"], "es": ["pasado", "pasada"],
        "pl": ["zeszły", "zeszły", "zeszłą", "zeszła", "ostatni", "ostatnią", "zeszly", "zeszla"],
        "pt": ["passado", "passada"], "ro": ["trecut", "trecută", "trecuta"], "so": ["hore", "tagay"],
        "uk": ["минулого", "минулої", "минулий", "минулу"], "ur": ["پچھلے", "گزشتہ"]}
NEXT = {"en": ["next"], "ar": ["القادم", "القادمة", "المقبل"], "bn": ["আগামী"], "es": ["próximo", "proximo"],
        "pl": ["przyszły", "przyszłą", "następny", "przyszly"], "pt": ["próximo", "próxima"],
        "ro": ["viitor", "viitoare"], "so": ["soo socda"], "uk": ["наступного", "наступної"], "ur": ["اگلے"]}
NUMBER_WORDS = {
    "en": {"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "half a day": 0.5, "a half": 0.5},
    "pl": {"zero": 0, "jeden": 1, "jedna": 1, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "pięć": 5, "piec": 5,
           "sześć": 6, "siedem": 7, "osiem": 8, "dziewięć": 9, "dziesięć": 10, "pół dnia": 0.5},
    "ar": {"صفر": 0, "يوم": 1, "واحد": 1, "يومين": 2, "يومان": 2, "اثنان": 2, "ثلاثة": 3, "أربعة": 4, "خمسة": 5,
           "ستة": 6, "سبعة": 7, "ثمانية": 8, "تسعة": 9, "عشرة": 10, "نصف يوم": 0.5},
}
# Month names Babel does not give: the Levantine Arabic names many families use.
EXTRA_MONTHS = {"ar": {"كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
                       "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
                       "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12}}
# Words that turn a mention round ("not excluded"), per language: "ma" is Somali "not" but Polish
# "has", and "no" is Spanish "not" but a Polish filler.
NEGATIONS = {"en": {"not", "never", "no"}, "ar": {"لا", "ليس", "لم", "غير"}, "bn": {"না", "নয়", "নি"},
             "es": {"no", "nunca"}, "pl": {"nie", "nigdy"}, "pt": {"não", "nao", "nunca"}, "ro": {"nu", "niciodată"},
             "so": {"ma", "maya"}, "uk": {"не", "ні", "ніколи"}, "ur": {"نہیں", "نہ", "مت"}}
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹০১২৩৪৫৬৭৮৯", "012345678901234567890123456789")


@dataclass(frozen=True)
class Understood:
    kind: str  # exact (a value as the form or API would send it), guess (to confirm), dont_know, nothing
    value: Any = None


def normalise(text: str) -> str:
    text = strip_marks(unicodedata.normalize("NFC", text)).translate(DIGITS).lower().replace("’", "'")
    text = re.sub(r"[^\w\s\u0900-\u0DFF'/.,:-]", " ", text)
    return " ".join(text.replace(",", " , ").split()).strip(" .,!?")


def _words(table: dict[str, list[str]], locale: str) -> list[str]:
    return table.get(locale, []) + (table["en"] if locale != "en" else [])


def is_yes(text: str, locale: str) -> bool | None:
    """True for yes, False for no, None when it is neither."""
    said = normalise(text)
    if said in _words(YES, locale):
        return True
    if said in _words(NO, locale):
        return False
    first = said.split(" ")[0] if said else ""
    if first in _words(YES, locale) and len(said.split()) <= 4:
        return True
    if first in _words(NO, locale) and len(said.split()) <= 4:
        return False
    return None


def is_dont_know(text: str, locale: str) -> bool:
    said = normalise(text)
    return said in _words(DONT_KNOWS, locale)


def understand(kb: KnowledgeBase, question: Question, text: str, locale: str, today: dt.date) -> Understood:
    """What a typed reply says about `question`'s fact."""
    raw = text.strip()
    if not raw:
        return Understood(NOTHING)
    if raw in question.options:  # a quick reply, or a value sent by a script ("unsure" is an answer)
        return Understood(EXACT, raw)
    if is_dont_know(raw, locale):
        return Understood(DONT_KNOW)
    spec = FACTS[question.fact]
    kind = spec.type
    if kind == "bool":
        if raw.lower() in ("true", "false"):
            return Understood(EXACT, raw.lower() == "true")
        said = is_yes(raw, locale)
        return Understood(EXACT, said) if said is not None else _mentioned(kb, question, raw, locale)
    if kind == "choice":
        return _choice(kb, question, raw, locale)
    if kind == "date":
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            try:
                return Understood(EXACT, dt.date.fromisoformat(raw).isoformat())
            except ValueError:
                return Understood(NOTHING)
        found = parse_date(raw, locale, today, prefer_past=question.fact != "exam_date")
        return Understood(GUESS, found.isoformat()) if found else Understood(NOTHING)
    if kind in ("int", "number"):
        return _number(raw, locale, whole=kind == "int", halves=spec.halves)
    if kind == "list":
        return _list(question, raw, locale)
    if kind == "date_ranges":
        try:
            value = json.loads(raw)
        except ValueError:
            return Understood(NOTHING)
        return Understood(EXACT, value) if isinstance(value, list) else Understood(NOTHING)
    return Understood(NOTHING)


def _labels(question: Question, locale: str) -> dict[str, list[str]]:
    """Each option's labels in the reader's language and in English, normalised."""
    local = question.text(locale).fields.get("options") or {}
    english = question.texts["en"].fields.get("options") or {}
    return {value: [normalise(label) for label in {local.get(value, ""), english.get(value, "")} if label]
            for value in question.options}


def _choice(kb: KnowledgeBase, question: Question, raw: str, locale: str) -> Understood:
    said = normalise(raw)
    if raw in question.options:
        return Understood(EXACT, raw)
    labels = _labels(question, locale)
    for value, names in labels.items():
        if said in names:
            return Understood(EXACT, value)
    if said.isdigit() and 1 <= int(said) <= len(question.options) and len(question.options) < 20:
        return Understood(EXACT, question.options[int(said) - 1])
    # Yes/no answers to yes/no/unsure questions.
    yes = is_yes(raw, locale)
    if yes is not None and {"yes", "no"} <= set(question.options):
        return Understood(EXACT, "yes" if yes else "no")
    # A label that contains what was typed, or is contained in it (only one may match).
    if len(said) >= 3:
        partial = {value for value, names in labels.items()
                   if any(said in name or (len(name) >= 4 and name in said) for name in names)}
        if len(partial) == 1:
            return Understood(GUESS, partial.pop())
    return _mentioned(kb, question, raw, locale)


def _mentioned(kb: KnowledgeBase, question: Question, raw: str, locale: str) -> Understood:
    found = {value for phrase, fact, value in mentions_in(kb, raw, locale) if fact == question.fact}
    if len(found) == 1:
        return Understood(GUESS, found.pop())
    return Understood(NOTHING)


def mentions_in(kb: KnowledgeBase, text: str, locale: str) -> list[tuple[str, str, Any]]:
    """Mention phrases found in the text, longest first (so "not permanently" is not read as
    "permanently"), without overlapping matches; one phrase may mention several facts
    ("autistic": autism and disability)."""
    said = f" {normalise(text)} "
    found, taken = [], []
    for phrase, fact, value in _mention_table(kb, locale):
        start = said.find(f" {phrase} ")
        if start == -1:
            start = said.find(f" {phrase}")
            if start == -1 or not _word_start_ok(said, start + 1 + len(phrase)):
                continue
        before = said[max(0, start - 14):start].split()
        negations = NEGATIONS.get(locale, set()) | NEGATIONS["en"] - ({"no"} if locale == "pl" else set())
        if before and (before[-1] in negations or before[-1].endswith("n't")
                       or (len(before) > 1 and before[-2] in negations)):
            continue  # "not permanently excluded" does not mention a permanent exclusion
        span = (start, start + len(phrase) + 2)
        if any(a < span[1] and span[0] < b and other != phrase for (a, b), other in taken):
            continue
        taken.append((span, phrase))
        found.append((phrase, fact, value))
    return found


def _mention_table(kb: KnowledgeBase, locale: str) -> list[tuple[str, str, Any]]:
    """The locale's mention phrases (and English ones), written the way messages are read."""
    key = f"mentions:{locale}"
    if key not in kb.caches:
        table = kb.mentions.get(locale, []) + (kb.mentions.get("en", []) if locale != "en" else [])
        kb.caches[key] = sorted(((normalise(phrase), fact, value) for phrase, fact, value in table),
                                key=lambda item: -len(item[0]))
    return kb.caches[key]


def _word_start_ok(said: str, end: int) -> bool:
    # Allow plural/possessive endings ("exams", "ehcp's") but not longer words.
    tail = said[end:end + 3]
    return tail[:1] in (" ", "") or tail[:2] in ("s ", "'s")


def _number(raw: str, locale: str, whole: bool, halves: bool) -> Understood:
    said = normalise(raw).replace(",", ".").replace(" . ", ".")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)", said)
    if match:
        value = float(match.group(1))
        return _checked_number(value, whole, halves, EXACT)
    match = re.search(r"(\d+(?:[.,]5)?|\d+\s*(?:and a half|½|i pół|ونصف))", said)
    if match:
        text = match.group(1)
        value = float(re.sub(r"\D.*", "", text)) + (0.5 if re.search(r"half|½|pół|نصف|[.,]5", text) else 0)
        return _checked_number(value, whole, halves, GUESS)
    words = {**NUMBER_WORDS.get("en", {}), **NUMBER_WORDS.get(locale, {})}
    for word, value in sorted(words.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(^|\s){re.escape(word)}(\s|$)", said):
            return _checked_number(float(value), whole, halves, GUESS)
    return Understood(NOTHING)


def _checked_number(value: float, whole: bool, halves: bool, kind: str) -> Understood:
    if value < 0 or value > 400 or (whole and value != int(value)) or (halves and value * 2 != int(value * 2)):
        return Understood(NOTHING)
    return Understood(kind, int(value) if value == int(value) else value)


def _list(question: Question, raw: str, locale: str) -> Understood:
    stripped = raw.strip()
    if stripped.startswith("["):
        try:
            value = json.loads(stripped)
        except ValueError:
            return Understood(NOTHING)
        if isinstance(value, list) and all(item in question.options for item in value):
            return Understood(EXACT, value)
        return Understood(NOTHING)
    parts = [part.strip() for part in re.split(r"[,;\n]", stripped) if part.strip()]
    if parts and all(part in question.options for part in parts):
        return Understood(EXACT, parts)
    said = normalise(raw)
    if said in ("none", "nothing", "none of these", "brak", "nic", "لا شيء"):
        return Understood(EXACT, [])
    labels = _labels(question, locale)
    chosen = [value for value, names in labels.items() if any(name and name in said for name in names)]
    return Understood(GUESS, chosen) if chosen else Understood(NOTHING)


# ---------------------------------------------------------------------------------------
# Dates

def _names(locale: str) -> tuple[dict[str, int], dict[str, int]]:
    babel_locale = "en_GB" if locale == "en" else locale
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for loc in {babel_locale, "en_GB"}:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, loc).items():
                    months[normalise(name).strip(".")] = number
                for number, name in get_day_names(width, context, loc).items():
                    days[normalise(name).strip(".")] = number  # Monday is 0
    months.update(EXTRA_MONTHS.get(locale, {}))
    months.pop("", None)
    days.pop("", None)
    return months, days


_NAME_CACHE: dict[str, tuple[dict[str, int], dict[str, int]]] = {}


def parse_date(text: str, locale: str, today: dt.date, prefer_past: bool = True) -> dt.date | None:
    """A date from common ways of writing it, resolved against `today` (UK day-month order).

    Without a year, most dates a parent gives are in the past (when the exclusion started);
    `prefer_past=False` (an exam date) takes the nearest one instead."""
    said = normalise(text)
    if locale not in _NAME_CACHE:
        _NAME_CACHE[locale] = _names(locale)
    months, days = _NAME_CACHE[locale]
    words = said.replace(",", " ").split()
    for word in words:
        if word in _words(TODAY, locale):
            return today
        if word in _words(YESTERDAY, locale):
            return today - dt.timedelta(days=1)
        if word in _words(TOMORROW, locale):
            return today + dt.timedelta(days=1)
    match = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", said)
    if match:
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = re.search(r"\b(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?\b", said)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        year = _year(match.group(3), day, month, today, prefer_past)
        return _date(year, month, day) if year else None
    month = next((months[w] for w in words if w in months), None)
    if month is None:
        month = next((number for name, number in sorted(months.items(), key=lambda item: -len(item[0]))
                      if len(name) >= 4 and name in said), None)
    if month is not None:
        number = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|\.)?\b", said)
        year_match = re.search(r"\b(\d{4})\b", said)
        if number:
            day = int(number.group(1))
            year = int(year_match.group(1)) if year_match else _nearest_year(day, month, today, prefer_past)
            return _date(year, month, day) if year else None
    weekday = next((days[w] for w in words if w in days), None)
    if weekday is not None:
        if any(w in _words(NEXT, locale) for w in words):
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + dt.timedelta(days=ahead)
        back = (today.weekday() - weekday) % 7
        if any(w in _words(LAST, locale) for w in words):
            back = back or 7
        return today - dt.timedelta(days=back)
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 2000 <= value.year <= 2100 else None


def _year(text: str | None, day: int, month: int, today: dt.date, prefer_past: bool) -> int | None:
    if text is None:
        return _nearest_year(day, month, today, prefer_past)
    year = int(text)
    return year + 2000 if year < 100 else year


def _nearest_year(day: int, month: int, today: dt.date, prefer_past: bool = False) -> int | None:
    """The year that puts day/month closest to today, or the latest one not more than two
    weeks ahead when the date is most likely past."""
    best = None
    for year in (today.year - 1, today.year, today.year + 1):
        candidate = _date(year, month, day)
        if prefer_past and candidate:
            if candidate <= today + dt.timedelta(days=14) and (best is None or candidate > best):
                best = candidate
            continue
        if candidate and (best is None or abs((candidate - today).days) < abs((best - today).days)):
            best = candidate
    return best.year if best else None
