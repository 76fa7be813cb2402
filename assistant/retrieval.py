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
from functools import lru_cache
from importlib import resources

from assistant.answer_types import answer_type, has_cue, header_lines
from assistant.providers import Embedder
from assistant.schema import Passage, Scored
from assistant.store import PassageStore
from assistant.text import STOPWORDS, WORD, first_named, normalize_word, split_sentences, stem, terms

__all__ = ["Retriever", "Retrieval", "QueryCoverage"]

HEADER_PENALTY = 0.3
# Words that say where a person is; a passage naming the person asked about with one of them
# gets this much on a "where is…" question.
WHEREABOUTS = re.compile(
    r"\b(prison|jail|custody|detention|detained|imprisoned|held in|exile|hiding|fled to|lives in|"
    r"living in|based in|resides|arrested in|extradited to)\b",
    re.IGNORECASE,
)
# 0.1-0.25 all put the custody paragraph first for "Where is the former spy chief now?" over the
# questions in tests/eval; 0.15 changed no other first citation.
WHEREABOUTS_BONUS = 0.15
# A question about the article's byline or date ("Who wrote this piece?") reads like no passage
# (similarity ~0.25): a bonus above any fused score puts the header that holds the field first.
HEADER_FIELD_BONUS = 1.0
# Added to a passage that holds the kind of thing the question asks for (a place for "where");
# small, so it only decides between passages the question matches about equally.
ANSWER_TYPE_BONUS = 0.05
BM25_WEIGHT = 0.5  # tuned on tests/eval/sample_questions.jsonl: 0.2-0.5 all did about as well
DENSE_CANDIDATES = 60  # views fetched from the vector store per question
# A name in at least this many passages tells little about which one answers; masked in the
# second phrasing. Tuned with MASKED_WEIGHT on both question files in tests/eval.
COMMON_NAME_PASSAGES = 3
MASKED_WEIGHT = 1.0  # the masked phrasing's weight against the whole question's
PREFIX = 5  # demonyms and inflections share this much: "Venezuelan"/"Venezuela", "Mexican"/"Mexico"

ARTICLE_WORDS = {
    "article", "story", "piece", "report", "coverage", "author", "wrote", "written", "write",
    "writer", "byline", "published", "publish", "date", "headline", "title", "editor", "news",
    "paper", "newspaper", "publication", "outlet", "mention", "mentions", "mentioned",
}
# Words for what someone or something is called or does for a living: the coverage says these
# without naming them ("Hugo ‘El Pollo’ Carvajal", "By James Carter, Senior News Editor").
NAMING_WORDS = {
    "name", "names", "named", "nickname", "nicknamed", "alias", "called", "known", "job", "occupation",
    "profession", "position", "role", "title", "identity",
}

# Verbs and particles so general that they say nothing of what is asked ("made up of", "runs"):
# they never make a question one about a topic the coverage lacks.
GENERIC_WORDS = {
    "make", "makes", "made", "making", "do", "doing", "done", "happen", "happens", "happened",
    "mean", "means", "meant", "use", "uses", "used", "using", "get", "gets", "got", "run", "runs",
    "ran", "running", "lead", "leads", "led", "go", "goes", "went", "come", "comes", "came",
    "take", "takes", "took", "give", "gives", "gave", "put", "puts", "keep", "keeps", "kept",
    "play", "plays", "played", "involve", "involves", "involved", "say", "says", "said", "think",
    "thinks", "up", "down", "out", "off", "over", "about", "from", "into", "behind", "possible", "possibly",
    "part", "parts", "aspect", "aspects", "side", "sides", "type", "types", "matter", "matters",
    "being", "been", "hold", "holds", "held", "holding", "serve", "serves", "served", "work", "works", "worked",
    "change", "changes", "changed", "cause", "causes", "caused", "affect", "affects", "affected",
}
# Nouns for an aspect of anything ("the purpose of…", "in which areas…"): a question asking
# for one asks about the rest of its words, which the coverage must know.
ABSTRACT_NOUNS = {
    "purpose", "reason", "reasons", "goal", "goals", "aim", "aims", "point", "idea", "meaning",
    "significance", "nature", "status", "situation", "outcome", "outcomes", "result", "results",
    "impact", "impacts", "effect", "effects", "consequence", "background", "context", "view",
    "views", "stance", "response", "reaction", "opinion", "plan", "plans", "problem", "problems",
    "issue", "issues", "concern", "concerns", "prospect", "prospects", "prognosis", "forecast",
    "relationship", "relation", "relations", "connection", "link", "links", "difference",
    "differences", "area", "areas", "field", "fields", "sector", "sectors", "factor", "factors",
    "details", "detail", "facts", "fact", "information", "info", "news", "update", "summary",
    "risk", "risks", "danger", "dangers", "challenge", "challenges", "option", "options",
    "benefit", "benefits", "lesson", "lessons", "takeaway", "takeaways", "implication",
    "implications", "involvement",
    # Words for a person or a body of people, which the coverage names rather than calls so.
    "man", "men", "woman", "women", "person", "persons", "people", "guy", "individual", "someone",
    "somebody", "group", "groups", "figure", "figures",
}

# Words that open a question or an instruction; capitalised there, but not names.
QUESTION_WORDS = {
    "what", "who", "whom", "whose", "which", "when", "where", "why", "how", "is", "are", "was",
    "were", "do", "does", "did", "can", "could", "should", "would", "will", "tell", "explain",
    "describe", "list", "name", "give", "summarize", "summarise", "and", "but", "so", "please",
    "according", "in", "on", "at", "the", "a", "an", "if", "has", "have", "had", "i", "any",
    "whats", "whos", "wheres", "hows", "whens",  # typed without the apostrophe
}

# Adverbs and quantifiers that say how or how much, never what about: "Why is interdiction
# alone not enough?" is about interdiction, and the coverage need not use "alone" to answer it.
DEGREE_WORDS = {
    "alone", "enough", "only", "solely", "just", "really", "actually", "exactly", "currently",
    "now", "still", "yet", "ever", "already", "much", "many", "more", "most", "less", "least",
    "very", "quite", "so", "too", "also", "else", "even", "way", "ways", "kind", "kinds", "sort",
    "thing", "things", "anything", "something", "everything", "lot", "lots", "all", "whole",
    "entire", "every", "each", "both", "other", "others", "own", "same", "right", "presently",
    "so-called", "supposed", "supposedly", "purported", "purportedly", "apparently",
}

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "it", "its",
            "we", "our", "you", "your", "i", "me", "my"}

# Words of a question that say nothing of its topic, for BM25 and sentence overlap.
NOT_TOPIC = {"what", "who", "whom", "whose", "which", "when", "where", "why", "how", "its", "whats", "whos", "wheres", "hows"}


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


@lru_cache(maxsize=2)
def _word_table(name: str) -> dict[str, list[str]]:
    """word -> the words the coverage may use instead, from one of the tables in data/."""
    table: dict[str, list[str]] = {}
    text = resources.files("assistant").joinpath(f"data/{name}.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            alias, _, canonical = line.partition("\t")
            table[alias.strip().lower()] = canonical.split()
    return table


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names in lower case ("cuba", "russian federation", "russia"), from pycountry."""
    import pycountry

    return frozenset(
        name.lower()
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", None))
        if name and "," not in name and "(" not in name
    )


def _countries_in(question: str) -> list[tuple[str, str]]:
    """(country name, the words as the question types them) for each country it names."""
    lowered = question.lower()
    found = []
    for name in _countries():
        if name in lowered:
            match = re.search(rf"\b{re.escape(name)}\b", lowered)
            if match:
                found.append((name, question[match.start():match.end()]))
    return found


@lru_cache(maxsize=1)
def _aliases() -> dict[str, list[str]]:
    """Other names for places and institutions ("the Kremlin"), then everyday words for what
    news copy says otherwise ("so hard to break up"): word -> the words the coverage may use."""
    return {**_word_table("synonyms"), **_word_table("aliases")}


class Retriever:
    def __init__(self, store: PassageStore, embedder: Embedder):
        import bm25s

        self.store = store
        self.embedder = embedder
        self.passages = {p.id: p for p in store.passages()}
        self._ids = list(self.passages)
        corpus_tokens = [self._stems(self._bm25_text(self.passages[pid])) for pid in self._ids]
        self._df: dict[str, int] = defaultdict(int)
        for tokens in corpus_tokens:
            for token in set(tokens):
                self._df[token] += 1
        self._bm25 = bm25s.BM25()
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
        self._by_prefix = _prefix_index(self._vocabulary)
        self._descriptors = _descriptors(p.text for p in self.passages.values())
        # The persons the coverage names, each by surname -> the words that refer to them
        # ("Ramirez": "ramirez", "security analyst", "analyst"): whom "he" or "she" in a
        # follow-up can mean, found in an earlier question or answer.
        self.people: dict[str, list[str]] = _people(self.passages.values(), self._descriptors)
        self._authors = {normalize_word(p.author.split()[-1]) for p in self.passages.values() if p.author}
        # Words the coverage writes capitalised: a name in the question must be one of them, so
        # "the United Nations" is no name the coverage knows just because it says "other nations".
        self._name_words: set[str] = set()
        for p in self.passages.values():
            for raw in WORD.findall(f"{p.text} {p.title} {p.author}"):
                if raw[0].isupper():
                    self._name_words |= {normalize_word(raw), stem(normalize_word(raw))}
        self._names_by_prefix = _prefix_index(self._name_words)
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
        }

    def __len__(self) -> int:
        return len(self.passages)

    # --- the public call --------------------------------------------------------------------

    def retrieve(self, question: str, k: int = 5) -> Retrieval:
        expanded = self._expand(question)
        # The embedder knows everyday synonyms better than our table does ("accuse" is close to
        # "allege" already): it gets the question with only other names replaced ("the Kremlin").
        expanded_dense = self._expand(question, synonyms=False)
        masked = self._mask_common_names(expanded_dense)
        vector, masked_vector = [], []
        if self._ids:
            if masked != expanded_dense:
                vector, masked_vector = self.embedder.embed_texts([expanded_dense, masked])
            else:
                vector = self.embedder.embed_query(expanded_dense)
        dense, plain, masked_best = self._dense(vector, masked_vector)
        lexical = self._lexical(self._name_described(expanded))
        # Convex fusion: the dense similarity plus a share of BM25 normalised to the best match.
        # On our question set it put the answering passage first more often than RRF did.
        fused = {pid: similarity for pid, similarity in dense.items()}
        for pid, score in lexical.items():
            fused[pid] = fused.get(pid, 0.0) + BM25_WEIGHT * score
        kind = answer_type(question)
        if kind:
            for pid in fused:
                if has_cue(kind, self.passages[pid].text):
                    fused[pid] += ANSWER_TYPE_BONUS
        person = self.person_in(expanded)
        if kind == "where" and person:
            # "Where is the former spy chief now?" asks where a person is: held, living, hiding.
            # The name is in many passages; the one saying where it puts him answers.
            for pid in fused:
                text = self.passages[pid].text
                if person in text and WHEREABOUTS.search(text):
                    fused[pid] += WHEREABOUTS_BONUS
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
        )

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

    # --- the two rankings -------------------------------------------------------------------

    def _about_the_article(self, question: str) -> bool:
        """Whether the question may be about an article itself (its title, byline, date), so its
        header is not held back: it speaks of the article, or names its author ("What is
        Carter's job title?" after "Who wrote this?")."""
        words = {normalize_word(w) for w in WORD.findall(question)}
        return (
            bool(words & ARTICLE_WORDS)
            or bool(words & {"who", "when"} and words & {"this", "it"})
            or bool(words & self._authors)
        )

    def _dense(self, vector: list[float], masked_vector: list[float]) -> tuple[dict[str, float], dict[str, float], float]:
        """(passage id -> best view score, in descending order; passage id -> best plain
        similarity; the best similarity to the masked phrasing). A view's score is its
        similarity, or with a masked phrasing the weighted mean of both similarities."""
        if not self._ids:
            return {}, {}, 0.0
        best: dict[str, float] = {}
        plain: dict[str, float] = {}
        masked_best = 0.0
        also = [masked_vector] if masked_vector else []
        for hit in self.store.query(vector, DENSE_CANDIDATES, also=also):
            if hit.passage_id not in self.passages or hit.view_id.split(".")[0] in self._rhetorical:
                continue
            score = hit.similarity
            if also:
                masked_best = max(masked_best, hit.also_similarity[0])
                score = (score + MASKED_WEIGHT * hit.also_similarity[0]) / (1 + MASKED_WEIGHT)
            best[hit.passage_id] = max(score, best.get(hit.passage_id, -1.0))
            plain[hit.passage_id] = max(hit.similarity, plain.get(hit.passage_id, -1.0))
        if not also:
            masked_best = max(plain.values(), default=0.0)
        return dict(sorted(best.items(), key=lambda item: item[1], reverse=True)), plain, masked_best

    def person_in(self, question: str) -> str:
        """The surname of the person the question names first (by name, title or nickname), or ""."""
        return first_named(self._name_described(question), self.people)

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
                    and core.group()[0].isupper()
                    and word not in QUESTION_WORDS
                    and self._df.get(stem(word), 0) >= COMMON_NAME_PASSAGES
                ):
                    raw = raw.replace(core.group(), "it", 1)
                words.append(raw)
        return " ".join(words)

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
        for alias, words in (_aliases() if synonyms else _word_table("aliases")).items():
            pattern = rf"\b{re.escape(alias)}\b"
            if re.search(pattern, text, flags=re.IGNORECASE):
                known = [w for w in words if w in self._vocabulary]
                if known and alias not in self._vocabulary:
                    text = re.sub(pattern, " ".join(known), text, flags=re.IGNORECASE)
        return text

    def _name_described(self, question: str) -> str:
        """The question with each title or nickname the coverage gives someone replaced by
        that name: "Where is the former intelligence chief now?" -> "Where is Carvajal now?"."""
        for descriptor, name in self._descriptors.items():
            pattern = rf"\b((the )?(former|ex) )?{re.escape(descriptor)}\b"
            question = re.sub(pattern, name, question, flags=re.IGNORECASE)
        return question

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
        table = _aliases() if vocabulary is self._vocabulary else _word_table("aliases")
        if any(w in vocabulary for w in table.get(word, [])):
            return True
        if len(word) >= PREFIX + 1:  # "Venezuelan" ~ "Venezuela", but not "Iran" ~ "Iranian"-less coverage
            for candidate in by_prefix.get(word[:PREFIX], ()):
                shorter = min(len(candidate), len(word))
                common = len(_common_prefix(candidate, word))
                # The whole shorter word, less a final vowel that a demonym drops ("Mexico" ~
                # "Mexican", "Venezuela" ~ "Venezuelan"), but "current" is not "currency".
                base = candidate if len(candidate) <= len(word) else word
                need = shorter - 1 if base[-1] in "aeiou" else shorter
                if common >= max(PREFIX, need):
                    return True
        return False

    def coverage(self, question: str) -> QueryCoverage:
        result = QueryCoverage()
        lowered = question.lower()
        alias_words = {w for alias in _aliases() if " " in alias and alias in lowered for w in alias.split()}
        for sentence in re.split(r"(?<=[.!?])\s+", question.strip()):
            for position, raw in enumerate(WORD.findall(sentence)):
                word = normalize_word(raw)
                if not word or word in QUESTION_WORDS and position == 0:
                    continue
                is_name = (
                    (raw[0].isupper() and position > 0 and word not in STOPWORDS)
                    or any(c.isdigit() for c in raw)
                    or (raw.islower() and word in self._proper_names)
                )
                if (word in STOPWORDS or word in DEGREE_WORDS or word in PRONOUNS or word in NOT_TOPIC) and not is_name:
                    continue  # "…and when did he die?": neither "when" nor "he" is what is asked about
                known = (self.knows(word) or word in NAMING_WORDS
                         or word in alias_words and self._alias_known(lowered))
                if known and is_name and raw.isalpha() and word not in alias_words:
                    known = self._knows_name(word)
                result.content_terms.append(word)
                if known:
                    result.known_terms.append(word)
                if is_name:
                    result.names.append(word)
                    if not known:
                        result.unknown_names.append(raw)
                elif word not in ARTICLE_WORDS | NAMING_WORDS | GENERIC_WORDS | ABSTRACT_NOUNS:
                    result.topic_terms.append(word)
                    if not known:
                        result.unknown_topics.append(word)
        # A country typed in lower case ("does cuba have anything to do with…") is a name too.
        for country, typed in _countries_in(question):
            if typed.islower() and not all(self._knows_name(part) or part in STOPWORDS for part in country.split()):
                result.names.append(country)
                result.unknown_names.append(country)
        asked_for = self._asked_for(question)
        if asked_for and asked_for not in NAMING_WORDS and not self.knows(asked_for):
            result.unknown_asked_for = asked_for
        return result

    def _asked_for(self, question: str) -> str:
        """The noun a "which/what X…" question asks for, lower case, or ""."""
        match = ASKED_FOR.search(question)
        if match and match.group(1).lower() in NOT_A_NOUN:
            phrase = WHAT_IS.search(question)
            words = PHRASE_END.split(phrase.group(1))[0].split() if phrase else []
            raw, following = (words[-1], "") if words else ("", "")
        else:
            raw, following = (match.group(1), match.group(2) or "") if match else ("", "")
        if not raw or not raw.islower():  # "Which Russian officials", "What is the Cartel…": a name leads
            return ""
        word = normalize_word(raw)
        if word in QUALIFIERS and following.islower():  # "What exact date…": the noun comes next
            word, following = normalize_word(following), ""
        # "What changed that?", "What is Carvajal seeking?": a verb, not a kind of thing.
        if word.endswith(("ed", "ing")) or following.lower() in DETERMINERS:
            return ""
        if word in NOT_A_NOUN | STOPWORDS | GENERIC_WORDS | DEGREE_WORDS | ABSTRACT_NOUNS | PERSON_WORDS:
            return ""
        return word

    def _alias_known(self, lowered_question: str) -> bool:
        return any(
            alias in lowered_question and any(w in self._vocabulary for w in words)
            for alias, words in _aliases().items()
            if " " in alias
        )


# "Which university…", "What books…", "In what year…": the word after "which"/"what".
ASKED_FOR = re.compile(
    r"^\W*(?:\w+ )?(?:which|what)\s+(?:kind of |type of |sort of )?"
    r"(?:(?:one|two|three|four|five|several|few|many|other|main|key|top|\w+[’']s)\s+)?([\w’'-]+)(?:\s+(\w+))?",
    re.IGNORECASE,
)
# Words for people: the coverage names its people rather than calling them so ("Which two
# leaders…?" is answered by "under Hugo Chávez and now Nicolás Maduro").
PERSON_WORDS = {
    "leader", "leaders", "politician", "politicians", "president", "presidents", "official",
    "officials", "expert", "experts", "analyst", "analysts", "officer", "officers", "minister",
    "ministers", "senator", "senators", "lawmaker", "lawmakers", "diplomat", "diplomats",
    "general", "generals", "figure", "figures", "person", "people", "journalist", "reporter",
}
# "What is Venezuela's official currency?", "What is the capital of Venezuela?": the noun phrase
# after "what is", up to its first preposition; its last word is the kind of thing asked for.
WHAT_IS = re.compile(r"^\W*what(?:’s|'s|\s+is|\s+are|\s+was|\s+were)\s+(.*?)\W*$", re.IGNORECASE)
PHRASE_END = re.compile(r"\s+(?:of|for|in|on|to|about|behind|according|at|with|from|by|if|when|that|like|between)\b", re.IGNORECASE)
# Adjectives between "what" and the kind of thing asked for: "What exact date…", "Which other
# countries…".
QUALIFIERS = {
    "exact", "specific", "particular", "precise", "recent", "main", "key", "major", "big", "new",
    "latest", "current", "first", "last", "next", "previous", "former", "different", "certain",
    "other", "real", "actual", "official", "possible", "likely", "top", "biggest", "best",
}
DETERMINERS = {"that", "this", "it", "the", "a", "an", "them", "him", "her", "his", "its", "their", "these", "those", "us", "you"}
# Words that follow "what" without naming a kind of thing ("What is…", "What if…").
NOT_A_NOUN = {
    "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "should",
    "would", "will", "might", "may", "must", "if", "about", "else", "happens", "happened", "exactly",
    "s", "’s", "'s", "role", "way", "ways",
}

PERSON_TITLES = r"(chief|official|analyst|editor|president|minister|director|general|leader|spokes\w+|expert|insider)"
NAME = r"[A-Z][\w’'-]+"
# "intelligence chief Hugo ‘El Pollo’ Carvajal": the title's last word or two, then the name.
TITLE_BEFORE_NAME = re.compile(rf"\b((?:[a-z]+\s+)?{PERSON_TITLES})\s+(?:{NAME}\s+)*(?:[‘'“\"][^’'”\"]+[’'”\"]\s+)?({NAME})")
# "Dr. Isabella Ramirez, a security analyst".
NAME_THEN_TITLE = re.compile(rf"({NAME}),\s+an?\s+((?:[a-z]+\s+)?{PERSON_TITLES})\b")
# "Hugo ‘El Pollo’ Carvajal": a nickname in quotes between two names.
NICKNAME = re.compile(rf"{NAME}\s+[‘'“\"]({NAME}(?:\s+{NAME})*)[’'”\"]\s+({NAME})")


def _descriptors(texts) -> dict[str, str]:
    """title or nickname (lower case) -> the surname the coverage gives it, from its own prose.
    A title the coverage gives several people ("president") stands for none of them."""
    found: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for match in TITLE_BEFORE_NAME.finditer(text):
            found[match.group(1).lower()].add(_surname(match.group(3)))
        for match in NAME_THEN_TITLE.finditer(text):
            found[match.group(2).lower()].add(_surname(match.group(1)))
        for match in NICKNAME.finditer(text):
            found[match.group(1).lower()].add(_surname(match.group(2)))
    return {descriptor: names.pop() for descriptor, names in found.items() if len(names) == 1}


# "Donald Trump", "Nicolás Maduro": a given name and a surname, both capitalised, after a word in
# lower case (a sentence's first words are capitalised whatever they are) and before no third.
FULL_NAME = re.compile(r"(?:\b[a-z][\w’']*|[,;–—])\s+([A-Z][a-zà-ÿ]+)\s+([A-Z][a-zà-ÿ]+(?:[’']s)?)\b(?!\s+(?:of\b|[A-Z]))")
# Words that open a capitalised pair without it being a person: "Latin America", "United States".
NOT_GIVEN_NAMES = {
    "latin", "united", "north", "south", "east", "west", "new", "central", "national", "federal",
    "supreme", "white", "el", "la", "los", "las", "san", "santa", "buenos", "costa", "puerto",
    "hong", "sri", "saudi", "wall", "justice", "state", "defense", "treasury", "homeland", "mexico",
}
# Words that end an institution's or a place's name, not a person's: "Justice Department".
NOT_SURNAMES = {
    "department", "street", "city", "house", "office", "ministry", "council", "court", "bank",
    "party", "army", "agency", "administration", "university", "committee", "republic", "union",
    "states", "kingdom", "nations", "america", "aires", "island", "islands", "river", "sea",
}


# What the author of an article is called in a question about them.
AUTHOR_WORDS = ["author", "writer", "reporter", "journalist", "correspondent", "columnist"]


def _people(passages, descriptors: dict[str, str]) -> dict[str, list[str]]:
    """surname -> the lower-case words that refer to that person: the surname, the titles and
    nicknames the coverage gives them, a title's last word when no one else has it ("analyst"),
    and for an author, words for one ("reporter")."""
    passages = list(passages)
    people: dict[str, list[str]] = defaultdict(list)
    for p in passages:
        if p.author:
            people[p.author.split()[-1]] += AUTHOR_WORDS
    for p in passages:
        if p.kind == "header":
            continue
        text = p.text.removeprefix(p.label) if p.kind == "bullet" else p.text  # "Strain on Law Enforcement:" is a title
        for given, surname in FULL_NAME.findall(text):
            if given.lower() not in NOT_GIVEN_NAMES and surname.lower() not in NOT_SURNAMES:
                people.setdefault(_surname(surname), [])
    title_words: dict[str, set[str]] = defaultdict(set)
    for descriptor, name in descriptors.items():
        people[name].append(descriptor)
        title_words[descriptor.split()[-1]].add(name)
    for word, names in title_words.items():
        if len(names) == 1:
            people[names.pop()].append(word)
    return {name: [name.lower(), *dict.fromkeys(words)] for name, words in people.items()}


def _surname(name: str) -> str:
    return re.sub(r"[’']s$", "", name)


def _prefix_index(words: set[str]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for word in words:
        if len(word) >= PREFIX:
            index[word[:PREFIX]].add(word)
    return index


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _as_bm25_input(corpus_tokens: list[list[str]]):
    """bm25s wants token ids and a vocabulary; build them from our own stems."""
    import bm25s

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(token, len(vocab)) for token in doc] for doc in corpus_tokens]
    return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)
