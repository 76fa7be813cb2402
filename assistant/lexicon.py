"""The words retrieval and abstention reason with: which words of a question say what it is
about, other names and everyday synonyms for the coverage's words, countries, and the people an
article names with their titles and nicknames. Plain data and small functions over the
coverage's text; no model, no store.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

__all__ = [
    "ABSTRACT_NOUNS", "ANOTHER_QUESTION", "ARTICLE_WORDS", "ASKED_FOR", "COUNTRY_INITIALS", "DEGREE_WORDS", "DETERMINERS", "GENERIC_WORDS",
    "NAMING_WORDS", "NOT_A_NOUN", "NOT_TOPIC", "PERSON_WORDS", "PHRASE_END", "PRONOUNS", "QUALIFIERS",
    "ORDINALS", "QUESTION_WORDS", "QUOTED_SPEAKER", "WHAT_IS", "alias_patterns", "aliases", "common_prefix", "countries_in", "find_descriptors", "glossary", "is_demonym",
    "find_people", "phrasal_verbs_joined", "prefix_index", "table_rows", "word_table",
]


# --- words of a question ---------------------------------------------------------------------

ARTICLE_WORDS = {
    "article", "story", "piece", "report", "coverage", "author", "wrote", "written", "write",
    "writer", "byline", "published", "publish", "date", "headline", "title", "editor", "news",
    "paper", "newspaper", "publication", "outlet", "site", "website", "mention", "mentions", "mentioned",
    "faq", "faqs", "sidebar", "box", "quoted", "quote", "quotes", "cited", "cite", "cites",
    "passage", "text", "excerpt", "selection",  # "According to the passage…", as a reading quiz asks
    "call-out", "callout", "posted", "post", "ending", "end", "conclusion", "intro", "introduction",
    "opening", "paragraph", "parentheses", "subtitle", "subheading", "heading", "section",
    "analysis", "concluding", "rhetorical", "bullet", "bullets", "item", "items", "lede", "list", "lists", "bit",
    "notícia", "noticia", "artigo", "artículo", "articulo", "reportagem", "matéria", "materia",
}
# Words for what someone or something is called or does for a living: the coverage says these
# without naming them ("Hugo ‘El Pollo’ Carvajal", "By James Carter, Senior News Editor").
NAMING_WORDS = {
    "name", "names", "named", "call", "calls", "calling", "nickname", "nicknamed", "sobriquet", "moniker", "alias", "called", "known", "job", "occupation",
    "profession", "position", "role", "title", "identity",
    # The coverage's own words, asked for as such ("What term does it use?").
    "term", "phrase", "word", "words", "wording", "expression", "label", "labels", "buzzword", "buzzwords",
    "catchphrase", "jargon", "lingo",
}

# Verbs and particles so general that they say nothing of what is asked ("made up of", "runs"):
# they never make a question one about a topic the coverage lacks.
GENERIC_WORDS = {
    "make", "makes", "made", "making", "do", "doing", "done", "happen", "happens", "happened",
    "mean", "means", "meant", "use", "uses", "used", "using", "get", "gets", "got", "run", "runs",
    "ran", "running", "lead", "leads", "led", "go", "goes", "going", "went", "come", "comes", "came",
    "take", "takes", "took", "bring", "brings", "brought", "give", "gives", "gave", "given", "put", "puts", "keep", "keeps", "kept",
    "play", "plays", "played", "involve", "involves", "involved", "say", "says", "said", "think",
    "thinks", "up", "down", "out", "off", "over", "about", "from", "into", "behind", "possible", "possibly",
    "part", "parts", "aspect", "aspects", "side", "sides", "type", "types", "matter", "matters",
    "being", "been", "hold", "holds", "held", "holding", "serve", "serves", "served", "work", "works", "worked",
    "change", "changes", "changed", "cause", "causes", "caused", "affect", "affects", "affected",
    "tell", "tells", "telling", "told", "need", "needs", "needed", "want", "wants", "wanted", "appear", "appears", "appeared", "argue", "argues", "argued", "deem", "deemed", "considered",
    # How a question says the article tells it ("as the article describes it"): not the topic
    # ("describe" and "explain" themselves are REQUEST_WORDS).
    "describes", "described", "explains", "explained", "portray", "portrays",
    "depict", "depicts", "depicted", "portrayed", "characterize", "characterizes", "characterized",
    "characterise", "characterises", "characterised", "predict",
    "predicts", "suggest", "suggests", "warn", "warns", "outline", "outlines", "sketch", "sketches",
    "assess", "assesses", "regarding", "concerning", "respect",  # "with respect to"
    "talk", "talking", "talked",  # "the guy everybody's talking about"
    "current", "currently",  # "the current US ambassador": when, not what about
    "carry", "carries", "carried", "outside",  # "carry more weight", "the outside expert"
    "located", "situated", "parked", "slap", "slapped",  # "Where's he parked right now?", "What date did they slap on this?"
    # A courteous reader's hedges: "so to speak", "one wonders", "is thought to", "I should be
    # grateful to learn", "might the whole business prompt…".
    "speak", "wonder", "wonders", "wondered", "thought", "learn", "thank", "tempted", "occur", "occurs",
    "prompt", "venture", "deem", "counsel", "manner", "know",
}
# Nouns for an aspect of anything ("the purpose of…", "in which areas…"): a question asking
# for one asks about the rest of its words, which the coverage must know.
ABSTRACT_NOUNS = {
    "whereabouts", "purpose", "reason", "reasons", "goal", "goals", "aim", "aims", "point", "idea", "meaning",
    "significance", "nature", "status", "situation", "outcome", "outcomes", "result", "results",
    "impact", "impacts", "effect", "effects", "consequence", "background", "context", "view",
    "views", "stance", "response", "reaction", "opinion", "plan", "plans", "problem", "problems",
    "issue", "issues", "concern", "concerns", "prospect", "prospects", "prognosis", "forecast",
    "relationship", "relation", "relations", "connection", "link", "links", "difference",
    "differences", "area", "areas", "field", "fields", "sector", "sectors", "factor", "factors",
    "details", "detail", "facts", "fact", "information", "info", "news", "update", "summary",
    "risk", "risks", "danger", "dangers", "challenge", "challenges", "option", "options",
    "benefit", "benefits", "lesson", "lessons", "takeaway", "takeaways", "implication",
    "implications", "involvement", "stage", "phase", "basis", "grounds", "posture", "composition", "makeup", "form", "forms", "channel",
    "channels", "avenue", "avenues", "mechanism", "mechanisms", "assessment", "characterization",
    "gist", "upshot", "pathway", "pathways", "membership", "element", "elements", "component", "components",
    "domain", "domains", "sphere", "spheres", "realm", "realms", "category", "categories", "dimension", "dimensions",
    # Words for a person or a body of people, which the coverage names rather than calls so.
    "man", "men", "woman", "women", "person", "persons", "people", "guy", "individual", "someone",
    "somebody", "group", "groups", "figure", "figures", "everyone", "everybody", "anyone", "anybody", "nobody",
    "values", "principles", "ideals",
    "business", "affair", "matter", "estimation", "judgment", "judgement", "reckoning",
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
    "now", "still", "yet", "ever", "always", "never", "already", "moment", "specifically", "exactly", "present", "presently", "days",
    "anyway", "anyways", "anyhow",
    "historically", "traditionally", "originally", "previously", "formerly", "earlier", "ones", "nowadays", "today", "much", "many", "more", "most", "less", "least",
    "very", "quite", "so", "too", "also", "else", "even", "way", "ways", "kind", "kinds", "sort",
    "thing", "things", "anything", "something", "everything", "lot", "lots", "all", "whole",
    "entire", "every", "each", "both", "other", "others", "own", "same", "right", "presently",
    "so-called", "supposed", "supposedly", "purported", "purportedly", "apparently", "speaking",
    "any", "anyone", "anybody", "someone", "somebody", "because", "actual", "outright", "stuff", "surely",
    "rather", "though", "real", "true", "ultimate", "ultimately",
}

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "it", "its",
            "we", "our", "you", "your", "i", "me", "my"}

# Words of a question that say nothing of its topic, for BM25 and sentence overlap.
# How a reader asks, not what ("would you be so kind as to tell me…", "I was wondering…").
REQUEST_WORDS = {"tell", "explain", "describe", "wonder", "wondering", "curious", "grateful", "kindly", "please", "remind", "dear"}
# Where in a list ("the last trend on that list"): which item, not what about. Word -> index.
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
            "fifth": 4, "5th": 4, "sixth": 5, "6th": 5, "last": -1, "final": -1}
# How many are asked for ("Which two leaders…", "the one they call…"): a count, not what about.
CARDINALS = {"one", "ones", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "couple"}
NOT_TOPIC = ({"what", "who", "whom", "whose", "which", "when", "where", "why", "how", "its", "whats", "whos", "wheres", "hows"}
             | REQUEST_WORDS | set(ORDINALS) | CARDINALS)


# --- what a "which/what X" question asks for ---------------------------------------------------

# A second question joined to the first: "Is Maduro the leader, and what rank is he?",
# "What sentence does he face, and which judge presides?": each "which/what" asks for its own.
ANOTHER_QUESTION = re.compile(r",?\s+and\s+(?=(?:which|what)\b)", re.I)
# "Which university…", "What books…", "In what year…": the word after "which"/"what".
ASKED_FOR = re.compile(
    r"^\W*(?:\w+ )?(?:which|what)\s+(?:(?:kinds?|types?|sorts?|forms?) of )?"
    r"(?:(?:one|two|three|four|five|several|few|many|other|main|key|top|\w+[’']s)\s+)?([\w’'-]+)(?:\s+(\w+))?",
    re.IGNORECASE,
)
# Words for people: the coverage names its people rather than calling them so ("Which two
# leaders…?" is answered by "under Hugo Chávez and now Nicolás Maduro").
# Plain words for a person ("the guy who wrote to Trump", "this Carvajal gentleman"), and those
# for a woman: "she", not "he", when one stands for someone named before.
PLAIN_PERSON_NOUNS = ("man", "woman", "guy", "fellow", "lady", "gentleman", "chap", "gent", "bloke", "dude")
FEMALE_PERSON_NOUNS = {"woman", "lady"}
PERSON_WORDS = {
    "leader", "leaders", "politician", "politicians", "president", "presidents", "official",
    "officials", "expert", "experts", "analyst", "analysts", "officer", "officers", "minister",
    "ministers", "senator", "senators", "lawmaker", "lawmakers", "diplomat", "diplomats",
    "general", "generals", "figure", "figures", "person", "people", "journalist", "reporter",
    "man", "men", "woman", "women", "principal", "principals", "gentleman", "gentlemen", "lady", "ladies", "gent", "bloke",
    "perp", "perps", "crook", "crooks", "snitch", "character", "characters", "guy", "guys", "dude", "fellow", "chap",
    # Honorifics: "Has Mr. Maduro shown…" names Maduro, not "Mr".
    "mr", "mrs", "ms", "mister", "sir", "madam", "señor", "senor", "señora", "senora", "sr", "sra", "herr", "frau", "monsieur",
}
# "What is Venezuela's official currency?", "What is the capital of Venezuela?": the noun phrase
# after "what is", up to its first preposition; its last word is the kind of thing asked for.
WHAT_IS = re.compile(r"^\W*what(?:’s|'s|\s+is|\s+are|\s+was|\s+were)\s+(.*?)\W*$", re.IGNORECASE)
# Where the noun phrase after "what is/are" ends: a preposition, or a clause of its own ("the
# future trends | the article predicts", "the steps | they list").
PHRASE_END = re.compile(
    r"\s+(?:of|for|in|on|to|about|behind|according|at|with|from|by|if|when|that|like|between|before|after|"
    r"during|since|until|toward|towards|against|under|over|through|among|within|without|regarding|"
    r"the|a|an|this|these|those|they|he|she|it|we|you|i)\b",
    re.IGNORECASE,
)
# Adjectives between "what" and the kind of thing asked for: "What exact date…", "Which other
# countries…".
QUALIFIERS = {
    "exact", "specific", "particular", "precise", "recent", "main", "key", "major", "big", "new",
    "latest", "current", "first", "last", "next", "previous", "former", "different", "certain",
    "other", "real", "actual", "official", "possible", "likely", "top", "biggest", "best",
    "outside", "independent", "outstanding", "notable", "prominent", "future", "past", "early",
}
# Verbs that open a question or follow its subject ("What military rank did…").
AUXILIARY_WORDS = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would",
                   "should", "might", "may"}
# "military", "federal", "domestic": a word that, after "which", most likely qualifies the noun.
ADJECTIVE_ENDING = re.compile(r"(al|ic|ian|ese|ish|ive|ous|ary|ern|ly)$")
# After these a number counts things ("which 2 leaders", "the top 3 steps"), not a name or "to".
COUNTED_AFTER = {"which", "what", "the", "top", "first", "last", "those", "these"}
DETERMINERS = {"that", "this", "it", "the", "a", "an", "them", "him", "her", "his", "its", "their", "these", "those", "us", "you"}
# Words that follow "what" without naming a kind of thing ("What is…", "What if…").
NOT_A_NOUN = {
    "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "should",
    "would", "will", "might", "may", "must", "if", "about", "else", "happens", "happened", "exactly",
    "s", "’s", "'s", "role", "way", "ways", "basis", "grounds",
}


# --- other names and synonyms ----------------------------------------------------------------


def table_rows(name: str) -> Iterator[tuple[str, str]]:
    """(first column in lower case, the rest of the line) for each row of data/{name}.tsv;
    blank lines and "#" comments skipped. Every word table in data/ is read through here."""
    text = resources.files("assistant").joinpath(f"data/{name}.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, rest = line.partition("\t")
            yield key.strip().lower(), rest


@lru_cache(maxsize=2)
def word_table(name: str) -> dict[str, list[str]]:
    """word -> the words the coverage may use instead, from one of the tables in data/."""
    return {alias: canonical.split() for alias, canonical in table_rows(name)}


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names in lower case ("cuba", "russian federation", "russia"), from pycountry."""
    import pycountry

    return frozenset(
        name.lower()
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", None))
        if name and "," not in name and "(" not in name
    ) | EVERYDAY_COUNTRY_NAMES


# pycountry files these under their formal names only ("Russian Federation", "Iran, Islamic
# Republic of"); news copy says them short.
EVERYDAY_COUNTRY_NAMES = frozenset({
    "russia", "iran", "syria", "bolivia", "venezuela", "tanzania", "south korea", "north korea", "vietnam",
    "laos", "moldova", "taiwan", "united states", "usa", "britain", "great britain", "uk", "palestine",
})


DEMONYM = re.compile(r"(an|ian|ese|ish)$")


def is_demonym(word: str) -> bool:
    """"american", "venezuelan", "chinese": a country's adjective (not "brian", "tehran")."""
    word = word.lower()
    return bool(DEMONYM.search(word)) and word not in countries() and any(c.startswith(word[:4]) for c in countries())


# Two letters that are a country only in capitals: "the US", not "for us".
COUNTRY_INITIALS = re.compile(r"(?<![\w.])(U\.S\.(?:A\.?)?|USA|US)(?!\w)")


def countries_in(question: str) -> list[tuple[str, str]]:
    """(country name, the words as the question types them) for each country it names."""
    lowered = question.lower()
    found = []
    for name in countries():
        if name in lowered:
            # "whats cubas role": a possessive typed without its apostrophe names it too.
            match = re.search(rf"\b{re.escape(name)}(?=s?\b)", lowered)
            if match:
                found.append((name, question[match.start():match.end()]))
    return found


@lru_cache(maxsize=1)
def aliases() -> dict[str, list[str]]:
    """Other names for places and institutions ("the Kremlin"), then everyday words for what
    news copy says otherwise ("so hard to break up"): word -> the words the coverage may use."""
    return {**word_table("synonyms"), **word_table("aliases")}


@lru_cache(maxsize=2)
def alias_patterns(synonyms: bool = True) -> tuple[tuple[str, re.Pattern, list[str]], ...]:
    """aliases() (or, without `synonyms`, the aliases table alone) with each alias's pattern
    compiled once. The tables hold more patterns than the re module keeps compiled (512):
    past that, every question recompiled them all, about 7 ms."""
    table = aliases() if synonyms else word_table("aliases")
    return tuple((alias, re.compile(rf"\b{re.escape(alias)}\b", re.IGNORECASE), words) for alias, words in table.items())


# Particles that leave their verb with its object between: "break the thing up", "take them down".
PARTICLES = ("up", "down", "apart", "off", "out", "away")


@lru_cache(maxsize=1)
def _split_phrasal_verb() -> re.Pattern:
    phrasal = [alias.split() for alias in aliases() if len(alias.split()) == 2 and alias.split()[1] in PARTICLES]
    verbs = "|".join(sorted({verb for verb, _ in phrasal}, key=len, reverse=True))
    # One to three words between, none of them a break in the sentence.
    return re.compile(rf"\b({verbs})\s+((?:[\w’'-]+\s+){{1,3}}?)({'|'.join(PARTICLES)})\b", re.IGNORECASE)


def phrasal_verbs_joined(question: str) -> str:
    """The question with a verb and its particle together, as the tables list them: "so hard to
    break the thing up" -> "so hard to break up the thing" (which reads "dismantle")."""
    def joined(match: re.Match) -> str:
        verb, between, particle = match.groups()
        if f"{verb} {particle}".lower() not in aliases():
            return match.group()
        return f"{verb} {particle} {between.rstrip()}"

    return _split_phrasal_verb().sub(joined, question)


# --- people ----------------------------------------------------------------------------------

PERSON_TITLES = r"(chief|official|analyst|editor|president|minister|director|general|leader|spokes\w+|expert|insider)"
NAME = r"[A-Z][\w’'-]+"
# "intelligence chief Hugo ‘El Pollo’ Carvajal": the title's last word or two, then the name.
TITLE_BEFORE_NAME = re.compile(rf"\b((?:[a-z]+\s+)?{PERSON_TITLES})\s+(?:{NAME}\s+)*(?:[‘'“\"][^’'”\"]+[’'”\"]\s+)?({NAME})")
# "Dr. Isabella Ramirez, a security analyst".
NAME_THEN_TITLE = re.compile(rf"({NAME}),\s+an?\s+((?:[a-z]+\s+)?{PERSON_TITLES})\b")
# "Hugo ‘El Pollo’ Carvajal": a nickname in quotes between two names.
NICKNAME = re.compile(rf"{NAME}\s+[‘'“\"]({NAME}(?:\s+{NAME})*)[’'”\"]\s+({NAME})")


def find_descriptors(texts) -> dict[str, str]:
    """title or nickname (lower case) -> the surname the coverage gives it, from its own prose.
    A title the coverage gives several people ("president") stands for none of them."""
    found: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for match in TITLE_BEFORE_NAME.finditer(text):
            found[match.group(1).lower()].add(without_possessive(match.group(3)))
        for match in NAME_THEN_TITLE.finditer(text):
            found[match.group(2).lower()].add(without_possessive(match.group(1)))
        for match in NICKNAME.finditer(text):
            for nickname in {match.group(1).lower(), nickname_in_english(match.group(1))} - {""}:
                found[nickname].add(without_possessive(match.group(2)))
    return {descriptor: names.pop() for descriptor, names in found.items() if len(names) == 1}


def english_nicknames(texts) -> dict[str, str]:
    """A nickname as a reader may say it in English -> as the coverage writes it ("the chicken"
    -> "El Pollo")."""
    found = {}
    for text in texts:
        for match in NICKNAME.finditer(text):
            english = nickname_in_english(match.group(1))
            if english and english != match.group(1).lower():
                found[english] = match.group(1)
    return found


def nickname_in_english(nickname: str) -> str:
    """A Spanish or Portuguese nickname as a reader may say it in English ("El Pollo" -> "the
    chicken"), from data/nicknames.tsv and data/glossary.tsv; "" when a word of it is in neither."""
    words = [_nickname_words().get(word, "") for word in nickname.lower().split()]
    return " ".join(words) if all(words) else ""


class Glossary(NamedTuple):
    table: dict[str, str]  # Spanish, Portuguese, Tagalog, Hindi, German or French word or phrase -> English
    also_english: frozenset[str]  # words English writes too ("no", "la"): they do not make a question foreign
    never_english: frozenset[str]  # words no English sentence writes ("Spitzname"): one is enough


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """data/glossary.tsv, read once."""
    table, also_english, never_english = {}, set(), set()
    for word, rest in table_rows("glossary"):
        english, *mark = rest.split("\t")
        table[word] = english.strip()
        if mark == ["english"]:
            also_english.add(word)
        elif mark == ["always"]:
            never_english.add(word)
    return Glossary(table, frozenset(also_english), frozenset(never_english))


@lru_cache(maxsize=1)
def _nickname_words() -> dict[str, str]:
    return {**glossary().table, **{word: english.strip() for word, english in table_rows("nicknames")}}


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


# "…,” says Dr. Isabella Ramirez": the surname of whoever a quotation is attributed to.
# Not "said Tuesday", "said Venezuela's foreign minister".
QUOTED_SPEAKER = re.compile(
    rf"\b(?:says|said)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    rf"April|May|June|July|August|September|October|November|December)\b)"
    rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?:{NAME}\s+)*?({NAME})\b(?<!’s)(?<!'s)(?=[,.]|\s+[a-z])"
)


def find_people(passages, descriptors: dict[str, str]) -> dict[str, list[str]]:
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
                people.setdefault(without_possessive(surname), [])
    # "Expert Insight: “…,” says Dr. Isabella Ramirez": the call-out names its speaker "the expert".
    for p in passages:
        label_word = re.match(rf"\W*{PERSON_TITLES}\b", p.label or "", re.IGNORECASE) if p.kind == "callout" else None
        speaker = QUOTED_SPEAKER.search(p.text) if label_word else None
        if speaker:
            descriptors = {**descriptors, label_word.group(1).lower(): without_possessive(speaker.group(1))}
    title_words: dict[str, set[str]] = defaultdict(set)
    for descriptor, name in descriptors.items():
        people[name].append(descriptor)
        title_words[descriptor.split()[-1]].add(name)
    for word, names in title_words.items():
        if len(names) == 1:
            people[names.pop()].append(word)
    # "what Isabella says…": a given name one person has (not "Hugo", which two have), written
    # before the surname, a nickname between or not. Never a word the coverage writes in lower
    # case ("While Carvajal…").
    lower_words = {raw for p in passages for raw in re.findall(r"\b[a-zà-ÿ][\w’'-]*", p.text)}
    for given, names in given_names_before(passages, people).items():
        if len(names) == 1 and given not in lower_words and given not in NOT_GIVEN_NAMES:
            people[names.pop()].append(given)
    return {name: [name.lower(), *dict.fromkeys(words)] for name, words in people.items()}


def given_names_before(passages, surnames) -> dict[str, set[str]]:
    """Each capitalised word the passages write right before one of `surnames`, a nickname
    between them or not ("Hugo ‘El Pollo’ Carvajal"), in lower case -> those surnames. Not yet
    judged a given name: the callers rule out words such as "While"."""
    found: dict[str, set[str]] = defaultdict(set)
    for surname in surnames:
        given_before = re.compile(rf"\b([A-Z][a-zà-ÿ]+)\s+(?:[‘'“\"][^’'”\"]+[’'”\"]\s+)?{re.escape(surname)}\b")
        for p in passages:
            for given in given_before.findall(p.text):
                found[given.lower()].add(surname)
    return found


def without_possessive(name: str) -> str:
    """'Carvajal’s' -> 'Carvajal'."""
    return re.sub(r"[’']s$", "", name)


def prefix_index(words: set[str], length: int) -> dict[str, set[str]]:
    """Words by their first `length` letters, for matching inflections and demonyms."""
    index: dict[str, set[str]] = defaultdict(set)
    for word in words:
        if len(word) >= length:
            index[word[:length]].add(word)
    return index


def common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]
