"""The knowledge base saved between starts: used only when nothing it was made from has
changed, and never trusted when damaged."""

import logging
import shutil

import pytest

from guidance_app import create_app
from guidance_app.core import assess
from guidance_app.knowledge import content_dir, load_or_raise
from guidance_app.knowledge.saved import load_saved

from ..core.scenarios import SCENARIOS


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


class CountingLoad:
    def __init__(self):
        self.calls = 0

    def __call__(self, root):
        self.calls += 1
        return load_or_raise(root)


def test_a_second_start_uses_the_saved_copy_and_assesses_the_same(content, tmp_path):
    loads, saved_in = CountingLoad(), tmp_path / "saved"
    first = load_saved(content, saved_in, loads)
    second = load_saved(content, saved_in, loads)
    assert loads.calls == 1 and len(list(saved_in.glob("knowledge-*.pickle"))) == 1
    assert second is not first and list(second.rules) == list(first.rules)
    for scenario in SCENARIOS:
        for locale in ("en", "ar"):
            assert assess(scenario.facts, locale, kb=second).to_json() == assess(scenario.facts, locale, kb=first).to_json()


def test_a_changed_file_is_read_again_and_the_old_copy_removed(content, tmp_path):
    loads, saved_in = CountingLoad(), tmp_path / "saved"
    load_saved(content, saved_in, loads)
    rule = sorted((content / "en" / "rules").glob("*.md"))[0]
    rule.write_text(rule.read_text(encoding="utf-8") + "\nOne more sentence for parents.\n", encoding="utf-8")
    changed = load_saved(content, saved_in, loads)
    assert loads.calls == 2 and len(list(saved_in.glob("knowledge-*.pickle"))) == 1
    assert "One more sentence for parents." in changed.rules[rule.stem].text("en").body_markdown


def test_a_damaged_copy_is_ignored_with_a_warning(content, tmp_path, caplog):
    loads, saved_in = CountingLoad(), tmp_path / "saved"
    load_saved(content, saved_in, loads)
    [copy] = saved_in.glob("knowledge-*.pickle")
    copy.write_bytes(b"not a pickle at all")
    with caplog.at_level(logging.WARNING):
        kb = load_saved(content, saved_in, loads)
    assert loads.calls == 2 and kb.rules
    assert "Ignoring the saved knowledge base" in caplog.text


def test_the_app_saves_its_knowledge_base_where_configured(tmp_path):
    saved_in = tmp_path / "cache"
    app = create_app({"TESTING": True, "KNOWLEDGE_SAVED_DIR": str(saved_in), "CONTENT_DIR": str(content_dir()),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert app.extensions["knowledge_base"].rules and list(saved_in.glob("knowledge-*.pickle"))
