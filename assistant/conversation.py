"""Turning a follow-up into a standalone question, without an LLM.

"Where is he now?" after "Who is El Pollo?" becomes "Where is Carvajal now?": a pronoun is
replaced by the name the earlier turn was about, by the surname when the earlier answer spells
the name out in full ("Hugo ‘El Pollo’ Carvajal"). "He" and "she" stand for a person: when the
earlier question names none ("Who wrote this piece?", "Where is the former spy chief?"), the
person its answer names ("by James Carter…") is the one meant. A follow-up with no name of its
own ("And the sanctions?") is asked on its own; one with no topic of its own ("Who else is
involved?"), or one pointing back at something it does not name ("What changed that?", "Who is
looking into them?"), carries the earlier question's key words along.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from assistant.answer_types import COULD_YOU, DOCUMENT_NOUNS, QUESTION_WORD, asking_part, without_guess
from assistant.corpus import CALLOUT, names_a_callout
from assistant.lexicon import (
    ARTICLE_WORDS, AUTHOR_WORDS, COUNTED_AFTER, FEMALE_PERSON_NOUNS, ORDINALS, PERSON_WORDS, PLAIN_PERSON_NOUNS, countries, countries_in, glossary, is_demonym,
    phrasal_verbs_joined, table_rows, without_possessive,
)
from assistant.schema import Turn
from assistant.text import CARRIED_CONTEXT, STOPWORDS, WORD, first_named, named_in

__all__ = ["standalone_question", "spelled_out", "is_follow_up"]

PERSONAL = {"he", "she", "him", "they", "them"}
POSSESSIVE = {"his", "her", "their", "its"}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}
# "Who wrote…?", "Who leads…?" (not "Who is Carvajal?", which names its person).
# "Who wrote this?", "so could you tell me whose name is on this piece?": the answer names the person.
ASKS_WHO = re.compile(rf"^\W*(?:(?:so\s+)?{COULD_YOU}\s+tell\s+me\s+)?(?:who\s+(?!(is|was|are|were|'s|’s)\b)|whose\s+name\b)",
                      re.IGNORECASE)
# Words that point back at what the earlier turn was about without naming it.
POINTING_BACK = PERSONAL | POSSESSIVE | {"it", "this", "that", "these", "those", "instead", "otherwise"}
REFERRING = POINTING_BACK | {"there", "else", "other", "others", "also", "too", "same"}
CHECKING_BACK = re.compile(r"^\W*(is|was|isn't|isn’t) (it|that|this) (really |actually )?(true|so|confirmed|proven|known|verified)\W*$", re.I)
# "Is it proven that…", "it is likely that…": an "it" that stands for nothing.
EMPTY_IT = re.compile(
    r"\b(?:(?<=is )|(?<=was )|(?<=isn't )|(?<=isn’t ))it(?= (?:really |actually )?(?:true|proven|known|likely|clear|"
    r"possible|confirmed|certain|established|verified|believed|thought|said) (?:that|whether|if)\b)|"
    r"\bit(?= (?:is|was) (?:\w+ )?that\b)|"
    # "What does it say about sanctions?": "it" is the article, when the question names its topic.
    r"(?:(?<=does )|(?<=did ))it(?= (?:say|mention|recommend|suggest|propose|argue|note|list)\s+(?:about|on|regarding)\b"
    r"(?!\s*(?:him|her|them|it|that|this|those|these)\b))|"
    # "Which country does it name instead?": the article names one in place of the one asked about.
    r"(?:(?<=does )|(?<=did ))it(?= (?:name|mention|list|cite)\b[^?]*\binstead\b)",
    re.IGNORECASE,
)
# "And the second one?", "What does the last point involve?": an item of the list the earlier
# answer gave, one per line ("- Increased International Cooperation: Forge…").
ORDINAL_REFERENCE = re.compile(
    rf"\b(?:the\s+)?({'|'.join(ORDINALS)})\s+(?:one|item|point|step|bullet|idea|recommendation|trend|option|measure|"
    r"suggestion|consequence|implication)\b",
    re.IGNORECASE,
)
# A fragment opening with a past-tense verb and its object has no subject of its own ("Pleaded to
# what?"); "And targeted sanctions?" is a noun phrase.
MAX_VERB_FRAGMENT = 4  # words of a fragment opening with its verb ("Pleaded to what?")
VERB_FIRST = re.compile(r"^\W*(?:[a-z]{3,}ed|claims|says|alleges|asserts|wants|offers|promises|thinks)\s+"
                        r"(?:to|for|of|in|at|with|where|when|why|what|whom)\b", re.IGNORECASE)
# Only a fragment: "What is the next step for Washington?" asks a question of its own.
NEXT_ONE = re.compile(r"^\W*(?:(?:and|ok|okay|so)\W+)*(?:what(?:[’']s| is| about)\s+)?(the\s+)next\s+"
                      r"(?:one|item|point|step|bullet|idea|recommendation|trend|option|measure)\W*$", re.I)
ORDINAL_WORD = re.compile(rf"\b({'|'.join(ORDINALS)})\b", re.IGNORECASE)
OPENERS = re.compile(r"^(and|but|also|so|what about|how about|then)\b[\s,]*", re.IGNORECASE)
GENERIC = STOPWORDS | {
    "what", "who", "whom", "which", "when", "where", "why", "how", "tell", "explain", "describe",
    "role", "play", "say", "said", "know", "think", "happen", "happened", "now", "else", "involved",
    "mean", "about", "more", "does", "do", "did", "is", "are", "was", "were",
    "what's", "what’s", "who's", "who’s", "where's", "where’s", "how's", "how’s",
    "going", "happens",  # "What's going to happen to Venezuela…?": Venezuela comes along, not "going"
}
# Set off by a comma or a dash, or after "in": not "Has Carvajal received a sentence?".
BREVITY = re.compile(
    r"(?:\s*[,;:–—-]\s*(?:(?:in|as)\s+)?|\s*\b(?:in|as)\s+)(?:one|a|a single|one short|a short)\s+(?:line|sentence)\b(?=\s*[,;:?.!]|\s*$)|"
    r"\s*[,;:–—-]?\s*\b(?:in a nutshell|in short|briefly|in brief)\b(?=\s*[,;:?.!]|\s*$)|"
    # "What is the cartel, in plain words?": at the end as well as at the start.
    r"\s*[,;:–—-]\s*(?:in\s+(?:plain|simple|simpler|everyday)\s+(?:english|terms|words|language)|in\s+layman['’]?s\s+terms|simply\s+put)(?=\s*[?.!]|\s*$)|"
    # "In plain English, what is he saying…?", "…, God forbid?": how it is asked, not what about.
    r"^\W*(?:in\s+(?:plain|simple)\s+(?:english|terms|words)|in\s+layman['’]?s\s+terms|simply\s+put)\s*[,;:–—-]\s*|"
    r"\s*[,;:–—-]?\s*\b(?:god|heaven)\s+(?:forbid|help\s+us)\b(?=\s*[,;:?.!]|\s*$)",
    re.I,
)
# "What means this Cartel of the Suns?": German word order for "What is…?". Not "What means
# did they use?", where "means" is a noun.
WHAT_MEANS = re.compile(r"^(\W*)what\s+means\s+(?=(?:this|that|these|those)\b|[“\"‘'])", re.I)
# "So what is then crucial?": "then" as German and Dutch readers place it, a filler.
FILLER_THEN = re.compile(r"^(\W*(?:so\s+)?(?:what|who|which)\s+(?:is|are))\s+then\s+(?=\w+\W*$)", re.I)
AFTERWORD = re.compile(r"(?<=[?!])\s*\([^()]*\)\W*$|"
                       # "…break up this cartel? In India also we struggle with such nexus, kindly
                       # explain.": after the question, the asker's own story.
                       # Not a request after it ("Give me his nickname too.", "Just give me your opinion.").
                       r"(?<=\?)\s+(?!(?:just\s+|please\s+|and\s+|also\s+)*(?:give|tell|list|name|show|explain|describe|include|add|plus|can|could|would)\b)"
                       r"(?=[^?]*\b(?:we|I|our|my|us|me)\b)(?![^?]*\b(?:you|your|yours|u|ur)\b)[^?]*[.!]?\s*$", re.I)
# "who'd he slide into the DMs of lol, like who'd he send a letter to", "is ww3 starting or
# what 😭 like is there gonna be an actual war": the question said again in plain words, after
# "like"; the plain one is what is asked.
SAID_AGAIN = re.compile(r"^.*?(?:\blol\b|\blmao\b|\bor what\b|[^\w\s,.;:!?'’\"“”‘()-])\W*like\s+(?=(?:who|whom|what|where|when|why|how|which|is|are|was|were|does|did|do|can|could|will|would)\b)", re.I)
# "bullet No. 2", "point #3": the counted item, as "the second bullet" says it.
NUMBERED_ITEM = re.compile(r"\b(?:the\s+)?(bullet|item|point|step|trend|question|recommendation|measure)\s+(?:no\.?|number|num\.?|#)\s*([1-6])\b", re.I)
# "Which one is third?": the counted item, said the other way round.
WHICH_IS_NTH = re.compile(r"\bwhich\s+(one|item|step|bullet|point|trend|measure)\s+is\s+(?:the\s+)?(first|second|third|fourth|fifth|sixth|last)\b", re.I)
ORDINAL_BY_NUMBER = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", "6": "sixth"}
PREAMBLE = re.compile(
    # "True or false: …", "Fill in the blank: …": how a quiz asks, not what about.
    r"^\W*(?:true\s+or\s+false|fill\s+in\s+the\s+blanks?|multiple\s+choice|short\s+answer)\s*[—–:]\s*(?=\w)|"
    # "confirm: tonnage of cocaine moved", "fact-check: …": how a copy desk asks, not what about.
    r"^\W*(?:please\s+)?(?:confirm|check|verify|fact[- ]?check|double[- ]?check)\s*[—–:]\s*(?=\w)|"
    r"^\W*(?:(?:ok(?:ay)?|so|right|alright|now|and)\s+)*(?:(?:a\s+)?(?:quick|last|final|another|one more|next)\s+"
    r"(?:one|question|thing)\s*)?(?:for\s+(?:the|my|our|this)\s+(?:intro|outro|explainer|episode|show|segment|script|draft|"
    r"thread|newsletter|class|quiz|podcast|notes|slides?|deck|record)\s*)?(?<=\w)\s*[—–:]\s*(?=\w)",
    re.IGNORECASE,
)
# "the border one?", "what about the Russia one?": another of the things just listed.
ONE_OF_THEM = re.compile(r"^\W*(?:what about\s+|how about\s+)?(the\s+[\w’'-]+(?:\s+[\w’'-]+)?)\s+one\W*$", re.IGNORECASE)
# "Hi there! Could you help me…", "Good morning, who wrote…": a greeting, not what about.
GREETING = re.compile(r"^\W*(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day)|g[’']day)"
                      r"(?:\s+(?:there|again|all|folks|team|everyone))?(?:\s*[,!.:;]+|\s+[–—-]+)\s*(?=\w)", re.IGNORECASE)
# A question passed on for someone else ("A listener in Tampa wants to know: who wrote this?",
# "Caller from Miami Gardens asks who Carvajal wrote to."): who asks, and from where, is not
# what about: Tampa is no topic to look up, or to refuse on.
RELAYED = re.compile(
    r"^\W*(?:(?:a|an|one|our|my|the|this|that|another)\s+)?(?:[\w-]+\s+)?"
    r"(?:listener|caller|reader|viewer|subscriber|student|friend|colleague|neighbou?r|audience member|"
    r"fan|parent|kid|son|daughter|someone|somebody|texter|emailer|follower)s?"
    r"(?:\s+(?:in|from|out of|over in|down in|up in)\s+[^,:;?!]{1,40}?)?(?:,\s*[^,:;?!]{1,30},)?"
    r"\s+(?:(?:just|also|now)\s+)?(?:asks?|asked|is asking|wants? to know|wanted to know|would like to know|"
    r"wonders?|wondered|is wondering|writes(?: in)?(?: to ask)?|texts? in|emails? in|calls? in to ask)\b"
    # Then what they ask, as they would ask it: not "Someone asked Maduro to resign".
    rf"\s*[:,—–-]?\s*(?=(?:whether|if|{QUESTION_WORD}|is|are|was|were|do|does|did|"
    r"can|could|should|would|will|has|have|had)\b)",
    re.IGNORECASE,
)
# Only who the asker is ("I'm an old Navy man."), not what they read ("I'm reading about…").
# Not a sentence that goes on to say what they ask about ("I was a border town man, so I'm
# curious about the border security recommendation.").
ABOUT_THE_ASKER = re.compile(r"^\s*(?:(?:I[’']m|I am|I was|I[’']ve been|I have been)\s+(?:just\s+)?(?:an?|the)\s"
                             r"(?![^.!?]*\b(?:curious|interested|asking|wondering)\s+(?:about|in)\b)[^.!?]*[.!]\s+)+(?=\S)",
                             re.IGNORECASE)
# What the asker feels or has heard, before what they ask ("I've been hearing 'Cartel of the
# Suns' all week and thought it was a band. According to this article, who…?"): said of
# themselves, so no part of what is asked. Kept when the rest leans on it ("…Is that true?").
ASIDE_STATEMENTS = re.compile(r"^\s*(?:(?:honestly,?\s+|look,?\s+|listen,?\s+|so,?\s+)?(?:I|I[’'](?:m|ve|d)|my\s+\w+(?:-in-law)?)\s+"
                              r"(?:(?:have|had|was|am|been|just|really|honestly|kind of|always)\s+)*"
                              r"(?:hear|heard|hearing|thought|think|feel|felt|feeling|scared|worried|confused|saw|seen|watching|"
                              r"keep|kept|wonder|wondering|thinking|worry|worries)\b[^.!?]*[.!]+\s+)+(?=\S)", re.IGNORECASE)
# "the Mexican ones you see on Netflix": where the asker met the topic, not what about.
# Only after a verb of seeing or hearing: "What did Maduro say on TV?" asks about TV.
SEEN_ON = re.compile(r"(\b(?:see|sees|saw|seen|seeing|watch|watched|watching|hear|heard|hearing|read|reading)\b[^.?!,;]{0,40}?)"
                     r"\s+(?:on|in)\s+(?:the\s+)?(?:TV|television|telly|Netflix|YouTube|TikTok|Twitter|Facebook|Instagram|Reddit|radio|news|internet)"
                     r"(?:\s+(?:shows?|series|movies?|films?|documentar(?:y|ies)|videos?|clips?))?\b",
                     re.IGNORECASE)
# "what's russia's deal", "…or what's the deal?": chat for "what is its role", or filler.
WHATS_THE_DEAL = re.compile(r"(?<!\s),?\s*(?:or\s+)?what(?:[’']s| is) the deal\W*$", re.IGNORECASE)
WHATS_ITS_DEAL = re.compile(r"\bwhat(?:[’']s| is)\s+(\w+[’']s|his|her|their|its)\s+deal\b(?!\s+(?:with|for|on|to)\b)", re.IGNORECASE)
# "the us" is the country in lower case: the pronoun never follows "the".
THE_US = re.compile(r"\bthe us\b")
# "what did he plead guilty 2", "acording 2 him", "so hard 2 take down": chat's "2" for "to",
# after a word and before a word or the end. Not a count: "which 2 leaders", "the 2 men".
TWO_AS_TO = re.compile(r"(?<=[a-z] )2(?=\s+[a-z]|\W*$)")
NUMBER_BEFORE = COUNTED_AFTER | {"only", "all", "about", "than", "of", "over", "under", "just"}


def _two_as_to(question: str) -> str:
    def to(match: re.Match) -> str:
        before = question[:match.start()].split()[-1].lower()
        after = re.match(r"\s+([a-z]+)", question[match.end():])
        counted = after and after.group(1).endswith("s") and not after.group(1).endswith("ss")
        return match.group() if before in NUMBER_BEFORE or counted else "to"
    return TWO_AS_TO.sub(to, question)

# "Under which leaders?", "Since when?", "By whom?": a phrase that narrows the earlier question.
NARROWING_FRAGMENT = re.compile(
    r"^\W*(?:under|in|by|for|from|with|since|until|at|to|on|after|before|during|against|through|via|into|over|across|toward|towards|between|among)\s+"
    r"(?:which|what|whom|when|whose|how)\b(?:\W+\w+){0,2}\W*$",
    re.IGNORECASE,
)
ASKS_WHICH_COUNTRY = re.compile(r"^\W*(?:which|what)\s+(?:country|countries|nation|nations)\b", re.I)
NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*|[‘“'\"][A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*[’”'\"])(?:\s+(?:of the\s+|of\s+|de\s+|del\s+)?(?:[A-Z][\w’'.-]*|[‘“'\"][A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*[’”'\"]))*")


BARE_PERSON = re.compile(rf"\b(?:the|this|that)\s+(?:same\s+|very\s+)?({'|'.join(PLAIN_PERSON_NOUNS)})([’']s)?\b"
                         r"(?!\s+(?:who|that|in|from|with|behind|at|of)\b)", re.I)


_DESCRIBING_WORDS = (PERSON_WORDS - {"people", "figure", "figures", "general", "generals", "character", "characters"}) | set(AUTHOR_WORDS) | {
    "chief", "boss", "spy", "defector", "informant", "witness", "whistleblower", "insider", "envoy", "ambassador"}
# "Who wrote this piece and what is his background?": "his" is the writer asked for. (Not every
# "who": in "Who is the source behind these accusations, and what job did he have?" the one
# asked for is the article's man, and "people who said this before" asks for no one.)
ASKS_FOR_A_PERSON = re.compile(r"\bwho\s+(?:wrote|writes|authored|penned|filed|reported|edited)\b", re.I)
# "this former intelligence man", "the author", "a Venezuelan official": a person the question
# describes, whom its "he" or "his" can mean.
DESCRIBED_PERSON = re.compile(rf"\b(?:the|this|that|a|an)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(sorted(_DESCRIBING_WORDS))})\b", re.I)


def _as_pronoun(match: re.Match) -> str:
    female = match.group(1).lower() in FEMALE_PERSON_NOUNS
    return ("her" if female else "his") if match.group(2) else ("she" if female else "he")


def is_follow_up(question: str) -> bool:
    words = [w.lower() for w in WORD.findall(question)]
    content = [w for w in words if w not in GENERIC]
    has_name = any(w[0].isupper() for w in WORD.findall(question)[1:])
    return (
        bool(OPENERS.match(question.strip()))
        or any(w in REFERRING for w in words)
        or bool(ORDINAL_REFERENCE.search(question) or NEXT_ONE.search(question))
        or bool(NARROWING_FRAGMENT.match(question))
        or (len(content) <= 1 and not has_name)
        # "Aimed at who, exactly?": a verb and what it asks, the doer left to the turn before.
        or bool(VERB_FIRST.match(question)) and len(words) <= MAX_VERB_FRAGMENT
    )


def standalone_question(question: str, history: Sequence[Turn], people: Mapping[str, Sequence[str]],
                        central_person: tuple[str, frozenset[str]] = ("", frozenset())) -> str:
    """The question as it would be asked on its own, given the earlier turns, in full words.
    `people` maps the surname of each person the coverage names to the words that refer to
    them, so that "he" finds one in an earlier question or answer. `central_person` is whom
    the coverage is about and their pronouns: "he" in a first question that names no one."""
    # Resolve the earlier questions first, so a chain of follow-ups keeps its subject.
    resolved: list[tuple[str, str]] = []
    asked_before = ""
    for asked, answered in _question_answer_pairs(history):
        spelled = spelled_out(asked)
        resolved.append((_resolve(spelled, resolved, people, asked_before), answered))
        asked_before = spelled
    typed = question
    question = _resolve(spelled_out(question), resolved, people, asked_before)
    person, pronouns = central_person
    # "why do ppl take his word seriously", asked first: no one named before, the article's
    # man. Not after earlier turns, whose people the follow-up rules weigh. Nor when the
    # question says whom itself, even in an aside ("this former intelligence man … his help",
    # "Is he credible? (asking about Maduro)"), or asks who wrote it, so that "he" is the
    # writer ("Who wrote this piece and what is his background?"); nor for a pronoun alone.
    says_whom = any(named_in(text, people) or DESCRIBED_PERSON.search(text) or ASKS_FOR_A_PERSON.search(text)
                    for text in (typed, question))
    if (person and not resolved and {w.lower() for w in WORD.findall(question)} & pronouns
            and not says_whom and len(_key_words(question)) >= 2):
        question = _pronouns_named(question, person, pronouns)
    return question


def spelled_out(question: str) -> str:
    """The question with chat shorthand written out and filler dropped ("why do ppl take his
    word seriously tho" -> "why do people take his word seriously"), from data/shorthand.tsv."""
    table = _shorthand()
    # Read in English, with one space between words (the patterns below must not meet long
    # runs of whitespace).
    question = in_english(question)
    # "an outright US–Venezuela war": a dash joining two names is a hyphen, not a break (not
    # "Where is he now—is he free?").
    question = re.sub(r"\b([A-Z][\w’'.]*)[–—](?=[A-Z])", r"\1-", question)
    # "Public health hit, in one line?": how to answer, not what about.
    question = BREVITY.sub("", question).lstrip(" ,;:–—-") or question
    question = FILLER_THEN.sub(r"\1 ", WHAT_MEANS.sub(r"\1What is ", question))
    # "ok so for the intro — who wrote this piece?": what the answer is for, not what about.
    question = GREETING.sub("", question) or question
    question = PREAMBLE.sub("", question) or question
    question = _unrelayed(question)
    # "I'm an old Navy man. Could this turn into a war?": who asks, not what about.
    question = ABOUT_THE_ASKER.sub("", question) or question
    rest = ASIDE_STATEMENTS.sub("", question)
    leans_back = {w.lower() for w in WORD.findall(rest)} & (POINTING_BACK | PERSON_PRONOUNS)
    if rest != question and len(_key_words(rest)) >= 2 and not CHECKING_BACK.match(rest) and not leans_back:
        question = rest
    # "…shut the whole thing down? (Seems like it should be easy!)": after the question, an aside.
    question = AFTERWORD.sub("", question) or question
    question = SEEN_ON.sub(r"\1", question)
    question = without_guess(question)
    question = SAID_AGAIN.sub("", question) or question
    question = NUMBERED_ITEM.sub(lambda m: f"the {ORDINAL_BY_NUMBER[m.group(2)]} {m.group(1)}", question)
    question = WHICH_IS_NTH.sub(lambda m: f"what is the {m.group(2)} {m.group(1)}", question)
    words = question.split()
    out = []
    for position, raw in enumerate(words):
        core = raw.strip("?!.,;:")
        full = table.get(core.lower())
        owner = without_possessive(core)
        if full is None and owner != core:  # "this journo's job title"
            full = table.get(owner.lower())
            full = full + core[len(owner):] if full else None
        # "Rep. Salazar", "Gov. DeSantis", "500 BC", "RN": an abbreviation or capitals are no chat.
        # A single capital is an initial ("George W Bush"), not the chat "w" or "r".
        abbreviation = raw.endswith(".") and len(core) <= 4 or core.isupper()
        filler_inside = full == "" and core.lower() in {"ok", "okay"} and 0 < position < len(words) - 1
        if full is None or not core or abbreviation or filler_inside:
            out.append(raw)
        elif full:
            # "ODs" is "overdoses" inside a sentence: capitals of shorthand are no name.
            full = full[0].upper() + full[1:] if core[0].isupper() and not (position and sum(map(str.isupper, core)) > 1) else full
            out.append(raw.replace(core, full, 1))
        elif raw != core:  # "…title tho?": the filler goes, its question mark stays
            out.append(raw.replace(core, "", 1))
    spelled = " ".join(w for w in out if w)
    spelled = re.sub(r"\s+([?!.,;:])", r"\1", spelled).strip()
    # "ha, does he…", "…the Suns, basically?": the filler's comma goes with it.
    spelled = re.sub(r"[,;:]+(?=[?!.]|$)", "", spelled).lstrip(" ,;:")
    spelled = phrasal_verbs_joined(THE_US.sub("the US", _two_as_to(spelled)))
    spelled = WHATS_ITS_DEAL.sub(lambda m: f"what is {m.group(1)} role", WHATS_THE_DEAL.sub("?", spelled))
    return spelled if WORD.search(spelled) else question


def _unrelayed(question: str) -> str:
    """The question a listener or reader passed on, in their own form: "A caller asks who
    Carvajal wrote to." -> "Who Carvajal wrote to?", "…wants to know whether X has…" -> "Whether…"."""
    match = RELAYED.match(question)
    if not match:
        return question
    rest = question[match.end():].rstrip(" .")
    rest = rest if rest.endswith("?") else rest + "?"
    return rest[0].upper() + rest[1:]


# Opens a question in Spanish ("¿Y qué le ofrece?"); English never writes it.
SPANISH_MARK = re.compile(r"[¿¡]")
# After one of these (and spaces or quotes), a capital opens a sentence ("…? Quién es el autor?").
SENTENCE_BREAKS = ".?!¿¡:;\"“("
# An article before a capitalised word is part of a name: "El Pollo", "Los Angeles", "La Paz".
ARTICLES = {"el", "la", "los", "las", "lo", "o", "os", "a", "as"}
CAPITALISED_NEXT = re.compile(r"\s+[A-ZÀ-Ý]")


def in_english(question: str) -> str:
    """A question asked in Spanish, Portuguese, Tagalog, Hindi, German or French, or mixing their words in, with the words
    data/glossary.tsv has put in English ("Where is Carvajal right now, está preso o qué?" ->
    "Where is Carvajal right now, is in prison what?"), so that the English coverage's words
    and the English embedding model can match it. A question that reads as English (fewer
    than two of the table's words English does not also write, and no "¿") is left alone."""
    question = " ".join(question.split())
    table, also_english, never_english = glossary()
    pattern = _glossary_pattern()
    foreign = {match.group().lower() for match in pattern.finditer(question)
               if not _starts_a_name(question, match) and match.group().lower() not in also_english}
    # "And what is his Spitzname?": a word no English sentence writes is put in English on its
    # own, the rest of the question read as the English it is.
    reads_as_english = not SPANISH_MARK.search(question) and len(foreign - never_english) < 2
    # "Então, what else…": so is a word with a letter English never writes.
    alone = never_english | {word for word in foreign if not word.isascii()}
    if reads_as_english and not foreign & alone and not any(
            _spanish_phrase(question, match, table, also_english) for match in pattern.finditer(question)):
        return question

    def translate(match: re.Match) -> str:
        typed = match.group()
        german_noun = typed.lower() in never_english
        if reads_as_english and (typed.lower() in alone or _spanish_phrase(question, match, table, also_english)):
            # "What does it say about la frontera?", "Então, what else…?": one Spanish phrase,
            # or one word no English sentence writes, in an English question.
            reads_as_spanish_here = not _starts_a_name(question, match)
        else:
            reads_as_spanish_here = not reads_as_english and not _starts_a_name(question, match)
        if not german_noun and not reads_as_spanish_here:
            return typed
        english = table[typed.lower()]
        # A German noun is capitalised wherever it stands: only at the start does that say a
        # capital belongs there ("Russia" keeps the table's own).
        capital = match.start() == 0 if german_noun else typed[0].isupper()
        return english[:1].upper() + english[1:] if capital else english

    translated = SPANISH_MARK.sub("", pattern.sub(translate, question))
    return re.sub(r"\s+([?!.,;:])", r"\1", " ".join(translated.split()))


SPANISH_ARTICLES = ("el", "la", "los", "las", "del")
SPANISH_ARTICLE_BEFORE = re.compile(rf"\b(?:{'|'.join(SPANISH_ARTICLES)})\s+$", re.I)


def _spanish_phrase(question: str, match: re.Match, table: dict, also_english: set) -> bool:
    """Whether a glossary word is part of a phrase no English sentence writes: a phrase of
    the table ("sociedad civil"), a word after a Spanish article ("la frontera"), or that
    article itself."""
    typed = match.group().lower()
    if typed in also_english:
        following = re.match(r"\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)", question[match.end():])
        return bool(typed in SPANISH_ARTICLES and following and any(
            words.lower() in table and words.lower() not in also_english
            for words in (following.group(1), following.group(1).split()[0])))
    return " " in typed or bool(SPANISH_ARTICLE_BEFORE.search(question[:match.start()]))


def _starts_a_name(text: str, match: re.Match) -> bool:
    """Whether a capitalised glossary word is (part of) a name rather than a word to translate:
    inside a sentence ("¿Quién es El Pollo?"), or an article before another capital ("El Pollo
    and Los Soles: who leads?")."""
    typed = match.group()
    if not typed[0].isupper() or typed.lower() in glossary().never_english:  # German capitalises its nouns
        return False
    if typed.lower() in ARTICLES and CAPITALISED_NEXT.match(text, match.end()):
        return True
    # Walk back over spaces and quotes to what comes before: a sentence break, or nothing.
    i = match.start() - 1
    while i >= 0 and not text[i].isalnum() and text[i] not in SENTENCE_BREAKS:
        i -= 1
    return i >= 0 and text[i] not in SENTENCE_BREAKS


@lru_cache(maxsize=1)
def _glossary_pattern() -> re.Pattern:
    """The glossary's words and phrases, longest first, as whole words in any case."""
    table = glossary().table
    alternatives = "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))
    # Not "e" of "e.g.": a word followed by a dot and a letter is an abbreviation.
    # A quote around it is no part of it ("outras 'armas' ilícitas"); an apostrophe inside a
    # word is ("don't").
    return re.compile(rf"(?<![\w-])(?<!\w[’'])(?:{alternatives})(?![\w-])(?![’']\w)(?!\.\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _shorthand() -> dict[str, str]:
    return {short: full.strip() for short, full in table_rows("shorthand")}


def _pronouns_named(text: str, person: str, pronouns=PERSON_PRONOUNS) -> str:
    """`text` with the person's name for each of `pronouns` in it ("his word" -> "Carvajal’s word")."""
    def named(match: re.Match) -> str:
        word = match.group()
        if word.lower() not in pronouns:
            return word
        # "her view" is hers, "trust her" is her: "her" before a noun is the possessive.
        possessive = word.lower() == "his" or word.lower() == "her" and POSSESSIVE_HER.match(text, match.end())
        return f"{person}’s" if possessive else person
    return re.sub(r"\b(?:he|she|him|his|her)\b", named, text, flags=re.IGNORECASE)


POSSESSIVE_HER = re.compile(r"\s+(?!(?:that|to|about|for|with|and|or|as|in|on|of|the|a|an|is|was)\b)[a-z]", re.I)


def _resolve(question: str, resolved: list[tuple[str, str]], people: Mapping[str, Sequence[str]], asked_before: str = "") -> str:
    """`question` on its own, after the earlier (question as resolved, answer) pairs;
    `asked_before`: the last earlier question as typed (spelled out)."""
    if not resolved or not is_follow_up(question):
        return question
    previous_question, previous_answer = resolved[-1]
    text = OPENERS.sub("", question.strip())
    # "what's the next one?" after "ok what's the first one?": the one after it, in the list
    # an earlier answer gave.
    counted_before = ORDINAL_REFERENCE.search(asked_before)
    next_one = bool(NEXT_ONE.search(text) and counted_before and ORDINALS[counted_before.group(1).lower()] >= 0)
    if next_one:
        following = ORDINALS[counted_before.group(1).lower()] + 1
        word = next((w for w, i in ORDINALS.items() if i == following and w.isalpha()), "")
        text = re.sub(r"\bnext\b", word, text, count=1, flags=re.I) if word else text
    ordinal = ORDINAL_REFERENCE.search(text)
    item = ""
    if ordinal:
        # The list is in the earlier answer, or, counting on, in an answer before it.
        answers = [previous_answer] + ([answer for _, answer in reversed(resolved[:-1])] if next_one else [])
        item = next(filter(None, (_list_item(answer, ORDINALS[ordinal.group(1).lower()]) for answer in answers)), "")
    if item:
        # "what does it involve?": the item; not "that" as a conjunction, nor words of the item.
        before, after = (re.sub(r"\bit\b", item, part) for part in (text[:ordinal.start()], text[ordinal.end():]))
        return f"{before}{item}{after}"
    counted = ORDINAL_WORD.search(previous_question)
    if ordinal and counted:
        # "And the last one?" after "What is the first item in the 'at stake' list?", answered
        # with that item alone: the earlier question, counting to this one instead.
        return f"{previous_question[:counted.start()]}{ordinal.group(1)}{previous_question[counted.end():]}"
    # "and the guy's title?" after "who wrote this?": a plain word for a person, no more said
    # of him, stands for him as "he" would.
    text = BARE_PERSON.sub(_as_pronoun, text)
    words = {w.lower() for w in WORD.findall(text)}
    if words & PERSON_PRONOUNS:
        # After "Who wrote this piece on the Maduro-Trump standoff?" "he" is whoever the answer
        # names, not Maduro: a question asking who puts its person in the answer.
        sources = ((previous_answer, previous_question) if ASKS_WHO.match(asking_part(previous_question))
                   else (previous_question, previous_answer))
        person = first_named(sources[0], people) or first_named(sources[1], people)
        if person and words & {"he", "she"} and "him" in words:
            # "What is he offering him?" after "Who did Carvajal write to?": two people, "he" the
            # one the earlier question asks about, "him" the other one its answer names.
            person = first_named(previous_question, people) or person
            other = next((name for name in named_in(previous_answer, people) if name != person), "")
            if other:
                text = re.sub(r"\bhim\b", other, text, flags=re.IGNORECASE)
        if person:
            text = _pronouns_named(text, person)
            # "What does he offer in it?" after "To whom did Carvajal send a letter?": "it" is
            # the letter, so the earlier question's other words come along.
            if {w.lower() for w in WORD.findall(text)} & POINTING_BACK:
                context = [w for w in _carried_words(previous_question) if w != person]
                return f"{text} ({' '.join(context)})" if context else text
            return text
    if CHECKING_BACK.match(text):
        # "Is it true?" asks about the whole earlier question, not about its first name.
        return f"{text} ({' '.join(_key_words(previous_question))})"
    topic = WHAT_ABOUT_TOPIC.match(question)
    # Not "What about the demand side — does that bullet mention it?": the earlier answer's.
    if topic and len(_key_words(topic.group(1))) >= 2 and not EARLIER_ANSWERS_PART.search(question, topic.end()):
        # "what about other countries besides the US — could they be targeted too?": "they"
        # are the countries it names first, not the earlier question's topic.
        return text
    if IT_TAKES.search(text):
        # "What would it take to turn things around?" after "What is the long-term outlook for
        # Venezuela?": "it" is no thing; what is to be turned around is the earlier topic.
        carried = _carried_words(previous_question)
        return f"{text} ({' '.join(carried)})" if carried else text
    subject = _subject(previous_question, previous_answer, people)
    text = EMPTY_IT.sub("\0", text)  # kept as it is
    topic_first = TOPIC_FIRST.match(text)
    if topic_first:
        text = f"{text[:topic_first.start(1)]}\0{text[topic_first.end(1):]}"
    words = {w.lower() for w in WORD.findall(text)}
    if subject and subject.lower() in countries():
        # "Is that country's complicity confirmed?" after "Which country does it name?"
        text = THAT_COUNTRY.sub(lambda m: subject + ("’s" if m.group(1) else ""), text)
    if subject and words & PERSONAL and "it" in words:
        # "and who were they aiming it at?" after "Which Venezuelan leaders does Carvajal
        # accuse?": two pronouns, two referents, neither of them surely the subject; the
        # earlier question's words come along instead.
        carried = _carried_words(previous_question)
        text = text.replace("\0", "it")
        return f"{text} ({' '.join(carried)})" if carried else text
    if subject and words & (PERSONAL | POSSESSIVE | {"it"}):
        text = re.sub(r"\b(he|she|him|they|them|it)\b", subject, text, flags=re.IGNORECASE)
        return re.sub(r"\b(his|her|their|its)\b", f"{subject}’s", text, flags=re.IGNORECASE).replace("\0", "it")
    text = text.replace("\0", "it")
    if names_a_callout(text):
        # "and the 'did you know' box — what's that one about?": the box it names is its topic.
        return text
    one = ONE_OF_THEM.match(text)
    if one:
        # "the border one?" after "what does it say about sanctions?": another of the same
        # list, named by its own word; the earlier topic would only pull back to sanctions.
        return f"What about {one.group(1)}?"
    if VERB_FIRST.match(text):
        doer = subject or first_named(CARRIED_CONTEXT.sub("", previous_question), people)
        if doer:
            # "Pleaded to what?" after "Carvajal — where now?": who did it is the earlier subject,
            # named in lower case too ("claims what" after "el pollo who").
            return f"{doer} {text[0].lower()}{text[1:]}"
        # "Aimed at who, exactly?" after "Which leaders does he accuse of using drugs as a
        # weapon?": what was aimed is in the earlier question's words.
        carried = _carried_words(previous_question)
        return f"{text} ({' '.join(carried)})" if carried else text
    own = _key_words(text)
    # "so what changed", "what else is crucial": a verb, or "else", asks on about the earlier topic.
    # So does a comparison with what it said: "So what actually matters more?" after "What's the pro tip?".
    leans_on_earlier = (len(own) == 1 and ("else" in words or own[0].lower().endswith("ed"))
                        or len(own) <= 2 and bool(words & COMPARED_TO_EARLIER))
    # "What would need to happen to fix things there?": a place named before, not "is there".
    points_back = bool(words & POINTING_BACK) or bool(THERE_AS_PLACE.search(text))
    if own and not points_back and not NARROWING_FRAGMENT.match(text) and not leans_on_earlier:
        # "And the sanctions?" names its own topic: the earlier words would only drown it.
        return text
    keywords = _carried_words(previous_question)
    if NAMES_INSTEAD.search(text):
        # "Which country does it name instead?" after "Does the FAQ say China…?": another name
        # in place of the earlier one, whose own words are all that come along.
        keywords = [w for w in keywords if not w[0].isupper() or w.lower() in ARTICLE_WORDS]
    return f"{text} ({' '.join(keywords)})" if keywords else text


THERE_AS_PLACE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )\bthere\b"
                            r"(?![’']|\s+(?:is|are|was|were|be|been|will|would|might|must|may|could|should|has|have|had|any|anything|anyone|"
                            r"some|something|no|ever|seems?|appears?)\b)", re.I)
IT_TAKES = re.compile(r"\b(?:would|will|does|did|could|might)\s+it\s+take\b", re.I)
COMPARED_TO_EARLIER = {"more", "less", "instead", "rather", "better", "worse"}
NAMES_INSTEAD = re.compile(r"\b(?:does|did) it (?:name|mention|list|cite)\b[^?]*\binstead\b", re.I)
THAT_COUNTRY = re.compile(r"\b(?:that|this|the same|the other)\s+(?:country|nation)([’']s)?\b", re.I)
# "And for civil society in Venezuela, what does it propose?": the topic named first, "it" the
# article that proposes.
TOPIC_FIRST = re.compile(r"^\W*(?:(?:and|so|but|now)\s+)?(?:for|about|on|regarding|as for|as to|concerning)\s+[^,?]{3,}?,\s*"
                         r"(?:what|how|which \w+)\s+(?:does|did|do|would|could)\s+(it)\b", re.I)
EARLIER_ANSWERS_PART = re.compile(r"\b(?:that|this|those|the same)\s+(?:bullet|point|item|step|one|list|section|part|passage|answer|tip|box)s?\b", re.I)
# Spoken, the topic's end is where the question proper starts ("what about other countries
# could they be targeted too").
WHAT_ABOUT_TOPIC = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|also|alright)\W+)*(?:what|how)\s+about\s+([^—–,;:?]+?)"
    r"\s*(?:[—–,;:]|\s-\s|\s(?=(?:could|can|would|will|do|does|did|is|are|was|were|should|might|may|has|have)"
    r"\s+(?:they|he|she|it|we|you|these|those|that|this)\b))", re.I)


def _list_item(answer: str, index: int) -> str:
    """The label of the list item at `index` in an answer ("Increased International
    Cooperation"), or its opening words when it has none; "" when the answer lists nothing."""
    items = [line[2:] for line in answer.splitlines() if line.startswith("- ")]
    if not -len(items) <= index < len(items):
        return ""
    item = re.sub(r"\s*\[\d+\]", "", items[index])
    label, colon, _ = item.partition(":")
    return label.strip() if colon and len(label.split()) <= 8 else " ".join(item.split()[:8])


def _question_answer_pairs(history: Sequence[Turn]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for turn in history:
        if turn.role == "user":
            pairs.append((turn.content, ""))
        elif pairs:
            pairs[-1] = (pairs[-1][0], turn.content)
    return pairs


def _carried_words(previous_question: str) -> list[str]:
    """The words a follow-up carries along: the earlier question's own, or, when it had none
    ("Who else?"), those it carried along itself. Not a growing tail of every turn before."""
    # Of a wordy question, the part that asks: "I used to clip articles out of the Sunday paper…"
    # is how the reader came to ask, not what.
    return _key_words(asking_part(CARRIED_CONTEXT.sub("", previous_question))) or _key_words(previous_question)


def _key_words(question: str) -> list[str]:
    return [w for w in WORD.findall(question) if w.lower() not in GENERIC]


QUOTED_TITLE = re.compile(r"\b(?:titled|entitled|headed|headlined|called|labell?ed)\s+(?:“[^”]+”|\"[^\"]+\"|‘[^‘]+’(?!\w))", re.I)


OF_AN_ARTICLE = re.compile(rf"\s+(?:{DOCUMENT_NOUNS})\b", re.I)


def _subject(question: str, answer: str, people: Mapping[str, Sequence[str]]) -> str:
    """The name the earlier question asked about, spelled out as fully as the answer has it."""
    # "Could this turn into a war? (evidence Carvajal's claims)": the words carried along from
    # a turn before are that turn's subject, not this one's.
    question = CARRIED_CONTEXT.sub("", question)
    # "In the section titled “Understanding the Cartel…”, why is the cartel…": a heading
    # quoted to say where to look, not who or what is asked about.
    question = QUOTED_TITLE.sub("", question)
    # A run that opens the question takes its question word along ("Was Venezuela"): drop it.
    runs = [(match.end() - len(name), name) for match in NAME_RUN.finditer(question)
            for name in [_without_question_word(match.group())]]
    # "List the sanctions on Venezuela": a word that opens the question is capitalised for
    # that alone; it is the subject only when the question names nothing else.
    # "the FAQ", "the Pro Tip": parts of the page, not what the question is about.
    runs = [(start, name) for start, name in runs if name.lower() not in ARTICLE_WORDS and not CALLOUT.match(f"{name}: -")]
    # "this Venezuela article": a name that says which article, not what is asked about it.
    runs = [(start, name) for start, name in runs
            if not (OF_AN_ARTICLE.match(question, start + len(name)) and question[:start].rstrip().lower().endswith(("this", "that")))]
    # "Besides cocaine, what else…": one word opening the question is a name only where the
    # answer writes it so too, inside a sentence. "Venezuelan officials": an adjective, no one.
    runs = [(start, name) for start, name in runs
            if (start > 0 or " " in name or _named_inside(name, answer) or _bare(name) in people or name.lower() in countries())
            and not is_demonym(_bare(name))]
    # "Which country does the FAQ say has close ties…?": "it" is then the country the answer names.
    if ASKS_WHICH_COUNTRY.match(question):
        named = [typed for _, typed in countries_in(answer) if typed.lower() not in question.lower()]
        if named:
            return named[0]
    # A country opening the question is its subject all the same ("Venezuela was always enemy of
    # the US…?" -> "when it changed" is Venezuela).
    names = ([name for start, name in runs if name and (start > 0 or name.lower() in countries())]
             or [name for _, name in runs if name])
    if not names:
        return ""
    # "In what way this cartel is different from the cartels in Mexico?": "this cartel" is what
    # the question is about; a name after a preposition only places it, so "it" next is the cartel.
    before = question[:next(start for start, name in runs if name == names[0])]
    if re.search(r"\b(?:this|that)\s+[a-z]+\b", before) and PLACED_AFTER.search(before):
        return ""
    # "Will come a real war between US and Venezuela?": two sides set against each other, so
    # "it" in the next turn is the war, neither side.
    if len(names) >= 2 and re.search(rf"\b{re.escape(names[0])}\s+(?:and|vs\.?|versus|or)\s+{re.escape(names[1])}\b", question):
        return ""
    name = names[0]
    # "El Pollo" in the question, "Hugo ‘El Pollo’ Carvajal" in the answer: news copy goes on
    # to call him by the surname, so the follow-up does too ("Where is Carvajal now?").
    core = _bare(name)
    for run in NAME_RUN.findall(answer):
        surname = _bare(run).split()[-1] if _bare(run) else ""
        if core and core in _bare(run) and len(run) > len(name) and surname in people:
            return surname
    return core


PLACED_AFTER = re.compile(r"\b(?:in|from|of|like|at|to|with|against|than)\s+(?:the\s+)?$", re.I)


def _named_inside(name: str, text: str) -> bool:
    return bool(re.search(rf"(?<![.!?]\s)(?<!^)\b{re.escape(name)}\b", text.strip()))


def _without_question_word(run: str) -> str:
    words = run.split()
    while words and words[0].lower() in GENERIC:
        words.pop(0)
    return " ".join(words)


def _bare(name: str) -> str:
    return re.sub(r"[‘’“”\"]", "", name).replace("'s", "").strip()
