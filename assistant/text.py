"""Small text tools shared along the pipeline: sentences, tokens for budgets, terms for matching."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

__all__ = ["split_sentences", "split_clauses", "count_tokens", "terms", "normalize_word", "stem", "first_named", "named_in", "fold_accents", "CARRIED_CONTEXT", "STOPWORDS", "WORD"]

# Abbreviations that end in a period without ending a sentence ("Maduro vs. Trump", "Dr. Ramirez").
ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "v", "no", "gen", "col", "lt", "sgt",
    "sen", "rep", "gov", "pres", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "etc", "approx",
}
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9¿¡])")


def split_sentences(text: str) -> list[str]:
    """Split on sentence ends and line breaks, keeping abbreviations such as "vs." and "Dr." whole.

    A regex rather than nltk's punkt: importing nltk costs more than a second on a cold start,
    and news prose needs only this much.
    """
    sentences: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        pieces: list[str] = []
        for match in SENTENCE_END.finditer(line):
            candidate = line[start : match.start()].strip()
            last_word = candidate.rsplit(None, 1)[-1].rstrip(".").lower() if candidate else ""
            if last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
                continue  # "vs." or an initial: not a sentence end
            pieces.append(line[start : match.end()].strip())
            start = match.end()
        pieces.append(line[start:].strip())
        sentences.extend(p for p in pieces if p)
    return sentences


CLAUSE_BREAK = re.compile(r"\s[–—]\s|,\s|;\s|:\s")


def split_clauses(sentence: str, min_words: int = 6) -> list[str]:
    """A long sentence's clauses, merged so that each has at least `min_words` words.

    "Carvajal, currently awaiting sentencing in a US federal prison …, alleges that …"
    holds two facts; a clause on its own matches a question about either far better."""
    clauses: list[str] = []
    for piece in CLAUSE_BREAK.split(sentence):
        piece = piece.strip()
        if clauses and len(clauses[-1].split()) < min_words:
            clauses[-1] = f"{clauses[-1]}, {piece}"
        elif piece:
            clauses.append(piece)
    if len(clauses) > 1 and len(clauses[-1].split()) < min_words:
        last = clauses.pop()
        clauses[-1] = f"{clauses[-1]}, {last}"
    return clauses if len(clauses) > 1 else []


def _point_tiktoken_at_bundled_cache() -> None:
    """tiktoken downloads cl100k_base unless its cache holds it; llama-index-core ships that file."""
    if os.environ.get("TIKTOKEN_CACHE_DIR"):
        return
    spec = find_spec("llama_index.core")
    if spec and spec.submodule_search_locations:
        cache = Path(list(spec.submodule_search_locations)[0]) / "_static" / "tiktoken_cache"
        if cache.is_dir():
            os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)


@lru_cache(maxsize=1)
def _encoding():
    _point_tiktoken_at_bundled_cache()
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    # bm25s's list is short: pronouns and auxiliaries would otherwise count as what a question
    # is about ("his" in "…address his letter?" matched every "his claims").
    return frozenset(STOPWORDS_EN) | {
        "s", "t", "does", "did", "doing", "done", "would", "could", "should", "might", "may", "must", "shall",
        "he", "she", "him", "her", "his", "hers", "its", "whom", "we", "our", "you", "your", "i", "me", "my",
        "do", "has", "have", "had", "having", "been", "being", "were", "am", "from", "so", "than", "too", "very",
        "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll",
        "himself", "herself", "itself", "themselves", "ourselves", "yourself", "myself",
        # Prepositions and "again": no topic of their own ("What was he before?", "his nickname
        # again?"). Stopwords are dropped from BM25's terms as well.
        "before", "after", "during", "since", "until", "toward", "towards", "among", "within", "without",
        "again", "per", "whether", "via", "cannot",
    } | {  # "won't", "isn’t": negated auxiliaries, in either apostrophe
        f"{aux}{apostrophe}t"
        for aux in ("won", "can", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn",
                    "wouldn", "couldn", "shouldn")
        for apostrophe in ("'", "’")
    }


STOPWORDS = _stopwords()
# The words a follow-up carries along from the turn before, in parentheses at its end:
# "what date is it from? (wrote piece)".
CARRIED_CONTEXT = re.compile(r"\s*\([^()]*\)\s*$")
WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)


# Greek plurals the stemmer keeps apart from their singulars ("crise", "crisi").
GREEK_PLURALS = {"crises": "crisis", "analyses": "analysis", "theses": "thesis", "hypotheses": "hypothesis",
                 "diagnoses": "diagnosis", "syntheses": "synthesis", "emphases": "emphasis"}


def stem(word: str) -> str:
    word = word.lower()
    return _stemmer().stemWord(GREEK_PLURALS.get(word, word))


def terms(text: str, keep_stopwords: bool = False) -> list[str]:
    """Lower-case words with apostrophes folded ("Venezuela’s" -> "venezuela"), stopwords dropped."""
    words = [normalize_word(raw) for raw in WORD.findall(text)]
    return [w for w in words if w and (keep_stopwords or w not in STOPWORDS)]


def normalize_word(raw: str) -> str:
    """One word as matching sees it: lower case, possessive and stray dots dropped."""
    bare = re.sub(r"[’']s$", "", raw)
    if bare.rstrip(".") in ("US", "U.S"):
        return "usa"  # "US" ("the US's allies") would otherwise fold into the stopword "us"
    word = re.sub(r"[’']s$", "", raw.lower()).replace("’", "'")
    return word.strip(".-'")


def fold_accents(word: str) -> str:
    """"chávez" -> "chavez": the letters without their accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def named_in(text: str, names) -> list[str]:
    """Which of `names` (a mapping: name -> the words that refer to it, as
    `Vocabulary.people` holds them) `text` refers to, in the order it first refers to them."""
    first: dict[str, int] = {}
    for name, words in names.items():
        for word in words:
            match = re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)
            if match:
                first[name] = min(match.start(), first.get(name, match.start()))
    return sorted(first, key=lambda name: (first[name], name))


def first_named(text: str, names) -> str:
    """The one of `names` that `text` refers to first, or ""."""
    found = named_in(text, names)
    return found[0] if found else ""


# A phrase the reader quotes: "…" or “…”, or ‘…’ opening after a space (not an apostrophe).
# Any length, so a short quote ("US") does not pair the wrong marks; lengths are checked after.
QUOTED_PHRASE = re.compile(r"\"([^\"]*)\"|“([^”]*)”|(?:^|(?<=\s))[‘']([^’']*)[’'](?!\w)")


_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def plain_text(text: str) -> str:
    """Lower case, straight quotes and dashes, single spaces: for matching a quoted phrase, or
    an eval case's key words."""
    return " ".join(text.translate(_STRAIGHT).lower().split())


def quoted_phrases(question: str, min_words: int = 2) -> list[str]:
    """The phrases of two or more words the question quotes from the text, in plain text
    ("What does 'a dangerous precedent' refer to?" -> ["a dangerous precedent"]). Not a quoted
    name ("the man known as 'El Pollo'"), which says who, not where it is written."""
    found = (next((g for g in m.groups() if g), "") for m in QUOTED_PHRASE.finditer(question))
    return [plain_text(p).strip(" .,;:!?") for p in found
            if min_words <= len(p.split()) <= 20 and p.islower() and any(w not in STOPWORDS for w in p.split())]
