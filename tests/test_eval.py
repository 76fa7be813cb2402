"""The question set in tests/eval must keep passing at the figures we measured."""

from assistant.evaluation import load_cases, run_eval

from .conftest import EVAL_SET


def test_question_set_figures(assistant):
    cases = load_cases(EVAL_SET)
    assert len(cases) >= 40
    figures = run_eval(assistant, cases).figures()
    assert figures["correct_abstentions"] == figures["abstentions_of"]
    assert figures["wrong_abstentions"] <= 1
    assert figures["top3_right"] / figures["first_citation_of"] >= 0.80
    assert figures["first_citation_right"] / figures["first_citation_of"] >= 0.78
    assert figures["keywords_held"] / figures["keywords_of"] >= 0.78
