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

What the coverage knows (its words, names and people) is `vocabulary.Vocabulary`: the retriever
reads each question through it, and reports with each result how well the coverage knows the
question's words (`QueryCoverage`), which the answerer uses to decide when not to answer.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from assistant.lexicon import (
    ARTICLE_WORDS, DEGREE_WORDS, NOT_TOPIC, ORDINALS, QUESTION_WORDS, QUOTED_SPEAKER, is_demonym, without_possessive,
)
from assistant.answer_types import (
    answer_type, asks_what_it_says, has_cue, header_field_asked, header_lines, lists_inline, mentions_saying,
    series_lengths, things_counted,
)
from assistant.corpus import names_a_callout
from assistant.providers import Embedder
from assistant.schema import Passage, Scored
from assistant.store import PassageStore, passage_views
from assistant.vocabulary import QueryCoverage, Vocabulary
from assistant.text import STOPWORDS, WORD, normalize_word, plain_text, quoted_phrases, split_sentences, stem, terms

__all__ = ["Retriever", "Retrieval", "names_its_callout"]

HEADER_PENALTY = 0.3
# Clauses that only concede ("While Carvajal's testimony is…"): no view to match.
CONCESSIVE = re.compile(r"^\W*(while|although|though|whereas|even though|despite)\b", re.IGNORECASE)
# Words that say where a person is; a passage naming the person asked about with one of them
# gets WHEREABOUTS_BONUS on a "where is…" question.
WHEREABOUTS = re.compile(
    r"\b(prison|jail|custody|detention|detained|imprisoned|held in|exile|hiding|fled to|lives in|"
    r"living in|based in|resides|arrested in|extradited to)\b",
    re.IGNORECASE,
)
HELD = re.compile(r"\bbeing (?:held|kept)\b|\b(locked up|jailed|imprisoned|detained|incarcerated|in custody|behind bars)\b|"
                  # "So where is this guy sitting right now…?": a person, whoever the words mean.
                  r"\bwhere\s+(?:is|was)\s+(?:he|she|(?:this|that|the)\s+(?:[\w-]+\s+)?(?:guy|man|woman|person|fellow|source|insider|defector))\b", re.I)
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
AT_THE_END = re.compile(r"^\W*(at the end|in closing|kicker)\b|^\W*(the )?(conclusion|ending)\W*$|\bat the (very )?end(?=\W*(?:[,;?]|$))|\bthe closing\b(?!\s+(?:of|down|arguments?|statements?|remarks?|date)\b)|\b((the )?wrap-?up( at the end)?|the ending|at the end of the (article|piece|story)|(its|the (article|piece|story)['’]s) (conclusion|closing|ending)|in (the|its) conclusion|"
                        r"closing (paragraph|lines?|words|section)|as it wraps up|wraps? (it|things|this) (all )?up|(writer|author|article|piece|story|reporter|journalist|editor) (wraps?|wrapping|sums?|summing|signs?|signing) (it |things |this )?(all )?(up|off)|sums? (it|things|this) (all )?up|final (paragraph|words|lines?|section)|last paragraph|"
                        r"concluding (paragraph|section|lines?|words)|closing \w+ (in|of) the (article|piece|story))\b", re.I)
AT_THE_START = re.compile(r"\b(up top|at the (very )?(top|start|beginning|outset) of the (article|piece|story)|the intro(duction)?|"
                          r"the opening (paragraph|lines?)|first paragraph|lede|lead paragraph)\b|\bat the (very )?(start|beginning|outset)\W*$", re.I)
POSITION_BONUS = 0.2
# "What's the FAQ say about escalation?", "the last sentence of the structure section": the
# reader names the part of the article to look in; its passages get PART_BONUS.
FAQ_NAMED = re.compile(r"\b(?:faqs?|frequently asked questions|q ?& ?a)\b", re.I)
# "the structure section", "that Actionable Insights list"; not "part of the cartel".
SECTION_NAMED = re.compile(r"\b(?:the|that|this)\s+((?:[\w’'-]+\s+){1,3}?)(?:section|part|chapter|list)\b(?!\s+of\b)", re.I)
PART_BONUS = 0.1
# "Name the three state resources the cartel uses": a passage listing them itself ("state
# resources – aircraft, security, and diplomatic cover") over one that only shares words.
SET_ASIDE = re.compile(r"^\W*(?:so\s+|and\s+)?(?:besides|apart from|aside from|other than|except for|beyond)\s+([^,?;]{1,40}?)\s*[,;–—]", re.I)
SET_ASIDE_PENALTY = 0.3
GOES_ON = re.compile(r"\b(also|as well as|in addition|beyond)\b", re.I)
INLINE_LIST_BONUS = 0.1
# A series of as many things as the question counts ("which three things…"); a tie-breaker.
COUNTED_SERIES_BONUS = 0.05
ASKS_FOR_THINGS = re.compile(r"^\W*(?:what|which|name|list|identify)\b", re.I)
# "What is the final bullet under 'Here's what's at stake'?", "the second step it recommends":
# the item at that place in the list the rest of the question points to.
# "the first thing they say the US should do": a thing to do is a recommended step.
ORDINAL_ITEM = re.compile(rf"(?<!\ba )(?<!\bone )(?<!\bmy )\bthe\s+({'|'.join(ORDINALS)})\s+(?:[\w-]+\s+)?"
                          r"(item|bullet|point|step|recommendation|trend|entry|implication|question|"
                          r"thing(?=[^?]*\b(?:US|U\.S\.|they|we|Washington|America|the United States)\s+(?:should|must|ought to|needs? to|has to|have to)\b))\b(?!s)", re.I)
# "The article lists a few future trends. What's the first one?": "one" counts in a list the
# question names.
ORDINAL_ONE = re.compile(rf"(?<!\ba )(?<!\bmy )\bthe\s+({'|'.join(ORDINALS)})\s+(one)\b", re.I)
LIST_NAMED = re.compile(r"\b(lists?|listed|items|bullets|points|steps|recommendations|trends|implications|questions)\b", re.I)


def ordinal_item(question: str) -> re.Match | None:
    """Where a question counts to an item of a list: "the last item", "the second trend", or
    "the first one" when it names the list."""
    return ORDINAL_ITEM.search(question) or (LIST_NAMED.search(question) and ORDINAL_ONE.search(question)) or None


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
# "What does 'a dangerous precedent' refer to?": words the reader quotes from the text point at
# the passage or two holding them; a phrase half the coverage holds ("Cartel of the Suns") does not.
QUOTED_BONUS = 0.15
RARE_QUOTED_PASSAGES = 2
PHRASE_BONUS = 0.1
RARE_PHRASE_PASSAGES = 2
# "What did he plead guilty to?": two of the question's words side by side ("pleading guilty")
# in a passage or two say more than each word does alone, which is all BM25 sees.
PAIR_BONUS = 0.08
RARE_PAIR_PASSAGES = 2
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
ROLE_ASKED = re.compile(r"\b(?:former|formerly|old|previous|previously|past|earlier|prior|job|role|position|title|"
                        r"occupation|post|career|gig|rank)s?\b", re.I)
WHERE_ADVICE_BONUS = 0.15
KIND_BONUS = {"source": 0.3, "nickname": 0.2, "era": 0.2, "past": 0.15, "former role": 0.25, "enough": 0.35, "recipient": 0.1}
# b: how much a long passage is marked down. Low, since a passage is judged by its best view
# (sentence): one matching sentence in a long paragraph counts as in a short one. 0.0-0.2 put
# 6-7 more answering passages first over all our question sets than the usual 0.75.
BM25_K1, BM25_B = 1.5, 0.2
BM25_WEIGHT = 0.5  # tuned on tests/eval/sample_questions.jsonl: 0.2-0.5 all did about as well
DENSE_CANDIDATES = 60  # views fetched from the vector store per question
MASKED_WEIGHT = 1.0  # the masked phrasing's weight against the whole question's
# What backs a claim up: "Q: What evidence supports Carvajal’s claims?" asks this, not what he claims.
SUPPORT_WORDS = re.compile(r"\b(?:evidence|proof|proofs|prove[dn]?|verif\w*|corroborat\w*|support\w*|substantiat\w*|back(?:s|ed|ing)? up|credib\w*|true|truth|believ\w*|trust\w*|"
                           r"confirm\w*|check\w*|investigat\w*|look\w* into|say-so)\b", re.I)
THE_CLAIM_ASKED = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|but|well)\W+)*(?:what(?:[’']s|\s+is|\s+are|\s+was|\s+were)\s+(?:the|this|his|that)\s+"
    r"(?:(?:big|main|central|key|basic|whole|actual|core)\s+)?(?:claims?|allegations?|accusations?)|"
    r"what\s+(?:does|did|is)\s+he\s+(?:actually\s+|really\s+)?(?:claim|claiming|allege|alleging|assert|asserting|accuse|accusing))"
    r"(?:\s+(?:here|exactly|then|again))?\W*$", re.I)
CLAIM_VERBS = r"(?:alleges?|alleged|asserts?|asserted|claims?|claimed|contends?|insists?|accuses?|says|said)"
# Two or more masked words in a row, or a masked possessive ("the Cartel of the Suns’s"); a
# lone "the it" is more often a masked adjective ("the Venezuelan government") and is kept.
MASKED_RUN = re.compile(r"\b(?:the\s+)?it(?:\s+(?:(?:of|de|del)\s+)?(?:the\s+)?it)+(?:\s+(?:(?:of|de|del)\s+)?(?:the\s+)?its)?\b|"
                        r"\b(?:the\s+)?it\s+(?:(?:of|de|del)\s+)?(?:the\s+)?its\b|\bthe\s+its\b")


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
        self._pair_holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for pid, tokens in zip(self._ids, corpus_tokens):
            for pair in zip(tokens, tokens[1:]):
                self._pair_holders[pair].add(pid)
        self._df: dict[str, int] = defaultdict(int)
        for tokens in corpus_tokens:
            for token in set(tokens):
                self._df[token] += 1
        self._bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        if self._ids:
            self._bm25.index(_as_bm25_input(corpus_tokens), show_progress=False)
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
        self._plain_texts = {pid: plain_text(p.text) for pid, p in self.passages.items()}
        # Straight quotes, case kept: a phrase our synonyms write counts where a passage writes it in
        # lower case ("state resources"), not in a name ("United States").
        self._cased_texts = {pid: " ".join(p.text.replace("’", "'").split()) for pid, p in self.passages.items()}
        # Which passages hold each word (lower case): a phrase is looked for only where all its
        # words are, not in every passage of the coverage.
        self._word_holders: dict[str, set[str]] = defaultdict(set)
        for texts in (self._plain_texts, self._cased_texts):  # their quotes and dashes differ
            for pid, text in texts.items():
                for word in _PHRASE_WORD.findall(text.lower()):
                    self._word_holders[word].add(pid)
        self._authors = {normalize_word(p.author.split()[-1]) for p in self.passages.values() if p.author}
        self.vocabulary = Vocabulary(self.passages, self._df, english=embedder.words)
        self._titles = {words for person in self.vocabulary.people.values() for words in person}

    def __len__(self) -> int:
        return len(self.passages)

    # --- the public call --------------------------------------------------------------------

    def retrieve(self, question: str, k: int = 5) -> Retrieval:
        # "The wrap-up at the end — what would be a grave mistake?": where to look is no part of
        # what to match (POSITION_BONUS points there).
        content = AT_THE_START.sub(" ", AT_THE_END.sub(" ", question)).strip(" —–-,:")
        if not self.topic_stems(content):  # "What does the ending say?": the pointer is all it asks
            content = question
        expanded = self.vocabulary.expand(content)
        # The embedder knows everyday synonyms better than our table does ("accuse" is close to
        # "allege" already): it gets the question with only other names replaced ("the Kremlin").
        expanded_dense = self.vocabulary.expand(content, synonyms=False)
        # The small model cannot tell who "the spy fellow" is; the name it stands for, it can.
        expanded_dense = self.vocabulary.plainly_described_named(expanded_dense)
        masked = self._mask_common_names(expanded_dense)
        # "this drug ring inside their army": the small model does not hear "the cartel inside
        # their military" in it; a phrasing in the coverage's words scores the same candidates.
        reworded = self.vocabulary.plainly_described_named(expanded)
        vector, masked_vector, reworded_vector = [], [], []
        if self._ids:
            texts = [expanded_dense] + [masked] * (masked != expanded_dense) + [reworded] * (reworded != expanded_dense)
            vectors = self.embedder.embed_texts(texts) if len(texts) > 1 else [self.embedder.embed_query(expanded_dense)]
            vector = vectors[0]
            masked_vector = vectors[1] if masked != expanded_dense else []
            reworded_vector = vectors[-1] if reworded != expanded_dense else []
        dense, plain, masked_best = self._dense(vector, masked_vector, reworded_vector)
        kind = answer_type(question)
        # "What former position does the story give Carvajal?": the words asking for a past role
        # say what kind of answer, not what about; "his position as a former insider" matches
        # them and answers nothing.
        lexical = self._lexical(self.vocabulary.name_described(
            ROLE_ASKED.sub(" ", expanded) if kind == "former role" else expanded))
        # Convex fusion: the dense similarity plus a share of BM25 normalised to the best match.
        # On our question set it put the answering passage first more often than RRF did.
        fused = {pid: similarity for pid, similarity in dense.items()}
        for pid, score in lexical.items():
            fused[pid] = fused.get(pid, 0.0) + BM25_WEIGHT * score
        if kind:
            # Most kinds only tip a close call; see KIND_BONUS for those that decide.
            bonus = KIND_BONUS.get(kind, ANSWER_TYPE_BONUS)
            # "Where should the US prioritize intelligence gathering?": advice about a place,
            # which only a recommendation naming one gives ("within Venezuela and throughout the
            # region"), not a paragraph saying where the cartel sits.
            # Also "Where does the article suggest the US focus…?".
            advice_where = kind == "where" and re.search(r"\b(?:should|must|ought to|suggests?|recommends?|advises?|proposes?|urges?)\b", question, re.I)
            for pid in fused:
                text = self.passages[pid].text
                if has_cue(kind, text):
                    fused[pid] += WHERE_ADVICE_BONUS if advice_where and has_cue("advice", text) else bonus
        person = self.vocabulary.person_in(expanded)
        # "Where is the source of these claims being held?": someone held, whoever the words mean.
        held = HELD.search(question)
        if kind == "where" and (person or held) and re.search(r"\bwhere\b", question, re.I):
            # "Where is the former spy chief now?" asks where a person is: held, living, hiding.
            # ("Which country did Caracas target, per him?" asks where too, but not where he is.)
            # The name is in many passages; the one saying where it puts him answers.
            for pid in fused:
                text = self.passages[pid].text
                if (not person or person in text) and WHEREABOUTS.search(text):
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
            token for token in self.topic_stems(self.vocabulary.name_described(expanded))
            if token in self.vocabulary.name_words and 0 < self._df.get(token, 0) <= RARE_NAME_PASSAGES
            and not is_demonym(token)
        }
        if rare_names and NAME_BONUS:
            for pid in fused:
                if rare_names & self._stem_sets[pid]:
                    fused[pid] += NAME_BONUS
        # "What kind of warfare does the article call this?": a word for the thing asked for
        # that only one passage uses points at it, as a rare name does.
        asked_for = self.vocabulary.asked_for(question)
        asked_stem = stem(asked_for) if asked_for else ""
        if asked_stem and 0 < self._df.get(asked_stem, 0) <= RARE_ASKED_PASSAGES:
            for pid in fused:
                if asked_stem in self._stem_sets[pid]:
                    fused[pid] += ASKED_FOR_BONUS
        for phrase in quoted_phrases(question):
            holders = self._holding(phrase, self._plain_texts)
            if len(holders) <= RARE_QUOTED_PASSAGES:
                for pid in holders & fused.keys():
                    fused[pid] += QUOTED_BONUS
        if PAIR_BONUS:
            stems = self._stems(content)
            names = self.vocabulary.name_words
            for pair in set(zip(stems, stems[1:])):
                if pair[0] in names or pair[1] in names:  # a name's own words: NAME_BONUS weighs those
                    continue
                holders = self._pair_holders.get(pair, set())
                if len(holders) <= RARE_PAIR_PASSAGES:
                    for pid in holders & fused.keys():
                        fused[pid] += PAIR_BONUS
        if PHRASE_BONUS:
            # "What state assets…" -> "state resources": a phrase our synonyms put in the
            # question's place that a passage or two write, which BM25's single words do not see.
            # Written in lower case there: a phrase of common words, not a name ("United States"
            # for "Washington").
            # Not a title ("intelligence chief" for "spy chief"): who is meant, not what is asked.
            for phrase in self._content_bigrams(expanded) - self._content_bigrams(content) - self._titles:
                holders = self._holding(phrase, self._cased_texts)
                if len(holders) <= RARE_PHRASE_PASSAGES:
                    for pid in holders & fused.keys():
                        fused[pid] += PHRASE_BONUS
        # "so what's the big claim?", "what does he claim?": the claim the coverage is about, that
        # of the person it is about, whose name the question leaves out. He is then the person
        # asked about for every bonus below, the one for naming him included.
        claim_asked = not person and THE_CLAIM_ASKED.match(question)
        if claim_asked:
            person = self.vocabulary.central_person[0]
        asks_what_person_says = bool(person) and (mentions_saying(question) or bool(claim_asked))
        if asks_what_person_says and OTHER_SPEAKER_PENALTY:
            # "What does the ex-intelligence boss say Caracas did?": a passage quoting someone
            # else ("…," says Dr. Isabella Ramirez) reports that person's words, not his.
            for pid in fused:
                speakers = {without_possessive(m.group(1)) for m in QUOTED_SPEAKER.finditer(self.passages[pid].text)}
                if speakers and person not in speakers:
                    fused[pid] -= OTHER_SPEAKER_PENALTY
        # "…is impacting which three things?": a passage listing that many in a row.
        counted = things_counted(question)
        asks_for_things = bool(ASKS_FOR_THINGS.match(question))
        if asks_for_things or counted:
            asked = set(self.topic_stems(question)) if asks_for_things else set()
            for pid in fused:
                passage = self.passages[pid]
                # A bullet's label ends in a colon: "Targeted Sanctions: Impose…" lists nothing.
                text = passage.text.removeprefix(passage.label)
                if passage.kind != "header" and lists_inline(asked, text):
                    fused[pid] += INLINE_LIST_BONUS
                if passage.kind != "header" and counted and counted in series_lengths(text):
                    fused[pid] += COUNTED_SERIES_BONUS
        # "Besides sanctions, who…?": the bullet headed "Targeted Sanctions" is what the reader
        # already has. Only a label counts: "Besides the US, who else is at risk?" is answered by
        # a passage that names the US on the way to the others. Nor a passage that goes on to
        # more itself ("Invest in Border Security: … while also addressing the demand").
        excluded = SET_ASIDE.match(question)
        if excluded:
            set_aside = {stem(word) for word in terms(excluded.group(1))}
            for pid in fused:
                passage = self.passages[pid]
                if set_aside & {stem(word) for word in terms(passage.label)} and not GOES_ON.search(passage.text):
                    fused[pid] -= SET_ASIDE_PENALTY
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
        if asks_what_person_says and not SUPPORT_WORDS.search(question):
            # Asking what a claim is, not what supports it: the FAQ on its evidence is about
            # something else.
            for pid in fused:
                passage = self.passages[pid]
                if passage.kind == "faq" and SUPPORT_WORDS.search(passage.text.split("\n", 1)[0]):
                    fused[pid] -= CLAIM_BONUS
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
            coverage=self.vocabulary.coverage(question),
            top_similarity=max(plain.values(), default=0.0),
            query_vector=vector,
            masked_similarity=masked_best,
            masked_question=masked if masked_vector else expanded,
            masked_vector=masked_vector,
            counted_item=counted,
        )


    def rescore(self, question: str, query_vector: list[float], passage_ids: list[str]) -> dict[str, float]:
        """passage id -> fused score (best view's cosine + BM25 share) for the given passages,
        whether or not the search reached them: to rank one section's bullets against each other."""
        import numpy as np

        views = self.store.sentence_vectors(passage_ids)
        lexical = self._lexical(self.vocabulary.name_described(self.vocabulary.expand(question)))
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
        match = ordinal_item(question)
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
        elif match.group(2).lower() == "thing":  # a thing to do: a list of advice, not an FAQ
            lists = {key: items for key, items in lists.items() if key[1] != "faq" and any(has_cue("advice", p.text) for p in items)}
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


    def _mask_common_names(self, question: str) -> str:
        """The question with each name the coverage uses in many passages replaced by "it".
        A title or nickname counts as the name it stands for: "the former intelligence chief"
        pulls towards the one sentence that calls him that as "Carvajal" pulls towards all."""
        words = []
        for sentence in re.split(r"(?<=[.!?])\s+", self.vocabulary.name_described(question).strip()):
            for position, raw in enumerate(sentence.split()):
                core = WORD.search(raw)
                word = normalize_word(core.group()) if core else ""
                if (
                    position > 0
                    and core
                    # a name typed in lower case ("what is carvajal claiming") is masked too
                    and (core.group()[0].isupper() or word in self.vocabulary.proper_names)
                    and word not in QUESTION_WORDS
                    and self.vocabulary.is_common(word)
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

    def quotes_from(self, question: str, passage_id: str) -> bool:
        """Whether the question quotes words the passage writes ("kicker: what would be a
        'grave mistake'")."""
        return any(_whole_words(phrase).search(self._plain_texts[passage_id]) for phrase in quoted_phrases(question))

    def _holding(self, phrase: str, texts: dict[str, str]) -> set[str]:
        """The passages (of the whole coverage) whose text holds `phrase` as whole words."""
        words = _PHRASE_WORD.findall(phrase.lower())
        candidates = set.intersection(*(self._word_holders.get(w, set()) for w in words)) if words else set(texts)
        pattern = _whole_words(phrase)
        return {pid for pid in candidates if pattern.search(texts[pid])}

    @staticmethod
    def _content_bigrams(text: str) -> set[str]:
        """Each two neighbouring words of `text` that are both content words, in plain text."""
        words = [w.lower() for w in WORD.findall(plain_text(text))]
        return {f"{a} {b}" for a, b in zip(words, words[1:]) if a not in STOPWORDS and b not in STOPWORDS}

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


# A word as _whole_words bounds it: a phrase's inner words are the text's words there.
_PHRASE_WORD = re.compile(r"[\w'-]+")


def _whole_words(phrase: str) -> re.Pattern:
    """`phrase` not inside a longer word ("a war" is not in "a warning")."""
    return re.compile(rf"(?<![\w'-]){re.escape(phrase)}(?![\w'-])")


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
