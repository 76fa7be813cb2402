"""Answers with citations, from the coverage alone.

The default answerer is extractive: it quotes the sentences of the retrieved passages that
answer the question, each marked with the `[n]` of the passage it comes from, so every
sentence of an answer is a sentence of the coverage and every citation holds its fact.
It declines ("abstains") when the coverage does not hold the answer.

`Assistant.stream()` is the one answer path: it yields text pieces as they are ready, then
the finished `Answer`. `ask()` drains it.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.abstention import NEVER_MENTIONS, reason_to_abstain
from assistant.conversation import standalone_question
from assistant.errors import BadQuestionError
from assistant.answer_types import (
    TITLE_FIELD, answer_type, asking_part, has_cue, header_field_named, header_lines, lists_inline, things_counted,
)
from assistant.lexicon import ANOTHER_QUESTION, without_possessive
from assistant.retrieval import ANSWER_TYPE_BONUS, Retrieval, Retriever, names_its_callout, ordinal_item
from assistant.schema import Answer, Citation, Passage, Scored, Turn
from assistant.text import CARRIED_CONTEXT, split_sentences, stem, terms

__all__ = ["Assistant", "NOT_COVERED"]

NOT_COVERED = "The coverage does not answer this question."

# A sentence that opens like this leans on the one before it for its subject or its claim.
LEANING_OPENER = re.compile(
    r"^(he|she|it|they|this|that|these|those|instead|however|but|also|here|such|its|his|her|their)\b",
    re.IGNORECASE,
)
# "What rhetorical question does the lede open with?": the one sentence a question is.
ASKS_FOR_A_QUESTION = re.compile(r"\brhetorical questions?\b|\bquestion (?:does|did|do) (?:it|the \w+) (?:open|start|begin|pose|ask|end)", re.I)
# Not a bare "which": "Which former official made these claims?" asks for one thing, not a list.
LIST_QUESTION = re.compile(
    r"\b(what (are|were) (the|some)|list|steps|ways|trends|measures|recommend\w*|"
    r"implications|consequences|risks|at stake|impacts|effects|dangers|threats|options|"
    r"what (can|should|could) (the )?\w+ do)\b",
    re.IGNORECASE,
)
# "How could regimes hide their role?" asks for the one bullet that answers it, not the list:
# the section's bullets are ranked against the question and the best ones lead.
HOW_QUESTION = re.compile(r"^\W*how (can|could|should|might|would|will|may)\b", re.IGNORECASE)
MAX_LIST_ITEMS = 6
# A list question's section is scored by its best-matching member plus this times the share of
# the question's words its heading holds; half weight let the heading decide between sections
# whose members match about equally, and not override a clearly better member.
HEADING_WEIGHT = 0.5
# A question asking what should be done, and how much a list of commands counts for it.
ADVICE_QUESTION = re.compile(
    r"\b(recommend\w*|advise\w*|suggest\w*|should|steps|measures|actions|what (can|could|must) (the )?\w+ do)\b", re.I
)
ADVICE_WEIGHT = 0.2
NOT_COMMANDS = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "their", "we", "our", "he", "she",
    "while", "although", "beyond", "as", "if", "when", "with", "without", "for", "in", "on", "by", "of", "to",
    "there", "some", "many", "most", "more", "all", "no", "not", "one", "each", "every", "other",
}
MAX_RANKED_ITEMS = 3
RANKED_MARGIN = 0.1  # a bullet this close to the best one is answer enough to quote as well
# A sentence scores its best cosine (whole or one clause) plus this times the IDF-weighted share
# of the question's words it holds; 0.3 and 0.6 left "What state resources…?" on the wrong
# sentence; over all of tests/eval, 1.5 put the key words in two more answers than 1.0 did.
OVERLAP_WEIGHT = 1.5
CARRIED_WEIGHT = 0.25  # a word carried from the turn before, against one the question asks with
SECOND_SENTENCE_RATIO = 0.85  # a second sentence scoring this share of the best one is quoted too
TWO_PART_SECOND_RATIO = 0.5  # ...and this share for a question asking two things
# A passage scoring this share of the best one's score is quoted as well (its best sentence).
# Over the 500 questions in tests/eval: 0.88 quoted 1.25 passages an answer and left 7 answering
# passages out of the first three citations, 0.75 quoted 1.75 and left 2; the first citation
# and the refusals do not change with it.
RUNNER_UP_RATIO = 0.75
LIST_RATIO = 0.75  # a list answers only when one of its members scores this share of the best passage
# ...and this share when the best passage is a paragraph of a section with no list: "Which state
# resources does the article list…?" is answered by the paragraph naming them.
OFF_LIST_RATIO = 0.87
MAX_SOURCES = 3  # passages an answer quotes, unless it quotes a list
MAX_CHAIN = 4  # sentences a chain of leaning ones may bring: a news paragraph, never more
MAX_SENTENCES = 3  # of one passage in an answer: a short answer, never the whole page
MIN_SHARED_WITH_LINE = 3  # words a question shares with a header line that it quotes (the subtitle)


def _is_command(bullet: Passage) -> bool:
    """Whether a bullet reads as advice: its first word after the label is a bare verb
    ("Impose…", "Strengthen…"), not an article, a pronoun, a connective or an -ing form."""
    words = bullet.text.removeprefix(bullet.label).lstrip(": ").split()
    first = words[0].lower() if words else ""
    return bool(first) and first.isalpha() and first not in NOT_COMMANDS and not first.endswith("ing") and (
        not first.endswith("s") or first.endswith("ss")
    )


def _is_text(text: str) -> bool:
    """False for strings holding lone surrogates (JSON can carry them; the tokenizer cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class _Pick:
    passage: Passage
    sentences: list[str]
    items: int = 0  # how many of the sentences, at the end, are a list's items


class Assistant:
    """Answers questions over the coverage. Built by `app.build_assistant`."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        top_k: int = 5,
        max_question_chars: int = 1000,
        max_history_turns: int = 20,
    ):
        self.retriever = retriever
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self.max_history_turns = max_history_turns
        # Each article section's passages in reading order, once: list and "how could…" answers
        # look up a section's bullets and lead-in on every such question.
        self._sections: dict[tuple[str, str], list[Passage]] = defaultdict(list)
        for passage in sorted(retriever.passages.values(), key=lambda p: p.position):
            self._sections[(passage.doc_id, passage.section)].append(passage)

    # --- the public calls -------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        for piece in self.stream(question, history):
            if isinstance(piece, Answer):
                return piece
        raise AssertionError("stream() ended without an Answer")  # pragma: no cover

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """Yield the answer's text in pieces, then the finished `Answer`."""
        question = self._validated(question)
        if len(history) > self.max_history_turns:
            raise BadQuestionError(
                f"The conversation has {len(history)} earlier turns; send at most {self.max_history_turns}."
            )
        if not all(_is_text(turn.content) for turn in history):
            raise BadQuestionError("An earlier turn is not valid Unicode text; send UTF-8 text.")
        started = time.perf_counter()
        vocabulary = self.retriever.vocabulary
        # Words in capitals for emphasis ("what ELSE do they say") are read as plain words.
        asked = [Turn(turn.role, vocabulary.unshouted(turn.content)) if turn.role == "user" else turn for turn in history]
        standalone = vocabulary.respelled(standalone_question(
            vocabulary.unshouted(question), asked, vocabulary.people, vocabulary.central_person))
        retrieval = self.retriever.retrieve(standalone, k=self.top_k)
        retrieved = time.perf_counter()

        reason = reason_to_abstain(standalone, retrieval, self.retriever)
        if reason:
            nearest = [] if reason == "injection" else retrieval.hits[:3]
            citations = [_citation(i, hit.item, hit.similarity) for i, hit in enumerate(nearest, start=1)]
            # Only names the reader wrote in this question: not words carried from earlier turns.
            unmentioned = (_names_unmentioned(vocabulary.unshouted(question), retrieval.coverage.unknown_names, vocabulary.knows)
                           if reason.startswith(NEVER_MENTIONS) else "")
            # "…: it never mentions Cuba." tells the reader what to ask instead, or what they misspelt.
            declined = f"{NOT_COVERED.removesuffix('.')}: it never mentions {unmentioned}." if unmentioned else NOT_COVERED
            yield declined
            yield self._finish(question, standalone, declined, True, citations, started, retrieved)
            return

        picks = self._pick_sentences(standalone, retrieval)
        # Each citation shows how close its passage came to the question.
        similarity = {hit.item.id: hit.similarity for hit in retrieval.hits}
        for pick in picks:
            if pick.passage.kind == "list":  # a list scores as its best-matching member
                members = [hit.similarity for hit in retrieval.hits
                           if hit.item.section == pick.passage.section and hit.item.doc_id == pick.passage.doc_id
                           and hit.item.text in pick.passage.text]
                similarity[pick.passage.id] = max(members, default=0.0)
        parts: list[str] = []
        citations: list[Citation] = []
        for pick in picks:
            citations.append(_citation(len(citations) + 1, pick.passage, similarity.get(pick.passage.id, 0.0)))
            first_item = len(pick.sentences) - pick.items
            for j, sentence in enumerate(pick.sentences):
                # A list's items go one a line ("- item [1]"), as Markdown and a terminal show them.
                separator = ("\n- " if parts else "- ") if j >= first_item else (" " if parts else "")
                piece = f"{separator}{sentence} [{len(citations)}]"
                parts.append(piece)
                yield piece
        yield self._finish(question, standalone, "".join(parts), False, citations, started, retrieved)

    def recent(self, history: Sequence[Turn]) -> list[Turn]:
        """The latest turns that fit the history limit, in whole question/answer pairs: what a
        long conversation in the chat or the CLI sends, so it never runs into the limit."""
        keep = self.max_history_turns - self.max_history_turns % 2
        return list(history[-keep:]) if keep else []

    def search(self, query: str, k: int = 5) -> list[Scored[Passage]]:
        return self.retriever.retrieve(self.retriever.vocabulary.respelled(self._validated(query)), k=k).hits

    def describe(self) -> dict[str, int | str]:
        """What this assistant answers from: article and passage counts, the embedding model."""
        passages = self.retriever.passages.values()
        return {"articles": len({p.doc_id for p in passages}), "passages": len(passages),
                "model": self.retriever.embedder.model}

    def warm_up(self) -> None:
        """Load the model and answer once, so a server's first reader does not wait for it."""
        self.retriever.embedder.load()
        self.ask("What does the coverage say?")

    # --- steps ------------------------------------------------------------------------------

    def _validated(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise BadQuestionError("The question is empty: ask something about the coverage.")
        if len(question) > self.max_question_chars:
            raise BadQuestionError(
                f"The question is {len(question)} characters long; keep it under {self.max_question_chars}."
            )
        if not _is_text(question):
            raise BadQuestionError("The question is not valid Unicode text; send UTF-8 text.")
        return question

    def _pick_sentences(self, question: str, retrieval: Retrieval) -> list[_Pick]:
        top = retrieval.hits[0].item
        # Not "…? I need it for my reference list.", nor "the last item in the list", which is one
        # item, nor "What does the Pro Tip say about such measures?", which names its call-out.
        if (LIST_QUESTION.search(asking_part(question)) and not ordinal_item(question)
                and not names_its_callout(question.lower(), top, strictly=True)):
            listed = self._list_items(question, top, retrieval)
            if listed:
                return listed
        elif HOW_QUESTION.search(question):
            # "How might drug trafficking evolve?" matched best the paragraph that introduces a
            # list ("Here's how this trend could evolve:"): the list is the answer.
            bullets = self._section_bullets(top) if top.kind == "paragraph" else []
            if bullets and self._lead_in(bullets[0]) == top:
                listed = self._list_items(question, top, retrieval)
                if listed:
                    return listed
            ranked = self._ranked_items(question, top, retrieval)
            if ranked:
                return ranked
        if top.kind == "header":
            return [_Pick(top, _header_answer(question, top.text))]
        if top.kind == "faq":
            best = _Pick(top, _faq_answer(top.text)[:3])
        else:
            vectors = self.retriever.store.sentence_vectors([top.id])
            best = self._best_sentences(question, retrieval, top, vectors.get(top.id, []))
        return [best, *self._runners_up(question, retrieval)]

    def _runners_up(self, question: str, retrieval: Retrieval) -> list[_Pick]:
        """The passages that score nearly as high as the best one, each by its best sentence.
        The small model often cannot tell which of two close passages answers ("What did the
        spy chief plead guilty to?" scores the FAQ on his claims a hair above the paragraph on
        his plea), so the answer quotes both, each under its own citation, best first."""
        top_score = retrieval.hits[0].score
        picks = []
        for hit in retrieval.hits[1:MAX_SOURCES]:
            if hit.score < RUNNER_UP_RATIO * top_score:
                break
            if hit.item.kind == "header":
                continue
            if hit.item.kind == "faq":
                picks.append(_Pick(hit.item, _faq_answer(hit.item.text)[:1]))
                continue
            views = self.retriever.store.sentence_vectors([hit.item.id]).get(hit.item.id, [])
            picks.append(self._best_sentences(question, retrieval, hit.item, views, runner_up=True))
        return [pick for pick in picks if pick.sentences]

    def _best_sentences(
        self, question: str, retrieval: Retrieval, passage: Passage, views, runner_up: bool = False
    ) -> _Pick:
        """The sentences of `passage` that answer best, in their order: one or two, with the ones
        they lean on, and the one leaning on the best. A runner-up passage gives only its best
        sentence (with what it leans on): it seconds the answer, it does not lead it."""
        sentences = [(i, text, vector) for i, text, vector in views if i >= 0] or [
            (0, text, vector) for _, text, vector in views
        ]
        if not sentences:
            return _Pick(passage, [])
        if not runner_up and (len(sentences) <= 2 or passage.kind in ("bullet", "callout")):
            return _Pick(passage, _label_joined([text for _, text, _ in sentences], passage.label))
        # As in retrieval, a name most of the passage shares says nothing about which of its
        # sentences answers: "Why is the Cartel of the Suns so hard to take down?" is matched
        # on "so hard to take down" as well, and its overlap counts the other words.
        phrasings = [v for v in (retrieval.query_vector, retrieval.masked_vector) if len(v)]
        # In the coverage's words too: "so hard to break up" is "difficult to dismantle" there.
        query_stems = set(self.retriever.topic_stems(self.retriever.vocabulary.expand(retrieval.masked_question or question)))
        kind = answer_type(question)
        # Rare words count for more: in "What state resources does the cartel use?" the match on
        # "resources" picks the sentence, not the match on "cartel", which half the coverage has.
        # "why is it so hard to break it up then (state resources cartel suns use)": the words
        # carried from the turn before say what "it" is; the question's own words, in the
        # coverage's words too ("difficult"), say which sentence answers ("difficult to
        # dismantle", not "utilizing state resources").
        own = CARRIED_CONTEXT.sub("", question)
        own_stems = set(self.retriever.topic_stems(self.retriever.vocabulary.expand(own))) if own != question else set()
        query_stems |= own_stems
        weight = {s: self.retriever.idf(s) for s in query_stems}
        if own_stems:
            weight = {s: w if s in own_stems else CARRIED_WEIGHT * w for s, w in weight.items()}
        mass = sum(weight.values()) or 1.0
        scored = []
        for i, text, vectors in sentences:
            if text.rstrip().endswith("?") and not ASKS_FOR_A_QUESTION.search(question):
                continue  # a rhetorical question answers nothing, unless one is asked for
            overlap = sum(weight[s] for s in query_stems & {stem(w) for w in terms(text)}) / mass
            similarity = max(sum(_cosine(q, v) for q in phrasings) / len(phrasings) for v in vectors)
            bonus = ANSWER_TYPE_BONUS if kind and has_cue(kind, text) else 0.0
            if text.rstrip().endswith("?"):
                bonus += 1.0  # asked for: "What rhetorical question does the lede open with?"
            scored.append((similarity + OVERLAP_WEIGHT * overlap + bonus, i, text))
        if not scored:
            return _Pick(passage, [sentences[0][1]])
        scored.sort(reverse=True)
        best_score = scored[0][0]
        # "What do they signal, and which regimes might copy the tactic?": two questions, and the
        # second sentence may answer the second, however lower it scores on the whole.
        two_asked = not runner_up and ANOTHER_QUESTION.search(asking_part(question))
        ratio = TWO_PART_SECOND_RATIO if two_asked else SECOND_SENTENCE_RATIO
        chosen = {i for score, i, _ in scored[: 1 if runner_up else 2] if score >= ratio * best_score}
        # Keep a claim a claim: a sentence leaning on the one before brings that one along, and
        # that one the one before it if it leans too ("It's deeply embedded… This structure
        # makes it…" needs "The Cartel of the Suns… isn't a traditional cartel" to say what "it" is).
        for i in sorted(chosen):
            while i > 0 and LEANING_OPENER.match(sentences[i][1]) and len(chosen) < MAX_CHAIN:
                i -= 1
                chosen.add(i)
        # News prose states a thing, then says what it is: "…isn't a traditional cartel. It's
        # deeply embedded within the military…", "…wasn't merely involved for profit. Instead,
        # he asserts…". The best sentence, when it stands on its own, brings the one that
        # leans on it, which more often than not holds what was asked.
        best = scored[0][1]
        following = best + 1
        if (
            not runner_up
            and len(chosen) < MAX_SENTENCES
            and not LEANING_OPENER.match(sentences[best][1])
            and following < len(sentences)
            and LEANING_OPENER.match(sentences[following][1])
        ):
            chosen.add(following)
        # "Why does the writer think it sets a dangerous precedent?": a why question's best
        # sentence with no word of reason in it ("because", "since", "as a result"…) names the
        # thing asked about ("…signal a dangerous precedent."); the next sentence gives the reason.
        elif (not runner_up and kind == "why" and chosen == {best} and following < len(sentences)
              and not has_cue(kind, sentences[best][1]) and not sentences[following][1].rstrip().endswith(("?", ":"))):
            chosen.add(following)
        return _Pick(passage, [sentences[i][1] for i in sorted(chosen)])

    def _section_bullets(self, of: Passage) -> list[Passage]:
        return [p for p in self._sections.get((of.doc_id, of.section), ()) if p.kind == "bullet"]

    def _ranked_items(self, question: str, top: Passage, retrieval: Retrieval) -> list[_Pick]:
        """For "how could…" questions answered in a bulleted section: its best bullets, best first."""
        if top.kind not in ("bullet", "paragraph"):
            return []
        bullets = self._section_bullets(top)
        if len(bullets) < 2:
            return []
        # The bullets of the other bulleted sections among the best hits compete too: "How might
        # cartels become more sophisticated?" matches a bullet on "state-sponsored cartels" in
        # one section and the one on sophistication in another.
        for hit in retrieval.hits[1:3]:
            if hit.item.kind == "bullet" and hit.item.section != top.section:
                bullets += [b for b in self._section_bullets(hit.item) if b not in bullets]
        scores = self.retriever.rescore(question, retrieval.query_vector, [b.id for b in bullets])
        ranked = sorted(bullets, key=lambda b: scores[b.id], reverse=True)
        best = scores[ranked[0].id]
        chosen = [b for b in ranked[:MAX_RANKED_ITEMS] if scores[b.id] >= best - RANKED_MARGIN]
        return [_Pick(b, [b.text]) for b in chosen]

    def _list_items(self, question: str, top: Passage, retrieval: Retrieval) -> list[_Pick]:
        """For "what steps…" questions: the bullets of the best-matching section, in order (at most
        MAX_LIST_ITEMS), as one citation of the whole list (its lead-in and those bullets): the
        list is what answers, and no one bullet of it more than another."""
        # One hit per bulleted section, in rank order: the score is the section's, whichever of
        # its hits asks, so each section is scored once.
        # A list well below the best passage does not answer: "According to Carvajal, what two
        # effects was it meant to produce?" is answered by his claim, not by the list of
        # effects on the US that ranks third.
        by_section: dict[tuple[str, str], Passage] = {}
        ratio = OFF_LIST_RATIO if top.kind == "paragraph" and not self._section_bullets(top) else LIST_RATIO
        for hit in retrieval.hits:
            if hit.score < ratio * retrieval.hits[0].score:
                break
            if self._section_bullets(hit.item):
                by_section.setdefault((hit.item.doc_id, hit.item.section), hit.item)
        sections = list(by_section.values())
        if not sections or top.kind == "paragraph" and self._lists_asked_things(question, top):
            return []
        anchor = max(sections, key=lambda p: self._list_score(question, retrieval, p))
        section_bullets = self._section_bullets(anchor)
        lead_in = self._lead_in(section_bullets[0])
        if top.kind == "faq" and self._faq_owns_topic(question, top, [lead_in, *section_bullets]):
            return []
        bullets = section_bullets[:MAX_LIST_ITEMS]
        # "What two effects was the flood meant to produce?": a list of four is another list.
        counted = things_counted(question)
        if len(bullets) < 2 or counted and counted != len(section_bullets):
            return []
        sentences = []
        if lead_in is not None and top.id == lead_in.id:  # the lead-in answered best: its answering sentences open
            views = self.retriever.store.sentence_vectors([top.id]).get(top.id, [])
            sentences = self._best_sentences(question, retrieval, top, views).sentences
        whole_list = replace(
            lead_in or bullets[0],
            id=f"list:{bullets[0].id}",
            kind="list",
            label="",
            text="\n".join(([lead_in.text] if lead_in else []) + [b.text for b in bullets]),
        )
        return [_Pick(whole_list, sentences + [b.text for b in bullets], items=len(bullets))]

    def _faq_owns_topic(self, question: str, faq: Passage, members: list[Passage | None]) -> bool:
        """Whether the best FAQ's own question shares a word of the reader's that the list never
        uses: "By which ways could it escalate?" is the escalation FAQ's ("…escalate through
        proxy conflicts or increased cyberattacks"), not the list of steps the US can take."""
        asked = set(self.retriever.topic_stems(question))
        faq_question = faq.text.split("\n", 1)[0]
        listed = {stem(word) for member in members if member is not None for word in terms(member.text)}
        return bool(asked & {stem(word) for word in terms(faq_question)} - listed)

    def _lists_asked_things(self, question: str, paragraph: Passage) -> bool:
        """Whether `paragraph` names the things asked for in a list of its own."""
        return lists_inline(set(self.retriever.topic_stems(question)), paragraph.text)

    def _list_score(self, question: str, retrieval: Retrieval, of: Passage) -> float:
        """How well the list of `of`'s section answers a list question: its best-matching member
        (lead-in or bullet), plus the share of the question's words its heading holds. "What key
        steps can the US take to strengthen its counter-narcotics strategy?" is about the section
        headed "Strengthening US Counter-Narcotics Strategy", though an aside in another section
        quotes an expert on counter-narcotics strategy."""
        bullets = self._section_bullets(of)
        members = [p.id for p in [self._lead_in(bullets[0]), *bullets] if p is not None]
        best_member = max(self.retriever.rescore(question, retrieval.query_vector, members).values())
        asked = set(self.retriever.topic_stems(question))
        heading = {stem(word) for word in terms(of.section)}
        weight = sum(self.retriever.idf(s) for s in asked) or 1.0
        score = best_member + HEADING_WEIGHT * sum(self.retriever.idf(s) for s in asked & heading) / weight
        if ADVICE_QUESTION.search(question):
            # "What measures does the author recommend?" asks for advice, which a list gives as
            # commands ("Impose targeted sanctions…"), not as facts ("A deliberate influx…").
            score += ADVICE_WEIGHT * sum(map(_is_command, bullets)) / len(bullets)
        return score

    def _lead_in(self, first_bullet: Passage) -> Passage | None:
        """The paragraph right before a section's first bullet ("Here are some key steps…")."""
        before = [p for p in self._sections.get((first_bullet.doc_id, first_bullet.section), ())
                  if p.kind == "paragraph" and p.position < first_bullet.position]
        return before[-1] if before else None

    @staticmethod
    def _finish(question, standalone, text, abstained, citations, started, retrieved) -> Answer:
        done = time.perf_counter()
        return Answer(
            question=question,
            answer=text,
            abstained=abstained,
            citations=citations,
            timings_ms={
                "retrieve": round((retrieved - started) * 1000, 1),
                "answer": round((done - retrieved) * 1000, 1),
                "total": round((done - started) * 1000, 1),
            },
            standalone_question=standalone,
        )


def _names_unmentioned(question: str, unknown_names: list[str], knows) -> str:
    """The names of `question` the coverage never mentions, as the reader wrote them, each run
    of words once ("Diosdado Cabello", "Cuba or China"); not a run whose every word the coverage
    `knows` ("the Military", which it writes in lower case)."""
    # Compared in lower case: a country is listed as pycountry spells it ("colombia").
    unknown = {without_possessive(name).lower() for name in unknown_names}
    runs: list[list[str]] = []
    last_end = -1
    for match in re.finditer(r"[\w’'-]+", question):
        bare = without_possessive(match.group())
        # "cubas": a possessive typed without its apostrophe
        name = bare if bare.lower() in unknown else bare[:-1] if bare.endswith("s") and bare[:-1].lower() in unknown else ""
        # "a Venezuela-Colombia conflict": the part of the pair the coverage never names
        name = name or next((part for part in bare.split("-") if part.lower() in unknown), "")
        if not name:
            last_end = -1
            continue
        if last_end >= 0 and not question[last_end:match.start()].strip():
            runs[-1].append(name)  # "Diosdado Cabello": one name, nothing between its words
        else:
            runs.append([name])
        last_end = match.end()
    # A run is named unless every word of it is one the coverage uses ("Military"): "World"
    # alone is the page's section, "2018 World Cup" is no part of the coverage.
    names = list(dict.fromkeys(" ".join(run) for run in runs if not all(map(knows, run))))
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _header_answer(question: str, header: str) -> list[str]:
    """The header line the question asks about (the byline for "who wrote this?"), else the
    one it shares most words with ("…drug trafficking could reshape what?" quotes the
    subtitle), else the title and byline."""
    asked = header_lines(question, header)
    if asked:
        return asked
    lines = header.split("\n")
    # "Carter’s title?" after "who wrote this?": the byline has the writer's title, though the
    # question names no article.
    named = header_field_named(question)
    if named and named != TITLE_FIELD:
        wanted = [line for line in lines if line.lower().startswith(named)]
        if wanted:
            return wanted
    asked_stems = {stem(word) for word in terms(question)}
    shared = [len(asked_stems & {stem(word) for word in terms(line)}) for line in lines]
    best = max(range(len(lines)), key=shared.__getitem__)
    return [lines[best]] if best > 1 and shared[best] >= MIN_SHARED_WITH_LINE else lines[:2]


def _label_joined(sentences: list[str], label: str) -> list[str]:
    """A call-out's label that reads as a sentence of its own ("Did you know?") opens the
    sentence after it, so that no cited sentence of an answer is the label alone."""
    if label and len(sentences) > 1 and sentences[0].strip().rstrip("?:.!") == label.strip().rstrip("?:.!"):
        return [f"{sentences[0].strip()} {sentences[1]}", *sentences[2:]]
    return sentences


def _faq_answer(text: str) -> list[str]:
    _, _, answer = text.partition("\nA: ")
    return split_sentences(answer or text)


def _citation(n: int, p: Passage, similarity: float) -> Citation:
    return Citation(
        n=n,
        doc_id=p.doc_id,
        title=p.title,
        section=p.section or p.label,  # a paragraph under no heading has no section to name
        url=p.url or None,
        published=p.published or None,
        text=p.text,
        score=round(float(similarity), 3),
    )


def _cosine(a, b) -> float:
    import numpy as np

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(a @ b / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))
