"""Whether the best passages hold what a kind of question needs before it can be answered.

"How did Trump respond to the letter?" is answered only by a passage reporting him reacting;
"Who leads the opposition?" only by one saying someone leads it; "Which cartel is the largest?"
only by one ranking cartels that way. Each check below names the kind of question it reads and
what it looks for in the text; `abstention.reason_to_abstain` declines when one says the
coverage lacks it. The cues are words of news prose, never facts of one article.
"""

from __future__ import annotations

import re

from assistant.answer_types import ASKING, QUESTION_WORD, SEARCH_BOX, asking_part
from assistant.lexicon import without_possessive
from assistant.text import split_sentences, stem, terms

__all__ = [
    "asks_about_designation", "asks_for_reaction", "contrast_missing", "counsel_missing", "done_missing", "employer_missing", "leader_missing", "name_origin_missing",
    "predecessor_missing", "premise_contradicted", "production_missing", "ranking_missing", "reactor", "reports_reaction", "said_about_missing",
    "sentence_missing", "stance_missing",
]


# --- reactions --------------------------------------------------------------------------------

# "How did Trump respond to Carvajal's letter?", "Did Maduro reply?": a person's reaction, which
# coverage of a claim often does not have. It answers only where it reports that person reacting.
REACTION_QUESTION = re.compile(
    # "a response to/from", "his response": someone's; "a policy response" is what to do.
    r"\b(respond|responded|reply|replied|react|reacted|response\s+(?:to|from)|(?:his|her|their|its|[’']s)\s+response|reaction|answered|"
    r"(write|wrote|written|get|got|say|said|hear|heard) back|acknowledged?|comment(?:ed)? on|weighed in|(?<![-&])answer|(?<![-&])answers|"
    # "Has Maduro denied the allegations himself?": a reaction too, reported or not.
    r"deny|denies|denied|denial|reject|rejects|rejected|refute|refutes|refuted|rebut|rebuts|rebutted|rebuttal)\b",
    re.I,
)
REACTION = re.compile(
    r"\b(respond\w*|repl(y|ied|ies)|react\w*|response|answered|rejected|denied|dismissed|welcomed|"
    r"condemned|said|says|told|vowed|declined to comment|called (it|the))\b",
    re.I,
)


# Who is asked to have reacted: "How did Caracas (officially) react…", "How has the incoming
# American president responded…" (not "How should the US respond?", which asks for advice).
REACTOR = re.compile(
    r"\b(?:did|has|have|had|was|were)\s+((?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3}?)\s+(?:\w+ly\s+)?"
    r"(?:respond|reply|react|answer|acknowledge|write back|get back|responded|replied|reacted|acknowledged)\b",
    re.I,
)


# A stance shown towards something ("has shown little willingness to negotiate", "refused to…").
STANCE_SHOWN = re.compile(r"\b(?:shown|showed|refused|refuses)\b(?:\W+\w+){0,2}?", re.I)


def reactor(question: str) -> str:
    """The word for whoever a reaction question asks about ("Caracas", "president"), or "".
    Only when the reaction is all that is asked: "What is necessary…, and how has Miraflores
    responded?" is half answered by what is necessary."""
    match = REACTOR.search(question)
    return match.group(1).split()[-1] if match and not re.search(r",|\band\b", question[:match.start()]) else ""


# "In the FAQ, what's the answer on evidence?": the FAQ's answer, no one's reaction.
FAQ_ANSWER = re.compile(r"\b(?:the|its|an?|faq[’']?s?)\s+answers?\b", re.I)
# "…, according to the answer given?": the FAQ's answer. Not "in the answer Trump sent".
ANSWER_GIVEN = re.compile(r"\baccording to the answers?\b|\bthe answers? (?:given|there|below|at the bottom)\b", re.I)
# "How does the piece answer that?": the article answering a question, no one's reaction.
ARTICLE_ANSWERS = re.compile(r"\b(?:the|this|that)\s+(?:piece|article|story|faq|report|text|coverage|author|writer)\s+"
                             r"(?:\w+ly\s+)?(?:answers?|answered|respond\w*|repl(?:y|ies|ied))\b", re.I)


def asks_for_reaction(question: str) -> bool:
    # Not in a statement beside the question: "…? I still write letters, though nobody seems to
    # answer them anymore." asks no one's reply; "Trump answer the letter? What he say?" and
    # "Tell me how Trump responded to the letter." do.
    asking = " ".join(s for s in split_sentences(question)
                      if not s.rstrip().endswith((".", "!")) or ASKING.search(s)) or question
    question = ARTICLE_ANSWERS.sub("", asking)
    if re.search(r"\bfaqs?\b", question, re.I) or ANSWER_GIVEN.search(question):
        question = FAQ_ANSWER.sub("", question)
    return bool(REACTION_QUESTION.search(question))


def reports_reaction(person: str, text: str, question: str = "") -> bool:
    """Whether `text` reports `person` reacting: a reaction word within a few words after the
    name ("Trump said…", "Maduro's government rejected…"), not just both in one sentence
    ("Carvajal said he had written to Trump" is no reply of Trump's). Or, to what the question
    names, a stance taken: "How has Maduro responded to the idea of negotiating?" is answered by
    "the Maduro regime has shown little willingness to negotiate", a denial by nothing of it."""
    near = re.compile(rf"\b{re.escape(person)}\b(?:\W+\w+){{0,3}}?\W+(?:{REACTION.pattern})", re.I)
    if near.search(text):
        return True
    stance = re.compile(rf"\b{re.escape(person)}\b(?:\W+\w+){{0,3}}?\W+(?:{STANCE_SHOWN.pattern})((?:\W+\w+){{1,4}})", re.I)
    asked = {stem(w) for w in terms(question)} - {stem(person.lower())}
    return any(asked & {stem(w) for w in terms(m.group(1))} for m in stance.finditer(text))


def _asked_but_unsaid(asked: re.Pattern, said: re.Pattern, question: str, texts) -> bool:
    """Whether the question asks for a kind of fact (`asked`) and none of `texts` gives one (`said`)."""
    return bool(asked.search(question)) and not any(said.search(text) for text in texts)


# --- names ------------------------------------------------------------------------------------

# "Where does the name 'Cartel of the Suns' come from?", "Why is it called that?": a question about
# a name's origin, which coverage using the name rarely explains. Answered only where a passage
# says what a name is after or why something is called so.
NAME_ORIGIN_QUESTION = re.compile(
    r"\bname\b.{0,40}\b(come from|comes from|came from|origin|mean|means|derive[sd]?)\b|"
    r"\b(origin|meaning) of (the|its|their|his|her) (name|nickname)\b|"
    # "From where comes this name?": a learner's word order.
    r"\bwhere\b.{0,15}\b(comes?|came)\b.{0,20}\b(name|nickname)\b|"
    # Not "Why is it called 'exceptionally difficult to dismantle'?", "Who called this 'a
    # paradigm shift'?": a description quoted from the text, no name.
    r"\bwhy\b.{0,30}\b(called|named|nicknamed|known as)\b(?!\s*[\"“‘'](?:(?:the|a|an)\s+)?(?-i:[a-z]))|"
    r"\b(called|named) (that|so|this)\b(?!\s*[\"“‘'])|"
    # "Why do they call him El Pollo?": a name given to someone.
    r"\bwhy\b.{0,30}\bcalls?\s+(?!(?:on|upon|for|the|a|an|up|out|off|in|back)\b)[\w’'-]+\s+[\"“‘']?(?-i:[A-Z])",
    re.I,
)
NAME_ORIGIN = re.compile(
    r"\b(named (after|for)|takes? its name|gets? its name|name (comes|derives)|so[- ]called because|"
    r"called (that|so) because|refers? to|in reference to|derived from|nicknamed because)\b",
    re.I,
)


def name_origin_missing(question: str, texts) -> bool:
    """True when the question asks where a name comes from and none of `texts` says."""
    return _asked_but_unsaid(NAME_ORIGIN_QUESTION, NAME_ORIGIN, question, texts)


# --- rankings ---------------------------------------------------------------------------------

# "Which Mexican cartel is the largest?" asks the coverage to rank things; it answers only where
# its text ranks them with the same word.
SUPERLATIVE = re.compile(
    r"\b(largest|biggest|smallest|richest|poorest|oldest|newest|strongest|weakest|deadliest|"
    r"most (powerful|dangerous|important|influential|violent|wanted|big|large|strong|rich|bad)|highest|lowest|"
    # "Which US state got hit hardest?" (not "the worst-case scenario").
    r"(?:hit|affected) (?:the )?(?:hardest|worst)|(?:hardest|worst)[- ]hit|"
    # "Which US city gets the most drugs?": a quantity ranked (any "most" in the text ranks).
    r"(?:get|gets|got|receive|receives|received|suffer|suffers|suffered|send|sends|sent|import|imports|export|exports|"
    r"produce|produces|produced|use|uses|used|spend|spends|spent|lose|loses|lost|see|sees|saw) the most)\b",
    re.I,
)


def ranking_missing(question: str, texts) -> bool:
    """True when the question asks for the largest/best/most… of something and none of
    `texts` uses that word: the coverage does not rank what is asked about."""
    match = SUPERLATIVE.search(asking_part(question))  # not "If it spreads beyond the largest market, …"
    if not match:
        return False
    said = "most" if match.group(0).lower().endswith("the most") else match.group(0)
    word = re.compile(rf"\b{re.escape(said)}\b", re.I)
    return not any(word.search(text) for text in texts)


# --- who came before ------------------------------------------------------------------------

# "Who was president of Venezuela before Chávez?": the coverage answers only where it says who
# came before that person.
# "Who ran it before Maduro?": a name right after "before" (not "before in Venezuela", "before
# his arrest").
PREDECESSOR_QUESTION = re.compile(r"^\W*who\b.*\b(?:before|prior to|preceded)\s+(?!(?:in|on|at|to|then|now|that|this|him|her|them|it|his|its|their)\b)"
                                  r"(?:[A-Z]\w+\s+)?([A-Z][\w’'-]+)", re.I)


def predecessor_missing(question: str, texts) -> bool:
    match = PREDECESSOR_QUESTION.search(question)
    if not match:
        return False
    name = re.escape(match.group(1))
    said = re.compile(rf"\b(?:before|prior to|preceded|predecessor|succeeded)\b[^.]*\b{name}|\b{name}\b[^.]*\b(?:predecessor|succeeded)", re.I)
    return not any(said.search(text) for text in texts)


# --- who leads something ----------------------------------------------------------------------

# "Who leads the Venezuelan opposition?", "Who is the leader of the Cartel of the Suns?": the
# thing led, after the verb or after "leader of". Not "Who runs/controls the cartel?", which a
# group answers ("a network of Venezuelan military officials").
LEADER_QUESTION = re.compile(
    r"^\W*who(?:\s+|[’']s\s+|\s+is\s+)(?:currently\s+|actually\s+|really\s+)?(?:leads|led|heads|headed|founded|commands|"
    r"leading|heading(?!\s+(?:to|for|into|toward|towards|back)\b)|commanding|is in charge of|in charge of)\s+(.+)|^\W*who\b.*?\b(?:leader|head|founder|boss|commander|mastermind)\s+of\s+(.+)|"
    # "Which generals does the piece name as leaders of the cartel?"
    r"\b(?:which|what)\b[^?]*?\b(?:leaders|heads|founders|bosses|commanders|masterminds)\s+of\s+(.+)|"
    # "What is the name of the Venezuelan opposition leader who…?": the thing led before the title.
    r"\bname\s+of\s+the\s+((?:(?!(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|might|may)\b)[\w’'-]+\s+){1,3}?)(?:leader|head|founder|boss|commander|mastermind)\b(?!\s+of\b)|"
    # A search-box query: "cartel of the suns founder".
    rf"{SEARCH_BOX.removesuffix('[^?]*')}(.+?)\s+(?:leader|head|founder|boss|commander|mastermind)s?(?:\s+(?:name|names|who))?\W*$",
    re.I,
)
LEADING = re.compile(
    r"\b(lead|leads|led|leader|leaders|leadership|head|heads|headed|chief|founder|founded|boss|runs|run by|"
    r"commander|commanded|commands|under|controls|controlled|in charge|mastermind)\b",
    re.I,
)
LED_THING_SKIPS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "so-called", "current", "whole",
                   "of", "de", "del", "la", "los", "las", "el", "and", "in", "on", "for"}


def leader_missing(question: str, texts) -> bool:
    """Whether a question asking who leads something gets no sentence that speaks of leading
    that thing: "the Venezuelan government, under Hugo Chávez" answers who leads the
    government; nothing answers who leads "the opposition" in coverage that never says so."""
    match = LEADER_QUESTION.search(question)
    if not match:
        return False
    # "Which two leaders of Venezuela does the spy boss say…": the thing led ends at the verb.
    led = re.split(r"\s+(?:does|do|did|is|are|was|were|has|have|had|says?|said|name|names|named)\b",
                   next(group for group in match.groups() if group), maxsplit=1)[0]
    words = re.findall(r"[\w’'-]+", led)
    lowered = [w for w in words if w.islower() and w not in LED_THING_SKIPS]
    thing = (lowered or [w for w in words if w.lower() not in LED_THING_SKIPS] or [""])[0].lower()[:5]
    sentences = (s for text in texts for s in split_sentences(text))
    return bool(thing) and not any(LEADING.search(s) and thing in s.lower() for s in sentences)


# --- outcomes, workplaces, designations ----------------------------------------------------------

# "What sentence did Carvajal receive?": a sentence received, faced or handed down, which
# "awaiting sentencing" is not; nor is "Which sentence sums up the article?" asking for one.
PRISON_TERM = r"(sentence|prison term|jail term|term of (imprisonment|prison|incarceration))"
SENTENCING_VERB = r"(receive|received|receiving|get|got|getting|serve|serving|face|faces|facing|hand|handed|give|given|impose|imposed|expected)"
SENTENCE_QUESTION = re.compile(
    rf"\b{PRISON_TERM}\b.*\b{SENTENCING_VERB}\b|\b{SENTENCING_VERB}\b.*\b{PRISON_TERM}\b|\bsentenced to\b", re.I
)
SENTENCE_GIVEN = re.compile(
    r"\bsentenced\s+to\b|\b(sentence|term)\s+of\b|\b(years?|months?|life)\s+(in|behind)\s+(prison|jail|bars)\b|"
    r"\b(faces?|facing)\s+(up to\s+)?\w+\s+years?\b",
    re.I,
)
# "Where does Dr. Ramirez work?": an employer, named after "at", "with" or "for"
# ("an analyst at the Atlantic Council"), which "an analyst specializing in Latin America" is not.
WORKPLACE_QUESTION = re.compile(
    r"\bwhere\s+(does|did|do)\s+([\w.’'-]+\s+){1,3}work\b|\bwho\s+(does|did|do)\s+([\w.’'-]+\s+){1,3}work\s+for\b|"
    r"\b(which|what)\s+(organi[sz]ation|institution|institute|think tank|university|company|firm|employer)\s+"
    r"(is|was|does|did)\s+(\w+\s+){1,3}(with|at|from|work|employed)\b|"
    # "Dr. Ramirez's institutional affiliation", "which think tank is she affiliated with", "Who employs her?"
    r"\b(?:institutional|professional|academic|university)\s+affiliations?\b|"
    r"\b(?:which|what)\s+(?:organi[sz]ation|institution|institute|think tank|university|company|firm)\b[^?]*\baffiliated\b|"
    r"\bwho\s+employs\b|\bemployer\b|"
    # "Where did Dr. Ramirez go to school?", "Where was she educated?": a school, named as an employer is.
    r"\bwhere\s+(does|did|do|was|is)\s+([\w.’'-]+\s+){1,3}(go\s+to\s+(school|college|university)|stud(y|ied)|educated)\b|"
    r"\balma\s+mater\b|\b(which|what)\s+(school|college|university)\s+(did|does|was)\b",
    re.I,
)
EMPLOYER = re.compile(
    r"\b(at|with|for|of)\s+(the\s+)?[A-Z][\w’'-]+\s+(University|Institute|Institution|Council|Center|Centre|Foundation|"
    r"Group|Agency|Department|Ministry|Bureau|School|College|Corporation|Company|Inc|Ltd|Times|Post|News)\b|"
    r"\b(works?|worked|employed)\s+(at|for|with|by)\s+(the\s+)?[A-Z]|"
    r"\b(analyst|fellow|professor|director|researcher|scholar|lecturer|economist|adviser|advisor|consultant|"
    r"editor|reporter|correspondent|spokes\w+)\s+(at|with|for)\s+(the\s+)?[A-Z]"
)
# "Has Washington formally designated the cartel a terrorist organization?": an official label,
# which the coverage gives only in the words the question uses.
DESIGNATION_QUESTION = re.compile(
    r"\bdesignat\w*\b(?!\s+(?:officials|individuals|persons|people|entities|targets)\b)|\b(officially|formally)\s+(a|an|designated|listed|labell?ed|classified|recogni[sz]ed)\b|"
    r"\b(listed|classified|labell?ed)\s+as\b",
    re.I,
)


# "Has he already been sentenced?", "Is it true that…?": a question answered yes or no.
YES_NO = re.compile(r"^\W*(?:is it (?:true|the case|so) that\s+|did the (?:article|piece|story) say (?:that\s+)?)?"
                    r"(?:has|have|had|is|are|was|were|did|does)\b", re.I)
# "…confirmed for his claims or not yet?", "Somebody already checked…?": yes or no all the same.
OR_NOT = re.compile(r"\bor not(?: yet)?\W*$", re.I)
STARTS_WITH_QUESTION_WORD = re.compile(rf"^\W*{QUESTION_WORD}\b", re.I)
# Said of a check ("verification of his claims is ongoing"): not done yet, an answer to "already
# confirmed?". Only for an act of checking: "already stopped?" is not answered by it.
NOT_YET = re.compile(r"\b(?:ongoing|pending|not yet|unconfirmed|remains? to be|still being)\b", re.I)
CHECKING_ACTS = {stem(w) for w in ("confirmed", "verified", "checked", "proven", "proved", "corroborated", "substantiated", "established")}
# "What sanctions has the US already imposed?": an act reported done, which a recommendation
# ("Impose targeted sanctions on…") is not.
ALREADY_DONE = re.compile(r"\balready\s+(?:been\s+)?([a-z]{3,}ed|put|set|made|taken|given|sent|brought|laid|done)\b", re.I)
# "What targeted sanctions did the Trump administration impose on Dec 4?": an act of state
# asked about as done.
DID_ACT = re.compile(r"^\W*(?:what|which)\b[^?]*?\bdid\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?"
                     r"(impose|enact|implement|adopt|announce|introduce|pass|sign|approve|levy)\b", re.I)


# "Which US sanctions are already on Maduro right now?": measures in force, which a
# recommendation to impose them does not report.
ALREADY_IN_PLACE = re.compile(r"\b(?:are|is|r)\s+already\s+(?:on|in place|in effect|in force|against|imposed on)\b", re.I)
REPORTED_IN_PLACE = re.compile(r"\b(?:imposed|existing|current|in place|in effect|in force|already)\b", re.I)


def done_missing(question: str, texts) -> bool:
    """Whether the question asks what has already been done and none of `texts` reports that
    act done: the verb with a past ending ("imposed") or after "has", "had", "was"."""
    # "Since he already admitted guilt, what did he plead guilty to?": only what is asked.
    asking = asking_part(question)
    if ALREADY_IN_PLACE.search(asking):
        return not any(REPORTED_IN_PLACE.search(text) for text in texts)
    match = ALREADY_DONE.search(asking) or DID_ACT.search(asking)
    if not match:
        return False
    act = stem(match.group(1))
    # "Has he already been sentenced?" is answered by "awaiting sentencing": not yet. "What
    # sentence has he already received?" is not.
    yes_no = bool(YES_NO.match(question) or OR_NOT.search(question)
                  or asking.rstrip().endswith("?") and not STARTS_WITH_QUESTION_WORD.match(asking))
    not_yet = {"awaiting", "pending", "yet"} if yes_no else set()
    for text in texts:
        words = re.findall(r"[a-z]+", text.lower())
        for i, word in enumerate(words):
            # "after pleading guilty" is done too.
            if stem(word) == act and (word.endswith(("ed", "en")) or i and words[i - 1] in {"has", "have", "had", "was", "were", "been"} | not_yet
                                      or word.endswith("ing") and i and words[i - 1] in {"after", "having"}):
                return False
    # "There is evidence already confirmed for his claims or not yet?": "verification of his
    # claims is ongoing" answers no, in a sentence about what is asked.
    if yes_no and act in CHECKING_ACTS:
        asked = {stem(w) for w in terms(asking)} - {act}
        for sentence in (s for text in texts for s in split_sentences(text)):
            if NOT_YET.search(sentence) and asked & {stem(w) for w in terms(sentence)}:
                return False
    return True


# "Since the FAQ confirms Russia is complicit, what exactly did Moscow do?", "The article says
# Russia has been confirmed as running the cartel — what proof does it cite?": a premise put as
# given, which the best passage says the opposite of.
PREMISE = re.compile(r"^\W*(?:since|given that|now that|because|as|(?:the|this) (?:article|piece|story|report|faq) "
                     r"(?:says|states|claims|reports|confirms)|"
                     # "Why does the article say an invasion is likely?"
                     r"why (?:does|did) (?:the|this) (?:article|piece|story|report|author|writer) (?:say|claim|state|argue|think)(?:\s+that)?)\b", re.I)
# "…an invasion is likely" against "a direct military confrontation is unlikely": the same
# thing (a word in common) said unlikely.
LIKELY = re.compile(r"(?<!un)\blikely\b", re.I)
SAID_UNLIKELY = re.compile(r"([^.,;?!:\n]{0,80})\b(?:is|are|was|were|remains?) unlikely\b", re.I)
# (what the premise says, what contradicts it)
OPPOSITES = [
    # "…remains unconfirmed", "independent verification of his claims is ongoing"
    (re.compile(r"\b(?:confirms?|confirmed|proves?|proven|proved|established|establishes)\b", re.I),
     re.compile(r"\b(?:unconfirmed|unverified|unproven|unsubstantiated|not (?:been |yet )?(?:confirmed|verified|proven))\b|"
                r"\bverification\b[^.]*\bongoing\b", re.I)),
    # "Since Carvajal was acquitted at trial…" against "after pleading guilty"
    (re.compile(r"\b(?:acquitted|exonerated|cleared of|found (?:not guilty|innocent))\b", re.I),
     re.compile(r"\b(?:pleading|pleaded|pled|found|was|been) guilty\b|\bconvicted\b", re.I)),
]


# "The FAQ says a confrontation is likely — is that accurate?": the premise is what is asked
# about, and the passage saying otherwise answers it.
CHECKS_PREMISE = re.compile(r"\b(?:is|was|isn[’']t)\s+(?:that|this|it)\s+(?:really\s+)?(?:accurate|true|correct|right|so)\b|"
                            r"\b(?:true|correct|accurate|right)\s*\?\s*$", re.I)


def premise_contradicted(question: str, texts) -> bool:
    """Whether the question puts as given what the best of `texts` says is not so."""
    premise = PREMISE.match(question)
    if not premise or CHECKS_PREMISE.search(question[premise.end():]):
        return False
    # What the opening puts as given, up to where the question proper starts.
    given = re.split(r"[?,;—–]", question[premise.end():], maxsplit=1)[0][:160]
    if LIKELY.search(given):
        given_stems = {stem(w) for w in terms(given)} - {"like", "likely"}
        if any(given_stems & {stem(w) for w in terms(said.group(1))} for text in texts[:1] for said in SAID_UNLIKELY.finditer(text)):
            return True
    return any(claim.search(given) and contradiction.search(text)
               for claim, contradiction in OPPOSITES for text in texts[:1])


def sentence_missing(question: str, texts) -> bool:
    """Whether the question asks for a sentence handed down and none of `texts` gives one."""
    return _asked_but_unsaid(SENTENCE_QUESTION, SENTENCE_GIVEN, question, texts)


def employer_missing(question: str, texts) -> bool:
    """Whether the question asks where someone works and none of `texts` names an employer."""
    return _asked_but_unsaid(WORKPLACE_QUESTION, EMPLOYER, question, texts)


def asks_about_designation(question: str) -> bool:
    """Whether the question asks about an official label ("designated", "officially a…")."""
    return bool(DESIGNATION_QUESTION.search(question))


# --- how a thing is made --------------------------------------------------------------------

# "How do drugs like cocaine actually get made?": how a thing is produced, which only a passage
# speaking of producing it answers.
HOW_MADE = re.compile(r"^\W*how\s+(?:is|are|was|were|do|does|did)\b.*\b(?:made|produced|manufactured|grown|cultivated|"
                      r"refined|processed|cooked|synthesi[sz]ed)\b(?!\s+(?:up|public|clear|aware|possible|available|known)\b)", re.I)
PRODUCING = re.compile(r"\b(produc\w*|manufactur\w*|grow\w*|cultivat\w*|refin\w*|process\w*|cook\w*|laborator\w*|labs?|synthesi[sz]\w*)\b", re.I)


def production_missing(question: str, texts) -> bool:
    """True when the question asks how something is made and none of `texts` speaks of making it."""
    return _asked_but_unsaid(HOW_MADE, PRODUCING, question, texts)


# --- a stance asked of the article -----------------------------------------------------------

# "Does the author personally believe Maduro should be removed by force?", "Is the writer in
# favour of a military intervention?", "Does the article say US strikes on drug boats are
# justified?": the article's view on a proposal, which it holds only where its text speaks of it.
STANCE_QUESTION = re.compile(
    # The writer by role, or both role and name ("Is the author James Carter agree that…"); a
    # name alone asks for a view only "personally" ("Does James Carter personally believe…").
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:does|do|did|is|would|has)\s+(?:(?:the|this)\s+(?:(?:article|piece|story)[’']s\s+)?(?:author|writer|article|piece|story|reporter|journalist|editor|expert|analyst)"
    r"(?:\s+(?-i:[A-Z][\w’'-]+\s+[A-Z][\w’'-]+))?|(?-i:[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)(?=\s+personally\b)|"
    # Someone quoted, by title ("Is Dr. Ramirez in favour of the US invading?").
    r"(?-i:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+[A-Z][\w’'-]+))"
    r"(?:\s+(?:personally|actually|really|himself|herself))?\s+"
    r"(?:(?:favou?r|support|endorse|advocate|back(?!\s+up)|approve)s?(?:\s+that)?|"
    # "think/believe" asks for a view only of what should be done, or of the writer's own
    # ("Does the article think there might be a war?" asks what it predicts).
    r"(?:think|believe|agree)s?(?:\s+that)?(?=.*\b(?:should|ought)\b)|(?<=personally )(?:think|believe)s?(?:\s+that)?|"
    r"(?:in favou?r of|for|against|supportive of)|"
    r"(?:say|says|claim|claims|argue|argues)(?:\s+that)?(?=.*\b(?:justified|justifiable|legitimate|legal|illegal|lawful|unlawful|moral|immoral)\b))\s+(.+)$",
    re.I,
)
STANCE_FILLER = {
    "should", "would", "could", "will", "must", "be", "been", "being", "is", "are", "was", "were", "the", "a", "an", "of",
    "to", "in", "on", "by", "for", "with", "that", "this", "it", "its", "his", "her", "their", "from", "and", "or", "as",
    "at", "personal", "personally", "stance", "view", "really", "actually", "ever", "eventually", "soon", "up", "out",
    "whether", "if", "more", "less", "further", "new", "any", "some",
    # "the writer's take on people who call this just propaganda": the stance is on "propaganda".
    "people", "those", "anyone", "someone", "who", "which", "call", "calls", "called", "just", "only", "mere", "merely",
}


# "What's the author's personal opinion on whether Trump should invade?": the same, asked for.
OPINION_ASKED = re.compile(
    r"^\W*what(?:[’']s|\s+is|\s+was)\s+(?:the\s+)?(?:author|writer|reporter|journalist)[’']s\s+(?:personal\s+|own\s+)?"
    r"(?:opinion|view|stance|position|take)\s+(?:on|about|of)\s+(?:whether\s+)?(.+)$",
    re.I,
)


# "author endorses US military strike on Caracas?": the same, typed as a claim to check.
DECLARED_STANCE = re.compile(
    # Not "The author supports which policies?": a question in statement order.
    r"^(?!.*\b(?:what|which|who|whom|how|why|where|when)\b)\W*(?:the\s+)?(?:author|writer|article|piece|reporter)\s+(?:personally\s+)?"
    r"(?:endorses|supports|favou?rs|backs|advocates|approves(?:\s+of)?|is\s+(?:for|against|in\s+favou?r\s+of))\s+(.+)$",
    re.I,
)


def stance_missing(question: str, texts) -> bool:
    """True when the question asks whether the article holds a view on something, and half or
    more of the words for that something (not names) are in none of `texts`: the article speaks
    of no such thing ("removed by force", "strikes on drug boats")."""
    asking = asking_part(question)
    match = STANCE_QUESTION.match(asking) or OPINION_ASKED.match(asking) or DECLARED_STANCE.match(asking)
    if not match:
        return False
    joined = " ".join(texts)
    # Names are no stance, typed in lower case or not ("trump should invade venezuela").
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w’'-]*", match.group(1))
             if not w[0].isupper() and not re.search(rf"\b{re.escape(w.capitalize())}\b", joined)]
    wanted = [w for w in words if w not in STANCE_FILLER and len(w) > 2]
    said = joined.lower()
    stems = {stem(w) for w in re.findall(r"[^\W\d_]+", said)}
    # A word's start opens a word of the texts: "force" is not in "enforcement".
    missing = [w for w in wanted if stem(w) not in stems and not _opens_a_word(w[:5], said)]
    return bool(wanted) and 2 * len(missing) >= len(wanted)


# --- differences --------------------------------------------------------------------------------

# "What's the difference between fentanyl and cocaine?": general knowledge, unless a sentence
# sets the two against each other ("isn't a traditional cartel like those operating in Mexico").
DIFFERENCE_QUESTION = re.compile(r"\bdifferen(?:ce|ces|t)\s+between\s+(.+?)\s+and\s+(.+?)\W*$|"
                                 r"\bhow\s+(?:does|do|is|are)\s+(.+?)\s+differ(?:ent)?\s+from\s+(.+?)\W*$", re.I)
CONTRAST = re.compile(r"\b(?:unlike|differ\w*|whereas|rather than|instead of|than|compared?|contrast\w*|isn[’']t|aren[’']t|not)\b", re.I)
POINTER = re.compile(r"^\W*(?:this|that|these|those|it|they|he|she|the group|the outfit)\b", re.I)
DIFFERENCE_FILLER = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "of", "and", "like", "such"}


def contrast_missing(question: str, texts) -> bool:
    """Whether a question asking how two things differ gets no sentence naming both and
    setting one against the other."""
    match = DIFFERENCE_QUESTION.search(asking_part(question))
    if not match:
        return False
    # "How is this group different from the Mexican cartels?": a side the question points to
    # ("this group", "it") is whatever the passage is about; the other side must be named.
    sides = [side for side in match.groups() if side and not POINTER.match(side)]
    stems = [[w.lower()[:5] for w in re.findall(r"[^\W\d_]+", side) if w.lower() not in DIFFERENCE_FILLER] for side in sides]
    sentences = [s.lower() for text in texts for s in split_sentences(text)]
    return not any(CONTRAST.search(sentence) and all(any(_opens_a_word(w, sentence) for w in side) for side in stems)
                   for sentence in sentences)


# --- people in a court case -----------------------------------------------------------------------

# "Who is representing Carvajal as defence counsel?", "Which judge presides?": a part in a case
# that coverage of a plea often leaves out; answered only where a passage names the part.
COUNSEL = r"(?:lawyers?|attorneys?|counsel|solicitors?|barristers?|judges?|prosecutors?|defen[cs]e team|legal team)"
COUNSEL_ASKED = re.compile(rf"^\W*(?:who|whom|which|what(?:[’']s| is| was) the name of)\b[^?]*\b{COUNSEL}\b|"
                           rf"\b(?:his|her|their|[\w-]+[’']s)\s+(?:defen[cs]e\s+)?{COUNSEL}\b", re.I)
COUNSEL_SAID = re.compile(rf"\b{COUNSEL}\b", re.I)


def counsel_missing(question: str, texts) -> bool:
    """Whether the question asks for a lawyer, judge or prosecutor and none of `texts` speaks of one."""
    match = COUNSEL_ASKED.search(asking_part(question))
    return bool(match) and not any(COUNSEL_SAID.search(text) for text in texts)


# --- what one person said of a topic --------------------------------------------------------------

# "What did Dr. Isabella Ramirez say about Russia's involvement?": answered only where a passage
# naming that person speaks of the topic too; the person's words elsewhere say nothing of it.
SAID_ABOUT = re.compile(r"^\W*(?i:what\s+(?:did|does|has))\s+((?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+"
                        r"(?:say|said|think|write|argue|claim|have to say)\s+(?:about|of|on|regarding|concerning)\s+(.+?)\W*$")
TOPIC_FILLER = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "of", "and", "in", "it", "all"}


def said_about_missing(question: str, texts) -> bool:
    """Whether the question asks what a named person said about a topic, and no passage of
    `texts` naming that person has the topic's names and half its other words."""
    match = SAID_ABOUT.match(asking_part(question))
    if not match:
        return False
    speaker = without_possessive(match.group(1).split()[-1])
    words = [without_possessive(w) for w in re.findall(r"[^\W\d_][\w’'-]*", match.group(2)) if w.lower() not in TOPIC_FILLER]
    names = [w.lower()[:5] for w in words if w[0].isupper()]
    others = [w.lower()[:5] for w in words if not w[0].isupper()]
    for text in texts:
        if not re.search(rf"\b{re.escape(speaker)}\b", text):
            continue
        lowered = text.lower()
        held = [w for w in others if _opens_a_word(w, lowered)]
        if all(_opens_a_word(w, lowered) for w in names) and 2 * len(held) >= len(others):
            return False
    return True


def _opens_a_word(start: str, text: str) -> bool:
    """Whether some word of `text` starts with `start`: "force" is not in "enforcement"."""
    return bool(re.search(rf"\b{re.escape(start)}", text))
