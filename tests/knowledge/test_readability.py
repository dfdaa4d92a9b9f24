"""Plain English: every English rule, guide and service body reads at Flesch-Kincaid grade 9 or
below (a reading age of about 14), and the median is below grade 7 (about 12). Figures are
printed (`pytest -s`) and written in docs/readability.md."""

from __future__ import annotations

from guidance_app.knowledge import knowledge_base
from guidance_app.knowledge.readability import MAX_GRADE, TARGET_MEDIAN, median_grade, plain_text, scores

from .test_kb_check import check, content, edit  # noqa: F401  (fixture)


def test_every_english_body_is_plain_enough():
    all_scores = scores(knowledge_base())
    assert len(all_scores) >= 70
    median = median_grade(all_scores)
    hardest = max(all_scores, key=lambda item: item.grade)
    print(f"\nreadability: {len(all_scores)} bodies, median grade {median:.1f}, hardest {hardest.grade:.1f} "
          f"({hardest.path}), median reading ease "
          f"{sorted(item.reading_ease for item in all_scores)[len(all_scores) // 2]:.0f}")
    too_hard = {item.path: item.grade for item in all_scores if item.grade > MAX_GRADE}
    assert too_hard == {}
    assert median < TARGET_MEDIAN


def test_list_items_count_as_sentences_and_links_as_their_words():
    text = plain_text("You can:\n\n- ask for a meeting\n- see the papers, [read more](https://example.org)\n")
    assert "meeting." in text and "papers, read more." in text and "https" not in text


def test_kb_check_warns_about_a_hard_page(app, content):  # noqa: F811
    edit(content / "en" / "rules" / "unlawful_reason.md", "A school may only exclude a child because of the child's own behaviour.",
         "Notwithstanding the considerable institutional responsibilities incumbent upon educational establishments, "
         "administrative determinations concerning disciplinary exclusion necessitate comprehensive consideration "
         "of individual circumstances, proportionality and statutory obligations.")
    result = check(app, content, "--strict")
    assert "WARNING: en/rules/unlawful_reason.md [(body)]: reads at grade" in result.output
    assert result.exit_code == 1
