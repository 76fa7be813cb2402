"""What kind of answer a question wants, and whether a piece of text looks like one.

"Where is Carvajal being held?" wants a place: of two passages that both talk about Carvajal,
the one that says "in a US federal prison" answers it. The small embedding model hears the
name far louder than the "where", so retrieval and sentence picking add a small bonus to text
that holds the kind of thing asked for. The cues are plain words and patterns of news prose,
never facts of one article.
"""

from __future__ import annotations

import re

__all__ = ["answer_type", "has_cue"]

# "Which former official…" asks for a person as surely as "who" does.
PERSON_NOUNS = r"(person|people|man|woman|official|officials|leader|leaders|expert|analyst|officer|minister|president|figure|insider)"
QUESTION_TYPES = [
    ("where", re.compile(r"^\W*(where)\b|\b(in what|which) (place|country|city|prison|jail|region)\b", re.I)),
    ("when", re.compile(r"^\W*(when)\b|\b(what|which) (year|date|day|month|time)\b|\bhow long ago\b", re.I)),
    ("how many", re.compile(r"\bhow (many|much)\b|\bwhat (number|percentage|share|amount) of\b", re.I)),
    ("why", re.compile(r"^\W*(why)\b|\bwhat (is|was) the (reason|purpose|goal|aim)\b|\bfor what (reason|purpose)\b", re.I)),
    ("who", re.compile(rf"^\W*(who|whom|whose)\b|^\W*which (\w+ ){{0,3}}{PERSON_NOUNS}\b", re.I)),
]

MONTHS = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
CUES = {
    # A place: a custody word, or "in/within/at …" before a name ("in a US federal prison").
    "where": re.compile(
        r"\b(prison|jail|custody|detention|detained|imprisoned|held in|exile|based in|located|headquartered)\b|"
        r"\b(in|within|inside|at|throughout|across)\s+(an?\s+|the\s+)?[A-Z]\w+"
    ),
    # A time: a date, a year, or a word that places an event in time.
    "when": re.compile(
        rf"\b{MONTHS}\.?\s+\d|\b(1[89]|20)\d\d\b|"
        r"\b(ago|since|until|once|yesterday|today|tomorrow|last (week|month|year)|earlier|recently|currently|now)\b",
        re.I,
    ),
    # A quantity: a figure, or a number in words.
    "how many": re.compile(
        r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
        r"thousands?|millions?|billions?|percent|half|several|few)\b",
        re.I,
    ),
    # A reason: a word that gives one, or a judgement that something is needed or falls short.
    "why": re.compile(
        r"\b(because|since|due to|as a result|so that|in order to|makes? it|means? that|lends?|"
        r"insufficient|crucial|essential|necessary|designed to|strategy to|aimed at)\b",
        re.I,
    ),
    # A person: a title before a name ("intelligence chief Hugo", "Dr. Isabella Ramirez"),
    # or a name said to speak ("says Dr. …").
    "who": re.compile(
        r"\b(Dr|Mr|Mrs|Ms|Prof|chief|official|analyst|president|minister|editor|director|general|leader|spokes\w+)\.?\s+[A-Z]\w+|"
        r"\b(says|said|according to)\s+(Dr\.?\s+)?[A-Z]\w+",
    ),
}


def answer_type(question: str) -> str:
    """'where', 'when', 'how many', 'why', 'who', or '' when the question asks for something else."""
    for kind, pattern in QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return ""


def has_cue(kind: str, text: str) -> bool:
    """Whether `text` holds the kind of thing a question of type `kind` asks for."""
    pattern = CUES.get(kind)
    return bool(pattern and pattern.search(text))
