"""Claims from a digest: every dated or quantified statement, with its verbatim quote and its group.

Why hand-written: see the sibling modules; this one only walks the digest's pieces (the digest's own
prose, each key point, each article's headline and opening words), splits each into sentences and
clauses, and turns what `when` and `quantities` find into claims placed by `subjects`.
"""

from __future__ import annotations

import builtins
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..story.models import Bound
from .calendar_math import Anchor
from .heads import has_verb
from .properties import date_property
from .quantities import REVISION_BEFORE, QuantityFind, find_quantities
from .subjects import Ids, Topic, dated_topic, measured_topic, place
from .text import Span, Spans, Tense, clause, clause_breaks, sentences, tense_of
from .when import Context, DateFind, find_dates

MAX_PER_LINE = 100
_MONEY_VERB = re.compile(
    r"\b(?:cost(?:s|ing)?|price[sd]|spen(?:d|ds|t)|allocat(?:e|es|ed)|invest(?:s|ed)?)\b", re.IGNORECASE
)
_INCREMENT = re.compile(r"(?i:\w\s+(?:more|additional|extra|fewer|further)\s+(?!than\b)\w)")
_AIMED = re.compile(r"(?i:\b(?:to|by)\s+)$")
_PART_OF = re.compile(r"(?i:\b(?:including|of\s+(?:whom|which|them|those)|among\s+them)\W*)$")
"""Words that make the number after them a part of the one before ("295,000 cars, including 120,000
in Germany"): a place the part names is the part's own."""
UNRESOLVED = "relative date, not resolved"
"""The value of a relative date that cannot be resolved: the same text for all, so two such claims
never disagree with each other; the words themselves are the claim's `phrase`."""
SIGNAL = re.compile(
    r"\b(?:instead\s+of|revised|revision|up\s+from|down\s+from|previously\s+reported|brought\s+forward|"
    r"pushed\s+back|moved\s+up|postponed|delayed|rather\s+than|no\s+longer|now\s+expected|changed|"
    r"originally|initially|first\s+projected|(?:back|forward)\s+from|"
    r"(?:later|earlier)\s+than\s+(?:first\s+)?(?:announced|planned|expected|scheduled)|than\s+previously)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of text a claim can quote: where it is, whose words it is, and what date it has."""

    text: str
    source: str
    line: int
    anchor: Anchor | None
    headline: bool = False
    key_point: int | None = None  # index of the key point this text is
    label: str | None = None  # the key point's label ("Measures"): what its statements are about


@dataclass(frozen=True, slots=True)
class _Context:
    """What a date's subject is read with: the sentence's values (skipped when looking for the noun
    phrase before a verb) and the topic of what the date's clause counts, if anything."""

    skip: Spans
    counted: Topic | None


@dataclass(slots=True)
class ClaimDraft:
    unit: Unit
    span: Span  # the phrase, in the unit's text
    quote: str
    phrase: str
    value: dict[str, Any]
    kind: str  # date or quantity
    subject: str
    subject_word: str
    property: str
    tense: Tense
    rules: list[str]
    scope: str | None = None
    place_words: str | None = None
    bound: Bound | None = None
    bound_word: str | None = None
    anchor: str | None = None
    year_inferred: bool = False
    earlier: bool = False
    signal: str | None = None
    id: str = ""
    named: bool = True  # the subject is a topic noun or a label, not words read off the clause
    context: Span | None = None  # the sentence, for an event's title
    sentence: str = ""  # set when the sentence signals a change
    revised_to: ClaimDraft | None = None  # for an earlier value: the value the text says replaced it

    @builtins.property  # `property` is a field here
    def key(self) -> tuple[str, str, str | None]:
        return self.subject, self.property, self.scope


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _quantity_value(find: QuantityFind) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for name in ("amount", "low", "high"):
        number = getattr(find, name)
        if number is not None:
            value[name] = _number(number)
    value["unit"] = find.unit
    if find.approximate:
        value["approximate"] = True
    return value


def _quantity_claim(
    unit: Unit, sentence: Span, find: QuantityFind, where: Span, tense: Tense, skip: Spans
) -> ClaimDraft:
    text = unit.text
    counted = " (the counted noun)" if find.kind == "count" else ""
    rules = [f"quantity: {find.rule}, unit '{find.unit}'{counted}"]
    topic, rule, previous = measured_topic(text, sentence, where, find, unit.label, skip)
    if find.kind == "count":
        # "will be cut to 1,000 troops": a level a plan aims at, not the count the others give
        aimed = tense in (Tense.future, Tense.projected) and _AIMED.search(text, where.start, find.span.start)
        added = _INCREMENT.search(find.phrase) is not None  # "200 more officers": on top of the others
        prop = "added-count" if added else "planned-count" if aimed else "count"
        why = "more of them" if added else f"a {tense.value} level after 'to'/'by'" if aimed else "a count"
        rules.append(f"subject: {rule}; property {prop} ({why})")
    else:
        prop = {"duration": "duration", "money": "amount", "percent": "percentage", "age": "age"}.get(
            find.kind, "amount"
        )
        verb = _MONEY_VERB.search(text, where.start, find.span.start) if find.kind == "money" else None
        if verb is not None:
            prop = "cost" if verb.group().lower().startswith(("cost", "pric")) else "spending"
        rules.append(f"subject: {rule}; property {prop}")
    draft = ClaimDraft(
        unit,
        find.span,
        text[where.start : where.end],
        find.phrase,
        _quantity_value(find),
        "quantity",
        topic.slug,
        topic.word,
        prop,
        tense,
        rules,
        earlier=find.earlier,
    )
    draft.named = topic.named
    if previous:  # "turnout in the last election was 38 percent": not the coming one's
        draft.scope = "previous"
        rules.append(f"scope 'previous': '{topic.word}' is qualified as an earlier one")
    return draft


def _date_claim(
    unit: Unit, sentence: Span, find: DateFind, where: Span, tense: Tense, floor: int, context: _Context
) -> ClaimDraft:
    text = unit.text
    topic, subject_rule = dated_topic(
        text, sentence, where, find.span, unit.label, context.skip, context.counted
    )
    prop, prop_rule = date_property(text, where, find.span, (find.bound_word, find.bound), topic, floor)
    bound_rule = (
        f"'{find.bound_word}' -> bound {find.bound.value}" if find.bound_word else "no bound word: target"
    )
    rules = [f"date: {find.rule}; {bound_rule}", f"subject: {subject_rule}; property {prop}: {prop_rule}"]
    value = {"date": find.value} if find.value is not None else {"text": UNRESOLVED}
    core = find.span.start + (len(find.bound_word) + 1 if find.bound_word else 0)  # "back from" + date
    earlier = any(  # "originally planned for September 21", "pushed the opening back from December 2025"
        REVISION_BEFORE.search(text, max(where.start, end - 40), end) for end in (find.span.start, core)
    )
    draft = ClaimDraft(
        unit,
        find.span,
        text[where.start : where.end],
        find.phrase,
        value,
        "date",
        topic.slug,
        topic.word,
        prop,
        tense,
        rules,
        bound=find.bound if find.value is not None else None,
        bound_word=find.bound_word,
        anchor=find.anchor,
        year_inferred=find.year_inferred,
        earlier=earlier,
    )
    draft.named = topic.named
    if prop_rule.startswith("the date on which"):  # "said on Tuesday": when this source said it
        draft.scope = unit.source
        rules.append("scope: the source (when one source said something is compared with nothing)")
    return draft


def _tense(unit: Unit, where: Span, phrase: Span, cuts: list[int]) -> Tense:
    """The tense nearest the phrase: of its own part of the clause up to it ("..., officials said on
    Friday"), else of the clause up to it ("will end ... by 2026 and ... will likely" is future), else
    of the whole clause."""
    own = max(where.start, cuts[max(0, bisect_right(cuts, phrase.start) - 1)])
    for start, end in ((own, phrase.end), (where.start, phrase.end), (where.start, where.end)):
        tense = tense_of(unit.text[start:end], headline=unit.headline)
        if tense is not Tense.present:
            return tense
    return Tense.present


_HELD = re.compile(r"(?i:in\s|last\s|this\s|a\s+year|\w+\s+(?:years?|months?|weeks?)\s+ago)")
_PARTICIPLE = re.compile(r"(?:[a-z]+ed)?")
_MONTH_OR_YEAR = re.compile(r"^(?:\d{4}|XXXX)[?~]?(?:-\d{2}[?~]?)?$")
_AT = re.compile(r"(?i:by\s|as\s+of\s|at\s+the\s+end\s+of\s)")
_ONE_YEAR = re.compile(r"^(\d{4})[?~%]?(?:-[^/]*)?(?:/\1[?~%]?(?:-[^/]*)?)?$")


def _dates_value(
    text: str, previous: ClaimDraft | None, find: DateFind | QuantityFind
) -> tuple[str, bool] | None:
    """A date right after a quantity says when that value held: "up from 3,000 last month" (an earlier
    value), "after 64 percent in 2021" (another year's value: its scope), "slowed to 2.4 percent in
    September" (a measurement's period), "to fall below 3 percent by mid-2026" (a forecast for 2026:
    scoped, and the date kept as a claim). The rule, and whether the date is no claim of its own."""
    if previous is None or not isinstance(find, DateFind) or previous.kind != "quantity":
        return None
    gap = text[previous.span.end : find.span.start].strip()
    if previous.earlier and _PARTICIPLE.fullmatch(gap):  # "up from the £3.6 billion budgeted in 2019"
        return f"the text dates this earlier value '{find.phrase}'", True
    if gap:
        return None
    value = find.value or ""
    year = match.group(1) if (match := _ONE_YEAR.match(value)) else None
    held = _HELD.match(find.phrase) is not None
    measured = previous.property not in ("count", "planned-count")  # a count has its own happenings
    if not (held and len(value) == 4 and year) and not (measured and (held or _AT.match(find.phrase))):
        return None
    if year and previous.scope is None:
        previous.scope = year
        previous.rules.append(f"scope '{year}': '{find.phrase}' says when this value holds")
    period = held and (_MONTH_OR_YEAR.match(value) is not None or find.value is None)
    return f"'{find.phrase}' is the period of this value, not a happening", period


def _reached_by(date: ClaimDraft, value: ClaimDraft) -> None:
    """A date right after a measured value is when that value is reached: its own group."""
    date.subject, date.subject_word, date.named = value.subject, value.subject_word, value.named
    date.property = "target-date"
    date.rules[1:] = [f"subject: that of the value before it ('{value.phrase}'); property target-date: "
                      "the date by which that value is reached"]  # fmt: skip


def _same_kind(earlier: ClaimDraft, later: ClaimDraft) -> bool:
    """Whether an earlier value can be what a later one replaced: quantities alike, or dates of the
    same property ("open in March 2026 instead of December 2025"; not "question officials on
    February 12 about delays that pushed the opening back from December 2025")."""
    strong = ("end-date", "start-date")
    return earlier.kind == "quantity" or earlier.property == later.property or earlier.property not in strong


def _same_thing(earlier: ClaimDraft, later: ClaimDraft) -> None:
    """An earlier value the text gives beside a new one is about the same subject and property."""
    earlier.subject, earlier.subject_word, earlier.named = later.subject, later.subject_word, later.named
    earlier.property, earlier.scope, earlier.place_words = later.property, later.scope, later.place_words
    earlier.revised_to = later
    earlier.rules[1:] = [f"an earlier value ('{earlier.phrase}'): subject, property and scope those of "
                         f"'{later.phrase}', the value it was revised to"]  # fmt: skip


def _counted(
    unit: Unit, sentence: Span, where: Span, quantities: list[QuantityFind], skip: Spans
) -> Topic | None:
    """What a date's clause counts ("cut about 1,500 jobs by March"); for a clause with no verb of its
    own (", by the end of March 2026"), what the sentence counts before it."""
    counts = [q for q in quantities if q.kind == "count" and where.start <= q.span.start < where.end]
    before = [q for q in quantities if q.kind == "count" and q.span.end <= where.start][-1:]
    if not counts and before and not has_verb(unit.text, where.start, where.end, skip):
        counts = before
    return measured_topic(unit.text, sentence, where, counts[0], None, skip)[0] if counts else None


def claims_in(unit: Unit) -> list[ClaimDraft]:
    """Every dated or quantified statement in one unit of text, in order (at most MAX_PER_LINE: a
    line with more is a table or an attack, not a digest's paragraph, and reading it stops there)."""
    text = unit.text
    found: list[ClaimDraft] = []
    for sentence in sentences(text):
        if len(found) >= MAX_PER_LINE:
            break
        cuts = clause_breaks(text, sentence)

        def tense_at(span: Span, sentence: Span = sentence, cuts: list[int] = cuts) -> Tense:
            return _tense(unit, clause(text, sentence, span, cuts), span, cuts)

        dates = find_dates(text, sentence, Context(unit.anchor, tense_at))
        quantities = find_quantities(text, sentence, [d.span for d in dates])
        finds: list[DateFind | QuantityFind] = [*dates, *quantities]
        values = Spans([f.span for f in finds])
        signal = SIGNAL.search(text, sentence.start, sentence.end)
        previous: ClaimDraft | None = None
        last_value: dict[str, ClaimDraft] = {}  # per kind, the last value that is not an earlier one
        for find in sorted(finds, key=lambda f: f.span.start):
            where = clause(text, sentence, find.span, cuts)
            tense = _tense(unit, where, find.span, cuts)
            held = _dates_value(text, previous, find)
            if previous is not None and held is not None and held[1]:
                previous.rules.append(held[0])
                continue  # "up from 3,000 last month", "64 percent in 2021": when the value held
            skip = values
            if isinstance(find, DateFind):
                last_date = last_value.get("date")
                floor = last_date.span.end if last_date and last_date.span.start >= where.start else 0
                counted = _counted(unit, sentence, where, quantities, skip)
                draft = _date_claim(unit, sentence, find, where, tense, floor, _Context(skip, counted))
                if held is not None and previous is not None:  # "to fall below 3 percent by mid-2026"
                    _reached_by(draft, previous)
            else:
                draft = _quantity_claim(unit, sentence, find, where, tense, skip)
            later = last_value.get(draft.kind)
            if draft.earlier and later and later.scope != unit.source and _same_kind(draft, later):
                # "4,500 staff, up from 3,000": the same thing (not what a source said when)
                _same_thing(draft, later)
            elif draft.scope is None and (here := place(text, where)) is not None:
                draft.scope, draft.place_words = here
                draft.rules.append(f"scope '{here[0]}' from '{here[1]}'")
            if signal is not None:
                draft.signal = " ".join(signal.group().lower().split())
                draft.sentence = text[sentence.start : sentence.end]
            draft.context = sentence
            if not draft.earlier:
                last_value[draft.kind] = draft
            previous = draft
            found.append(draft)
            if len(found) >= MAX_PER_LINE:
                break
    return found


def is_part(claim: ClaimDraft) -> bool:
    """Whether the claim's number is given as a part of the one before it (`_PART_OF`)."""
    text = claim.unit.text
    return _PART_OF.search(text, max(0, claim.span.start - 40), claim.span.start) is not None


def inherit_scopes(claims: list[ClaimDraft]) -> None:
    """A claim that names no place takes its subject's place, when every other claim about that
    subject that names one names the same ("The current mission" -> the mission in Iraq). A part's
    place is not its subject's: "including 120,000 in Germany" does not put the whole in Germany."""
    places: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for claim in claims:
        if claim.scope is not None and claim.place_words is not None and not is_part(claim):
            places[claim.subject].add((claim.scope, claim.place_words))
    for claim in claims:
        known = places.get(claim.subject)
        if claim.scope is None and known and len({scope for scope, _ in known}) == 1:
            scope, words = sorted(known)[0]
            claim.scope, claim.place_words = scope, words
            claim.rules.append(
                f"scope '{scope}' from the other claims about '{claim.subject_word}' "
                f"(this clause names no place)"
            )


def assign_ids(claims: list[ClaimDraft]) -> None:
    """Readable unique ids: subject-property-source, numbered from the second."""
    ids = Ids()
    for claim in claims:
        parts = (claim.subject, claim.property, claim.unit.source)
        claim.id = ids.take("-".join(part for part in parts if part)[:150])


def topic_title(claim: ClaimDraft) -> str:
    """'Mission in Iraq', 'Operations in Syria', 'US troops': the subject as the text names it."""
    word = claim.subject_word
    head = word[:1].upper() + word[1:]
    return f"{head} in {claim.place_words}" if claim.place_words else head


def plural(topic: Topic | ClaimDraft) -> bool:
    word = topic.subject_word if isinstance(topic, ClaimDraft) else topic.word
    return word.lower().endswith("s") and not word.lower().endswith("ss")
