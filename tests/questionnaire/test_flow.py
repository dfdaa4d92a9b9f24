"""The questionnaire's branching: the page's own check agrees with the walk of the flow."""

from hypothesis import HealthCheck, given, settings

from guidance_app.knowledge import knowledge_base
from guidance_app.questionnaire.flow import effective_facts, is_asked, is_shown

from ..core.test_properties import cases


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_a_question_is_asked_exactly_when_its_condition_allows_it(answers):
    kb = knowledge_base()
    facts = effective_facts(kb, answers)
    for question in kb.questions.values():
        assert is_asked(kb, answers, question) == is_shown(question, facts), question.fact
