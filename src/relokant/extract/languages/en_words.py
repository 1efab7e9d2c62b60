"""English word lists and noun-phrase helpers for attribution.

Names are capitalised chunks; titles ("Deputy Labour Minister") and
descriptors ("analysts at") are peeled off; generic sources ("the interior
ministry", "official statistics") count as actors though lower-case.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
STOP = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "while", "when", "based",
    "according", "over", "more", "between", "this", "that", "these", "those", "it", "its",
    "many", "some", "most", "other", "others", "meanwhile", "however", "despite", "after",
    "before", "since", "until", "two", "one", "three", "half", "nevertheless", "their", "his",
    "her", "our", "today", "yesterday", "russia", "russians", "russian", "ukraine",
    "ukrainians", "ukrainian", "georgia", "armenia", "kazakhstan", "turkey", "serbia", "israel",
    "europe", "moscow", "kyiv", "almaty", "tbilisi", "yerevan", "istanbul", "belgrade",
    "western", "west", "soviet", "original", "related", "photo", "all", "only", "also", "about",
    "last", "next", "earlier", "later", "overall", "altogether", "recently",
    "previously", "officially", "ultimately", "yet", "still", "once", "first",
    "as", "if", "but", "and", "or", "so", "there", "here", "then", "now", "both", "each",
    "such", "what", "who", "which", "where", "under", "almost", "nearly", "around",
    "roughly", "estimates", "data", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "researchers", "analysts", "experts", "officials", "sources", "people", "we", "i",
    "they", "he", "she", "you", "federation", "internet", "telegram", "covid",
}
TITLES = {
    "president", "prime", "minister", "deputy", "senator", "speaker", "state", "duma",
    "federation", "council", "security", "chairman", "head", "director", "dr", "professor",
    "former", "finance", "foreign", "demographer", "sociologist", "economist", "analyst",
    "analysts", "researcher", "researchers", "expert", "experts", "governor", "mayor",
    "spokesman", "spokeswoman", "secretary", "ombudsman", "commissioner", "chief",
    "executive", "ceo", "founder", "co-founder", "vice", "general", "mr", "ms", "mrs",
    "political", "scientist", "anthropologist", "journalist", "lawmaker", "mp", "ambassador",
    "spokesperson", "adviser", "advisor", "premier", "chancellor",
}
ORG_WORDS = {
    "ministry", "bank", "institute", "university", "service", "agency", "office", "center",
    "centre", "committee", "council", "project", "foundation", "fund", "group", "company",
    "times", "news", "post", "journal", "survey", "school", "academy", "association",
    "union", "commission", "bureau", "department", "kremlin", "government", "statistics",
}
CHUNK = re.compile(
    r"(?<![\w-])(?:hh\.ru|[A-Z][\w’'.:&-]*)(?:\s+(?:(?:of|the|for|and|de|du|van|von|la|at)\s+)?"
    r"(?:hh\.ru|[A-Z][\w’'.:&-]*))*"
)
#: Words that refer back to an actor named earlier: pronouns and role nouns ("the minister").
PERSON_ROLES = (
    "minister", "demographer", "sociologist", "economist", "researchers?", "analysts?",
    "experts?", "officials?", "scientists?", "professor", "mayor", "governor", "spokes(?:man|woman|"
    "person)", "advis[eo]r", "head", "director", "founder", "author", "scholar", "official"
)
ORG_ROLES = ("project", "centre", "center", "institute", "ministry", "team", "firm", "company",
             "agency", "committee", "bank", "association", "department")
PRONOUN = re.compile(
    r"\b(?:(?P<he>he|him|his)|(?P<she>she|her)|(?P<they>they|them|their)|"
    r"(?:the|this|that)\s+(?:(?:deputy|former|chief|same)\s+)?(?P<role>"
    + "|".join(PERSON_ROLES + ORG_ROLES) + r")(?!\s+(?:by|of|from|at|for|in)\b))\b", _I)
ROLE_WORDS = re.compile(r"\b(" + "|".join(PERSON_ROLES) + r")\b", _I)
GENERIC_EN = re.compile(
    r"(official (?:statistics|data|figures)|(?:interior|foreign|economy|labou?r) ministry|"
    r"(?:the )?state statistics(?: service| agency)?|"
    r"(?:russia['’]s |the )?(?:federal |national )?statistics (?:agency|service|office)|"
    r"border (?:service|guard) data|border (?:officials|guards?|service|police|authorities)|"
    r"(?:the )?(?:interior|foreign|economy|labou?r|digital "
    r"development) ministry|the state|the authorities|the government|the kremlin|"
    r"the central bank|host[- ]country statistics|government (?:data|statistics))",
    _I,
)
VERBS_EN = (
    r"said|says|say|estimated|estimates|estimate(?=\s+that\b|\s*[.,;]|\s*$)|reported|reports|"
    r"believe|think|found|finds|claimed|"
    r"claims|calculated|"
    r"calculates|placed|places|put|puts|showed|shows|revealed|reveals|told|wrote|writes|counted|"
    r"counts|believes|believed|thinks|thought|argues|argued|warned|noted|notes|announced|"
    r"stated|states|concluded|suggested|suggests|"
    r"assessed|projected|conducted|recorded|registered|tallied|cited|citing|added|adds|"
    r"published|released|predicted|forecast|concluded|figured|indicated|indicates"
)
VERB_RE = re.compile(
    rf"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b"
    rf"({VERBS_EN})\b(?!\s+by\b)", _I
)
REPORTING = re.compile(r"\b(reported|reports|wrote|writes|said|says|told)\b", _I)
ACCORDING = re.compile(
    r"\baccording to\s+(?:(?:the\s+)?(?:latest\s+|new\s+|recent\s+|preliminary\s+)?"
    r"(?:estimates?|data|figures|calculations|a survey|survey|research|an analysis|a study|"
    r"a report|analysis|statistics|a poll|poll)\s+(?:by|from|of)\s+)?", _I
)
AGENT = re.compile(
    r"\b(?:(?:estimated|calculated|counted|compiled|conducted|published|commissioned|carried "
    r"out)\s+by|(?:data|figures|estimates?|survey|poll|research|analysis|study|report|"
    r"calculations|statistics)\s+(?:by|from|of))\s+(?:the\s+)?", _I
)
POSSESSIVE = re.compile(
    r"([A-Z][\w.:&-]+(?:\s+(?:of\s+|the\s+|for\s+)?[A-Z][\w.:&-]+)*)['’]s\s+(?:own\s+)?(?:\w+\s+)?(?:survey|data|estimates?|"
    r"analysis|research|report|poll|calculations|study|figures)\b"
)
OWN_CALC = re.compile(r"\bby (?:its|their|his|her) own (?:calculations|estimates|count|data)",
                       _I)
CITING = re.compile(r"\bciting\s+(?:(?:new|recent|unpublished|its own|a|an|the)\s+)*", _I)
CALLED = re.compile(r"\b(?:called|named|titled|dubbed|known as)\s+", _I)


#: A nationality adjective ("Georgian", "Kazakh"): part of a name, never a name alone.
DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|ean|ic)|Kazakh|Kyrgyz|Uzbek|Tajik|Turkmen|"
                     r"Israeli|Azerbaijani|Emirati|Greek|Czech|Dutch|French|Swiss|Thai")


#: Lower-case words after a nationality that make it a source ("migration service").
DESCRIBED = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}\s+(?:authorit(?:y|ies)|officials|statistics|data|researchers|"
    r"experts|ministry|service|committee|agency|office|directorate|board|government|police|"
    r"guards?|institute|bank)\b")


def clean_chunk(chunk: str) -> str | None:
    """A capitalised chunk without titles, descriptors and stop words; None if nothing is left."""
    tokens = chunk.split()
    tokens = [t for t in tokens if not t.lower().endswith("-based")]
    # "Analysts at Beta Bank", "Researchers from X": the descriptor is not the name.
    while len(tokens) > 2 and tokens[0].lower() in TITLES and tokens[1] in {"at", "of", "from"}:
        tokens = tokens[2:]
    while len(tokens) > 1 and re.search(r"['’]s$", tokens[0]):
        tokens = tokens[1:]
    is_org = bool(tokens) and tokens[-1].lower().strip(".,") in ORG_WORDS
    if not is_org:
        while len(tokens) > 1 and tokens[0].lower().strip(".,") in TITLES:
            tokens = tokens[1:]
        # "Digital Development Minister Ivan Sergeyev": the name follows the last title
        titled = [k for k, t in enumerate(tokens[:-1]) if t.lower().strip(".,") in TITLES]
        if titled and len(tokens) - titled[-1] - 1 >= 2:
            tokens = tokens[titled[-1] + 1:]
    while tokens and tokens[0].lower() in {"the", "of", "and", "at", "for"}:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in {"the", "of", "and", "at", "for"}:
        tokens = tokens[:-1]
    if not tokens:
        return None
    if len(tokens) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", tokens[0]):
        return None  # "Speaking on a podcast, ...": a participle, not a name
    if all(DEMONYM.fullmatch(t) for t in tokens):
        return None  # "Russian", "Georgian and Armenian": adjectives, not actors
    name = re.sub(r"['’]s$", "", " ".join(tokens).strip(".,:;’'"))
    if name.lower() in STOP or name.lower() in TITLES or len(name) < 2:
        return None
    if all(t.lower() in STOP | TITLES for t in tokens):
        return None
    return name


def first_chunk(segment: str, *, allow_pronoun: bool = True) -> tuple[str | None, bool]:
    """The first actor-like chunk (or a he/she pronoun) in a segment."""
    pronoun = PRONOUN.search(segment) if allow_pronoun else None
    generic = GENERIC_EN.search(segment)
    for m in CHUNK.finditer(segment):
        if pronoun and pronoun.start() < m.start():
            return None, True
        if generic and generic.start() < m.start():
            return generic.group(1), False
        if re.search(r"['’]s$", m.group(0)) and generic and 0 <= generic.start() - m.end() <= 2:
            owner = re.sub(r"['’]s$", "", m.group(0).split()[-1])
            return f"{owner} {generic.group(1)}", False  # "Kazakhstan's interior ministry"
        if DEMONYM.fullmatch(m.group(0)):
            if generic and 0 <= generic.start() - m.end() <= 2:
                return f"{m.group(0)} {generic.group(1)}", False  # "Georgian interior ministry"
            body = DESCRIBED.match(segment, m.end())
            if body:
                return f"{m.group(0)}{body.group(0)}", False  # "Armenian migration service"
        name = clean_chunk(m.group(0))
        if name:
            return name, False
    if generic:
        return generic.group(1), False
    return None, bool(pronoun)


def np_after(text: str, pos: int) -> str | None:
    """The actor named right after a cue (skipping lower-case descriptors)."""
    tail = text[pos:pos + 160]
    # a colon inside a name ("Re:Russia") does not end it; one before a space does
    tail = re.split(r"[,;()]|:(?=\s|$)|\s[—–]\s|\bthat\b|\bwho\b", tail, maxsplit=1)[0]
    generic = GENERIC_EN.match(tail.strip())
    if generic:
        return generic.group(1)
    name, _ = first_chunk(tail, allow_pronoun=False)
    return name


CLAUSE_END = re.compile(
    r"\s*(?:[,.;:]|$|citing\b|on\b|last\b|this\b|earlier\b|in\b|today\b|yesterday\b|"
    r"reporters\b|journalists\b|us\b|me\b|the [A-Z]|[A-Z]|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
)
SEGMENT_SPLIT = re.compile(r"\bthat\b|;|:(?=\s)")
