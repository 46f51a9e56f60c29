"""What a claim is about: its subject (a topic noun, a key point's label, the counted noun, or the
noun phrase the value belongs to) and its scope (a place), so that statements about the same thing
share a group and the detector compares them; properties.py says which property of it a date gives.

Why hand-written: this is the step that makes conflicts visible, and it must be explainable: each
choice is a named rule written into the claim's `inference`. Subjects are grouping keys, singular
and with a few synonyms joined (heads.py), so "Reserves:" and "reserve capacity" meet; a statement no
rule can place gets a subject of its own, shown but never compared with an unrelated one. Word-level
regexes on one clause; linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .heads import (
    RELATIVES,
    SUBORDINATORS,
    SYNONYMS,
    label_key,
    noun_key,
    noun_right_after,
    phrase_after_of,
    phrase_before_of,
    singular,
    subject_phrase,
)
from .quantities import QuantityFind
from .text import Span, Spans, word_list, words

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
    "demolition relocation restoration refurbishment walkout stoppage runoff sentencing landfall parade "
    "outage blackout"
)
# Of two topic nouns in a row the second is the head ("ceasefire deal"), unless it only says how the
# first is organized ("vaccination campaign" is about vaccination, as its key point "Vaccination" is).
_PLAN_HEADS = frozenset({"campaign", "programme", "program", "plan", "scheme", "project", "initiative"})
_VERB_BEFORE = re.compile(r"(?i:\b(?:to|will|would|could|may|might|shall|should|must|can|n[’']t)\s+)$")
_PREVIOUS_BEFORE = re.compile(r"(?i:\b(?:last|previous|prior|former|preceding)\s+(?:\w+\s+){0,2})$")
_VERB_TOPICS = {"elect": "election"}  # "voters will elect a mayor on 4 May": an election
_POLLS = re.compile(r"(?i:\b(?:go|goes|went|going|head|heads|headed|heading)\s+to\s+the\s+polls\b)")


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


TOPIC_OF = {form: SYNONYMS.get(word, word) for word in _TOPICS for form in (word, _plural(word))} | {
    "talks": "talks"
}
_TOPIC_WORDS = frozenset(TOPIC_OF.values())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.-]*")
_STOP = words(
    "a an the of and or to in on at by for from with as than that which who whose this these those it its "
    "their his her our will would could may might should can is are was were be been being has have had "
    "not no also still now currently while when where after before since until over under into about "
    "officially set expected said says say told up down out off more less last next must"
)
_PLACE = re.compile(
    r"\b(?:in|across|inside|throughout|within|into|out of|near)\s+(?:the\s+)?"
    r"(?P<place>(?:[A-Z][\w.-]*|U\.S\.|U\.K\.)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w-]*){0,2})"
)
_NOT_PLACES = words(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday the this that spring summer autumn winter fall q1 q2 q3 q4 "
    "parliament congress court"
)
_HAPPENINGS = words(
    "election vote referendum ballot summit meeting talks negotiation conference visit hearing trial launch "
    "opening ceremony deadline ruling verdict announcement decision release report strike protest agreement "
    "parade runoff sentencing landfall rally "
    "deal accord treaty"
)
NEARBY = 300  # characters of the sentence around a clause searched for its topic
_RELATIVE = re.compile(r"(?:which|that|who)\b", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+")
_BY_TO = re.compile(r"(?i:by|to)\s")
_CASUALTY = re.compile(
    r"(?i:\s+(?:\w+\s+){0,2}?(?:were|was|are|have\s+been|had\s+been|been)?\s*"
    r"(killed|injured|wounded|hurt|dead|died|missing|arrested|detained|displaced|rescued|hospitali[sz]ed))\b"
)
_CASUALTY_VERB = re.compile(
    r"(?i:\b(kill(?:s|ed|ing)?|injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|death)\b[^.,;]{0,25})$"
)
_HARMS = {"kill": "killed", "dead": "killed", "died": "killed", "deat": "killed", "inju": "injured",
          "woun": "injured", "hurt": "injured"}  # fmt: skip
# Where a date's own clause begins: after "when", "that", or a verb of saying ("said inflation would
# return to target within a year": inflation's date, not the rate's the sentence began with).
_SUBORDINATOR = re.compile(
    r"(?i:\b(?:" + "|".join(sorted(SUBORDINATORS | RELATIVES)) + r"|said|says|told|warned|added)\b)"
)
_MEASURES_NEXT = re.compile(r"\s+(?:after|of|since)\b")



@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    word: str  # as written: "operations"
    span: Span
    named: bool = True  # a topic noun or a label ("the mission"), not words read off the clause


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


def topics(text: str, start: int, end: int, *, verbs: bool = False) -> list[Topic]:
    """Topic nouns between start and end, not possessives ("the coalition’s operations" -> operations)
    nor verbs ("would cut", "to strike"); of two in a row the head ("ceasefire deal" -> deal). "The
    last election" is another one than "the election": 'previous-election'. "Go to the polls" is an
    election. With `verbs`, only the topic words used as verbs: "the team will parade", "to strike"."""
    found: list[Topic] = []
    for token in _TOKEN.finditer(text, start, end):
        word = token.group().rstrip(".")
        topic = TOPIC_OF.get(word.lower()) or (_VERB_TOPICS.get(word.lower()) if verbs else None)
        if topic is None or word.endswith(("’s", "'s")) or text.startswith(("’s", "'s"), token.end()):
            continue
        if bool(_VERB_BEFORE.search(text, max(start, token.start() - 8), token.start())) != verbs:
            continue
        if found and found[-1].span.end + 1 == token.start():
            if topic in _PLAN_HEADS:
                continue
            found.pop()
        span = Span(token.start(), token.start() + len(word))
        word = topic if word.lower() in _VERB_TOPICS else word  # "will elect": an "election"
        if _PREVIOUS_BEFORE.search(text, max(start, token.start() - 40), token.start()):
            topic, word = f"previous-{topic}", f"previous {word}"
        found.append(Topic(topic, word, span))
    polls = _POLLS.search(text, start, end) if not verbs else None
    if polls is not None:
        found.append(Topic("election", "election", Span(polls.start(), polls.end())))
        found.sort(key=lambda t: t.span.start)
    return found


def place(text: str, span: Span) -> tuple[str, str] | None:
    """The first place named in the span ("in Iraq", "across the Gaza Strip"): (slug, words)."""
    for match in _PLACE.finditer(text, span.start, span.end):
        words = re.split(r"[’']s\b", match.group("place"))[0].rstrip(".,")
        if words and words.split()[0].lower() not in _NOT_PLACES and not words[0].isdigit():
            return slug(words), words
    return None


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
    return Topic(head, words, clause, False), "the clause's first words (no rule places it)"


_LABEL_RULE = "the key point's label '{}'"


def _thing(words: str, span: Span, rule: str, named: bool = False) -> tuple[Topic, str] | None:
    key = noun_key(words)
    return (Topic(key, words, span, named), rule) if key else None


def measured_topic(
    text: str, sentence: Span, where: Span, find: QuantityFind, label: str | None, skip: Spans
) -> tuple[Topic, str, bool]:
    """What a quantity measures, and the rule (the third item: the words name an earlier instance, as
    "turnout in the last election"). A count is of its counted noun ("2,500 U.S. troops", "14 counts
    of fraud"); a percentage, sum or measure is of the noun phrase before "of" ("turnout of 65 to 70
    percent"), after it ("12 gigawatts of reserve capacity"), right after it ("a $3.4 billion budget"),
    of the key point's label ("Reserves: ..."), of the subject of its verb ("reserve capacity stands at
    12 gigawatts"), else of the nearest topic noun."""
    span = find.span
    if find.kind == "count":
        qualifiers = slug(" ".join(find.qualifiers))
        key = "-".join(part for part in (qualifiers, slug(singular(find.unit))) if part)
        words = " ".join((*find.qualifiers, find.unit))
        if _OF.match(text, find.noun.end) and (whole := phrase_after_of(text, find.noun.end, sentence.end)):
            key, words = f"{noun_key(whole)}-{key}", f"{words} of {whole}"
        harm = _CASUALTY.match(text, find.noun.end, where.end) or _CASUALTY_VERB.search(
            text, max(where.start, span.start - 40), span.start
        )
        if harm is not None:  # "Two firefighters were injured": not the 1,100 firefighters deployed
            kind = _HARMS.get(harm.group(1).lower()[:4], harm.group(1).lower())
            key, words = f"{kind}-{key}", f"{words} {kind}"
        return Topic(key, words, find.noun, False), f"what is counted ('{words}')", False
    if find.kind in ("duration", "age"):
        after = noun_right_after(text, span.end, sentence.end) if find.kind == "age" else None
        if after is not None and (found := _thing(after, span, f"the noun '{after}' it describes")):
            return (*found, False)
        # "decade-long mission", "10 years after the coalition formed": the thing measured follows
        follows = find.rule == "duration adjective" or _MEASURES_NEXT.match(text, span.end) is not None
        after_first = find.kind == "duration" and follows
        topic, rule = subject_of(text, sentence, where, span, after_first=after_first)
        if rule.startswith("the clause's first words"):  # "the emergency could last for two months"
            subject = subject_phrase(text, sentence.start, span.start, skip)
            found = _thing(subject[0], span, f"'{subject[0]}', the subject of its verb") if subject else None
            if subject and found:
                return (*found, subject[1])
        return topic, rule, False
    unit_end = find.noun.end if find.kind != "money" else span.end
    readings: tuple[tuple[str | None, str], ...] = (
        (phrase_before_of(text, span.start, sentence.start), "'{} of' before it"),
        (phrase_after_of(text, unit_end, sentence.end, money=find.kind == "money"), "'of {}' after it"),
        (noun_right_after(text, unit_end, sentence.end), "the noun '{}' right after it"),
        (label if label_key(label) else None, _LABEL_RULE),
    )
    for reading, rule in readings:
        if reading and (found := _thing(reading, span, rule.format(reading), rule is _LABEL_RULE)):
            return (*found, False)
    if subject := subject_phrase(text, sentence.start, span.start, skip):
        words, previous = subject
        if found := _thing(words, span, f"'{words}', the subject of its verb"):
            return (*found, previous)
    return (*subject_of(text, sentence, where, span), False)


def dated_topic(
    text: str, sentence: Span, where: Span, phrase: Span, label: str | None, skip: Spans,
    counted: Topic | None,
) -> tuple[Topic, str]:  # fmt: skip
    """What a date is the date of: a topic noun of its clause ("the mission ... by 2026"), else the key
    point's label, else what the clause counts ("cut 1,500 jobs by March"), else the subject of the verb
    before it ("the measures will remain in place until ..."), else the sentence's topic noun."""
    # "... line the route when the team parades through the city on Monday": the parade's date
    starts = _SUBORDINATOR.finditer(text, where.start, phrase.start)
    own = max([where.start, *(m.end() for m in starts)])
    in_clause = [t for t in topics(text, own, where.end) if not phrase.start <= t.span.start < phrase.end]
    if in_clause:
        return in_clause[0], f"the clause's topic noun '{in_clause[0].word}'"
    if counted is not None and where.start <= counted.span.start < where.end:
        return counted, f"what the clause counts ('{counted.word}')"
    acts = [t for t in topics(text, own, where.end, verbs=True) if t.span.end <= phrase.start]
    acts = [t for t in acts if is_happening(t)]
    if acts:  # "the team will parade ... on Monday": the happening its verb names
        return acts[-1], f"the happening the verb '{acts[-1].word}' names"
    if label and label_key(label) and (found := _thing(label, phrase, _LABEL_RULE.format(label), True)):
        return found
    if counted is not None:
        return counted, f"what the sentence counts ('{counted.word}')"
    introduced = _BY_TO.match(text, phrase.start) is not None
    subject = subject_phrase(text, sentence.start, phrase.start, skip, introduced=introduced)
    if subject is not None:
        words, previous = subject
        key = noun_key(words)
        if key:
            named = key in _TOPIC_WORDS  # "the budget, which takes effect on July 1": a topic noun
            key, words = (f"previous-{key}", f"previous {words}") if previous else (key, words)
            return Topic(key, words, phrase, named), f"'{words}', the subject of the verb before it"
    return subject_of(text, sentence, where, phrase)
