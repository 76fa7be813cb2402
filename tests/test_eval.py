"""The question sets in tests/eval must keep passing at the figures we measured.

sample_questions.jsonl is the set the retrieval was first tuned on; paraphrase_questions.jsonl
was written from the article before the next round of tuning, to show changes that only fit
the first set; reader_questions.jsonl holds the sets of two hundred and twenty-four writers who saw only the article,
each run blind before it was used (BENCHMARKS.md has both figures). The reader thresholds sit a
few questions under the measured figures, so that a near tie decided differently by another
CPU's arithmetic does not fail the suite."""

import pytest

from assistant.evaluation import load_cases, run_eval

from .conftest import EVAL_SET, PARAPHRASE_SET, READER_SET


@pytest.mark.parametrize(
    "path, size, first, top3, keywords, abstentions, wrong_abstentions",
    [
        (EVAL_SET, 50, 0.97, 1.0, 0.97, 1.0, 0),
        (PARAPHRASE_SET, 56, 0.94, 1.0, 1.0, 1.0, 0),
        # Measured (stop 22, 12,331 questions from 236 writers): first 8474/8794, within three
        # 8664, key words 8648, refusals 3498/3537, 48 answerable ones declined: mostly other
        # languages and jargon ("the CI", "on the LE side"), four on the spam-filter line (page
        # clutter ingest drops), terse follow-ups ("What's blocking that?").
        (READER_SET, 12331, 0.95, 0.975, 0.97, 0.98, 52),
    ],
    ids=["sample", "paraphrase", "readers"],
)
def test_question_set_figures(assistant, path, size, first, top3, keywords, abstentions, wrong_abstentions):
    cases = load_cases(path)
    assert len(cases) >= size
    figures = run_eval(assistant, cases).figures()
    assert figures["correct_abstentions"] >= abstentions * figures["abstentions_of"]
    assert figures["wrong_abstentions"] <= wrong_abstentions
    assert figures["top3_right"] / figures["first_citation_of"] >= top3
    assert figures["first_citation_right"] / figures["first_citation_of"] >= first
    assert figures["keywords_held"] / figures["keywords_of"] >= keywords
