"""What kind of answer a question wants, and whether a piece of text looks like one.

"Where is Carvajal being held?" wants a place: of two passages that both talk about Carvajal,
the one that says "in a US federal prison" answers it. The small embedding model hears the
name far louder than the "where", so retrieval and sentence picking add a small bonus to text
that holds the kind of thing asked for. The cues are plain words and patterns of news prose,
never facts of one article.
"""

from __future__ import annotations

import re

from assistant.corpus import CALLOUT_LABELS, CALLOUT_PARTS
from assistant.text import CARRIED_CONTEXT, split_sentences, stem

__all__ = [
    "COULD_YOU", "answer_type", "asking_part", "asks", "without_guess", "asks_what_it_says", "mentions_saying", "gives_time", "has_cue", "header_field_asked",
    "header_field_named", "header_lines", "lists_inline", "series_lengths", "things_counted", "TITLE_FIELD",
]

# "Which former official…" asks for a person as surely as "who" does.
PERSON_NOUNS = r"(person|people|man|woman|official|officials|leader|leaders|expert|analyst|officer|minister|president|figure|insider)"
# "What year…", "the exact date of…": a time asked for by its name (not "the day-to-day").
# A search-box query (no question word, no "?") ending in one asks for it too: "carvajal
# sentencing date", not "Who was arrested this year?".
SEARCH_BOX = r"^(?!\W*(?:who|whom|whose|what|what’s|what's|which|where|when|why|how|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b)[^?]*"
DATE_ASKED = (r"(?<!back in )\b(what|which|what’s|what's|the) (exact |precise |specific )?(year|date|day|month)\b(?!-)|\b(what|which) (years|dates|days|months)\b|\bhow long ago\b|\bdate of\b|^\W*year of\b|"
              rf"{SEARCH_BOX}\w \b(year|date)\W*$")
NOT_WHEN_IT_SAYS = (r"(?!(?!\s+(?:did|does|do|was|is|were|are|will|would|has|have|had|can|could|should|might)\b)"
                    r"(?:\s+[\w’'-]+){1,4}?\s+(?:says?|said|asks?|asked|mentions?|talks?|writes?|wrote|calls?|called|"
                    r"describes?|described|refers?|referred|speaks?|uses?|used)\b(?=[^?]*,\s*\w))")
QUESTION_TYPES = [
    # "Is the accusation only aimed at Maduro's government, or at earlier leadership too?",
    # "…only about Maduro's years, or does it reach back further?": which leaders' times a claim
    # covers; before "target", which "aimed at" asks too.
    # "So is this being pinned only on Maduro, or does it go back further than him?"
    ("era", re.compile(r"\bonly\b[^?]*(?:\b(?:time|times|years|era|rule|government|presidency|tenure|regime|watch|leadership)\b|"
                       r"\b(?:on|at|to|with)\s+(?-i:[A-Z])[\w’'-]+)[^?]*\bor\b[^?]*"
                       r"\b(?:earlier|further back|back further|before|previous|predecessors?|prior|go(?:es)? back|reach(?:es)? back)\b", re.I)),
    # "Which country was the target of this drug 'weapon'?": whom a campaign was aimed at, not
    # where anything is; before "where", which "which country" asks too.
    # Not "Are targeted sanctions enough?": a kind of sanction, asked something else of.
    ("target", re.compile(r"\b(targets?|targeted|aimed at|directed at|against (which|what|whom))\b(?!\s+(?:sanctions|strikes|measures|countries)\b)", re.I)),
    ("where", re.compile(r"^\W*(where)\b|\b(in what|which) (place|country|city|prison|jail|region)\b|\bwhereabouts\b", re.I)),
    # Not "When the article says it is not 'a traditional cartel', what is it compared to?":
    # a clause pointing at the text, before the question.
    ("when", re.compile(rf"^\W*(when)\b{NOT_WHEN_IT_SAYS}|\b(what|which) time\b|{DATE_ASKED}", re.I)),
    # "What is the estimated annual tonnage…": a quantity, however many words before it.
    # "What figure does the article give for overdose deaths?": a number, not a public figure.
    ("how many", re.compile(r"\bhow (many|much|long|big|large|old|often)\b(?! a deal)|\bwhat (number|percentage|share|amount|size) of\b|"
                            r"\b(?:what|which) (?:figures?|numbers?|statistics?|stats|estimates?)\b(?=[^?]*\b(?:give|gives|given|cite|cites|cited|put|puts|for)\b)|"
                            r"\bby what (?:percentage|percent|margin|factor|amount|proportion)\b|"
                            r"\bwhat(?:[’']s| is| was| are| were) (?:the |[\w-]+[’']s )(?:[a-z]+ ){0,2}(tonnage|amount|volume|quantity|number|total|"
                            r"budget|percentage|rate|population|death toll|toll)s?\b|"
                            rf"\b(tons|tonnes|kilos|kilograms|barrels) of\b|{SEARCH_BOX}\b(number|statistics)\W*$|"
                            r"^\W*(tonnage|number|amount|volume|quantity|count|total)\s+of\b", re.I)),
    # "Who inside Venezuela should the US be backing?", "What does the piece recommend?": what
    # the coverage advises doing; after where/when/how many, before "who", whose cue (a title
    # before a name) it lacks. Not "Who proposed the sanctions?" nor "Should we believe him?".
    ("advice", re.compile(r"\bshould\s+(?:the\s+)?(?:us|u\.s\.|united states|america|washington|we|policymakers|government|"
                          r"lawmakers|congress|the white house)\s+(?!(?:have|believe|trust|take)\b)\w+|"
                          r"\b(?:recommend|recommends|recommendations?|advise|advises|advice|suggest|suggestions?|propose|proposals?)\b|"
                          r"\bsuggests\s+(?:\w+ing\b|that\s+(?:the\s+)?(?:us|washington|america)\b)|"
                          r"\bsteps?\s+(?:can|should|could|to)\b|"
                          r"\bwhat\s+(?:can|could|should)\s+(?:the\s+)?(?:us|washington|america|united states)\s+do\b", re.I)),
    # "Is stopping drugs at the border enough?", not "Is there enough evidence?" (a quantity).
    ("enough", re.compile(r"\b(is|are|was|were|be|isn't|isn’t|aren't|aren’t)\b[^?]*\b(enough|sufficient)\b(?!\s+(?!(?:to|on|by|for|in|at|against|alone|only|just|anymore|though|now|yet|really|here|either)\b)[a-z])|"
                          r"\bsuffice\b|\bon its own\b|"
                          # "So just stopping drugs at the border would fix it, right?"
                          r"\b(?:just|only|simply|alone)\b[^?]*\b(?:would|will|could|can|is going to)\s+(?:fix|solve|end|stop)\s+(?:it|this|that|the problem)\b", re.I)),
    # "What was the point of sending so many drugs?", "Purpose of the scheme, per Carvajal?": a reason too.
    ("why", re.compile(r"^\W*(why)\b|\bwhat (is|was) the (reason|purpose|goal|aim)\b|\b(for|on) what (reason|purpose|basis|grounds)\b|"
                       r"(?:^\W*|\b(?:the|its|their|his|her|real|main|true|whole)\s+)(?:point|purpose|goal|aim|objective|motive|intent)s?\s+(?:of|behind)\b",
                       re.I)),
    ("nickname", re.compile(r"\b(nicknames?|nicknamed|sobriquets?|monikers?|alias|aka|noms? de guerre|street names?|what is \w+ called|goes? by|"
                            r"what (do|does) (people|they|you|we|others|\w+) call (him|her|them))\b", re.I)),
    ("kind", re.compile(r"\b(what|which) (kinds?|sorts?|types?) of\b", re.I)),
    # "Which American leader did Carvajal write to?", "Who was the recipient of his letter?".
    ("recipient", re.compile(r"\b(wr[io]te|written|writing)\b(?:\s+(?:a|an|the|his|her|their|this|that)?\s*(?:letter|message|note|appeal|plea))?"
                             r"\s+to(\W*$|\s+(who|whom)\b)|"
                             r"\b(sent|send|sends|address(?:ed)?)\s+(?:a|an|the|his|her|their|this|that)?\s*(?:letter|message|note|appeal|plea)"
                             r"\s+to(\W*$|\s+(who|whom)\b)|\brecipient\b|(\bto whom\b|^\W*to (which|what)\b).*\b(wr[io]te|written|sent|send|address(ed)?|letter)\b|"
                             r"\b(letter|message|note|appeal|plea)\b.*\b(go|went|sent|addressed)\b.*\bto\W*$", re.I)),
    # "Who makes up the Cartel of the Suns?": its members, before "who", whose cue (a title before
    # a name) a list of members lacks.
    ("members", re.compile(r"\b(?:who|what)\s+(?:\w+ly\s+)?(?:makes|made|make)\s+up\b|\b(?:made up|composed|comprised|consists?|consisting)\s+of\b|"
                           r"\b(?:who|which people)\s+(?:is|are|was|were)\s+(?:part of|a member of|among)\b|\bmembers(?:hip)?\b", re.I)),
    # "Who's the guy making all these claims?", "Whose claims is the piece built on?": the
    # person the claims come from, as the coverage introduces them; before "who".
    # "Which ex-spymaster's allegations is this story built around?" too.
    ("source", re.compile(r"^\W*which\s+(?:[\w-]+\s+){0,2}[\w-]+[’']s\s+(?:claims|allegations|accusations|testimony|revelations)\b|"
                          # "who's saying that?" after "what's the big claim?"
                          # …when the words carried along from it speak of a claim.
                          r"^\W*(?:(?:and|so|ok|okay|but)\W+)*who(?:[’']s|\s+is|\s+was)?\s+(?:saying|claiming|alleging|says|claims|alleges|said|claimed|alleged)\s+(?:that|this|it|all\s+this|all\s+that)\W*"
                          r"\([^)]*\b(?:claims?|allegations?|accusations?|accus\w*|alleg\w*)\b|"
                          r"^(?![^?]*\b(?:analyst|expert|commentator|commentary)\b)\W*(?:(?:on|upon|from|in)\s+)?(?:who(?:[’']s|\s+is|\s+was)?|whose|which\s+(?:[\w-]+\s+){0,2}(?:insider|official|source|person|man|guy|defector|figure))\b"
                          r"[^?]*?\b(?:(?:making|made|makes|make|behind|levell?ing|levell?ed|brought|bringing)\b[^?]*\b(?:claims?|allegations?|accusations?|revelations?)|"
                          r"(?:claims?|allegations?|testimony|accusations?)\b[^?]*\b(?:built|based|rests?|resting|hanging|driving|relies|rely|cent(?:er|re)|heart|core)|source)\b", re.I)),
    ("who", re.compile(rf"^\W*(who|whom|whose)\b|^\W*(?:(?:under|by|from|with|to|among|between)\s+)?which (\w+ ){{0,3}}{PERSON_NOUNS}\b", re.I)),
    # "What job did Carvajal use to have?": a role someone once held, said "former", "ex-".
    ("former role", re.compile(r"\b(job|role|position|title|occupation|post)\b[^?]*\b(used? to (have|hold|be|do)|formerly|previously|back in the day|in the old days|before(?=\s*(?:[?.!,]|$|he\b|she\b|they\b|becoming\b|his\b|her\b|\w+\s+(?:became|turned|joined|was)\b)))|"
                               r"\b(used to|formerly|previously)\b[^?]*\b(job|role|position|title|occupation|post)\b|"
                               # "what was his job back then?" (not "What role did Chávez play back then?")
                               r"\b(job|position|title|occupation|post)\b[^?]*\bback then\b|"
                               # "What former position does the story attribute to him?", "his old job"
                               r"\b(former|old|previous|past|earlier|prior)\s+(job|role|position|title|occupation|post|career|gig|rank)s?\b", re.I)),
    # "Has Caracas always been hostile…?", "Did Venezuela ever work with the US?": how things were.
    ("past", re.compile(r"\b(always|ever|used to|previously|formerly|in the past|historically)\b", re.I)),
    # "With which cartels does the article contrast it?": what it is set against.
    ("comparison", re.compile(r"\b(contrast(s|ed|ing)?|compar(e|es|ed|ing|ison)|differ(s|ent|ence)?\s+from|unlike|distinguish(es|ed)?|sets? apart)\b", re.I)),
]

MONTHS = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
CUES = {
    # Two leaders' times together: "under Hugo Chávez and now Nicolás Maduro".
    "era": re.compile(r"\bunder\s+(?:[A-Z][\w’'.-]+\s+){1,2}and\s+(?:now\s+)?[A-Z][\w’'.-]+"),
    # The claims introduced with whose they are: "intelligence chief Hugo ‘El Pollo’ Carvajal’s startling claims".
    "source": re.compile(r"\b(?:chief|official|insider|analyst|officer|general|minister|defector)\s+(?:[A-Z][\w’'-]*\s+){0,2}(?:[‘'“][^’'”]+[’'”]\s+)?"
                         r"[A-Z][\w-]+[’']s\s+(?:[a-z]+\s+)?(?:claims|allegations|accusations|testimony|revelations)\b"),
    # Advice: a list item that says what to do ("Support for Venezuelan Civil Society: Provide
    # support to…"), its label, then a verb in the imperative.
    "advice": re.compile(r"^[^:\n]{3,80}:\s+(?:Prioritize|Prioritise|Forge|Impose|Provide|Strengthen|Invest|Increase|Enhance|"
                         r"Support|Work|Foster|Develop|Expand|Improve|Promote|Establish|Build|Address|Counter|Coordinate|"
                         r"Engage|Encourage|Pursue|Implement|Consider|Adopt|Reduce|Focus|Boost|Create|Use|Leverage|Target|"
                         r"Bolster|Deploy|Fund|Train|Share|Monitor|Tighten|Expose|Freeze|Restrict|Cut|Limit|Avoid|Seek)\b"),
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
    # A nickname: in quotes between a given name and a surname ("Hugo ‘El Pollo’ Carvajal").
    "nickname": re.compile(
        r"[A-Z]\w+\s+[‘'“\"][A-Z][^’'”\"]{1,30}[’'”\"]\s+[A-Z]\w+|\b(known as|nicknamed|dubbed|alias)\b"
    ),
    # Whether something is enough: a judgement that it falls short or suffices.
    "enough": re.compile(r"\b(insufficient|sufficient|not enough|solely|alone|on its own|by itself|falls? short)\b", re.I),
    # Which kind of thing: a subset singled out ("particularly among regimes facing hardship").
    "kind": re.compile(r"\b(particularly|especially|such as|notably|in particular|among)\b", re.I),
    # What something is set against: "isn’t a traditional cartel like those operating in Mexico".
    "comparison": re.compile(r"\b(unlike|like those|not an? (traditional|typical|normal|ordinary)|different from|differs? from|rather than|"
                             r"compared (with|to)|in contrast)\b|\bisn[’']t an? (traditional|typical|normal|ordinary)\b", re.I),
    # Whom a campaign was aimed at: "as a weapon against the United States".
    "target": re.compile(r"\b(?:weapon|campaign|war|strategy|effort)\s+against\s+(?:the\s+)?[A-Z]\w+|\b(?:targets?|targeted|aimed at|directed at)\b"),
    # Who something is made of: "a network of Venezuelan military officials".
    "members": re.compile(r"\b(network|ring|group|circle|band) of\b|\b(made up|composed|comprised|consisting) of\b|\bmembers? of\b", re.I),
    # Whom a letter went to: "His letter to Donald Trump", "wrote to the president".
    "recipient": re.compile(r"\b(letters?|wrote|written|message|appeal|plea|note)\s+to\s+(?:the\s+)?(?:[A-Z]|president|prime minister)"),
    # A title, not "a former insider": "Former Chavista intelligence chief Hugo…".
    "former role": re.compile(r"\b(former|ex-|onetime|one-time)\s*(?:[\w-]+\s+){0,2}(chief|official|head|director|general|"
                              r"minister|president|officer|spymaster|ambassador|commander|editor|analyst)\b|"
                              r"\b(once|formerly|previously) (served as|headed|led|ran)\b", re.I),
    # How things were: a word that sets the past against now.
    "past": re.compile(r"\b(once|formerly|previously|used to|no longer|in the past|historically|long been)\b", re.I),
    # A person: a title before a name ("intelligence chief Hugo", "Dr. Isabella Ramirez"),
    # or a name said to speak ("says Dr. …").
    "who": re.compile(
        r"\b(Dr|Mr|Mrs|Ms|Prof|chief|official|analyst|president|minister|editor|director|general|leader|spokes\w+)\.?\s+[A-Z]\w+|"
        r"\b(says|said|according to)\s+(Dr\.?\s+)?[A-Z]\w+",
    ),
}


# A time a question asking when can be answered with: a date, a year, a month or weekday, or a
# span back from now. Stricter than the "when" cue: "currently" and "once" favour a passage
# that says when, but do not answer "In what year was the cartel founded?".
TIME = re.compile(
    rf"\b{MONTHS}\.?\s+\d|\b\d{{1,2}}\s+{MONTHS}\b|\b(1[89]|20)\d\d\b|\b(1[89]|20)\d0s\b|"
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow)\b|"
    r"\b(\w+ (days?|weeks?|months?|years?|decades?) ago)\b|\b(last|next|this) (week|month|year)\b",
    re.I,
)


# An era rather than a date: enough for "When did Venezuela stop cooperating?" ("once…",
# "under Chávez"), not for a question that asks for a year or a date.
ERA = re.compile(r"(?i:\b(once|since|until|ago|earlier|formerly|recently|previously)\b)|\b[Uu]nder [A-Z]\w+")
ASKS_FOR_A_YEAR = re.compile(r"\b(what|which) year\b|^\W*year of\b|\byear\b.*\b(published|written|updated)\b", re.I)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
# "When did Maduro first become president?" asks for a moment: "now" or "under Chávez" is none.
# "When did Maduro become president?": the moment someone took office, was born or died,
# which "under Chávez and now Maduro" does not date.
ASKS_FOR_A_DATE = re.compile(rf"{DATE_ASKED}|^\W*(?:(?:and|so|but|ok(?:ay)?|well|then|also|now)\b[\s,]*)*when\b[^?]*\b(first|"
                             r"bec(?:ome|ame)\s+(?:the\s+)?(?:\w+\s+)?(?:president|leader|head|chief|minister|director|ruler)|"
                             r"take office|took office|come to power|came to power|elected|born|die|died|sworn in|inaugurated)\b", re.I)


def gives_time(question: str, text: str, eras: bool = True) -> bool:
    """Whether `text` says when, as precisely as the question asks: a date, a year, a weekday,
    "two years ago" always; an era ("once", "under Chávez") when `eras` and no year or date is
    asked for."""
    return bool(TIME.search(text) or eras and not ASKS_FOR_A_DATE.search(question) and ERA.search(text))


# "And where is he now?", "So why did they do it?", "Ok, when was this published?": words
# that join a question to the talk before it, before its question word.
DISCOURSE_OPENER = re.compile(r"^\W*(?:(?:and|so|but|ok(?:ay)?|well|then|also|alright|oh|now)\b[\s,]*)+(?=\w)", re.I)


def asks(kind: str, question: str) -> bool:
    """Whether the question asks for this kind of thing, among others: "When was he arrested,
    and in which country?" asks when as well as where."""
    question = DISCOURSE_OPENER.sub("", asking_part(question))
    return any(k == kind and pattern.search(question) for k, pattern in QUESTION_TYPES)


def answer_type(question: str) -> str:
    """'era', 'target', 'where', 'when', 'how many', 'advice', 'enough', 'why', 'nickname', 'kind', 'recipient', 'members', 'source', 'who',
    'former role', 'past', 'comparison', or '' when the question asks for something else."""
    question = DISCOURSE_OPENER.sub("", asking_part(question))
    for kind, pattern in QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return ""


# Where a wordy question's parts meet: "My neighbour tells me he is locked up; where is he
# held?", "Forgive my scepticism, but … — why should…?", "…? My late husband always said…".
# Also before the asker's reason about themselves: "…what's his nickname, because my Spanish is rusty?"
# "could you", "can u": how a reader puts a request; shared with conversation.ASKS_WHO.
COULD_YOU = r"(?:could|can|would|will)\s+(?:you|u)"
# "…, old habits die hard, so could you tell me whose name is on this piece?": the request after "so".
ASIDE_BREAK = re.compile(rf"\s*(?:;|\s[–—-]\s|,\s*but\s+|,\s*(?=so\s+{COULD_YOU}\b)|,\s*(?=(?:because|cause|cuz|since|as)\s+(?:my|i|i[’']m|i[’']ve|we|our)\b))\s*", re.I)
# A reader's guess tagged on at the end ("who's the expert they quote, lemme guess some think
# tank person?", "where is he now, chilling on a beach or what?"): it only pulls towards other words.
GUESSED = re.compile(r",\s*(?:(?:let me|lemme) guess|i bet|i guess|i suppose|i assume)\b[^,?]*(?=\W*$)|"
                     r",\s*[^,?]*\bor (?:what|whatever)(?=\W*$)|"
                     # "where's carvajal rn? chilling on a beach or what 🏖️"
                     r"(?<=\?)\s+[^?]*\bor (?:what|whatever|smth|something)(?=\W*$)\W*", re.I)
REQUEST_VERBS = r"tell|explain|describe|list|name|give|summari[sz]e"
# A part that asks: a question word anywhere ("could you tell me what he offered"), an
# auxiliary opening a yes/no question ("has he been sentenced yet?"), or a request.
ASKING = re.compile(
    r"\b(what|what’s|what's|which|who|whom|whose|where|when|why|how)\b|"
    r"^\W*(?:and\s+|so\s+)?(is|are|was|were|do|does|did|has|have|had|can|could|would|will|should|may|might)\b|"
    rf"^\W*(?:please\s+)?({REQUEST_VERBS})\b|"
    # "He have some nickname also, no?": a statement with a tag that asks.
    # Not "Caracas, right?": a name guessed (`GUESSED_NAME`).
    r"^\W*\w+(?:\W+\w+){2,}?\s*,\s*(?:no|right|yes|true|correct|isn[’']t it|doesn[’']t he|didn[’']t he)\s*\?\s*$",
    re.I,
)
# A statement that still asks: "Tell me who wrote it.", "I'd like to know where he is."
REQUEST = re.compile(
    rf"^\W*(?:please\s+|so\s+|now\s+)?({REQUEST_VERBS}|i (want|would like|'d like|’d like) to know|i wonder)\b", re.I
)


GUESSED_NAME = re.compile(r"^\W*(?:the\s+|a\s+|an\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?(?:,?\s+(?:right|maybe|perhaps))?\?\s*$")
GUESS_TAG = re.compile(r",?\s*\bor (?:what|not|something|anything|whatever)\W*$", re.I)
QUESTION_WORD = r"(?:what|what’s|what's|which|who|whom|whose|where|when|why|how)"
# A clause that sets the scene before the question: "Considering that the letter is central to
# the story, on what date…?", "Setting aside the subtitle, which leaders…?", "In closing, …".
LEADING_CLAUSE = re.compile(
    r"^\W*(?:considering|given|since|although|though|while|because|bearing in mind|keeping in mind|before|"
    r"setting aside|leaving aside|putting aside|in light of|in closing|to close|in conclusion|turning to|moving on)\b[^,;?]*"
    r"(?:,\s*(?:which|who|that)\s[^,;?]*)?,\s+"  # "…, which bear on his credibility, where is he held?"
    rf"(?=\W*(?:and\s+|so\s+|then\s+)?(?:\w+\s+)?{QUESTION_WORD}\b)",
    re.I,
)
# A part before the last asks only when it opens with its question word ("Where is he held;
# and why?"), not when one sits inside a statement ("Framing matters in how the public reads…;").
OPENS_ASKING = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+|then\s+|in\s+|on\s+|of\s+|to\s+|for\s+|from\s+|by\s+|with\s+)?"
    rf"{QUESTION_WORD}\b",
    re.I,
)


# "so could you tell me whose name is on this piece?": the request, after a statement that
# only mentions a question word ("noting who wrote them").
POLITE_REQUEST = re.compile(rf"^\W*(?:so\s+)?{COULD_YOU}\s+(?:please\s+)?(?:{REQUEST_VERBS}|say)\b", re.I)


def asking_part(question: str) -> str:
    """The parts of a wordy question that ask, without its asides ("Forgive my scepticism",
    "My late husband always said they had a finger in every pie."): the words that must be
    the coverage's. The whole question when it has one part, or no part asks."""
    question = without_guess(question)
    parts = [part for sentence in split_sentences(question) for part in ASIDE_BREAK.split(sentence) if part.strip()]
    parts = [piece for part in parts for piece in _scene_and_question(part)]
    # A sentence ending in a full stop states, unless it asks you to tell ("That matters for
    # how much I trust him." is why, not what, the reader asks).
    # "…parked right now — sipping drinks on a beach somewhere, or what?": a guess offered, which
    # asks only by its tag.
    # "Who's paying him to push this story — the CIA?": a name guessed at the end asks as well.
    asking = [part for i, part in enumerate(parts) if (ASKING.search(GUESS_TAG.sub("", part)) or i == len(parts) - 1 and GUESSED_NAME.match(part)
                                                                  and not parts[i - 1].rstrip().endswith("?"))
              and (not part.rstrip().endswith((".", "!")) or REQUEST.match(part))
              and (i == len(parts) - 1 or part.rstrip().endswith("?") or not (OPENS_ASKING.search(parts[-1]) or POLITE_REQUEST.match(parts[-1]))
                   or OPENS_ASKING.search(part) or REQUEST.match(part) or ASKING.match(part))]
    return " ".join(asking) if asking and len(asking) < len(parts) else question


def without_guess(question: str) -> str:
    """The question without a guess tagged on at its end (`GUESSED`)."""
    return GUESSED.sub("", question).strip() or question


def _scene_and_question(part: str) -> list[str]:
    """A part split after a clause that sets the scene, when the rest asks."""
    match = LEADING_CLAUSE.match(part)
    return [part[:match.end()].rstrip(" ,"), part[match.end():]] if match else [part]


def has_cue(kind: str, text: str) -> bool:
    """Whether `text` holds the kind of thing a question of type `kind` asks for."""
    pattern = CUES.get(kind)
    return bool(pattern and pattern.search(text))


# --- questions about the article itself -------------------------------------------------------

# Which header line answers a question about the article ("Who wrote this piece?", "When was
# the story published?"): the line's opening words, as `chunking.header_text` writes them.
DATE_FIELD = ("published ", "updated ")
TITLE_FIELD = ("",)  # the header's first line, and the subtitle under it
SUBTITLE_FIELD = ("subtitle: ",)
SUBTITLE_WORDS = (r"sub-?titles?|sub-?head(?:line|ing)?s?|(?:after|below|under|beneath|following) the byline|standfirst|strapline|second (?:title|headline)|"
                  r"(?:headline|title) (?:under|underneath|below)|(?:under|underneath|below) the (?:main )?(?:headline|title)")
# Words for an article itself, shared by the patterns below so they cannot drift apart.
# The last few as a Portuguese or Spanish reader writes them ("the title of this notícia").
DOCUMENT_NOUNS = ("article|story|piece|report|page|post|column|update|roundup|bulletin|dispatch|explainer|op-ed|feature|write-up|"
                  "not[ií]cia|artigo|art[ií]culo|reportagem|mat[ée]ria")
# "The big heading says…": the headline as a reader sees it, not a section's heading.
# "the big title says…", "Per the feature title…": the article's title, not a person's.
BIG_HEADING = rf"(?:big|main|top|large|largest|biggest) (?:heading|title)|(?:{DOCUMENT_NOUNS}) title"
HEADER_FIELDS = [  # the date first: "When was this article written?" asks for a date, not a byline
    (re.compile(r"^\W*when\b|\bdated?\b|\bdateline\b|\b(what|which) (day|date|year)\b|^\W*year of\b", re.I), DATE_FIELD),
    (re.compile(r"\b(section|category)\b|\bfiled (under|in)\b|\b(part|area) of the (paper|site|website|newspaper)\b", re.I), ("section: ",)),
    # "What is the name of the outlet that published this piece?", "Who published this article?":
    # a header line few pages print (asked of this article: "this", "it").
    (re.compile(r"(\b(which|what) (news )?(outlet|publication|newspaper|website|site)\b|\bpublisher\b|"
                r"\bname of (the |this )?(news )?(outlet|publication|newspaper|website|site)\b|^\W*who\b.*\bpublished\b)"
                r"(?=.*\b(this|it)\b)", re.I), ("publisher: ",)),
    (re.compile(r"\b(under|in) (whose|what|which) name\b", re.I), ("by ",)),
    (re.compile(r"\b(published|updated|posted)\b", re.I), DATE_FIELD),
    # "What is the writer's title?" asks for the role in the byline, "the story's title" for the headline.
    (re.compile(rf"\b(?!(?:{DOCUMENT_NOUNS})[’']s)\w+[’']s (job |editorial )?(title|role|position)\b|"
                r"\b(his|her|their) (job |editorial )?(title|role|position)\b|\b(job|professional|editorial|official|work) title\b|\beditorial (role|position)\b|"
                # "What title does the byline give him?": his, not the article's.
                r"\btitle\b[^?]*\b(?<!after the )(?<!below the )(?<!under the )(?<!following the )(byline|him|her)\b|\bin what capacity\b(?=[^?]*\b(publication|outlet|paper|newspaper|site|byline)\b)", re.I), ("by ",)),
    (re.compile(rf"\b({SUBTITLE_WORDS})\b", re.I), SUBTITLE_FIELD),
    (re.compile(rf"\b(headline|headlined|title|{BIG_HEADING})\b|\b(?:{DOCUMENT_NOUNS})[’']s heading\b", re.I), TITLE_FIELD),
    (re.compile(rf"\b(author|authorship|authored|wrote|written|writer|penned|byline|reporter|journalist)\b|^\W*who\b.*\bfiled\b|\bwhose pen\b|"
                # "Who's the newsroom guy whose name is on this piece?"
                rf"\bwhose name is (on|at the top of) (this|the) ({DOCUMENT_NOUNS})\b|"
                # "Is there a named person behind this piece, or is it unsigned?"
                rf"\bunsigned\b|\b(person|people|someone|somebody|who|who[’']s|who is|name)\s+behind (this|the) ({DOCUMENT_NOUNS})\b|"
                rf"\b(writes?|writing) (this|the) ([\w-]+ )?({DOCUMENT_NOUNS}|analysis)\b|\beditor\b", re.I), ("by ",)),
    (re.compile(r"\b(url|link|web ?address)\b", re.I), ("source: ",)),
]
HEADER_LINE_NAMED = re.compile(rf"\b(headline|headlined|{SUBTITLE_WORDS}|{BIG_HEADING}|(?:{DOCUMENT_NOUNS})[’']s (?:heading|title))\b", re.I)
# "The big title of the main story say … what thing?"
HEADER_LINE_SAYS = re.compile(rf"{HEADER_LINE_NAMED.pattern}(?:\s+of\s+(?:the|this)\s+(?:\w+\s+)?(?:{DOCUMENT_NOUNS}))?\s+(says?|reads?)\b", re.I)
# "What does it say?", "…does it say that…": "it" and nothing else asked about (not "about Cabello").
IT_SAYS = re.compile(r"\b(does|did) it (say|read)\b\s*(?:exactly\s*)?(?:\?|$|that\b)", re.I)
NAMES_A_HEADER_LINE = re.compile(r"^\W*what(?:[’']s| is| was)\s+the\s+(?:full\s+|main\s+|exact\s+)?"
                                 r"(?:sub-?heading|sub-?title|sub-?headline|headline|title|byline|dateline)\s+(?:under|in|with|that|which)\b", re.I)
# The question must be about the article, not a fact in it: "Who wrote to Trump?" and "When was
# the letter written?" are about the coverage's people and papers, not its byline.
ABOUT_THE_ARTICLE = re.compile(
    rf"\b({DOCUMENT_NOUNS}|coverage|byline|author|authorship|reporter|journalist|writer|outlet|headline|dateline|header)s?\b|\bheadlined\b|\b({SUBTITLE_WORDS}|{BIG_HEADING})\b|"
    r"\b(this|the) (news )?(web)?site\b|\bthis\W+([\w-]+\W+){0,2}news\b|\b(these|this) latest news\b|\bthese news\b|\bthe (latest )?news (is|was) from\b|\bwho wrote (this|it)\b|\b(does|did) the title\b|\b(date|day) (on|of) (this|it)\W*$|\b(date|day) (on|of) this\W+([\w.-]+\W+){0,4}(thing|stuff|saga|business)\W*$|\b(what|which) (day|date) (is|was) (this|it) from\W*$|\b(this|it|news)\b[^?]{0,60}?\b(is|was) from (which|what) (day|date)\b|\b(in|from|according to) (the )?title\b|^\W*what(?:[’']s| is| was) the title\W*$|\bthis (news|analysis)\b|\b(part|area) of the (paper|newspaper)\b|\bfiled\b|\b(publish|publication|posting) date\b|\bdateline\b|"
    r"^\W*\w+ (\w+ )?(wrote|written|published|updated|posted) (this|it)\b|\b(this|it) (was )?(written|published|updated|posted)\b",
    re.I,
)


# "What does the author say would be a grave mistake?", "Why, in the author's view, …?",
# "According to the piece, …?" ask what the article says, not who wrote it.
SAYING = (
    r"say|says|said|saying|think|thinks|argue|argues|believe|believes|claim|claims|recommend|recommends|"
    r"suggest|suggests|warn|warns|call|calls|describe|describes|mean|means|consider|considers|predict|"
    r"predicts|propose|proposes|want|wants|conclude|concludes|write about|wrote about|expect|expects|"
    r"see|sees|feel|feels|urge|urges|advise|advises|forecast|forecasts|mention|mentions|"
    r"view|views|regard|regards|judge|judges|assess|assesses|foresee|foresees|characteri[sz]e|characteri[sz]es|"
    r"portray|portrays|depict|depicts|envision|envisions|envisage|envisages|anticipate|anticipates|deem|deems|"
    r"sketch|sketches|outline|outlines|lay out|lays out|frame|frames|counsel|counsels|insist|insists|maintain|maintains|contend|contends|stress|stresses|emphasi[sz]e|emphasi[sz]es|"
    r"favou?r|favou?rs|support|supports|endorse|endorses|advocate|advocates|allow for|allows for|acknowledge|acknowledges|admit|admits|present|presents|treat|treats"
)
ASKS_WHAT_IT_SAYS = re.compile(
    rf"\b(author|writer|reporter|journalist|article|story|piece|report|it|he|she|they|this)\W+(\w+\W+){{0,2}}?({SAYING}|asks?|invites?)\b|"
    # "How does the writer wrap it up?", "the piece ends with…": how the article closes.
    r"\b(author|writer|article|story|piece|report)\W+(\w+\W+){0,1}?(wraps?|sums?|ends?|closes?|finish(?:es)?)\s+"
    r"(?:(?:it|things|this|everything)\s+)?(?:all\s+)?(?:up|with|on|by)\b|"
    r"\b(according to|per) (the |this )?(author|writer|article|story|piece|report|page)\b|"
    # "…would be what, says the author at the end?": the verb first, as a reader adds it.
    rf"[,;]\s*({SAYING}) (the|this) (author|writer|reporter|journalist|article|story|piece|report)\b|"
    # Hindi puts it after: "Writer ke hisaab se…" -> "Writer according to…".
    r"\b(author|writer|article|story|piece|report)\s+according to\b|"
    r"\b(author|writer|article|piece|story)[’']s (view|opinion|forecast|take|argument|prediction|analysis|conclusion|assessment|judge?ment|estimation|words)\b|"
    r"\b(view|opinion|forecast|take|argument|prediction|analysis|conclusion|assessment|judge?ment|estimation)s? of the (author|writer|article|piece|story)\b|"
    r"^\W*why\b",
    re.I,
)


# A name inside a sentence ("on what date did Carvajal send it"): what the sentence is about.
NAMED_IN_PASSING = re.compile(r"(?<=[\w,’']\s)[A-Z]")
# "Who is the author of the letter to Trump?" is about a letter the article quotes.
# Not "Per the feature title, …", which names the headline.
ACCORDING_TO_THE_ARTICLE = re.compile(rf"^\W*(?:according to|per) (?:the|this) (?:{DOCUMENT_NOUNS})\W+(?!(?:title|heading)\b)", re.I)
ABOUT_SOMETHING_ELSE = re.compile(
    rf"\b(author|writer|date)\s+of\s+(the|that|his|her|their|its)\s+(?!{DOCUMENT_NOUNS})\w+|"
    r"\b(author|writer|reporter|journalist)[’']s\s+(own\s+|personal\s+)?(opinions?|views?|stance|feelings?|politics|take)\b|"
    # "the article's Expert Insight section": a part of the article, not the site's section
    rf"\b(?:{CALLOUT_LABELS}|faq)\W+(?:{CALLOUT_PARTS}|part)\b|\bsection (?:heading|title|header)s?\b|"
    # "the article's closing section": a part of the article, not where the site files it
    r"\b(?:closing|opening|final|last|first|concluding|introductory|question-and-answer)\s+(?:section|part)\b",
    re.I,
)


SAYS = re.compile(rf"\b({SAYING}|according to|accuse|accuses|accusing|allege|alleges|alleging|claiming|saying)\b", re.I)


def mentions_saying(question: str) -> bool:
    """Whether the question is about what someone says ("What does Carvajal say…?")."""
    return bool(SAYS.search(question))


def asks_what_it_says(question: str) -> bool:
    return bool(ASKS_WHAT_IT_SAYS.search(question))


def header_field_asked(question: str) -> tuple[str, ...]:
    """The header line a question about the article itself asks for (the line prefixes: "by "
    for "Who wrote this piece?"), or () when it asks about something in the article."""
    # "Who wrote this piece? I want to know whose claims I'm reading.": the question is the part
    # that asks; the rest is why.
    # "what date is it from? (wrote piece)": the words carried from the turn before say what "it" is.
    # "Considering the letter is central to the story, on what date did he send it?" asks
    # about the letter: the scene set before the question is no part of what it asks.
    own = CARRIED_CONTEXT.sub("", question)
    part = asking_part(own)
    # ...but "The header says this is the 'latest news' — as of what date?" asks about the
    # header all the same: the part that asks names nothing else.
    # "There was a longer line underneath the headline… What does it say that…?": the scene
    # says what "it" is, a line of the header.
    it_is_a_header_line = IT_SAYS.search(part) and HEADER_LINE_NAMED.search(own[: len(own) - len(part)] if own.endswith(part) else "")
    if (ABOUT_THE_ARTICLE.search(part) or NAMED_IN_PASSING.search(part)) and not it_is_a_header_line:
        own = part
    # "According to the article, who wrote this news piece?" asks about the article all the same.
    own_asking = ACCORDING_TO_THE_ARTICLE.sub("", own[: own.rfind("?") + 1] or own)
    asking = own_asking + "".join(CARRIED_CONTEXT.findall(question))
    if not ABOUT_THE_ARTICLE.search(asking) or ABOUT_SOMETHING_ELSE.search(asking):
        return ()
    # "What is the subheading under which the article frames its analysis?" names the line it
    # wants; what the article says comes after, in a clause.
    # ...but "The story's heading says Venezuela weaponized something. What?" asks what the headline says.
    if ASKS_WHAT_IT_SAYS.search(asking) and not NAMES_A_HEADER_LINE.match(asking) and not (
            HEADER_LINE_SAYS.search(asking) or it_is_a_header_line):
        return ()
    # The field is asked in the question's own words: "And has the regime shown any willingness?
    # (… author necessary …)" asks nothing of the byline, whatever the earlier turn asked.
    return header_field_named(own_asking)


def header_field_named(question: str) -> tuple[str, ...]:
    """The header line a question's words name ("by " for "Carter’s title?"), whatever it asks about."""
    return next((prefixes for pattern, prefixes in HEADER_FIELDS if pattern.search(question)), ())


def header_lines(question: str, header: str) -> list[str]:
    """The lines of an article's header that answer a question about the article itself
    (the byline for "Who wrote this piece?"), or [] when it asks something else."""
    prefixes = header_field_asked(question)
    lines = header.split("\n")
    if not prefixes:
        return []
    if prefixes == TITLE_FIELD or prefixes == SUBTITLE_FIELD and not any(line.lower().startswith(SUBTITLE_FIELD) for line in lines):
        # The deck under the headline is half of what a page shows as its title ("the full
        # headline"); a page without one has only its headline to give.
        return lines[:1] + [line for line in lines if line.lower().startswith(SUBTITLE_FIELD)]
    wanted = [line for line in lines if line.lower().startswith(prefixes)]
    if not wanted and prefixes == DATE_FIELD:  # no dateline: a dated headline ("… (Dec 4)")
        wanted = [line for line in lines[:1] if TIME.search(line)]
    if prefixes == DATE_FIELD and ASKS_FOR_A_YEAR.search(question):
        # "In what year was this published?" is not answered by "(Dec 4)".
        wanted = [line for line in wanted if YEAR.search(line)]
    return wanted


# "…utilizing state resources – aircraft, security, and diplomatic cover": a passage listing
# things itself, after a dash, colon or "such as".
LIST_ITEM = r"(?!that\b)[\w’'-]+(?:\s+[\w’'-]+){0,2}"
INLINE_LIST = re.compile(rf"\s*(?:[–—:(]|,?\s+(?:such as|including|like))\s*{LIST_ITEM}(?:,\s+{LIST_ITEM})*,?\s+(?:and|or)\s+{LIST_ITEM}")


def lists_inline(asked_stems: set[str], text: str) -> bool:
    """Whether `text` lists the things one of `asked_stems` names ("state resources – aircraft,
    security, and diplomatic cover" for "resourc")."""
    # The head noun or the word before it: "which things of the state…" asks for the "state resources".
    words = list(re.finditer(r"[\w’'-]+", text))
    return any(INLINE_LIST.match(text, match.end()) and (stem(match.group().lower()) in asked_stems
               or i > 0 and stem(words[i - 1].group().lower()) in asked_stems and words[i - 1].group()[0].islower())
               for i, match in enumerate(words))


# "Which three things…?", "the two effects": how many things the reader asks for.
COUNTED_ITEMS = re.compile(r"\b(?:what|which|the|name|list)\s+(two|three|four|five|six)\s+(?!of\b)[a-z]", re.I)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
SERIES_ITEM_WORDS = 4
DASH = r"\s[–—]\s|\s-\s|:\s"  # "law enforcement resources": longer, a segment is the clause before a series


def things_counted(question: str) -> int | None:
    counted = COUNTED_ITEMS.search(question)
    return COUNTS[counted.group(1).lower()] if counted else None


def series_lengths(text: str) -> set[int]:
    """How many things each "A, B, and C" series of `text` may list. The first item shares its
    segment with the clause before it or stands alone ("…security, impacting public health, law
    enforcement resources, and social cohesion"), so each series counts either way; a dash
    before it settles it ("state resources – aircraft, security, and diplomatic cover –")."""
    lengths = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        segments = sentence.split(",")
        for end in range(1, len(segments)):
            words = re.split(DASH, segments[end])[0].split()
            # "…, and C" ends a series; so does "…, B and C", two items in one segment.
            two_in_one = any(joiner in words[1:SERIES_ITEM_WORDS] for joiner in ("and", "or"))
            if not words or len(words) > SERIES_ITEM_WORDS + 1 or not (words[0] in ("and", "or") or two_in_one):
                continue
            items = 1 + (words[0] not in ("and", "or"))
            start, settled = end, False
            while start > 0 and not settled:
                before = re.split(DASH, segments[start - 1])
                if len(before[-1].split()) > SERIES_ITEM_WORDS:
                    break
                start, settled, items = start - 1, len(before) > 1, items + 1
            lengths |= {items} if settled or start == 0 else {items, items + 1}
    return lengths
