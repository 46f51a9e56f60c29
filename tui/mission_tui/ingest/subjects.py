"""What a claim is about: subject (a topic noun), property (end-date, start-date, count...) and scope
(a place), so that statements about the same thing share a group and the detector compares them.

Why hand-written: this is the step that makes conflicts visible, and it must be explainable: each
choice is a named rule written into the claim's `inference`. The rules are deliberately narrow (a
short list of topic nouns, verbs of ending and starting, "in <Place>"): a statement they cannot place
gets a subject of its own, so it is shown but never compared with an unrelated one. Word-level
regexes on one clause; linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Span, word_list, words

_TOPICS = word_list(
    "mission operation campaign deployment presence withdrawal drawdown pullout occupation war conflict "
    "offensive invasion ceasefire truce coalition partnership alliance agreement deal accord treaty pact "
    "negotiation summit meeting conference visit election vote referendum ballot strike walkout protest "
    "lockdown curfew blockade embargo sanction tariff tax levy ban law bill policy regulation reform "
    "scheme programme program plan project initiative subsidy budget contract lease licence license "
    "mandate season tournament festival trial hearing inquiry investigation review probe construction "
    "bridge tunnel railway road highway pipeline plant factory mine reactor airport port stadium hospital "
    "service route rollout launch merger acquisition takeover sale listing production output inflation "
    "unemployment rate price fare growth deficit debt aid loan bailout fund vaccine vaccination outbreak "
    "epidemic pandemic evacuation reconstruction repair closure expansion upgrade exercise transition "
    "phase offer rise increase cut crossing index market stock currency replacement renovation installation "
    "demolition relocation restoration refurbishment"
)


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


TOPIC_OF = {form: word for word in _TOPICS for form in (word, _plural(word))} | {"talks": "talks"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.-]*")
_STOP = words(
    "a an the of and or to in on at by for from with as than that which who whose this these those it its "
    "their his her our will would could may might should can is are was were be been being has have had "
    "not no also still now currently while when where after before since until over under into about "
    "officially set expected said says say told up down out off more less last next must"
)
_PLACE = re.compile(
    r"\b(?:in|across|inside|throughout|within|into|out of|near)\s+(?:the\s+)?"
    r"(?P<place>(?:[A-Z][\w.-]*|U\.S\.|U\.K\.)(?:\s+[A-Z][\w-]*){0,2})"
)
_NOT_PLACES = words(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday the this that spring summer autumn winter fall q1 q2 q3 q4 "
    "parliament congress court"
)
_END = re.compile(
    r"\b(?:end(?:s|ed|ing)?|conclud\w*|wind(?:s|ing)?\s+down|wound\s+down|wrap(?:s|ped|ping)?\s+up|"
    r"finish\w*|expir\w*|terminat\w*|withdr[ae]w\w*|pull(?:s|ed|ing)?\s+out|leav(?:e|es|ing)|exit\w*|"
    r"phas\w*\s+out|draw(?:s|ing)?\s+down|drew\s+down|drawdown|clos(?:e|es|ed|ing)|complet\w*|halt\w*|"
    r"br(?:eak|eaks|oke|oken)\s+down|collaps\w*|stop(?:s|ped|ping)?|ceas(?:e|es|ed|ing)|shut(?:s|ting)?(?:\s+down)?|step(?:s|ped|ping)?\s+down)\b",
    re.IGNORECASE,
)
_START = re.compile(
    r"\b(?:begin\w*|began|begun|start\w*|launch\w*|open(?:s|ed|ing)?|tak\w*\s+effect|took\s+effect|"
    r"c[oa]me?s?\s+into\s+force|enter\w*\s+into\s+force|commenc\w*|kick\w*\s+off|roll\w*\s+out|resum\w*|"
    r"introduc\w*|formed|founded|establish\w*|creat\w*|arriv\w*)\b",
    re.IGNORECASE,
)
_HAPPENINGS = words(
    "election vote referendum ballot summit meeting talks negotiation conference visit hearing trial launch "
    "opening ceremony deadline ruling verdict announcement decision release report strike protest agreement "
    "deal accord treaty"
)
# Verbs of saying: a date right after one is when something was said ("said on Tuesday that ...").
_REPORTED = re.compile(
    r"\b(said|says|told|announced|reported|confirmed|added|stated|declared|wrote|tweeted|warned)"
    r"(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)
# A verb in the past or with "will"/"to" before a date: "voted", "said", "will meet", "to vote".
_VERB = re.compile(
    r"\b(?:(?:will|to|would|shall)\s+([a-z]{3,})|([a-z]{3,}ed|said|met|held|took|told|gave|won|lost|fell|rose|"
    r"hit|sent|spoke|wrote|struck|sold|paid|fought|led|brought|chose|grew|broke|signed|voted))\b"
)
NEARBY = 300  # characters of the sentence around a clause searched for its topic
_RELATIVE = re.compile(r"(?:which|that|who)\b", re.IGNORECASE)
_END_WORDS = frozenset({"until", "till", "through", "at least until", "at least through", "not until"})
_START_WORDS = frozenset({"since", "from", "starting", "beginning"})


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    word: str  # as written: "operations"
    span: Span


def slug(text: str) -> str:
    """Lower-case slug of words: 'U.S. troops' -> 'us-troops'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace(".", "").replace("’", "").replace("'", "")).strip(
        "-"
    )


class Ids:
    """Unique ids from slugs: the base, then base-2, base-3...; a counter per base keeps it linear."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self.taken = set(taken)
        self.next: dict[str, int] = {}

    def take(self, base: str, fallback: str = "item") -> str:
        base = base.strip("-") or fallback
        n = self.next.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.next[base] = n + 1
        self.taken.add(candidate)
        return candidate


def topics(text: str, start: int, end: int) -> list[Topic]:
    """Topic nouns between start and end, not possessives ("the coalition’s operations" -> operations);
    of two in a row the second, the head ("ceasefire deal" -> deal)."""
    found: list[Topic] = []
    for token in _TOKEN.finditer(text, start, end):
        word = token.group().rstrip(".")
        topic = TOPIC_OF.get(word.lower())
        if topic is None or word.endswith(("’s", "'s")) or text.startswith(("’s", "'s"), token.end()):
            continue
        if found and found[-1].span.end + 1 == token.start():
            found.pop()
        found.append(Topic(topic, word, Span(token.start(), token.start() + len(word))))
    return found


def place(text: str, span: Span) -> tuple[str, str] | None:
    """The first place named in the span ("in Iraq", "across the Gaza Strip"): (slug, words)."""
    for match in _PLACE.finditer(text, span.start, span.end):
        words = re.split(r"[’']s\b", match.group("place"))[0].rstrip(".,")
        if words and words.split()[0].lower() not in _NOT_PLACES and not words[0].isdigit():
            return slug(words), words
    return None


def date_property(
    text: str, clause: Span, phrase: Span, bound_word: str | None, topic: Topic, floor: int
) -> tuple[str, str]:
    """The property a date gives, and the rule: a verb of saying just before it ("said on Tuesday"),
    the bound word ("until", "since"), a verb of ending or starting before it ("conclude", "begin"),
    a happening named by the topic ("elections ... in June"), else the verb before it ("voted").
    Words before `floor` (another date of the clause, with its own verb) are not looked at."""
    before = text[max(clause.start, floor) : phrase.start]
    if (said := _REPORTED.search(before)) is not None:
        verb = said.group(1).lower()
        return f"{verb}-date", f"the date on which something was {verb if verb.endswith('d') else 'said'}"
    if bound_word in _START_WORDS:
        return "start-date", f"'{bound_word}' names a start"
    ends = [m for m in _END.finditer(before)]
    starts = [m for m in _START.finditer(before)]
    if bound_word in _END_WORDS and not starts:
        return "end-date", f"'{bound_word}' names an end"
    last_end = ends[-1].end() if ends else -1
    last_start = starts[-1].end() if starts else -1
    if last_end > last_start:
        return "end-date", f"the verb '{ends[-1].group().lower()}' names an end"
    if last_start > last_end:
        return "start-date", f"the verb '{starts[-1].group().lower()}' names a start"
    if len(before.split()) <= 1:  # a verb after the date governs it only when the date leads the clause
        after = text[phrase.end : clause.end]
        if (m := _END.search(after)) is not None:
            return "end-date", f"the verb '{m.group().lower()}' names an end"
        if (m := _START.search(after)) is not None:
            return "start-date", f"the verb '{m.group().lower()}' names a start"
    if is_happening(topic) and topic.span.end <= phrase.start:
        return "date", f"'{topic.word}' names a happening"
    verbs = [future or past for future, past in _VERB.findall(before)]
    if verbs:  # "voted on Thursday", "broke down yesterday": the date of that act
        verb = verbs[-1].lower()
        return f"{verb}-date", f"the date of what the verb '{verb}' says"
    return "date", "no verb before it"


def is_happening(topic: Topic) -> bool:
    """Whether a topic noun is itself a dated happening ("elections ... in June 2025")."""
    return topic.slug in _HAPPENINGS


def _fallback(text: str, clause: Span, phrase: Span) -> tuple[str, str]:
    words = [
        t.group().rstrip(".")
        for t in _TOKEN.finditer(text, clause.start, clause.end)
        if not (phrase.start <= t.start() < phrase.end) and t.group().lower().rstrip(".") not in _STOP
    ]
    head = "-".join(slug(w) for w in words[:2] if slug(w)) or "statement"
    return head[:60].strip("-"), " ".join(words[:2]) or "statement"


def subject_of(
    text: str, sentence: Span, clause: Span, phrase: Span, *, after_first: bool = False
) -> tuple[Topic, str]:
    """The topic a phrase is about: the clause's first topic noun (or, `after_first`, the first after
    the phrase), else the nearest one in the sentence, else the clause's first words."""
    in_clause = [
        t for t in topics(text, clause.start, clause.end) if not (phrase.start <= t.span.start < phrase.end)
    ]
    if after_first:
        following = [t for t in in_clause if t.span.start >= phrase.end]
        if following:
            return following[0], f"the topic noun '{following[0].word}' after it"
    if in_clause:
        return in_clause[0], f"the clause's topic noun '{in_clause[0].word}'"
    before = topics(text, max(sentence.start, clause.start - NEARBY), clause.start)
    if before and _RELATIVE.match(text, clause.start):  # ", which hit 3.2%": the noun it refers to
        return before[-1], f"the clause's topic noun '{before[-1].word}', which it refers to"
    if before:
        return before[-1], f"the sentence's topic noun '{before[-1].word}'"
    after = topics(text, clause.end, min(sentence.end, clause.end + NEARBY))
    if after:
        return after[0], f"the sentence's topic noun '{after[0].word}'"
    return fallback_topic(text, clause, phrase)


def fallback_topic(text: str, clause: Span, phrase: Span) -> tuple[Topic, str]:
    """A subject of the clause's own first words, for a statement no rule can place: shown, but
    compared only with statements in the same words."""
    head, words = _fallback(text, clause, phrase)
    return Topic(head, words, clause), "the clause's first words (no rule places it)"
