"""Scoring a question set: does the first citation hold the answer, does the answer hold the
key facts, does the assistant decline what the coverage does not answer.

A case is one JSON object per line:
    {"question": "...",
     "history": ["an earlier question", ...],     # optional: asked first, in order (follow-ups)
     "passage": "text the answering passage holds", # for answerable questions
     "keywords": ["words", "the answer holds"],     # optional
     "answerable": false}                            # for questions the coverage does not answer
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from assistant.schema import Answer, Turn
from assistant.text import plain_text

__all__ = ["EvalCase", "EvalReport", "load_cases", "run_eval"]


@dataclass
class EvalCase:
    question: str
    passage: str = ""
    keywords: list[str] = field(default_factory=list)
    answerable: bool = True
    history: list[str] = field(default_factory=list)


@dataclass
class _Outcome:
    case: EvalCase
    answer: Answer
    first_right: bool
    top3_right: bool
    keywords_held: bool


@dataclass
class EvalReport:
    outcomes: list[_Outcome]
    latencies_ms: list[float]

    def _answerable(self) -> list[_Outcome]:
        return [o for o in self.outcomes if o.case.answerable]

    def figures(self) -> dict[str, float | int]:
        answerable = self._answerable()
        with_passage = [o for o in answerable if o.case.passage]
        with_keywords = [o for o in answerable if o.case.keywords]
        unanswerable = [o for o in self.outcomes if not o.case.answerable]
        latencies = sorted(self.latencies_ms)
        return {
            "questions": len(self.outcomes),
            "first_citation_right": sum(o.first_right for o in with_passage),
            "first_citation_of": len(with_passage),
            "top3_right": sum(o.top3_right for o in with_passage),
            "keywords_held": sum(o.keywords_held for o in with_keywords),
            "keywords_of": len(with_keywords),
            "correct_abstentions": sum(o.answer.abstained for o in unanswerable),
            "abstentions_of": len(unanswerable),
            "wrong_abstentions": sum(o.answer.abstained for o in answerable),
            "answerable": len(answerable),
            "latency_median_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
            "latency_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else 0.0,
        }

    def summary(self) -> str:
        f = self.figures()

        def pct(n: int, d: int) -> str:
            return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "n/a"

        return "\n".join(
            [
                f"questions:                 {f['questions']}",
                f"first citation right:      {pct(f['first_citation_right'], f['first_citation_of'])}",
                f"right within first three:  {pct(f['top3_right'], f['first_citation_of'])}",
                f"answer holds key words:    {pct(f['keywords_held'], f['keywords_of'])}",
                f"correct abstentions:       {pct(f['correct_abstentions'], f['abstentions_of'])}",
                f"wrong abstentions:         {f['wrong_abstentions']} of {f['answerable']} answerable",
                f"latency (warm):            median {f['latency_median_ms']} ms, p95 {f['latency_p95_ms']} ms",
            ]
        )

    def details(self) -> list[str]:
        lines = []
        for o in self.outcomes:
            if o.case.answerable:
                ok = o.first_right and o.keywords_held and not o.answer.abstained
                verdict = "ok  " if ok else ("ABST" if o.answer.abstained else ("TOP3" if o.top3_right and o.keywords_held else "MISS"))
            else:
                verdict = "ok  " if o.answer.abstained else "ANSW"
            lines.append(f"{verdict} {o.case.question} -> {o.answer.answer[:110]!r}")
        return lines


def load_cases(path: Path) -> list[EvalCase]:
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        data = json.loads(line)
        if "question" not in data:
            raise ValueError(f"{path}:{number}: a case needs a 'question'")
        cases.append(
            EvalCase(
                question=data["question"],
                passage=data.get("passage") or data.get("expected_passage") or data.get("passage_contains") or "",
                keywords=list(data.get("keywords") or data.get("answer_contains") or []),
                answerable=bool(data.get("answerable", True)),
                history=list(data.get("history") or []),
            )
        )
    return cases


def run_eval(assistant, cases: list[EvalCase]) -> EvalReport:
    assistant.ask("warm up")  # load the model before timing anything
    outcomes, latencies = [], []
    for case in cases:
        history: list[Turn] = []
        for earlier in case.history:
            reply = assistant.ask(earlier, history)
            history += [Turn("user", earlier), Turn("assistant", reply.answer)]
        answer = assistant.ask(case.question, history)
        latencies.append(answer.timings_ms["total"])
        cited = [plain_text(c.text) for c in answer.citations] if not answer.abstained else []
        wanted = plain_text(case.passage)
        outcomes.append(
            _Outcome(
                case=case,
                answer=answer,
                first_right=bool(wanted) and bool(cited) and wanted in cited[0],
                top3_right=bool(wanted) and any(wanted in text for text in cited[:3]),
                keywords_held=not answer.abstained and all(plain_text(k) in plain_text(answer.answer) for k in case.keywords),
            )
        )
    return EvalReport(outcomes, latencies)

