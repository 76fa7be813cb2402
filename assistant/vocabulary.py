"""What the coverage knows: its words and names, the people it names and the titles it gives
them. The retriever asks it how to read a question (other names and spellings written as the
coverage writes them, "the spy fellow" as the person he is); the answerer asks it whether the
coverage can answer at all (`QueryCoverage`: which of the question's words it has never used).
"""

from __future__ import annotations

import re
from string import ascii_lowercase
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import OSA

from assistant.lexicon import (
    ABSTRACT_NOUNS, ADJECTIVE_ENDING, ANOTHER_QUESTION, ARTICLE_WORDS, AUXILIARY_WORDS, ASKED_FOR, COUNTED_AFTER, DEGREE_WORDS, DETERMINERS, GENERIC_WORDS, NAMING_WORDS,
    NOT_A_NOUN, NOT_TOPIC, PERSON_WORDS, PLAIN_PERSON_NOUNS, PHRASE_END, PRONOUNS, QUALIFIERS, QUESTION_WORDS, WHAT_IS,
    alias_patterns, aliases, common_prefix, countries_in, english_nicknames, find_descriptors, find_people, given_names_before, prefix_index, table_rows, without_possessive, word_table,
)
from assistant.answer_types import asking_part
from assistant.schema import Passage
from assistant.text import CARRIED_CONTEXT, STOPWORDS, WORD, first_named, fold_accents, normalize_word, split_sentences, stem, terms

__all__ = ["QueryCoverage", "Vocabulary"]

# A question that points back at a name in the scene set before it ("And the Russians — where
# do they come in?").
POINTS_BACK = re.compile(r"\b(they|them|their|theirs|he|him|his|she|her|hers|there|those|these)\b", re.I)
SCENE_CLAUSE_BREAK = re.compile(r"[.;!?]+\s+|\s[–—-]\s")
PASSING_PREPOSITIONS = {"since", "at", "during", "like", "from", "in", "on", "after", "before", "about", "of", "over", "until", "through"}
# "US-specific", "Maduro-era": a known name with a word that only qualifies it. Not "US-funded",
# "US-brokered": an act of the name's the coverage may never report.
QUALIFYING_SUFFIXES = {"specific", "era", "style", "only", "centric", "wide", "type"}


def _in_passing(raws: list[str], position: int) -> bool:
    """Whether the name at `position` follows a preposition ("since the Cold War", "at
    Thanksgiving"): mentioned in passing, not what its clause is about."""
    i = position - 1
    while i >= 0 and (raws[i].lower() in ("the", "a", "an") or raws[i][0].isupper()):
        i -= 1  # back over an article and the name's own words ("the Cold")
    return i >= 0 and raws[i].lower() in PASSING_PREPOSITIONS


def _points_back(asking: str) -> bool:
    """Whether the part that asks points back at the scene: "what have they given…", not "these
    state-run cartels", where "these" comes with its own noun."""
    for match in POINTS_BACK.finditer(asking):
        following = re.match(r"\s+([\w’'-]+)", asking[match.end():])
        if match.group().lower() in ("these", "those") and following and following.group(1).lower() not in STOPWORDS:
            continue
        return True
    return False


# Words never counted as what a question asks about (its topic terms), and words never taken for
# the kind of thing a "which/what X" question asks for: built once, not per word of a question.
NOT_TOPIC_TERMS = ARTICLE_WORDS | NAMING_WORDS | GENERIC_WORDS | ABSTRACT_NOUNS | PERSON_WORDS
# A time ("What day…", "Which year…") is asked for by the rule for "when" questions.
TIME_WORDS = {"year", "years", "date", "dates", "day", "days", "month", "months", "time", "week", "weeks"}
MEANS_ASKED = re.compile(r"^\W*(?:by|through|via|along)\s+(?:what|which)\b", re.IGNORECASE)
MEANS_NOUNS = {"route", "path", "avenue", "mean", "mechanism", "channel", "method", "way"}  # singular
NOT_ASKED_FOR = NOT_A_NOUN | STOPWORDS | GENERIC_WORDS | DEGREE_WORDS | ABSTRACT_NOUNS | PERSON_WORDS | TIME_WORDS
# "who's diosdado cabello", "Who was Simón Bolívar?": the words "who is" asks about, to the end
# or a conjunction.
# Two words or more: "Who is responsible?" asks for someone, "who's diosdado cabello" names him.
WHO_IS = re.compile(r"^\W*(?:who[’']?s|who\s+(?:is|was))\s+((?:[^\W\d_]+\s+){1,2}[^\W\d_]+)(?=\s+(?:and|or|but)\b|\W*$)", re.I)
# "… for US military strikes on …": the phrase an aspect ("basis", "purpose") is of.
ASPECT_OF = re.compile(r"\b(?:of|for|behind)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?(.+)$", re.I)
# "is diosdado cabello the boss of…": the two words a yes/no question asks about, before what
# it asks of them; both unknown to the coverage, a person typed in lower case.
ASKED_OF_TWO_WORDS = re.compile(r"^\W*(?:is|was|does|did|has|had|can|could|will|would)\s+([^\W\d_]+\s+[^\W\d_]+)\s+"
                                r"(?:the|a|an|really|actually|still|also|involved|behind|part|in|with|connected|linked|tied)\b", re.I)
LOWER_WORD = re.compile(r"\b[a-zà-ÿ][\w’'-]*")
LETTERS = re.compile(r"[^\W\d_]+")  # "Carvajl's" -> "Carvajl", "s"
HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
# British and American endings of the same word, either way round ("organisations", "labour").
SPELLINGS = [("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ises", "izes"), ("ised", "ized"),
             ("ising", "izing"), ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("tre", "ter"), ("tres", "ters"),
             ("ence", "ense"), ("elled", "eled"), ("elling", "eling"), ("ogue", "og")]
# "the man who made the claims", "the spy fellow", "this particular fellow": a person described
# in plain words, found by what the coverage says of each person (`_person_described`).
DESCRIBED_PERSON = re.compile(
    # Not asked for: "Who is the man behind the cartel?" wants whoever that is, not a guess.
    r"(?<!\bwho is )(?<!\bwho was )(?<!\bwho[’']s )(?<!\bwhich )"
    rf"\b(?:the|this|that)\s+(?:([\w-]+)\s+)?({'|'.join(PLAIN_PERSON_NOUNS)})\b"
    r"((?:\s+(?:who|that|in|from|with|behind)\b[^,?.;:—–!]*)?)",
    re.I,
)
# "the source of these claims": the person who made them, as "the man who made the claims" is.
CLAIMANT = re.compile(r"\b(?:the|this|that)\s+(?:source|maker|originator)\s+of\s+(?:these|the|those|such|his|all (?:these|the|those))\s+"
                      r"(claims|allegations|accusations|revelations|charges)\b", re.I)
# "what parts of us life…", "who shud the us team up with": after "the", or before a noun the
# pronoun never stands before, "us" is the country.
US_IN_LOWER_CASE = re.compile(
    r"(?<=\b[Tt]he )us\b|\bus(?=[\s-]+(?:life|government|gov|govt|officials?|authorities|policy|policies|military|army|"
    r"team|interests|security|soil|citizens|public|border|borders|agencies|intelligence|response|sanctions|relations|"
    r"influence|credibility|cities|streets|economy|president|congress|courts?|prison|navy|troops|allies)\b)(?!-)")
# "what does the un say…": a body known by its initials, typed in lower case after "the".
INITIALS_IN_LOWER_CASE = re.compile(r"(?<=\b[Tt]he )(?:un|eu|dea|cia|fbi|imf|oas|nato|icc|opec|osce|nsa|dhs|doj)\b(?!-)")
DESCRIBED_CACHE = 1024  # plain descriptions remembered, with the person each fits
EXPANDED_CACHE = 1024  # questions remembered with their expansion in the coverage's words
DESCRIPTION_WORDS = 5  # of a relative clause after the noun: "who made the claims", not the rest of the question
MIN_RESPELLED = 5  # shorter names are too often another name one letter away ("Iran", "Iraq")
MIN_ANY_SLIP = 7  # from this length any one-letter slip; below it, a letter left out or added
MIN_VOWEL_SWAP = 6  # from this length to MIN_ANY_SLIP, one vowel typed for another ("Madura"); "Maria" may be another than "Mario"
# From this length two letters swapped are a slip ("peice"); shorter, too often another word
# ("form", "from"). A longer real word may still be one ("trial" for a coverage saying "trail"):
# only a word the coverage does not know is respelled, which it would otherwise decline.
MIN_TRANSPOSED = 5
MIN_DROPPED = 7  # shorter words are too often another word less a letter ("though", "through")
SURNAME_PREFIX = 4  # letters a misspelt surname after its given name shares with it ("Carva-lho")
VOWELS = set("aeiouáéíóú")
PREFIX = 5  # demonyms and inflections share this much: "Venezuelan"/"Venezuela", "Mexican"/"Mexico"
# A name in at least this many passages tells little about which one answers; masked in the
# second phrasing. Tuned with MASKED_WEIGHT on both question files in tests/eval.
COMMON_NAME_PASSAGES = 3
# A name in several capitalised words, linked by "of", "the", "de": "Cartel of the Suns".
NAME_PHRASE = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|the|de|del|for)\s+)*[A-Z][\w’'-]*)+")
# A word typed as initials ("CoS", "TCOs"): two capitals at least; three letters at least
# (two, "LA", "DT", stand for too many things).
ACRONYM = re.compile(r"(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,5}")
MIN_ACRONYM = 3
ABBREVIATIONS = {"ETC", "AKA", "FAQ", "FAQS", "FYI", "ASAP", "TBD", "DIY", "CEO", "USA", "RSVP", "IMO", "IMHO", "TLDR", "LOL"}
SENTENCE_OPENERS = {"while", "although", "though", "whereas", "when", "if", "as", "after", "before", "since", "because", "beyond"}
QUOTES_AND_POSSESSIVES = re.compile(r"[’']s$|[‘’'“”\"]")
# A word typed in capitals: two capital letters at least ("what ELSE do they say", "NATO").
SHOUTED = re.compile(r"(?<![\w’'])[A-ZÀ-Ý]{2,}(?:[’'][A-ZÀ-Ý]+)?(?![\w’'])")
# "el polo", "la tía": a Spanish article before a word makes it a name.
ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:el|la|los|las)\s+$", re.IGNORECASE)
MIN_SHOUTED = 6  # from this length a word in capitals is an ordinary word shouted, not initials
PLAIN_ENGLISH = NOT_ASKED_FOR | QUESTION_WORDS | QUALIFIERS | ARTICLE_WORDS | NAMING_WORDS  # words, never initials


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


def _vowel_swapped(name: str, word: str) -> bool:
    """Whether `word` is `name` with one vowel typed for another, both long enough."""
    if len(name) != len(word) or len(word) < MIN_VOWEL_SWAP:
        return False
    differing = [(a, b) for a, b in zip(name, word) if a != b]
    return len(differing) == 1 and differing[0][0] in VOWELS and differing[0][1] in VOWELS


# "Who is the (US) secretary of state?": whoever holds a title of something. Not "who is the
# man in prison?", a plain word for someone the coverage names.
WHO_HOLDS_TITLE = re.compile(r"^\W*(?:(?:and|so|ok|but)\W+)*who(?:[’']s|\s+is|\s+was|\s+are)\s+(?:the|their|its)\s+"
                             r"(?:[A-Z][\w.-]*\s+|(?:current|new|former|top|chief|deputy|acting)\s+)*"
                             r"(secretary|minister|president|vice-president|governor|mayor|ambassador|director|chairman|chairwoman|"
                             r"chair|commander|attorney|prosecutor|judge|senator|spokesman|spokeswoman|spokesperson|king|queen|"
                             r"premier|chancellor|administrator|commissioner|treasurer|speaker)\s+of\b", re.I)


def _what_is_phrase(question: str) -> list[str]:
    """The words of the noun phrase after "what is/are…", to where it ends: a preposition, a
    clause of its own, or a comma ("what was the spy guy's nickname again, el somethin?")."""
    phrase = WHAT_IS.search(question)
    return PHRASE_END.split(re.split(r"[,;:–—]", phrase.group(1))[0])[0].split() if phrase else []


def _head_noun(words: list[str]) -> str:
    """The noun a "what is…" phrase asks for: its last word ("the origin"), or after an article
    and modifiers, before a participle ("the current US reward offered" -> "reward")."""
    if not words:
        return ""
    body = words[1:] if words[0].lower() in ("the", "a", "an") else []
    while len(body) > 1 and body[-1].lower().endswith(("ed", "ing")):
        body.pop()
    if len(body) > 1 and all(w[0].isupper() or w.lower() in QUALIFIERS | GENERIC_WORDS for w in body[:-1]):
        return body[-1]
    return words[-1]


def _initials(name: str) -> set[str]:
    """"Cartel of the Suns" -> {"CS", "COTS", "COS"}: of the capitalised words, of every word,
    and of every word but the articles."""
    words = name.split()
    return {
        "".join(w[0] for w in words if w[0].isupper()).upper(),
        "".join(w[0] for w in words).upper(),
        "".join(w[0] for w in words if w.lower() not in ("the", "a", "an")).upper(),
    }

# A person's pronouns, by the gender they tell.
PRONOUNS_OF = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


class Vocabulary:
    """The coverage's words, names and people, built once from its passages. `doc_freq`: in how
    many passages each stem occurs (the retriever's BM25 counts)."""

    def __init__(self, passages: Mapping[str, Passage], doc_freq: Mapping[str, int], english: frozenset[str] = frozenset()):
        self.passages = passages
        self._df = doc_freq
        # English words (the embedding model's word list): never respelled as a coverage word.
        self._english = english
        # Words about the article itself ("who wrote this story?") are answerable from any header.
        self._vocabulary: set[str] = {stem(w) for w in ARTICLE_WORDS} | ARTICLE_WORDS
        for p in passages.values():
            for word in terms(f"{p.text} {p.title} {p.section} {p.author} {p.category}", keep_stopwords=True):
                self._vocabulary.add(word)
                self._vocabulary.add(stem(word))
        self._by_prefix = prefix_index(self._vocabulary, PREFIX)
        self._descriptors = find_descriptors(p.text for p in passages.values())
        self._english_nicknames = english_nicknames(p.text for p in passages.values())
        # The persons the coverage names, each by surname -> the words that refer to them
        # ("Ramirez": "ramirez", "security analyst", "analyst"): whom "he" or "she" in a
        # follow-up can mean, found in an earlier question or answer.
        self.people: dict[str, list[str]] = find_people(passages.values(), self._descriptors)
        self._described: dict[tuple[str, str], str] = {}
        self._expanded: dict[tuple[str, bool], str] = {}
        # Words the coverage writes capitalised: a name in the question must be one of them, so
        # "the United Nations" is no name the coverage knows just because it says "other nations".
        self.name_words: set[str] = set()
        for p in passages.values():
            for raw in WORD.findall(f"{p.text} {p.title} {p.author}"):
                if raw[0].isupper():
                    self.name_words |= {normalize_word(raw), stem(normalize_word(raw))}
        # A nickname the coverage gives in Spanish is one it gives in English too ("El Pollo",
        # "the Chicken"): its words are the coverage's. (The other descriptors are its own words.)
        for descriptor in self._descriptors:
            for word in terms(descriptor):
                if word not in self._vocabulary:
                    self._vocabulary |= {word, stem(word)}
                    self.name_words |= {word, stem(word)}
        self._names_by_prefix = prefix_index(self.name_words, PREFIX)
        # Two words of a section heading name it ("the Future Trends section"); one alone names
        # nothing ("National Security" is no "United Nations").
        self._heading_pairs: set[tuple[str, str]] = {
            pair for heading in {p.section for p in passages.values()}
            for words in [[normalize_word(raw) for raw in WORD.findall(heading)]]
            for pair in zip(words, words[1:])
        }
        # Names the coverage writes capitalised inside a sentence and never in lower case: a
        # question typed in lower case ("whats the population of venezuela") still names
        # "venezuela", but not "state" or the "expert" of an "Expert Insight:" label.
        lower_words = {raw.lower() for p in passages.values() for raw in WORD.findall(p.text) if raw[0].islower()}
        self.proper_names: set[str] = {
            normalize_word(raw)
            for p in passages.values()
            for sentence in split_sentences(p.text.removeprefix(p.label))
            for position, raw in enumerate(WORD.findall(sentence))
            if position > 0 and raw[0].isupper() and raw.lower() not in lower_words
        } - STOPWORDS - QUESTION_WORDS  # "Q: What evidence…" capitalises "What" mid-line
        # "Hugo Carvalho" for "Hugo Carvajal": a given name the coverage writes before one
        # person's surname (a nickname between them or not) -> that surname.
        self._surnames_after: dict[str, set[str]] = {
            given: {surname.lower() for surname in surnames}
            for given, surnames in given_names_before(passages.values(), self.people).items()
            if given in self.proper_names  # not "While Carvajal…"
        }
        # Initials of the names the coverage writes out in several words, each mapped to the
        # name when only one name has them: "COS", "COTS" and "CS" for "Cartel of the Suns".
        # Not from the header (its byline is a name and a job title run together).
        found: dict[str, set[str]] = {}
        for p in passages.values():
            if p.kind == "header":
                continue
            for match in NAME_PHRASE.finditer(f"{p.text}\n{p.title}"):
                # "While the US…", "El Pollo’ Carvajal’s": no sentence opener, quote or possessive.
                words = [QUOTES_AND_POSSESSIVES.sub("", w) for w in match.group().split()]
                while words and (words[0].lower() in STOPWORDS or words[0].lower() in SENTENCE_OPENERS):
                    words = words[1:]
                if sum(w[:1].isupper() for w in words) < 2:
                    continue
                name = " ".join(words)
                for initials in _initials(name):
                    if len(initials) >= MIN_ACRONYM:
                        found.setdefault(initials, set()).add(name)
        self._acronyms: dict[str, str] = {key: names.pop() for key, names in found.items() if len(names) == 1}
        # "OD", "IMO": chat shorthand, not initials; but "nato" is written out as initials.
        self._shorthand = {short for short, full in table_rows("shorthand") if full.strip() != short.upper()}
        # Words the coverage itself writes in capitals ("US", "DEA"): initials, never a shout.
        self._in_capitals: set[str] = {
            raw for p in passages.values() for raw in WORD.findall(f"{p.text} {p.title}") if len(raw) > 1 and raw.isupper()}
        # The coverage's words by their letters without accents: readers type "Chavez" and
        # "Mexico" for "Chávez" and "México", and the other way round.
        self._by_letters: dict[str, str] = {}
        for word in sorted(self._vocabulary):
            self._by_letters.setdefault(fold_accents(word), word)
        # "counternarcotics" for "counter-narcotics": a compound the coverage hyphenates,
        # typed as one word.
        for word in sorted(self._vocabulary):
            if "-" in word:
                self._by_letters.setdefault(fold_accents(word.replace("-", "")), word)

    def unshouted(self, question: str) -> str:
        """The question with the words typed in capitals for emphasis written plainly: "what
        ELSE do they say is needed" -> "what else…", "WHO IS MADURO" -> "who is Maduro". Initials
        stay as typed ("the US", "NATO"): those the coverage writes in capitals, and short words
        it does not know. And "the us", "us life" are the country typed in lower case, "the un" the UN."""
        def plain(match: re.Match) -> str:
            raw = match.group()
            word = raw.lower()
            if raw in self._in_capitals:
                return raw
            if normalize_word(word) in self.proper_names:
                return raw[0] + word[1:]
            # "wud more ppl OD from this": chat shorthand in capitals is still shorthand.
            if word in PLAIN_ENGLISH or word in self._shorthand or self._known_word(normalize_word(word)) or len(word) >= MIN_SHOUTED:
                return word
            return raw

        plainly = US_IN_LOWER_CASE.sub("US", SHOUTED.sub(plain, question))
        return INITIALS_IN_LOWER_CASE.sub(lambda match: match.group().upper(), plainly)

    def names_capitalised(self, text: str) -> str:
        """`text` with each name the coverage capitalises written so ("why did maduro arrest
        carvajal" -> "why did Maduro arrest Carvajal"), for patterns that know a name by its capital."""
        return LOWER_WORD.sub(lambda m: m.group().capitalize() if normalize_word(m.group()) in self.proper_names else m.group(), text)

    def respelled(self, question: str) -> str:
        """The question with each word the coverage does not know written as the coverage
        writes it: accents ("Chavez" -> "Chávez") and, for a name, one slip of the keyboard
        or of another language ("Rusia", "Carvajl"), when only one of its names is that close."""
        def respell(match: re.Match) -> str:
            raw = match.group()
            word = raw.lower()
            if word in self._vocabulary or word in STOPWORDS:
                return raw
            if ACRONYM.fullmatch(raw) and raw.upper() not in ABBREVIATIONS and not self._known_word(word) and word not in aliases():
                # "the CoS", "the COTS": initials of a name the coverage writes out.
                spelled_out = self._acronyms.get(raw.upper().removesuffix("S") if raw.endswith("s") else raw.upper(), "")
                if spelled_out:
                    return spelled_out
            spelled = self._by_letters.get(fold_accents(word), "") or self._other_spelling(word)
            # "where is el polo rn": after a Spanish article, a nickname typed in lower case.
            nickname = bool(ARTICLE_BEFORE.search(match.string[:match.start()]))
            if (not spelled and (raw[0].isupper() or nickname) and len(word) >= MIN_RESPELLED - nickname
                    and not self._known_word(word) and word not in aliases()):
                # A short name may differ from another by one letter ("Maria", "Mario"): only a
                # letter left out or doubled ("Rusia") is a slip there.
                # So may a vowel for another in a longer one ("Madura" for "Maduro").
                close = {name for name in self.proper_names
                         if abs(len(name) - len(word)) <= 1 and OSA.distance(name, word) <= 1
                         and (len(word) >= MIN_ANY_SLIP or len(name) != len(word) or _vowel_swapped(name, word))}
                spelled = close.pop() if len(close) == 1 else ""
            if not spelled and raw[0].isupper() and not self._known_word(word):
                # "Hugo Carvalho": after the given name, a surname that starts as that person's.
                before = re.search(r"([A-Za-zÀ-ÿ]+)\s+$", match.string[:match.start()])
                surnames = {surname for surname in (self._surnames_after.get(before.group(1).lower(), ()) if before else ())
                            if len(common_prefix(fold_accents(word), fold_accents(surname))) >= SURNAME_PREFIX}
                spelled = surnames.pop() if len(surnames) == 1 else ""
            # "election" is a word of its own, not a slip for "selection".
            if not spelled and len(word) >= MIN_TRANSPOSED and not self._known_word(word) and word not in self._english:
                # "peice", "Venezeula": two letters typed the wrong way round, any word.
                swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)} - {word}
                # "leter", "adressed": a double letter typed once, or a letter typed twice.
                doubled = {word[:i] + word[i] + word[i:] for i in range(len(word))}
                undoubled = {word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1]}
                # "nicknme", "goverment": from MIN_DROPPED letters, any one letter left out; not
                # the last, which makes another form of a word ("nickname" is no "nicknamed").
                dropped = {word[:i] + letter + word[i:] for i in range(len(word)) for letter in ascii_lowercase
                           } if len(word) >= MIN_DROPPED else set()
                known = {w for w in swapped | doubled | undoubled | dropped
                         if (w in self._vocabulary or w in NAMING_WORDS) and w not in STOPWORDS}
                spelled = known.pop() if len(known) == 1 else ""
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

    def expand(self, question: str, synonyms: bool = True) -> str:
        """The question with each alias the coverage does not use replaced by the canonical
        words it does use ("the Kremlin" -> "russia"), for BM25. A compound the coverage
        never writes is split first, so its parts can match: "ex-spymaster" -> "ex spymaster"
        -> "former intelligence chief"."""
        # Asked again for each passage an answer weighs: remembered, as the tables are long.
        key = (question, synonyms)
        if key not in self._expanded:
            if len(self._expanded) > EXPANDED_CACHE:
                self._expanded.clear()
            self._expanded[key] = self._expand(question, synonyms)
        return self._expanded[key]

    def _expand(self, question: str, synonyms: bool) -> str:
        text = WORD.sub(self._split_unknown_compound, question)
        for alias, pattern, words in alias_patterns(synonyms):
            if pattern.search(text):
                known = [w for w in words if w in self._vocabulary]
                if known and alias not in self._vocabulary:
                    text = pattern.sub(" ".join(known), text)
        # "the chicken one": the small model does not hear "El Pollo" in it; the coverage's
        # spelling it does.
        for english, nickname in self._english_nicknames.items():
            text = re.sub(rf"\b{re.escape(english)}\b", nickname, text, flags=re.IGNORECASE)
        return text

    def name_described(self, question: str) -> str:
        """The question with each title or nickname the coverage gives someone replaced by
        that name: "Where is the former intelligence chief now?" -> "Where is Carvajal now?";
        and "the man in prison", "the spy fellow" by the one person the coverage says that of."""
        for descriptor, name in self._descriptors.items():
            pattern = rf"\b((the )?(former|ex) )?{re.escape(descriptor)}\b"
            question = re.sub(pattern, name, question, flags=re.IGNORECASE)
        return self.plainly_described_named(question)

    def plainly_described_named(self, question: str) -> str:
        """"the spy fellow" -> "Carvajal". Only the words for the person give way: "What did
        the man in prison say?" -> "What did Carvajal in prison say?"."""
        def named(match: re.Match) -> str:
            surname = self._person_described(match.group(1) or "", match.group(3) or "")
            return surname + match.group(3) if surname else match.group()

        def claimant(match: re.Match) -> str:
            return self._person_described("", f" who made the {match.group(1).lower()}") or match.group()

        return DESCRIBED_PERSON.sub(named, CLAIMANT.sub(claimant, question))

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
        described = self.expand(f"{modifier} {clause}")
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

    def _near_a_name(self, word: str) -> bool:
        """Whether `word` is a name of the coverage misspelt ("carbajal", "caravajal")."""
        allowed = 2 if len(word) >= 6 else 1
        return any(abs(len(name) - len(word)) <= allowed and OSA.distance(word, name) <= allowed for name in self.name_words)

    def _knows_name(self, word: str) -> bool:
        return self._known_word(word.lower(), self.name_words, self._names_by_prefix)

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
        who = WHO_IS.match(question) or ASKED_OF_TWO_WORDS.match(question)
        if who:
            words = [normalize_word(raw) for raw in WORD.findall(who.group(1))]
            if all(w not in STOPWORDS and w not in NOT_TOPIC_TERMS and not self.knows(w) for w in words):
                unknown = [w for w in words if w not in result.unknown_names]
                result.names += unknown
                result.unknown_names += unknown
        # "Is Maduro the leader, and what rank is he?": a second "which/what X" asks for its
        # own X; a second "what is…" ("…, and what is the first one?") names none.
        first, *others = ANOTHER_QUESTION.split(question)
        for clause in [first] + [c for c in others if (m := ASKED_FOR.search(c)) and m.group(1).lower() not in NOT_A_NOUN]:
            asked_for = self.asked_for(clause)
            # "Which areas of the life in US…": a phrase our synonyms put in the coverage's words.
            if (asked_for and asked_for not in NAMING_WORDS and not self.knows(asked_for)
                    and re.search(rf"\b{re.escape(asked_for)}\b", self.expand(clause), re.I)):
                result.unknown_asked_for = asked_for
                break
        return result

    def _terms(self, question: str, asking: str) -> QueryCoverage:
        """The question's content terms, names and topics, known or not; of its words outside
        `asking` (the part that asks), only the names."""
        result = QueryCoverage()
        lowered = question.lower()
        # "putin's people": the name in it counts without its possessive too.
        alias_words = {form for alias in aliases() if " " in alias and alias in lowered for w in alias.split()
                       for form in (w, without_possessive(w))}
        asked_words = {normalize_word(raw) for raw in WORD.findall(asking)}
        # Words carried from an earlier turn ("… (expert lady quoted article)") were judged when
        # that turn was asked: one the coverage does not know is no reason to decline this one.
        carried = CARRIED_CONTEXT.search(question)
        carried_words = {normalize_word(raw) for raw in WORD.findall(carried.group())} if carried else set()
        # A name in the scene set before the question counts when the question points back at
        # it ("And the Russians — where do they come in?"), not when the question asks about
        # something of its own ("If the tactic spreads beyond the Western Hemisphere…; what
        # type of warfare does it say other nations could become vulnerable to?").
        scene_names_count = asking == question or not asked_words - NOT_TOPIC - STOPWORDS or _points_back(asking)
        # "Naturally the Russians turn up in this too; some things never change since the Cold
        # War. What help have they given…?": "they" are the Russians; the rest of the scene is chatter.
        chatter_names = self._chatter_names(question, asking) if scene_names_count and asking != question else set()
        # The scene is set before the question; what follows it is the asker's own ("…what's his
        # nickname exactly, because my Spanish is rusty?").
        tail = asking[-20:]
        after_asking = ({normalize_word(raw) for raw in WORD.findall(question[question.rfind(tail) + len(tail):])}
                        if asking != question and tail in question else set())
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
                    # "the 2024 election" names a year; "which 2 leaders" counts them.
                    or any(c.isdigit() for c in raw) and not (raw.isdigit() and len(raw) <= 2 and position > 0
                                                              and raws[position - 1].lower() in COUNTED_AFTER)
                    or (raw.islower() and word in self.proper_names and word not in ARTICLE_WORDS)
                    # "what's diosdado cabello's role": a possessive of no word the coverage or
                    # English has is someone's name, typed in lower case. Not "this perp's word",
                    # "the ex-general's story": a determiner puts a noun before its possessive.
                    or (raw.islower() and raw.endswith(("'s", "’s")) and word.isalpha() and position > 0
                        and raws[position - 1].lower() not in DETERMINERS and not self.knows(word)
                        and word not in self._english and not self._near_a_name(word))
                )
                if (word in STOPWORDS or word in DEGREE_WORDS or word in PRONOUNS or word in NOT_TOPIC
                        or word not in asked_words) and not is_name:
                    continue  # "…and when did he die?": neither "when" nor "he" is what is asked about
                if is_name and word not in asked_words and (not scene_names_count or word in after_asking or word in chatter_names):
                    continue
                known = (self.knows(word) or word in NAMING_WORDS
                         or word in alias_words and self._alias_known(lowered))
                # "US-specific", "Maduro-era": a known name with a qualifier joined on.
                head, _, rest = raw.partition("-")
                if not known and is_name and rest.lower() in QUALIFYING_SUFFIXES and self._knows_name(normalize_word(head)):
                    known = True
                # "an outright US-Venezuela war": names joined, known when each of them is; a
                # refusal names only those it does not know ("a Venezuela-Colombia conflict").
                parts = raw.split("-")
                joined_names = is_name and len(parts) > 1 and all(part[:1].isupper() for part in parts)
                unknown_parts = [part for part in parts if not self._knows_name(normalize_word(part))] if joined_names else []
                if not known and joined_names and not unknown_parts:
                    known = True
                if known and is_name and raw.isalpha() and word not in alias_words:
                    # Initials stand for words, not only names: "a CN partner" (counter-narcotics).
                    known = (self._knows_name(word) or self._in_heading(sentence_words, position)
                             or raw.isupper() and len(raw) > 1 and any(w in self._vocabulary for w in aliases().get(word, ())))
                if not known and not is_name and (word in NOT_TOPIC_TERMS or word in carried_words):
                    continue  # "what would be the point of that?": no word for what is asked about
                result.content_terms.append(word)
                if known:
                    result.known_terms.append(word)
                if is_name:
                    result.names.append(word)
                    if not known:
                        result.unknown_names.extend(unknown_parts if joined_names else [raw])
                elif word not in NOT_TOPIC_TERMS:
                    result.topic_terms.append(word)
                    if not known:
                        result.unknown_topics.append(word)
        return result

    def _chatter_names(self, question: str, asking: str) -> set[str]:
        """The names the scene mentions in passing ("since the Cold War": after a preposition)
        in clauses that name nothing the coverage knows, when another clause of the scene does:
        what the question points back at is that one. A name a clause is about ("the Chinese are
        involved too", "says Cabello leads it") still counts."""
        clauses = [c for c in SCENE_CLAUSE_BREAK.split(question) if c.strip() and c.strip() not in asking]
        named = []
        for clause in clauses:
            raws = WORD.findall(clause)
            named.append([(normalize_word(raw), _in_passing(raws, i)) for i, raw in enumerate(raws)
                          if raw[0].isupper() and (i > 0 or self._knows_name(normalize_word(raw)))])
        known = [any(self._knows_name(name) for name, _ in names) for names in named]
        if not any(known):
            return set()
        chatter = [(name, passing) for names, has_known in zip(named, known) if not has_known for name, passing in names]
        # Only when every name of those clauses is mentioned in passing.
        return {name for name, _ in chatter} if all(passing for _, passing in chatter) else set()

    def asked_for(self, question: str) -> str:
        """The noun a "which/what X…" question asks for, lower case, or ""."""
        match = ASKED_FOR.search(question)
        title = WHO_HOLDS_TITLE.match(question)
        if title and not match:
            # "who's the US secretary of state right now?": the title asked for.
            raw, following = title.group(1), ""
        elif not match:
            # "what's the bounty the US put on…": one noun after the article.
            words = _what_is_phrase(question)
            # "what's the current US bounty on…": its head noun, after modifiers that only say
            # which or when; not after a describing one ("the worst-case scenario", "the long-run
            # picture"), which the coverage may put in other words.
            body = words[1:] if words and words[0].lower() in ("the", "a", "an") else []
            plain_modifiers = all(w[0].isupper() or w.lower() in QUALIFIERS | GENERIC_WORDS for w in body[:-1])
            raw, following = (body[-1] if body and plain_modifiers else ""), ""
        elif match.group(1).lower() in NOT_A_NOUN:
            raw, following = _head_noun(_what_is_phrase(question)), ""
        else:
            raw, following = match.group(1), match.group(2) or ""
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
        # Its words, to the end of its clause: not "composed?", nor "motive" of "…, and was
        # profit their only motive?".
        words = WORD.findall(PHRASE_END.split(" " + re.split(r"[,;:–—?]", match.group(1))[0])[0])
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
            alias in lowered_question and any(w in self._vocabulary or w in NAMING_WORDS for w in words)
            for alias, words in aliases().items()
            if " " in alias
        )

    @cached_property
    def central_person(self) -> tuple[str, frozenset[str]]:
        """The person the coverage's own "he" or "she" refers to most, at least twice as often
        as to anyone else, with those pronouns ("Carvajal", {"he", "him", "his"}); or ("", {}).
        Whom a reader's first question means by "his word" when no one was named before. A
        pronoun refers to the person last named before it in its passage (quotes left out)."""
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in self.people) + r")\b|\b(?:he|him|his|she|her|hers)\b",
                             re.IGNORECASE) if self.people else None
        referred: dict[tuple[str, str], int] = defaultdict(int)
        for p in self.passages.values() if pattern else ():
            last = ""
            for match in pattern.finditer(re.sub(r"[“\"][^”\"]*[”\"]", " ", p.text)):
                word = match.group()
                if word.lower() in PRONOUNS_OF:
                    if last:
                        referred[(last, PRONOUNS_OF[word.lower()])] += 1
                elif word[0].isupper():
                    last = word
        totals: dict[str, int] = defaultdict(int)
        for (name, _), count in referred.items():
            totals[name] += count
        ranked = sorted(totals, key=totals.get, reverse=True)
        if not ranked or totals[ranked[0]] < 2 or len(ranked) > 1 and totals[ranked[0]] < 2 * totals[ranked[1]]:
            return "", frozenset()
        name = ranked[0]
        male, female = referred.get((name, "m"), 0), referred.get((name, "f"), 0)
        if male <= 2 * female and female <= 2 * male:
            return "", frozenset()  # the coverage's own pronouns do not agree on them
        gender = "m" if male > female else "f"
        return name, frozenset(word for word, g in PRONOUNS_OF.items() if g == gender)

    def person_in(self, question: str) -> str:
        """The surname of the person the question names first (by name, title or nickname), or ""."""
        return first_named(self.name_described(question), self.people)

    def is_common(self, word: str) -> bool:
        """Whether the coverage uses this word in many passages ("Carvajal", "Maduro")."""
        return self._df.get(stem(normalize_word(word)), 0) >= COMMON_NAME_PASSAGES
