"""Finding the passages that answer a question: dense and BM25 scores, fused.

Dense retrieval searches every view of every passage (the passage and each of its sentences)
and scores a passage by its best view, so one matching sentence in a long paragraph counts.
BM25 (bm25s, over stemmed words) catches exact names and rare words that the small embedding
model blurs. The two are fused by a weighted sum of normalised scores.

A name the coverage uses in many passages ("Carvajal", "Venezuela") pulls the question towards
every view that holds it, short clauses most ("While Carvajal's testimony is a significant
development"), whatever the question asks about him. So a question with such a name is also
embedded with the name masked ("Where is it being held?"), and each view scores the mean of
its similarity to both phrasings: the name still counts, but so does what is asked about it.
Rhetorical questions in the prose ("Could a desperate regime turn to…?") state nothing and
match questions by their form, so they are no view to match.

The retriever also reports how well the coverage knows the question's words (`QueryCoverage`),
which the answerer uses to decide when not to answer.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import OSA

from assistant.lexicon import (
    ABSTRACT_NOUNS, ADJECTIVE_ENDING, ARTICLE_WORDS, AUXILIARY_WORDS, ASKED_FOR, DEGREE_WORDS, DETERMINERS, GENERIC_WORDS, NAMING_WORDS,
    NOT_A_NOUN, NOT_TOPIC, ORDINALS, PERSON_WORDS, PHRASE_END, PRONOUNS, QUALIFIERS, QUESTION_WORDS, QUOTED_SPEAKER, WHAT_IS,
    aliases, common_prefix, countries_in, is_demonym, find_descriptors, find_people, prefix_index, without_possessive,
    word_table,
)
from assistant.answer_types import (
    answer_type, asking_part, asks_what_it_says, has_cue, header_field_asked, header_lines, mentions_saying,
)
from assistant.corpus import names_a_callout
from assistant.providers import Embedder
from assistant.schema import Passage, Scored
from assistant.store import PassageStore, passage_views
from assistant.text import CARRIED_CONTEXT, STOPWORDS, WORD, first_named, fold_accents, normalize_word, split_sentences, stem, terms

__all__ = ["Retriever", "Retrieval", "QueryCoverage", "names_its_callout"]

HEADER_PENALTY = 0.3
POINTS_BACK = re.compile(r"\b(they|them|their|theirs|he|him|his|she|her|hers|there|those|these)\b", re.I)
# Clauses that only concede ("While Carvajal's testimony is…"): no view to match.
CONCESSIVE = re.compile(r"^\W*(while|although|though|whereas|even though|despite)\b", re.IGNORECASE)
# Words never counted as what a question asks about (its topic terms), and words never taken for
# the kind of thing a "which/what X" question asks for: built once, not per word of a question.
NOT_TOPIC_TERMS = ARTICLE_WORDS | NAMING_WORDS | GENERIC_WORDS | ABSTRACT_NOUNS | PERSON_WORDS
# A time ("What day…", "Which year…") is asked for by the rule for "when" questions.
TIME_WORDS = {"year", "years", "date", "dates", "day", "days", "month", "months", "time", "week", "weeks"}
MEANS_ASKED = re.compile(r"^\W*(?:by|through|via|along)\s+(?:what|which)\b", re.IGNORECASE)
MEANS_NOUNS = {"route", "path", "avenue", "mean", "mechanism", "channel", "method", "way"}  # singular
NOT_ASKED_FOR = NOT_A_NOUN | STOPWORDS | GENERIC_WORDS | DEGREE_WORDS | ABSTRACT_NOUNS | PERSON_WORDS | TIME_WORDS
# Words that say where a person is; a passage naming the person asked about with one of them
# gets WHEREABOUTS_BONUS on a "where is…" question.
WHEREABOUTS = re.compile(
    r"\b(prison|jail|custody|detention|detained|imprisoned|held in|exile|hiding|fled to|lives in|"
    r"living in|based in|resides|arrested in|extradited to)\b",
    re.IGNORECASE,
)
# 0.1-0.25 all put the custody paragraph first for "Where is the former spy chief now?" over the
# questions in tests/eval; 0.15 changed no other first citation.
WHEREABOUTS_BONUS = 0.15
# 0.03-0.1 all helped over our question sets; 0.06 most (three more first citations).
PERSON_BONUS = 0.06
LABEL_BONUS = 0.1
# A call-out the reader names ("what's in the 'did you know' box?") is pointed at: it answers
# however little its words look like the question's.
CALLOUT_BONUS = 0.3
# The passage giving what the person asked about claims ("Carvajal … alleges that…",
# "Carvajal’s startling claims – that…"), over one that only mentions the claims; 0.08-0.16
# all helped over our question sets, 0.12 most (+3 first citations).
CLAIM_BONUS = 0.12
# "What does the ending say…?", "How does the piece frame it up top?": the reader points at the
# article's last or first paragraph.
AT_THE_END = re.compile(r"^\W*(at the end|in closing)\b|\bat the end\W*$|\bthe closing\b(?!\s+(?:of|down|argument|date)\b)|\b((the )?wrap-?up( at the end)?|the ending|at the end of the (article|piece|story)|(its|the (article|piece|story)['’]s) (conclusion|closing|ending)|in (the|its) conclusion|"
                        r"closing (paragraph|lines?|words|section)|as it wraps up|final (paragraph|words|lines?|section)|last paragraph|"
                        r"concluding (paragraph|section|lines?|words)|closing \w+ (in|of) the (article|piece|story))\b", re.I)
AT_THE_START = re.compile(r"\b(up top|at the top of the (article|piece|story)|the intro(duction)?|the opening (paragraph|lines?)|"
                          r"first paragraph|lede|lead paragraph)\b", re.I)
HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
POSITION_BONUS = 0.2
# "What's the FAQ say about escalation?", "the last sentence of the structure section": the
# reader names the part of the article to look in; its passages get PART_BONUS.
FAQ_NAMED = re.compile(r"\b(?:faqs?|frequently asked questions|q ?& ?a)\b", re.I)
# "the structure section", "that Actionable Insights list"; not "part of the cartel".
SECTION_NAMED = re.compile(r"\b(?:the|that|this)\s+((?:[\w’'-]+\s+){1,3}?)(?:section|part|chapter|list)\b(?!\s+of\b)", re.I)
PART_BONUS = 0.1
# "What is the final bullet under 'Here's what's at stake'?", "the second step it recommends":
# the item at that place in the list the rest of the question points to.
ORDINAL_ITEM = re.compile(rf"(?<!\ba )(?<!\bone )(?<!\bmy )\bthe\s+({'|'.join(ORDINALS)})\s+(?:[\w-]+\s+)?"
                          r"(item|bullet|point|step|recommendation|trend|entry|implication|question)\b(?!s)", re.I)
ORDINAL_BONUS = 0.3
ORDINAL_LEAD = 0.01  # over the list's best passage
# A passage quoting someone other than the person a question asks about; 0.05-0.2 all put
# seven more answering passages first over our question sets.
OTHER_SPEAKER_PENALTY = 0.1
# A name only one passage uses; 0.04-0.16 all helped over our question sets, 0.08 most
# (three more first citations); names in two passages already gained less than they lost.
NAME_BONUS = 0.08
RARE_NAME_PASSAGES = 1
ASKED_FOR_BONUS = 0.1
RARE_ASKED_PASSAGES = 1
# A question about the article's byline or date ("Who wrote this piece?") reads like no passage
# (similarity ~0.25): a bonus above any fused score puts the header that holds the field first.
HEADER_FIELD_BONUS = 1.0
# Added to a passage that holds the kind of thing the question asks for (a place for "where");
# small, so it only decides between passages the question matches about equally.
ANSWER_TYPE_BONUS = 0.05
# A few kinds are said in one way only, so the passage saying it that way answers however much
# closer another reads: a nickname in quotes ("Hugo ‘El Pollo’ Carvajal"); how things once were
# ("was once a cooperative partner", for "Was Venezuela always against the US?"); a judgement
# that something falls short ("solely … is insufficient", for "Is stopping drugs at the border
# enough?"); whom a letter went to ("His letter to Donald Trump", for "Which American leader did
# Carvajal write to?"). Over the blind sets AS-AV and our question files, 0.15, 0.35 and 0.1 put
# 7, 8 and 7 more answers first (0.1-0.3 for the past all helped; 0.1-0.35 for "enough" each a
# little more; 0.05 for a recipient half as much), none fewer.
KIND_BONUS = {"nickname": 0.2, "past": 0.15, "former role": 0.15, "enough": 0.35, "recipient": 0.1}
# b: how much a long passage is marked down. Low, since a passage is judged by its best view
# (sentence): one matching sentence in a long paragraph counts as in a short one. 0.0-0.2 put
# 6-7 more answering passages first over all our question sets than the usual 0.75.
BM25_K1, BM25_B = 1.5, 0.2
BM25_WEIGHT = 0.5  # tuned on tests/eval/sample_questions.jsonl: 0.2-0.5 all did about as well
DENSE_CANDIDATES = 60  # views fetched from the vector store per question
# A name in at least this many passages tells little about which one answers; masked in the
# second phrasing. Tuned with MASKED_WEIGHT on both question files in tests/eval.
COMMON_NAME_PASSAGES = 3
MASKED_WEIGHT = 1.0  # the masked phrasing's weight against the whole question's
CLAIM_VERBS = r"(?:alleges?|alleged|asserts?|asserted|claims?|claimed|contends?|insists?|accuses?|says|said)"
# "who's diosdado cabello", "Who was Simón Bolívar?": the words "who is" asks about, to the end
# or a conjunction.
# Two words or more: "Who is responsible?" asks for someone, "who's diosdado cabello" names him.
WHO_IS = re.compile(r"^\W*(?:who[’']?s|who\s+(?:is|was))\s+((?:[^\W\d_]+\s+){1,2}[^\W\d_]+)(?=\s+(?:and|or|but)\b|\W*$)", re.I)
# "… for US military strikes on …": the phrase an aspect ("basis", "purpose") is of.
ASPECT_OF = re.compile(r"\b(?:of|for|behind)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?(.+)$", re.I)
LETTERS = re.compile(r"[^\W\d_]+")  # "Carvajl's" -> "Carvajl", "s"
# Two or more masked words in a row, or a masked possessive ("the Cartel of the Suns’s"); a
# lone "the it" is more often a masked adjective ("the Venezuelan government") and is kept.
MASKED_RUN = re.compile(r"\b(?:the\s+)?it(?:\s+(?:(?:of|de|del)\s+)?(?:the\s+)?it)+(?:\s+(?:(?:of|de|del)\s+)?(?:the\s+)?its)?\b|"
                        r"\b(?:the\s+)?it\s+(?:(?:of|de|del)\s+)?(?:the\s+)?its\b|\bthe\s+its\b")
# British and American endings of the same word, either way round ("organisations", "labour").
SPELLINGS = [("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ises", "izes"), ("ised", "ized"),
             ("ising", "izing"), ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("tre", "ter"), ("tres", "ters"),
             ("ence", "ense"), ("elled", "eled"), ("elling", "eling"), ("ogue", "og")]
# "the man who made the claims", "the spy fellow", "this particular fellow": a person described
# in plain words, found by what the coverage says of each person (`_person_described`).
DESCRIBED_PERSON = re.compile(
    # Not asked for: "Who is the man behind the cartel?" wants whoever that is, not a guess.
    r"(?<!\bwho is )(?<!\bwho was )(?<!\bwho[’']s )(?<!\bwhich )"
    r"\b(?:the|this|that)\s+(?:([\w-]+)\s+)?(man|woman|guy|fellow|lady|gentleman|chap|gent|bloke)\b"
    r"((?:\s+(?:who|that|in|from|with|behind)\b[^,?.;:—–!]*)?)",
    re.I,
)
DESCRIBED_CACHE = 1024  # plain descriptions remembered, with the person each fits
DESCRIPTION_WORDS = 5  # of a relative clause after the noun: "who made the claims", not the rest of the question
MIN_RESPELLED = 5  # shorter names are too often another name one letter away ("Iran", "Iraq")
MIN_ANY_SLIP = 7  # from this length any one-letter slip; below it, a letter left out or added
PREFIX = 5  # demonyms and inflections share this much: "Venezuelan"/"Venezuela", "Mexican"/"Mexico"


@dataclass
class QueryCoverage:
    """How much of the question the coverage's vocabulary holds."""

    content_terms: list[str] = field(default_factory=list)
    known_terms: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # capitalised words and numbers in the question
    unknown_names: list[str] = field(default_factory=list)
    # What the question asks about its names: its other content words ("born" in "When was
    # Chávez born?"), leaving out words about the article and words for what a name is called.
    topic_terms: list[str] = field(default_factory=list)
    unknown_topics: list[str] = field(default_factory=list)
    # The kind of thing a "which/what X" question asks for ("university" in "Which university
    # is she with?"), when the coverage never uses that word: it cannot name one.
    unknown_asked_for: str = ""

    @property
    def known_fraction(self) -> float:
        return len(self.known_terms) / len(self.content_terms) if self.content_terms else 0.0


@dataclass
class Retrieval:
    question: str
    hits: list[Scored[Passage]]
    coverage: QueryCoverage
    top_similarity: float
    query_vector: list[float] = field(default_factory=list)
    # The best view's similarity to the question with its common names masked: how well the
    # coverage knows what is asked about them (equal to top_similarity when nothing is masked).
    masked_similarity: float = 0.0
    # The question with its common names masked, and its vector (empty when nothing is masked).
    masked_question: str = ""
    masked_vector: list[float] = field(default_factory=list)
    # The id of the list item the question counts to ("the last of the key steps"), or "".
    counted_item: str = ""



class Retriever:
    def __init__(self, store: PassageStore, embedder: Embedder):
        import bm25s

        self.store = store
        self.embedder = embedder
        self.passages = {p.id: p for p in store.passages()}
        self._ids = list(self.passages)
        corpus_tokens = [self._stems(self._bm25_text(self.passages[pid])) for pid in self._ids]
        self._stem_sets = {pid: set(tokens) for pid, tokens in zip(self._ids, corpus_tokens)}
        self._df: dict[str, int] = defaultdict(int)
        for tokens in corpus_tokens:
            for token in set(tokens):
                self._df[token] += 1
        self._bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        if self._ids:
            self._bm25.index(_as_bm25_input(corpus_tokens), show_progress=False)
        # Words about the article itself ("who wrote this story?") are answerable from any header.
        self._vocabulary: set[str] = {stem(w) for w in ARTICLE_WORDS} | ARTICLE_WORDS
        for pid in self._ids:
            p = self.passages[pid]
            for word in terms(f"{p.text} {p.title} {p.section} {p.author} {p.category}", keep_stopwords=True):
                self._vocabulary.add(word)
                self._vocabulary.add(stem(word))
        # "pid:i" of every sentence that is a rhetorical question (an FAQ's question is not one).
        self._rhetorical: set[str] = {
            f"{pid}:{i}"
            for pid, p in self.passages.items()
            if p.kind != "faq"
            for i, sentence in enumerate(split_sentences(p.text))
            if sentence.rstrip().endswith("?")
        }
        # Clauses that only concede ("While Carvajal's testimony is a significant development")
        # hold a name and little else, so they match any question about that name.
        self._concessive: set[str] = {
            view_id
            for p in self.passages.values()
            for view_id, text, _, clause in passage_views(p)
            if clause >= 0 and CONCESSIVE.match(text)
        }
        self._by_prefix = prefix_index(self._vocabulary, PREFIX)
        self._descriptors = find_descriptors(p.text for p in self.passages.values())
        # The persons the coverage names, each by surname -> the words that refer to them
        # ("Ramirez": "ramirez", "security analyst", "analyst"): whom "he" or "she" in a
        # follow-up can mean, found in an earlier question or answer.
        self.people: dict[str, list[str]] = find_people(self.passages.values(), self._descriptors)
        self._described: dict[tuple[str, str], str] = {}
        self._authors = {normalize_word(p.author.split()[-1]) for p in self.passages.values() if p.author}
        # Words the coverage writes capitalised: a name in the question must be one of them, so
        # "the United Nations" is no name the coverage knows just because it says "other nations".
        self._name_words: set[str] = set()
        for p in self.passages.values():
            for raw in WORD.findall(f"{p.text} {p.title} {p.author}"):
                if raw[0].isupper():
                    self._name_words |= {normalize_word(raw), stem(normalize_word(raw))}
        self._names_by_prefix = prefix_index(self._name_words, PREFIX)
        # Two words of a section heading name it ("the Future Trends section"); one alone names
        # nothing ("National Security" is no "United Nations").
        self._heading_pairs: set[tuple[str, str]] = {
            pair for heading in {p.section for p in self.passages.values()}
            for words in [[normalize_word(raw) for raw in WORD.findall(heading)]]
            for pair in zip(words, words[1:])
        }
        # Names the coverage writes capitalised inside a sentence and never in lower case: a
        # question typed in lower case ("whats the population of venezuela") still names
        # "venezuela", but not "state" or the "expert" of an "Expert Insight:" label.
        lower_words = {raw.lower() for p in self.passages.values() for raw in WORD.findall(p.text) if raw[0].islower()}
        self._proper_names: set[str] = {
            normalize_word(raw)
            for p in self.passages.values()
            for sentence in split_sentences(p.text.removeprefix(p.label))
            for position, raw in enumerate(WORD.findall(sentence))
            if position > 0 and raw[0].isupper() and raw.lower() not in lower_words
        } - STOPWORDS - QUESTION_WORDS  # "Q: What evidence…" capitalises "What" mid-line
        # The coverage's words by their letters without accents: readers type "Chavez" and
        # "Mexico" for "Chávez" and "México", and the other way round.
        self._by_letters: dict[str, str] = {}
        for word in sorted(self._vocabulary):
            self._by_letters.setdefault(fold_accents(word), word)

    def __len__(self) -> int:
        return len(self.passages)

    # --- the public call --------------------------------------------------------------------

    def retrieve(self, question: str, k: int = 5) -> Retrieval:
        # "The wrap-up at the end — what would be a grave mistake?": where to look is no part of
        # what to match (POSITION_BONUS points there).
        content = AT_THE_START.sub(" ", AT_THE_END.sub(" ", question)).strip(" —–-,:")
        if not self.topic_stems(content):  # "What does the ending say?": the pointer is all it asks
            content = question
        expanded = self._expand(content)
        # The embedder knows everyday synonyms better than our table does ("accuse" is close to
        # "allege" already): it gets the question with only other names replaced ("the Kremlin").
        expanded_dense = self._expand(content, synonyms=False)
        # The small model cannot tell who "the spy fellow" is; the name it stands for, it can.
        expanded_dense = self._plainly_described_named(expanded_dense)
        masked = self._mask_common_names(expanded_dense)
        # "this drug ring inside their army": the small model does not hear "the cartel inside
        # their military" in it; a phrasing in the coverage's words scores the same candidates.
        reworded = self._plainly_described_named(expanded)
        vector, masked_vector, reworded_vector = [], [], []
        if self._ids:
            texts = [expanded_dense] + [masked] * (masked != expanded_dense) + [reworded] * (reworded != expanded_dense)
            vectors = self.embedder.embed_texts(texts) if len(texts) > 1 else [self.embedder.embed_query(expanded_dense)]
            vector = vectors[0]
            masked_vector = vectors[1] if masked != expanded_dense else []
            reworded_vector = vectors[-1] if reworded != expanded_dense else []
        dense, plain, masked_best = self._dense(vector, masked_vector, reworded_vector)
        lexical = self._lexical(self._name_described(expanded))
        # Convex fusion: the dense similarity plus a share of BM25 normalised to the best match.
        # On our question set it put the answering passage first more often than RRF did.
        fused = {pid: similarity for pid, similarity in dense.items()}
        for pid, score in lexical.items():
            fused[pid] = fused.get(pid, 0.0) + BM25_WEIGHT * score
        kind = answer_type(question)
        if kind:
            # Most kinds only tip a close call; see KIND_BONUS for those that decide.
            bonus = KIND_BONUS.get(kind, ANSWER_TYPE_BONUS)
            for pid in fused:
                if has_cue(kind, self.passages[pid].text):
                    fused[pid] += bonus
        person = self.person_in(expanded)
        if kind == "where" and person:
            # "Where is the former spy chief now?" asks where a person is: held, living, hiding.
            # The name is in many passages; the one saying where it puts him answers.
            for pid in fused:
                text = self.passages[pid].text
                if person in text and WHEREABOUTS.search(text):
                    fused[pid] += WHEREABOUTS_BONUS
        # "According to the pro tip…", "What does the expert insight say?": the reader names the
        # call-out; the passage under that label answers. So does the bullet whose whole label a
        # question names ("What does Increased International Cooperation involve?").
        lowered = question.lower()
        for pid in fused:
            passage = self.passages[pid]
            label = passage.label.lower()
            if names_its_callout(lowered, passage):
                fused[pid] += CALLOUT_BONUS if names_its_callout(lowered, passage, strictly=True) else LABEL_BONUS
            elif passage.kind == "bullet" and len(label.split()) > 1 and re.search(rf"\b{re.escape(label)}(?!\w)", lowered):
                fused[pid] += LABEL_BONUS
        # "Is it proven that Moscow is in on it?": a name only a passage or two use points at
        # them more surely than the small model hears it among the question's other words.
        # A demonym ("American politician", "Latin American") describes, it names no one thing.
        rare_names = {
            token for token in self.topic_stems(self._name_described(expanded))
            if token in self._name_words and 0 < self._df.get(token, 0) <= RARE_NAME_PASSAGES
            and not is_demonym(token)
        }
        if rare_names and NAME_BONUS:
            for pid in fused:
                if rare_names & self._stem_sets[pid]:
                    fused[pid] += NAME_BONUS
        # "What kind of warfare does the article call this?": a word for the thing asked for
        # that only a passage or two use points at them, as a rare name does.
        asked_for = self._asked_for(question)
        asked_stem = stem(asked_for) if asked_for else ""
        if asked_stem and 0 < self._df.get(asked_stem, 0) <= RARE_ASKED_PASSAGES:
            for pid in fused:
                if asked_stem in self._stem_sets[pid]:
                    fused[pid] += ASKED_FOR_BONUS
        asks_what_person_says = bool(person) and mentions_saying(question)
        if asks_what_person_says and OTHER_SPEAKER_PENALTY:
            # "What does the ex-intelligence boss say Caracas did?": a passage quoting someone
            # else ("…," says Dr. Isabella Ramirez) reports that person's words, not his.
            for pid in fused:
                speakers = {without_possessive(m.group(1)) for m in QUOTED_SPEAKER.finditer(self.passages[pid].text)}
                if speakers and person not in speakers:
                    fused[pid] -= OTHER_SPEAKER_PENALTY
        named_part = self.passages_of_named_part(question)
        for pid in named_part:
            if pid in fused:
                fused[pid] += PART_BONUS
        counted, list_score = self._item_counted(question, fused, named_part)
        if counted:
            # The question matched its list (the lead-in, another item): the item counted to
            # answers, even one the searches did not reach.
            fused[counted] = max(fused.get(counted, 0.0) + ORDINAL_BONUS, list_score + ORDINAL_LEAD)
        pointed_at = self.paragraph_pointed_at(question)
        if pointed_at in fused:
            fused[pointed_at] += POSITION_BONUS
        if asks_what_person_says and CLAIM_BONUS:
            # "So what's Carvajal actually claiming?": "Q: What evidence supports Carvajal’s
            # claims?" names him and his claims; the passage stating them answers.
            states_claim = re.compile(rf"\b{re.escape(person)}\b[^.!?]{{0,160}}?\b{CLAIM_VERBS}\s+(?:that\b|[–—-])", re.I)
            for pid in fused:
                if states_claim.search(self.passages[pid].text):
                    fused[pid] += CLAIM_BONUS
        if person and PERSON_BONUS:
            # "How does Ramirez describe the allegations?": the small model hears "allegations"
            # in a passage that never names her; what a person says is where she is named.
            for pid in fused:
                if person in self.passages[pid].text:
                    fused[pid] += PERSON_BONUS
        for pid in fused:
            # "Who wrote this piece?" reads like no passage at all: the header line answers it.
            if self.passages[pid].kind == "header" and header_lines(question, self.passages[pid].text):
                fused[pid] += HEADER_FIELD_BONUS
        if not self._about_the_article(question):
            # The header (title, byline, date) answers questions about the article itself;
            # its headline words otherwise outrank the paragraph that holds the answer.
            for pid in fused:
                if self.passages[pid].kind == "header":
                    fused[pid] -= HEADER_PENALTY
        order = sorted(fused, key=fused.get, reverse=True)
        hits = [Scored(self.passages[pid], fused[pid], dense.get(pid, 0.0)) for pid in order[:k]]
        return Retrieval(
            question=question,
            hits=hits,
            coverage=self.coverage(question),
            top_similarity=max(plain.values(), default=0.0),
            query_vector=vector,
            masked_similarity=masked_best,
            masked_question=masked if masked_vector else expanded,
            masked_vector=masked_vector,
            counted_item=counted,
        )

    def respelled(self, question: str) -> str:
        """The question with each word the coverage does not know written as the coverage
        writes it: accents ("Chavez" -> "Chávez") and, for a name, one slip of the keyboard
        or of another language ("Rusia", "Carvajl"), when only one of its names is that close."""
        def respell(match: re.Match) -> str:
            raw = match.group()
            word = raw.lower()
            if word in self._vocabulary or word in STOPWORDS:
                return raw
            spelled = self._by_letters.get(fold_accents(word), "") or self._other_spelling(word)
            if not spelled and raw[0].isupper() and len(word) >= MIN_RESPELLED and not self._known_word(word) and word not in aliases():
                # A short name may differ from another by one letter ("Maria", "Mario"): only a
                # letter left out or doubled ("Rusia") is a slip there.
                close = {name for name in self._proper_names
                         if abs(len(name) - len(word)) <= 1 and OSA.distance(name, word) <= 1
                         and (len(word) >= MIN_ANY_SLIP or len(name) != len(word))}
                spelled = close.pop() if len(close) == 1 else ""
            if not spelled or spelled == word:
                return raw
            return spelled[0].upper() + spelled[1:] if raw[0].isupper() else spelled

        def split(match: re.Match) -> str:
            # "civil-society goals": a compound the coverage writes as two words ("civil society").
            parts = match.group().split("-")
            if match.group().lower() in self._vocabulary or not all(
                    part.lower() in self._vocabulary or part.lower() in STOPWORDS for part in parts):
                return match.group()
            return " ".join(parts)

        return LETTERS.sub(respell, HYPHENATED.sub(split, question))

    def _other_spelling(self, word: str) -> str:
        """The coverage's spelling of a word it writes the other side of the Atlantic:
        "organisations" -> "organizations", "labour" -> "labor", "defence" -> "defense"."""
        for british, american in SPELLINGS:
            for old, new in ((british, american), (american, british)):
                # "four" is no "for": four letters at least before the ending.
                candidate = word[: -len(old)] + new if word.endswith(old) and len(word) - len(old) >= 4 else ""
                if candidate in self._vocabulary and candidate not in STOPWORDS:
                    return candidate
        return ""

    def rescore(self, question: str, query_vector: list[float], passage_ids: list[str]) -> dict[str, float]:
        """passage id -> fused score (best view's cosine + BM25 share) for the given passages,
        whether or not the search reached them: to rank one section's bullets against each other."""
        import numpy as np

        views = self.store.sentence_vectors(passage_ids)
        lexical = self._lexical(self._name_described(self._expand(question)))
        scores = {}
        for pid in passage_ids:
            vectors = [v for _, _, vs in views.get(pid, []) for v in vs]
            dense = float((np.asarray(vectors) @ np.asarray(query_vector)).max()) if vectors and query_vector else 0.0
            scores[pid] = dense + BM25_WEIGHT * lexical.get(pid, 0.0)
        return scores

    def _item_counted(self, question: str, fused: dict[str, float], named_part: set[str]) -> tuple[str, float]:
        """The id of the list item a question counts to ("the last item in the list of key
        steps"), in the list (a section's bullets, or the FAQ) it matches best, and that list's
        best score; or ("", 0.0). `named_part`: the passages of the part the question names."""
        match = ORDINAL_ITEM.search(question)
        if not match:
            return "", 0.0
        # A list is keyed (article, section) or (article, "faq"); it matches as well as its
        # best passage, the lead-in paragraph of its section included.
        lists: dict[tuple[str, str], list[Passage]] = defaultdict(list)
        scores: dict[tuple[str, str], float] = {}
        for p in self.passages.values():
            keys = [(p.doc_id, p.section)] + [(p.doc_id, "faq")] * (p.kind == "faq")
            for key in keys:
                scores[key] = max(scores.get(key, -math.inf), fused.get(p.id, 0.0))
            if p.kind in ("bullet", "faq"):
                lists[keys[-1]].append(p)
        if match.group(2).lower() == "question":
            lists = {key: items for key, items in lists.items() if key[1] == "faq"}
        # "the final recommendation in the Actionable Insights list": the list it names.
        named = {(self.passages[pid].doc_id, self.passages[pid].section) for pid in named_part}
        lists = {key: items for key, items in lists.items() if key in named} or lists
        best = max(lists, key=scores.__getitem__, default=None)
        if best is None:
            return "", 0.0
        items = sorted(lists[best], key=lambda p: p.position)
        index = ORDINALS[match.group(1).lower()]
        return (items[index].id, scores[best]) if -len(items) <= index < len(items) else ("", 0.0)

    def passages_of_named_part(self, question: str) -> set[str]:
        """The ids of the passages in the part of an article a question names: the FAQ, or a
        section by words of its heading ("the national-security section")."""
        named = {pid for pid, p in self.passages.items() if p.kind == "faq"} if FAQ_NAMED.search(question) else set()
        for match in SECTION_NAMED.finditer(question):
            words = {stem(normalize_word(w)) for w in WORD.findall(match.group(1).replace("-", " "))}
            words -= {stem(w) for w in STOPWORDS | ARTICLE_WORDS | QUESTION_WORDS | set(ORDINALS)} | {"next"}
            if not words:
                continue
            named |= {pid for pid, p in self.passages.items() if words <= self._heading_stems[p.section]}
        return named

    @cached_property
    def _heading_stems(self) -> dict[str, set[str]]:
        """section heading -> the stems of its words ("National Security" -> national, secur)."""
        return {section: {stem(normalize_word(w)) for w in WORD.findall(section.replace("-", " "))}
                for section in {p.section for p in self.passages.values()}}

    def paragraph_pointed_at(self, question: str) -> str:
        """The id of the article's last or first paragraph when the question points at it
        ("What does the ending say…?"), or "". Only when the coverage is one article: with
        many, which article's ending is meant is not known here."""
        wanted = max if AT_THE_END.search(question) else min if AT_THE_START.search(question) else None
        if not wanted:
            return ""
        paragraphs = [p for p in self.passages.values() if p.kind == "paragraph"]
        if len({p.doc_id for p in paragraphs}) != 1:
            return ""
        return wanted(paragraphs, key=lambda p: p.position).id

    # --- the two rankings -------------------------------------------------------------------

    def _about_the_article(self, question: str) -> bool:
        """Whether the question asks about an article itself (its title, byline, date), so its
        header is not held back: it asks for a header field ("Who wrote this piece?"), or names
        the author without asking what the article says ("What is Carter's job title?" after
        "Who wrote this?")."""
        words = {normalize_word(w) for w in WORD.findall(question)}
        return bool(header_field_asked(question)) or bool(words & self._authors and not asks_what_it_says(question))

    def _dense(self, vector: list[float], masked_vector: list[float],
               reworded_vector: list[float] = ()) -> tuple[dict[str, float], dict[str, float], float]:
        """(passage id -> best view score, in descending order; passage id -> best plain
        similarity; the best similarity to the masked phrasing). A view's score is its
        similarity (or, higher, its similarity to the question reworded in the coverage's
        words), or with a masked phrasing the weighted mean of that and the masked similarity."""
        if not self._ids:
            return {}, {}, 0.0
        best: dict[str, float] = {}
        plain: dict[str, float] = {}
        masked_best = 0.0
        also = [v for v in (masked_vector, reworded_vector) if len(v)]
        for hit in self.store.query(vector, DENSE_CANDIDATES, also=also):
            if (
                hit.passage_id not in self.passages
                or hit.view_id.split(".")[0] in self._rhetorical
                or hit.view_id in self._concessive
            ):
                continue
            # The question in the coverage's words is as close as the question is: "this outfit
            # is so hard to shut down" is "this group is so difficult to dismantle".
            similarity = max(hit.similarity, hit.also_similarity[-1]) if len(reworded_vector) else hit.similarity
            score = similarity
            if len(masked_vector):
                masked_best = max(masked_best, hit.also_similarity[0])
                score = (score + MASKED_WEIGHT * hit.also_similarity[0]) / (1 + MASKED_WEIGHT)
            best[hit.passage_id] = max(score, best.get(hit.passage_id, -1.0))
            plain[hit.passage_id] = max(similarity, plain.get(hit.passage_id, -1.0))
        if not len(masked_vector):
            masked_best = max(plain.values(), default=0.0)
        return dict(sorted(best.items(), key=lambda item: item[1], reverse=True)), plain, masked_best

    def person_in(self, question: str) -> str:
        """The surname of the person the question names first (by name, title or nickname), or ""."""
        return first_named(self._name_described(question), self.people)

    def is_common(self, word: str) -> bool:
        """Whether the coverage uses this word in many passages ("Carvajal", "Maduro")."""
        return self._df.get(stem(normalize_word(word)), 0) >= COMMON_NAME_PASSAGES

    def _mask_common_names(self, question: str) -> str:
        """The question with each name the coverage uses in many passages replaced by "it".
        A title or nickname counts as the name it stands for: "the former intelligence chief"
        pulls towards the one sentence that calls him that as "Carvajal" pulls towards all."""
        words = []
        for sentence in re.split(r"(?<=[.!?])\s+", self._name_described(question).strip()):
            for position, raw in enumerate(sentence.split()):
                core = WORD.search(raw)
                word = normalize_word(core.group()) if core else ""
                if (
                    position > 0
                    and core
                    # a name typed in lower case ("what is carvajal claiming") is masked too
                    and (core.group()[0].isupper() or word in self._proper_names)
                    and word not in QUESTION_WORDS
                    and self.is_common(word)
                ):
                    # "Suns’s" -> "its", not "it’s" (which reads as "it is")
                    raw = re.sub(rf"{re.escape(core.group())}[’']s\b", "its", raw, count=1).replace(core.group(), "it", 1)
                words.append(raw)
        # "the Cartel of the Suns" -> "it", not "the it of the it": one name, one pronoun.
        return MASKED_RUN.sub(lambda m: "its" if m.group().endswith("its") else "it", " ".join(words))

    def _lexical(self, text: str) -> dict[str, float]:
        """passage id -> BM25 score as a share of the question's IDF mass."""
        topic = self.topic_stems(text)
        query = [token for token in topic if token in self._bm25.vocab_dict] if self._ids else []
        if not query:
            return {}
        scores = self._bm25.get_scores(query)
        # Divide by the question's whole IDF mass (words the coverage lacks count at full
        # weight), not by the best score: one common word matched is a weak match, not a 1.0.
        # The question word counts in the mass though it matches nothing: "Where is Carvajal?"
        # is not answered by every passage that names him.
        mass = sum(self.idf(token) for token in self._stems(text) if token not in self._degree_stems) or 1.0
        return {self._ids[i]: float(score) / mass for i, score in enumerate(scores) if score > 0}

    _degree_stems = {stem(word) for word in DEGREE_WORDS}

    @staticmethod
    def topic_stems(text: str) -> list[str]:
        """The stems of what a question is about. Not its question word: "what" would match
        every FAQ's question. Nor degree words, which say how, not what about: "Where is
        Carvajal now?" should not match "and now Carvajal's testimony" on its "now"."""
        return [stem(word) for word in terms(text) if word not in DEGREE_WORDS and word not in NOT_TOPIC]

    def idf(self, token: str) -> float:
        """How rare a stem is across the passages (BM25's IDF)."""
        n = len(self._ids)
        df = self._df.get(token, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    @staticmethod
    def _bm25_text(passage: Passage) -> str:
        return passage.text if passage.kind != "header" else f"{passage.text} {passage.author} author wrote writer"

    @staticmethod
    def _stems(text: str) -> list[str]:
        return [stem(word) for word in terms(text)]

    # --- what the coverage knows ------------------------------------------------------------

    def _expand(self, question: str, synonyms: bool = True) -> str:
        """The question with each alias the coverage does not use replaced by the canonical
        words it does use ("the Kremlin" -> "russia"), for BM25. A compound the coverage
        never writes is split first, so its parts can match: "ex-spymaster" -> "ex spymaster"
        -> "former intelligence chief"."""
        text = WORD.sub(self._split_unknown_compound, question)
        for alias, words in (aliases() if synonyms else word_table("aliases")).items():
            pattern = rf"\b{re.escape(alias)}\b"
            if re.search(pattern, text, flags=re.IGNORECASE):
                known = [w for w in words if w in self._vocabulary]
                if known and alias not in self._vocabulary:
                    text = re.sub(pattern, " ".join(known), text, flags=re.IGNORECASE)
        return text

    def _name_described(self, question: str) -> str:
        """The question with each title or nickname the coverage gives someone replaced by
        that name: "Where is the former intelligence chief now?" -> "Where is Carvajal now?";
        and "the man in prison", "the spy fellow" by the one person the coverage says that of."""
        for descriptor, name in self._descriptors.items():
            pattern = rf"\b((the )?(former|ex) )?{re.escape(descriptor)}\b"
            question = re.sub(pattern, name, question, flags=re.IGNORECASE)
        return self._plainly_described_named(question)

    def _plainly_described_named(self, question: str) -> str:
        """"the spy fellow" -> "Carvajal". Only the words for the person give way: "What did
        the man in prison say?" -> "What did Carvajal in prison say?"."""
        def named(match: re.Match) -> str:
            surname = self._person_described(match.group(1) or "", match.group(3) or "")
            return surname + match.group(3) if surname else match.group()

        return DESCRIBED_PERSON.sub(named, question)

    @cached_property
    def _sentences_naming(self) -> dict[str, list[set[str]]]:
        """surname -> the stems of each sentence that names that person (by surname or title)."""
        sentences = [(s.lower(), {stem(w) for w in terms(s)}) for p in self.passages.values() for s in split_sentences(p.text)]
        return {surname: [stems for lowered, stems in sentences
                          if any(name in lowered for name in [surname.lower()] + [w for w in words if " " in w])]
                for surname, words in self.people.items()}

    def _person_described(self, modifier: str, after: str) -> str:
        key = (modifier.lower(), after.lower())
        if key not in self._described:  # asked several times per question, by each phrasing
            if len(self._described) > DESCRIBED_CACHE:
                self._described.clear()
            self._described[key] = self._find_person_described(modifier, after)
        return self._described[key]

    def _find_person_described(self, modifier: str, after: str) -> str:
        """The surname of the one person a plain description fits ("the man in prison": the
        coverage's words "prison"), ranked by the person's own titles, then by how many of the
        words the sentences naming them hold, then by how many such sentences; or "" on a tie."""
        words = after.split()
        # "who made the claims" is all description; "in prison" is, "say about Russia" is not.
        clause = " ".join(words[:DESCRIPTION_WORDS if words and words[0].lower() in ("who", "that") else 2])
        described = self._expand(f"{modifier} {clause}")
        wanted = {stem(word) for word in terms(described)} - self._generic_stems
        # "the guy who wrote to Trump" is not Trump.
        named = {surname for surname, words in self.people.items() if any(stem(w) in wanted for w in words[:1])}
        wanted -= {stem(surname.lower()) for surname in named}
        if not wanted:
            return ""
        # surname -> (how many of the words its own titles hold, how many its sentences hold, in
        # how many sentences): "spy" -> "intelligence" is Carvajal's title; "claims" is said of
        # Carvajal in four sentences, of Maduro in one.
        found: dict[str, tuple[int, int, int]] = {}
        for surname, words in self.people.items():
            if surname in named:
                continue
            titled = wanted & {stem(part) for w in words[1:] for part in w.split()}
            held, sentences = set(), 0
            for stems in self._sentences_naming[surname]:
                matched = wanted & stems
                held |= matched
                sentences += bool(matched)
            found[surname] = (len(titled), len(held), sentences)
        ranked = sorted(found.items(), key=lambda item: item[1], reverse=True)
        if not ranked or not any(ranked[0][1][:2]) or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return ""
        return ranked[0][0]

    _generic_stems = {stem(word) for word in STOPWORDS | GENERIC_WORDS | DEGREE_WORDS | QUESTION_WORDS | QUALIFIERS}

    def _split_unknown_compound(self, match: re.Match) -> str:
        raw = match.group()
        return raw.replace("-", " ") if "-" in raw and not self._known_word(raw.lower()) else raw

    def knows(self, word: str) -> bool:
        word = word.lower()
        if self._known_word(word):
            return True
        # "ex-spymaster", "drug-running": a compound is known when each of its parts is.
        parts = [part for part in word.split("-") if part and part not in STOPWORDS]
        return len(parts) > 1 and all(self._known_word(part) for part in parts)

    def _knows_name(self, word: str) -> bool:
        return self._known_word(word.lower(), self._name_words, self._names_by_prefix)

    def _known_word(self, word: str, vocabulary: set[str] | None = None, by_prefix=None) -> bool:
        vocabulary = self._vocabulary if vocabulary is None else vocabulary
        by_prefix = self._by_prefix if by_prefix is None else by_prefix
        if word in vocabulary or stem(word) in vocabulary:
            return True
        # Another name for a place stands for it; an everyday synonym stands for a word, never
        # for a name ("United Nations" is not known from "nations" ~ "countries").
        table = aliases() if vocabulary is self._vocabulary else word_table("aliases")
        if any(w in vocabulary or stem(w) in vocabulary for w in table.get(word, [])):
            return True
        if len(word) >= PREFIX + 1:  # "Venezuelan" ~ "Venezuela", but not "Iran" ~ "Iranian"-less coverage
            for candidate in by_prefix.get(word[:PREFIX], ()):
                shorter = min(len(candidate), len(word))
                common = len(common_prefix(candidate, word))
                # The whole shorter word, less a final vowel that a demonym drops ("Mexico" ~
                # "Mexican", "Venezuela" ~ "Venezuelan"), but "current" is not "currency".
                base = candidate if len(candidate) <= len(word) else word
                need = shorter - 1 if base[-1] in "aeiou" else shorter
                if common >= max(PREFIX, need):
                    return True
        return False

    def coverage(self, question: str) -> QueryCoverage:
        # An aside's words ("My late husband always said…") are chatter, not what is asked;
        # its names still count ("And the Russians — where do they come in?").
        asking = asking_part(question)
        result = self._terms(question, asking)
        if not result.content_terms and asking != question:
            # "Cryptocurrency gets a mention in the trends list — in connection with what?": the
            # part that asks has no word for its topic; the part before it names the topic.
            result = self._terms(question, question)
        # A country typed in lower case ("does cuba have anything to do with…") is a name too.
        # So is one opening the question ("China's stake in this?").
        for country, typed in countries_in(question):
            if normalize_word(typed.split()[-1]) not in result.names and not all(
                    self._knows_name(part) or part in STOPWORDS for part in country.split()):
                result.names.append(country)
                result.unknown_names.append(country)
        # "whos diosdado cabello": whom "who is" asks about is a name, however it is typed.
        who = WHO_IS.match(question)
        if who:
            words = [normalize_word(raw) for raw in WORD.findall(who.group(1))]
            if all(w not in STOPWORDS and w not in NOT_TOPIC_TERMS and not self.knows(w) for w in words):
                unknown = [w for w in words if w not in result.unknown_names]
                result.names += unknown
                result.unknown_names += unknown
        asked_for = self._asked_for(question)
        if asked_for and asked_for not in NAMING_WORDS and not self.knows(asked_for):
            result.unknown_asked_for = asked_for
        return result

    def _terms(self, question: str, asking: str) -> QueryCoverage:
        """The question's content terms, names and topics, known or not; of its words outside
        `asking` (the part that asks), only the names."""
        result = QueryCoverage()
        lowered = question.lower()
        alias_words = {w for alias in aliases() if " " in alias and alias in lowered for w in alias.split()}
        asked_words = {normalize_word(raw) for raw in WORD.findall(asking)}
        # Words carried from an earlier turn ("… (expert lady quoted article)") were judged when
        # that turn was asked: one the coverage does not know is no reason to decline this one.
        carried = CARRIED_CONTEXT.search(question)
        carried_words = {normalize_word(raw) for raw in WORD.findall(carried.group())} if carried else set()
        # A name in the scene set before the question counts when the question points back at
        # it ("And the Russians — where do they come in?"), not when the question asks about
        # something of its own ("If the tactic spreads beyond the Western Hemisphere…; what
        # type of warfare does it say other nations could become vulnerable to?").
        scene_names_count = asking == question or not asked_words - NOT_TOPIC - STOPWORDS or POINTS_BACK.search(asking)
        for sentence in re.split(r"(?<=[.!?])\s+", question.strip()):
            raws = WORD.findall(sentence)
            sentence_words = [normalize_word(raw) for raw in raws]
            for position, (raw, word) in enumerate(zip(raws, sentence_words)):
                if not word or word in QUESTION_WORDS and position == 0:
                    continue
                is_name = (
                    # "wrote to the President": a title, not a name
                    (raw[0].isupper() and position > 0 and word not in STOPWORDS and word not in ARTICLE_WORDS
                     and word not in PERSON_WORDS)
                    or any(c.isdigit() for c in raw)
                    or (raw.islower() and word in self._proper_names and word not in ARTICLE_WORDS)
                )
                if (word in STOPWORDS or word in DEGREE_WORDS or word in PRONOUNS or word in NOT_TOPIC
                        or word not in asked_words) and not is_name:
                    continue  # "…and when did he die?": neither "when" nor "he" is what is asked about
                if is_name and word not in asked_words and not scene_names_count:
                    continue
                known = (self.knows(word) or word in NAMING_WORDS
                         or word in alias_words and self._alias_known(lowered))
                if known and is_name and raw.isalpha() and word not in alias_words:
                    known = self._knows_name(word) or self._in_heading(sentence_words, position)
                if not known and not is_name and (word in NOT_TOPIC_TERMS or word in carried_words):
                    continue  # "what would be the point of that?": no word for what is asked about
                result.content_terms.append(word)
                if known:
                    result.known_terms.append(word)
                if is_name:
                    result.names.append(word)
                    if not known:
                        result.unknown_names.append(raw)
                elif word not in NOT_TOPIC_TERMS:
                    result.topic_terms.append(word)
                    if not known:
                        result.unknown_topics.append(word)
        return result

    def _asked_for(self, question: str) -> str:
        """The noun a "which/what X…" question asks for, lower case, or ""."""
        match = ASKED_FOR.search(question)
        if not match and WHAT_IS.search(question):  # "what's the bounty the US put on…"
            match = WHAT_IS.search(question)
            phrase = PHRASE_END.split(re.split(r"[,;:–—]", match.group(1))[0])[0].split()
            raw = phrase[-1] if phrase and phrase[0].lower() in ("the", "a", "an") and len(phrase) == 2 else ""
            following = ""
        elif match and match.group(1).lower() in NOT_A_NOUN:
            phrase = WHAT_IS.search(question)
            # "what was the spy guy's nickname again, el somethin?": the phrase ends at a comma too.
            words = PHRASE_END.split(re.split(r"[,;:–—]", phrase.group(1))[0])[0].split() if phrase else []
            raw, following = (words[-1], "") if words else ("", "")
        else:
            raw, following = (match.group(1), match.group(2) or "") if match else ("", "")
        if not raw or not raw.islower():  # "Which Russian officials", "What is the Cartel…": a name leads
            return ""
        # "By what routes could it escalate?" asks how, not for a route.
        if MEANS_ASKED.match(question) and raw.lower().removesuffix("s") in MEANS_NOUNS:
            return ""
        word = normalize_word(raw)
        # "What exact date…", "What military rank…", "Which domestic Venezuelan actors…": the
        # noun comes after the adjectives (a capitalised one among them).
        # Only up to an auxiliary: "Which intermediary sold the oil?" asks for an intermediary.
        if (word in QUALIFIERS or ADJECTIVE_ENDING.search(word)) and following:
            after = WORD.findall(question[question.find(raw) + len(raw):])[:4]
            verb = next((i for i, w in enumerate(after) if w.lower() in AUXILIARY_WORDS), None)
            noun = after[verb - 1] if verb else ""
            if noun.islower() and noun not in NOT_A_NOUN | STOPWORDS and not set(after[:verb - 1]) & STOPWORDS - {"or", "and"}:
                word, following = normalize_word(noun), ""
        # "What fancy phrase did she use?", "Which catchy name…": words the coverage says, however described.
        if following.lower() in NAMING_WORDS:
            return ""
        # "What changed that?", "What is Carvajal seeking?": a verb, not a kind of thing.
        if word.endswith(("ed", "ing")) or following.lower() in DETERMINERS:
            return ""
        if word in ABSTRACT_NOUNS:
            # "What is the legal basis … for US military strikes?": what the aspect is of.
            at = re.search(rf"\b{re.escape(word)}\b", question, re.I)
            return self._aspect_of(question[at.end():]) if at else ""
        if word in NOT_ASKED_FOR:
            return ""
        return word

    @staticmethod
    def _aspect_of(rest: str) -> str:
        """The noun an aspect is of: the last word of the first "of/for/behind" phrase
        ("… for US military strikes on…" -> "strikes"), or ""."""
        match = ASPECT_OF.search(rest)
        if not match:
            return ""
        words = PHRASE_END.split(" " + match.group(1))[0].split()
        noun = normalize_word(words[-1]) if words else ""
        if not noun or not words[-1].islower() or noun in NOT_ASKED_FOR or noun.endswith(("ed", "ing")):
            return ""
        return noun

    def _in_heading(self, words: list[str], position: int) -> bool:
        before = words[position - 1] if position > 0 else ""
        after = words[position + 1] if position + 1 < len(words) else ""
        return (before, words[position]) in self._heading_pairs or (words[position], after) in self._heading_pairs

    def _alias_known(self, lowered_question: str) -> bool:
        return any(
            alias in lowered_question and any(w in self._vocabulary for w in words)
            for alias, words in aliases().items()
            if " " in alias
        )



def names_its_callout(lowered_question: str, passage: Passage, strictly: bool = False) -> bool:
    """Whether a (lower-case) question names the call-out this passage is ("according to the
    pro tip…"); False for any other passage. `strictly`: by its whole label or its last word
    with a word for the box ("the tip box"), and a one-word label ("Note") only quoted or as
    "the note box", not "the note to Trump" nor "the tip"."""
    if passage.kind != "callout" or not passage.label:
        return False
    # "Did you know?": the label's own question mark is no part of how a reader names it.
    label = passage.label.lower().rstrip("?: ")
    if not strictly and names_label(lowered_question, label):
        return True
    if " " in label:
        # "the Pro Tip", or its last word with a word for the box ("a little tip box")
        return (re.search(rf"\b{re.escape(label)}\b", lowered_question) is not None
                or names_a_callout(lowered_question, re.escape(label.split()[-1])))
    return names_a_callout(lowered_question, re.escape(label))


def names_label(question: str, label: str) -> bool:
    """Whether a (lower-case) question names a call-out: its whole label ("pro tip"), or "the"
    and the label's last word ("according to the tip")."""
    words = label.split()
    return re.search(rf"\b{re.escape(label)}\b|\bthe {re.escape(words[-1])}\b" if len(words) > 1 else rf"\b{re.escape(label)}\b",
                     question) is not None


def _as_bm25_input(corpus_tokens: list[list[str]]):
    """bm25s wants token ids and a vocabulary; build them from our own stems."""
    import bm25s

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(token, len(vocab)) for token in doc] for doc in corpus_tokens]
    return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)
