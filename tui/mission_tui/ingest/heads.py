"""The thing a value is about, read from the noun phrases around it: "turnout of 65 to 70 percent",
"12 gigawatts of reserve capacity", "a $3.4 billion budget", "Reserve capacity stands at 12 gigawatts",
"the measures will remain in place until ...", or the key point's label ("Measures: ...").

Why hand-written: a part-of-speech tagger would bring a model; a digest needs only the noun phrase
next to a number or before the verb that governs a date. Words are classed by short fixed lists
(function words, auxiliaries, common verbs of news prose) and by shape ("-ed", "-ly"); the walk is
over at most WINDOW characters before the value, so a line costs time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Spans, words

WINDOW = 200  # characters before a value searched for the noun phrase it belongs to
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.&-]*|\d[\d,.]*|[$€£%]|[,;:—–()]")
_FUNCTION = words(
    "a an the of and or to in on at by for from with as than that which who whose this these those it "
    "its their his her our your my there here also still now currently while when where after before "
    "since until till over under into onto about up down out off per via amid across near against "
    "between among during within without including despite if unless whether not no nor but so yet just "
    "only even both each every all some any more most less least very too much many few several such "
    "own same other another then around nearly almost roughly approximately some past above below "
    "beyond according they them he she we you i us him me one ones"
)
_PREPOSITIONS = words("of in at on for from across near with under into throughout inside among amid over by")
_ADVERBS = words(
    "overnight again already soon later earlier meanwhile today yesterday tonight now then back "
    "forward")
# A value these introduce is the change or level of the verb's object: "raising spending by 4.5%",
# "cut its rate ... to 3.25 percent", "expected full containment by June 20".
_TO_VALUE = words("to by")
_DETERMINERS = words("a an the its their his her our your my this that these those")
_AUXILIARIES = words(
    "is are was were be been being am has have had do does did will would could may might shall should "
    "must can cannot to won’t won't isn’t isn't aren’t aren't wasn’t wasn't"
)
# Verbs of news prose that are also nouns ("cost", "demand"): a verb only where the shape says so.
_VERBS = words(
    "say says said tell tells told report reports reported announce announces announced expect expects "
    "forecast forecasts predict predicts warn warns warned estimate estimates put puts set sets stand "
    "stands stood reach reaches hit hits rise rises rose risen fall falls fell fallen climb climbs jump "
    "jumps drop drops total totals amount amounts exceed exceeds top tops surpass surpasses cost costs "
    "grow grows grew grown decline declines increase increases decrease decreases double doubles remain "
    "remains stay stays hover hovers pass passes peak peaks average averages see sees saw seen make "
    "makes made take takes took taken give gives gave given add adds cut cuts raise raises lower lowers "
    "lift lifts reduce reduces boost boosts beat beats miss misses hold holds held keep keeps kept get "
    "gets got come comes came go goes went gone run runs ran begin begins began begun start starts end "
    "ends close closes open opens face faces win wins won lose loses lost pay pays paid spend spends "
    "spent plan plans offer offers demand demands ask asks order orders need needs want wants seek "
    "seeks sought call calls urge urges allow allows show shows include includes represent represents "
    "handle handles serve serves carry carries employ employs draw draws drew bring brings brought "
    "become becomes became leave leaves left meet meets met sign signs vote votes approve approves "
    "agree agrees decide decides find finds found"
)
# Those of them that are also nouns: "its revenue forecast", "the cost", "Peak demand".
_NOUN_VERBS = words(
    "report forecast estimate set rise fall climb jump drop total amount top cost increase decrease double "
    "peak average cut raise lift boost hold run start end close open plan offer demand order need call show "
    "vote win pay"
)
_NOT_VERBS = words(  # nouns and adjectives of those shapes
    "hundred speed need seed bed red shed feed breed greed creed steed indeed "
    "spending funding sentencing housing building meeting hearing ceiling shooting bombing fighting ruling "
    "opening polling trading shipping lending borrowing financing pricing staffing testing screening "
    "planning "
    "voting morning evening wedding clothing bidding timing setting warning offering earnings "
    "july italy family supply assembly rally ally reply monopoly anomaly belly fly"
)
# Heads that name a measure of something else: the thing is the word before ("reserve capacity") or
# after "of" ("the cost of the bridge").
_GENERIC_HEADS = words(
    "capacity level levels figure figures total totals number numbers amount amounts volume count size "
    "share value cost costs price prices tally toll sum"
)
# Labels of key points that name a property or a heading, not a thing ("Timeline: the mission ...").
GENERIC_LABELS = words(
    "date dates timeline timing time schedule when deadline deadlines background context outlook "
    "overview numbers figures scale size total totals status update updates latest details help advice "
    "reaction response analysis impact stakes where who what how duration cost costs price money "
    "funding scope takeaway facts other next steps key"
)
SYNONYMS = {
    "walkout": "strike",
    "stoppage": "strike",
    "outlook": "forecast",
    "guidance": "forecast",
    "run-off": "runoff",
    "spending-plan": "budget",
    "second-round": "runoff",
    "wildfire": "fire",
    "bushfire": "fire",
    "blaze": "fire",
    "deal": "agreement",
    "pact": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
}
# Words of a verb group that are not verbs: "are due by", "were unlikely before", "is set for".
_PREDICATES = words(
    "due likely unlikely expected set able ready available poised scheduled sure certain free open closed "
    "shut a.m p.m am pm "
    "million billion thousand hundred trillion bn one two three four five six seven eight nine ten"
)
SUBORDINATORS = words("when while because although though if unless whereas where once")
RELATIVES = words("that which who")
_PRONOUNS = words("it they he she we i you this these those there")
_PREVIOUS = words("last previous prior former preceding")
MEASURE_UNITS = words(
    "percent dollars euros pounds cents pence yen gigawatts megawatts kilowatts watts gwh twh mwh mw gw "
    "tonnes tons kg km km/h mph metres meters millimetres millimeters mm cm inches feet miles litres "
    "liters gallons barrels bpd degrees hectares acres points"
)


@dataclass(frozen=True, slots=True)
class Thing:
    """What a value is about: a key for grouping ('reserve'), the words as written, and the rule."""

    key: str
    words: str
    rule: str
    previous: bool = False  # "turnout in the last election": an earlier instance of the thing


def singular(word: str) -> str:
    lower = word.lower().replace("’", "'")
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3:
        return lower[:-1]
    return lower


def noun_key(phrase: str) -> str:
    """A grouping key for a noun phrase's head: singular, lower case, synonyms joined ('Walkouts' ->
    'strike'); a generic head gives way to its modifier ('reserve capacity' -> 'reserve')."""
    parts = [singular(w.strip(".,")) for w in phrase.split() if w.strip(".,")]
    if not parts:
        return ""
    pair = "-".join(parts[-2:])
    if pair in SYNONYMS:
        return SYNONYMS[pair]
    head = parts[-1]
    if head in _GENERIC_HEADS and len(parts) > 1:
        head = parts[-2]
    key = re.sub(r"[^a-z0-9]+", "-", head).strip("-")
    return SYNONYMS.get(key, key)


def _tokens(text: str, start: int, end: int, skip: Spans | None) -> list[re.Match[str]]:
    found = _TOKEN.finditer(text, max(0, start), end)
    return [t for t in found if skip is None or not skip.covers(t.start())]


def _word(token: re.Match[str]) -> str:
    return token.group().rstrip(".").lower()


def _is_name_part(token: re.Match[str]) -> bool:
    return token.group()[0].isupper()


def _verbish(word: str) -> bool:
    if word in _NOT_VERBS:
        return False
    if word in _AUXILIARIES or word in _VERBS:
        return True
    return len(word) > 4 and (word.endswith(("ed", "ing")) or word.endswith("ly"))


def _content(word: str) -> bool:
    if not word or not word[0].isalpha() or word in _FUNCTION or word in _PREDICATES or word in _ADVERBS:
        return False
    return not _verbish(word)


def _nounish(token: re.Match[str]) -> bool:
    """A content word, or a capitalized one that is no function word: a name ("Riverside United",
    whose "United" is no past tense)."""
    word = _word(token)
    if token.group()[0].isupper() and word[:1].isalpha():
        return word not in _FUNCTION and word not in _AUXILIARIES and word not in _PRONOUNS
    return _content(word)


def _possessive(token: re.Match[str]) -> bool:
    return token.group().endswith(("’s", "'s", "s’", "s'"))


def _collect(tokens: list[re.Match[str]], i: int) -> tuple[list[re.Match[str]], int]:
    """The noun phrase ending at token i (its head), walking left over its modifiers: content words,
    and a noun-like verb after a determiner or at the start ("the cost", "Peak demand"); stops at a
    possessive ("Europe's power grid operators" -> "power grid operators")."""
    phrase: list[re.Match[str]] = []
    while i >= 0:
        token = tokens[i]
        word = _word(token)
        if _possessive(token) or not word[:1].isalpha():
            break
        before = _word(tokens[i - 1]) if i > 0 else ""
        noun_like_verb = word in _NOUN_VERBS and (i == 0 or before in _DETERMINERS or before in _PREPOSITIONS)
        if phrase and not (_nounish(token) or noun_like_verb):
            break
        if phrase and before in _AUXILIARIES:
            break  # "will question transit officials": the word after an auxiliary is a verb
        if not phrase and word in _FUNCTION:
            break
        phrase.insert(0, token)
        i -= 1
    return phrase, i


def _subject_before(
    tokens: list[re.Match[str]], i: int, introduced: bool = False
) -> tuple[list[re.Match[str]], int]:
    """Walk left from token i over a verb group (auxiliaries, verbs, adverbs, numbers, function
    words, at most two commas) to the noun phrase that is its subject. A noun phrase right after a
    verb, with nothing between it and the value but a preposition other than "to"/"by", is that verb's
    object ("Riverside beat Harbour City on Saturday"): the walk goes on to the verb's subject. A
    relative pronoun stands for the noun before it ("a grid that has added ...")."""
    commas, after_verb, first, verb_at = 0, False, i, -2
    introduced = introduced or (i >= 0 and _word(tokens[i]) in _TO_VALUE)
    while i >= 0:
        word = _word(tokens[i])
        if word in (",", "—", "–"):
            commas += 1
            if commas > 2:
                return [], i
        elif word in RELATIVES:
            j = i - 1 - (i > 0 and _word(tokens[i - 1]) == ",")
            return _collect(tokens, j) if j >= 0 and _content(_word(tokens[j])) else ([], i)
        elif word in (";", ":", "(", ")") or word in SUBORDINATORS:
            return [], i  # another clause: "... the route when the team parades"
        elif word in _PRONOUNS:
            return [], i  # "it would cut ...": the subject is a pronoun, not a noun here
        elif word in _PREDICATES:
            pass
        elif not after_verb and _present_verb(tokens, i, first):
            after_verb = True  # "the fire covers 11,800 hectares", "fire grows to 12,000"
        elif _nounish(tokens[i]) or (verb_at == i + 1 and word in _VERBS) or _noun_head(tokens, i):
            # no two verbs in a row: "demand could reach", "the spending plan totals"
            phrase, k = _collect(tokens, i)
            governs = k > 0 and (_is_verb(_word(tokens[k])) or _word(tokens[k - 1]) in _AUXILIARIES)
            if not (after_verb or introduced) and governs:
                return _subject_before(tokens, k)  # an object: "beat Harbour City", "reduce use"
            return phrase, k
        elif i == first and introduced:
            pass  # "risen to 4.8 billion": "to" introduces the value, it is no infinitive
        elif word in _AUXILIARIES or word in _VERBS or _verbish(word):
            after_verb = after_verb or word != "to"  # "demand to peak": "to" leaves "demand" a noun
            verb_at = i
        i -= 1
    return [], i


def _present_verb(tokens: list[re.Match[str]], i: int, first: int) -> bool:
    """A verb of the present tense not in the lists, by its place: a lower-case "-s" word right after
    a noun, with only a preposition between it and the value ("The fire covers 11,800 hectares")."""
    word = tokens[i].group()
    if not (word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is"))) or i == 0:
        return False
    between = [_word(t) for t in tokens[i + 1 : first + 1]]
    before = tokens[i - 1]
    noun_before = _content(_word(before)) or before.group()[0].isupper()
    return noun_before and all(w in _PREPOSITIONS or w in _TO_VALUE or w == "at" for w in between)


def _is_verb(word: str) -> bool:
    return (word in _VERBS or _verbish(word)) and word not in _AUXILIARIES and word not in _NOT_VERBS


def has_verb(text: str, start: int, end: int, skip: Spans) -> bool:
    """Whether a stretch of text has a verb of its own (", by the end of March 2026" has none)."""
    return any(_verbish(_word(t)) and _word(t) not in _NOT_VERBS for t in _tokens(text, start, end, skip))


def _noun_head(tokens: list[re.Match[str]], i: int) -> bool:
    """A verb's base form heading a noun phrase: "its full-year revenue forecast [to $4.1 billion]"
    (a determiner before it, only nouns between), unlike "Seats cost" or "demand to peak"."""
    word = _word(tokens[i])
    if word not in _NOUN_VERBS:
        return False
    j = i - 1
    while j >= 0 and _content(_word(tokens[j])) and not _possessive(tokens[j]):
        j -= 1
    return j >= 0 and (_word(tokens[j]) in _DETERMINERS or _possessive(tokens[j]))


def subject_phrase(
    text: str, floor: int, start: int, skip: Spans, *, introduced: bool = False
) -> tuple[str, bool] | None:
    """The subject of the verb before `start`: "Reserve capacity [stands at] 12 GW", "the measures [will
    remain in place] until ...", "sales of its routers [fell] 4%" -> (words, previous). Past a
    prepositional phrase it takes the noun the phrase qualifies ("Turnout [in the last election]"), or
    the subject of the verb it follows ("[remain] in place"); `previous` says the phrase named an
    earlier instance ("last", "previous"). `introduced`: the value begins with "by" or "to" ("expected
    full containment by June 20": the object is the thing). None if no noun phrase is found within
    WINDOW characters."""
    tokens = _tokens(text, max(floor, start - WINDOW), start, skip)
    phrase, i = _subject_before(tokens, len(tokens) - 1, introduced)
    previous = False
    for _ in range(3):
        j = i
        while j >= 0 and (_word(tokens[j]) in _DETERMINERS or _possessive(tokens[j])):
            j -= 1
        if j < 1 or (_word(tokens[j]) not in _PREPOSITIONS and _word(tokens[j]) != "to") or not phrase:
            break
        before = _word(tokens[j - 1])
        head, k = _collect(tokens, j - 1) if _content(before) else _subject_before(tokens, j - 1)
        if not head:
            break
        previous = previous or any(_word(t) in _PREVIOUS for t in phrase)
        phrase, i = head, k
    if not phrase:
        return None
    return " ".join(t.group().rstrip(".,") for t in phrase), previous


_OF = re.compile(r"\s+of\s+")
_FOR = re.compile(r"\s+(?:of|in|for|on)\s+(?=(?:the\s+|its\s+|their\s+)?[a-z])")


def phrase_after_of(text: str, start: int, end: int, *, money: bool = False) -> str | None:
    """The noun phrase after "of" at `start` ("12 gigawatts of reserve capacity", "6% of its
    workforce"); for a sum also after "in", "for" or "on" ("$3.2 million in public funds", "$410
    million for schools", "$40 million on lighting")."""
    match = (_FOR if money else _OF).match(text, start, end)
    if match is None:
        return None
    tokens = list(_TOKEN.finditer(text, match.end(), min(end, match.end() + 80)))
    phrase: list[str] = []
    for token in tokens:
        word = _word(token)
        if not phrase and (word in _DETERMINERS or _possessive(token)):
            continue
        if not _content(word) or _possessive(token):
            break
        phrase.append(token.group().rstrip(".,"))
        if token.group().endswith((".", ",")):
            break
    return " ".join(phrase) or None


def phrase_before_of(text: str, start: int, floor: int) -> str | None:
    """The noun phrase just before "of" ending at `start` ("turnout of ...", "a deficit of ...")."""
    match = re.compile(r"(?:^|\s)of\s+$").search(text, max(floor, start - 8), start)
    if match is None:
        return None
    tokens = _tokens(text, max(floor, match.start() - 80), match.start(), None)
    phrase, _ = _collect(tokens, len(tokens) - 1)
    return " ".join(t.group() for t in phrase) or None


def noun_right_after(text: str, start: int, end: int) -> str | None:
    """A noun right after a value ("a $3.4 billion budget", "a 6.5% rise"): lower-case content words."""
    phrase: list[str] = []
    for token in _TOKEN.finditer(text, start, min(end, start + 60)):
        word = _word(token)
        if text[start : token.start()].strip() and not phrase:
            return None
        if not _content(word) or token.group()[0].isupper() or _possessive(token):
            break
        phrase.append(token.group().rstrip(".,"))
        if token.group().endswith((".", ",")):
            break
        start = token.end()
    return " ".join(phrase) or None


def label_key(label: str | None) -> str | None:
    """A key point's label as a thing ('Measures' -> 'measure'), unless it names a property or heading."""
    if not label:
        return None
    lowered = label.lower().replace("’", "'")
    if lowered in GENERIC_LABELS or lowered.split()[-1] in GENERIC_LABELS:
        return None
    return noun_key(label) or None
