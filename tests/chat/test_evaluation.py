"""The chat's evaluation set (tests/chat/evaluation/): real-sounding parent questions with the
entry that should answer them. Fails below 85% top-3 in English and 70% in each other language,
and when the chat would quote guidance for most off-topic messages. Figures: docs/chat.md."""

from __future__ import annotations

import pytest

from scripts.evaluate_chat import accuracy, off_topic_refused, sets

THRESHOLD = {"en": 0.85}
MINIMUM_QUESTIONS = {"en": 60}


def test_every_locale_has_an_evaluation_set():
    from guidance_app.locales import LOCALES

    assert set(LOCALES) <= set(sets())


@pytest.mark.parametrize("locale", sets())
def test_search_finds_the_right_guidance(locale):
    result = accuracy(locale)
    assert result["questions"] >= MINIMUM_QUESTIONS.get(locale, 15)
    print(f"\n{locale}: top-1 {result['top1']:.0%}, top-3 {result['top3']:.0%} of {result['questions']}")
    assert result["top3"] >= THRESHOLD.get(locale, 0.70), result["misses"]


def test_off_topic_messages_are_refused():
    refused, total = off_topic_refused()
    assert refused >= total * 0.8
