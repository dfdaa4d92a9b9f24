"""Search the knowledge base in the reader's language (BM25, via the bm25s library).

Why per-language indexes: words are cut down to their stems where a stemmer exists for the
language (English, Arabic, Spanish, Polish, Portuguese, Romanian), so "suspended" finds
"suspension". Entries not yet translated are indexed in English and marked as such.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from html import unescape
from typing import Any

from ..core.facts import FACTS
from ..core.model import Entry, KnowledgeBase

STEMMERS = {"en": "english", "ar": "arabic", "es": "spanish", "pl": "polish", "pt": "portuguese",
            "ro": "romanian"}
# A few very common words per language that carry no meaning for search.
STOPWORDS = {
    "en": set("a an and are as at be by can do does for from has have he her his how i if in is it its me my "
              "of on or our she so that the their them they this to was we what when where which who will "
              "with you your".split()),
    "uk": set("і й та а але що це як чи на в у з із до від по за для не ні так він вона вони ми ви я мене мені "
              "мій моя моє мої його її їх нас вас є був була було були бо вже ще дуже там тут цей ця це ці "
              "той та те ті який яка яке які коли де чому чим може можуть мають має".split()),
    "ro": set("și si sau dar că ca ce cum este e sunt a al ale ai la în in pe cu de din pentru mai nu da eu "
              "tu el ea noi voi ei ele mă ma mi îmi imi meu mea mei mele lui ei lor un o unei unui se să sa "
              "am ai au fost fi care cine când cand unde".split()),
    "pl": set("i a ale że ze czy to jak na w we z ze do od po za dla nie tak on ona oni my wy ja mnie mi mój "
              "moja moje mojego mojej jego jej ich nas was jest są był była było były bo już jeszcze bardzo "
              "tam tu ten ta te który która które kiedy gdzie dlaczego się sie co może mogą".split()),
    "es": set("y o pero que qué como cómo es son el la los las un una unos unas de del a al en con por para "
              "no sí mi mis me yo él ella ellos nosotros su sus se lo le les ya muy este esta estos estas "
              "cuando donde porque puede pueden hay".split()),
    "pt": set("e ou mas que como é são o a os as um uma uns umas de do da dos das em no na nos nas com por "
              "para não sim meu minha meus minhas me eu ele ela eles elas nós seu sua se lhe já muito este "
              "esta isso isto quando onde porque pode podem tem".split()),
}
# Letters, digits and the vowel signs of Indic scripts (Bengali and others), which Python's \w
# leaves out; Arabic short-vowel marks are removed first (see `strip_marks`).
WORD = re.compile(r"(?:\w|[\u0900-\u0DFF])+", re.UNICODE)
ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


LATIN_MARKS = re.compile(r"[\u0300-\u036F]")


def fold_accents(word: str) -> str:
    """A word without accents ("întâmplă" and "intampla" match): many parents type on phones
    without them. Only the combining accents of Latin and Cyrillic letters are removed."""
    return unicodedata.normalize("NFC", LATIN_MARKS.sub("", unicodedata.normalize("NFD", word)))


def strip_marks(text: str) -> str:
    """Arabic text without short-vowel marks and the stretching stroke, as most people type it."""
    return ARABIC_MARKS.sub("", text)
SENTENCE = re.compile(r"(?<=[.!?؟।])\s+|\n+")
TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|ul|ol)>")


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    score: float
    snippet: str
    locale: str  # the language of the text found (English when not yet translated)


class Tokenizer:
    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.stopwords = STOPWORDS.get(locale, set())
        self._stemmer = None
        if locale in STEMMERS:
            import Stemmer

            self._stemmer = Stemmer.Stemmer(STEMMERS[locale])

    def __call__(self, text: str) -> list[str]:
        words = [w for w in WORD.findall(strip_marks(text).lower()) if w not in self.stopwords and not w.isdigit()]
        stems = self._stemmer.stemWords(words) if self._stemmer else words
        return [fold_accents(stem) for stem in stems]


def plain_text(html: str) -> str:
    """Text of an HTML body, one line per paragraph, list item or heading."""
    text = BLOCK_END.sub("\n", html.replace("\n", " "))
    return unescape(TAG.sub(" ", text))


class SearchIndex:
    """One BM25 index over the rules and guides of one locale."""

    def __init__(self, kb: KnowledgeBase, locale: str) -> None:
        import bm25s

        self.locale = locale
        self.tokenize = Tokenizer(locale)
        self._english = self.tokenize if locale == "en" else Tokenizer("en")
        self.entries: list[tuple[Entry, str]] = []
        corpus = []
        mentions = self._mentions_by_answer(kb, locale)
        # Only answers few rules ask for say what a rule is about (most rules need an exclusion).
        counts: dict[tuple[str, str], int] = {}
        for rule in kb.rules.values():
            for fact, value in rule.when.required_values() if rule.when else ():
                counts[(fact, repr(value))] = counts.get((fact, repr(value)), 0) + 1
        self._telling = {pair for pair, count in counts.items() if count <= 3}
        for entry in list(kb.guides.values()) + list(kb.rules.values()):
            text = entry.texts.get(locale) or entry.texts["en"]
            found_locale = locale if locale in entry.texts else "en"
            tokenize = self.tokenize if found_locale == locale else Tokenizer("en")
            # The title and the phrases parents use count twice: they say what the entry is about.
            extra = [str(text.fields.get(key) or "") for key in ("summary", "next_step")]
            words = " ".join([text.title, text.title, *text.phrases, *text.phrases, *extra,
                              plain_text(text.body_html)])
            tokens = tokenize(words)
            # How parents say it in this language (content/<locale>/phrases.yaml), even before
            # the entry itself is translated.
            local = kb.search_phrases.get(locale, {}).get(f"{entry.kind}/{entry.id}", ())
            if local:
                tokens += self.tokenize(" ".join([*local, *local]))
            # A rule is also about the answers its condition asks for ("glasgow" means Scotland),
            # said the way parents say them (the mention phrases of the question catalogue).
            tokens += self._mention_tokens(kb, entry, mentions)
            corpus.append(tokens or ["_"])
            self.entries.append((entry, found_locale))
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        self.retriever.index(corpus, show_progress=False)
        self._lock = threading.Lock()
        self._sentences: dict[int, list[tuple[str, frozenset[str]]]] = {}

    @staticmethod
    def _mentions_by_answer(kb: KnowledgeBase, locale: str) -> dict[tuple[str, str], list[tuple[str, str]]]:
        out: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for lang in dict.fromkeys(["en", locale]):
            for phrase, fact, value in kb.mentions.get(lang, []):
                out.setdefault((fact, repr(value)), []).append((phrase, lang))
        return out

    def _mention_tokens(self, kb: KnowledgeBase, entry: Entry, mentions) -> list[str]:
        when = getattr(entry, "when", None)
        if when is None:
            return []
        tokens: list[str] = []
        english = Tokenizer("en") if self.locale != "en" else self.tokenize
        for fact, value in when.required_values():
            if (fact, repr(value)) not in self._telling:
                continue
            if FACTS.get(fact) is not None and FACTS[fact].default is not None and value == FACTS[fact].default:
                continue  # "no police involved" says nothing about what the rule is for
            for phrase, lang in mentions.get((fact, repr(value)), ()):
                tokens += (self.tokenize if lang == self.locale else english)(phrase)
        return tokens

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        tokens = self.tokenize(query)
        if self.locale != "en":
            tokens += self._english(query)  # English words typed into a translated page
        tokens = [t for t in tokens if t]
        if not tokens:
            return []
        with self._lock:  # bm25s scoring is not documented as thread-safe
            # Every entry's score, best first (ties in the order of the index). Why not
            # `retrieve`: it opens a progress bar (and its locks) even when told not to show it,
            # which cost more than the scoring.
            scores = self.retriever.get_scores(tokens)
        best = sorted(range(len(scores)), key=lambda index: -scores[index])[:limit]
        hits = []
        for index in best:
            score = float(scores[index])
            if score <= 0:
                continue
            entry, found_locale = self.entries[index]
            text = entry.texts.get(found_locale) or entry.texts["en"]
            hits.append(Hit(entry.kind, entry.id, text.title, round(score, 4),
                            self._best_sentence(index, text, set(tokens)), found_locale))
        return hits

    def _best_sentence(self, index: int, text: Any, tokens: set[str]) -> str:
        """`best_sentence`, with each entry's sentences cut and their words found once."""
        sentences = self._sentences.get(index)
        if sentences is None:
            sentences = self._sentences[index] = [
                (sentence, frozenset(self.tokenize(sentence))) for sentence in _sentences(plain_text(text.body_html))]
        return _best(sentences, tokens)


def best_sentence(text: str, tokens: set[str], tokenize: Tokenizer) -> str:
    """The sentence sharing most words with the query, as the snippet shown with a result."""
    return _best([(sentence, frozenset(tokenize(sentence))) for sentence in _sentences(text)], tokens)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if s.strip()]


def _best(sentences: list[tuple[str, frozenset[str]]], tokens: set[str]) -> str:
    if not sentences:
        return ""
    best = max(sentences, key=lambda item: len(tokens & item[1]))[0]
    return best if len(best) <= 300 else best[:297].rsplit(" ", 1)[0] + "…"


_build_lock = threading.Lock()


def index_for(kb: KnowledgeBase, locale: str) -> SearchIndex:
    """The locale's index, built on first use and kept with the knowledge base."""
    key = f"search:{locale}"
    if key not in kb.caches:
        with _build_lock:
            if key not in kb.caches:
                kb.caches[key] = SearchIndex(kb, locale)
    return kb.caches[key]


def search(kb: KnowledgeBase, query: str, locale: str = "en", limit: int = 5) -> list[Hit]:
    """Best matches for `query` among the rules and guides, best first."""
    return index_for(kb, locale).search(query, limit)
