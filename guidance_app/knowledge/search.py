"""Search the knowledge base in the reader's language (BM25, via the bm25s library).

Why per-language indexes: words are cut down to their stems where a stemmer exists for the
language (English, Arabic, Spanish, Polish, Portuguese, Romanian), so "suspended" finds
"suspension". Entries not yet translated are indexed in English and marked as such.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from html import unescape

from ..core.model import Entry, KnowledgeBase

STEMMERS = {"en": "english", "ar": "arabic", "es": "spanish", "pl": "polish", "pt": "portuguese",
            "ro": "romanian"}
# A few very common words per language that carry no meaning for search.
STOPWORDS = {
    "en": set("a an and are as at be by can do does for from has have he her his how i if in is it its me my "
              "of on or our she so that the their them they this to was we what when where which who will "
              "with you your".split()),
}
WORD = re.compile(r"\w+", re.UNICODE)
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
        words = [w for w in WORD.findall(text.lower()) if w not in self.stopwords and not w.isdigit()]
        return self._stemmer.stemWords(words) if self._stemmer else words


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
        self.entries: list[tuple[Entry, str]] = []
        corpus = []
        for entry in list(kb.guides.values()) + list(kb.rules.values()):
            text = entry.texts.get(locale) or entry.texts["en"]
            found_locale = locale if locale in entry.texts else "en"
            tokenize = self.tokenize if found_locale == locale else Tokenizer("en")
            # The title and the phrases parents use count twice: they say what the entry is about.
            words = " ".join([text.title, text.title, *text.phrases, *text.phrases, plain_text(text.body_html)])
            corpus.append(tokenize(words) or ["_"])
            self.entries.append((entry, found_locale))
        self.retriever = bm25s.BM25()
        self.retriever.index(corpus, show_progress=False)
        self._lock = threading.Lock()

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        tokens = self.tokenize(query)
        if self.locale != "en":
            tokens += Tokenizer("en")(query)  # English words typed into a translated page
        tokens = [t for t in tokens if t]
        if not tokens:
            return []
        with self._lock:  # bm25s retrieval is not documented as thread-safe
            documents, scores = self.retriever.retrieve([tokens], k=min(limit, len(self.entries)),
                                                        show_progress=False)
        hits = []
        for index, score in zip(documents[0], scores[0]):
            if score <= 0:
                continue
            entry, found_locale = self.entries[int(index)]
            text = entry.texts.get(found_locale) or entry.texts["en"]
            hits.append(Hit(entry.kind, entry.id, text.title, round(float(score), 4),
                            best_sentence(plain_text(text.body_html), set(tokens), self.tokenize), found_locale))
        return hits


def best_sentence(text: str, tokens: set[str], tokenize: Tokenizer) -> str:
    """The sentence sharing most words with the query, as the snippet shown with a result."""
    sentences = [s.strip() for s in SENTENCE.split(text) if s.strip()]
    if not sentences:
        return ""
    best = max(sentences, key=lambda s: len(tokens & set(tokenize(s))))
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
