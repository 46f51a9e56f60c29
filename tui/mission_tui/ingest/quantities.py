"""Quantities in a sentence: "around 2,500 U.S. troops", "twenty thousand workers", "between 300 and
400 observers", "up to $40 million", "decade-long", each with its counted noun as the unit.

Why hand-written: number parsers (word2number, quantulum3) were built for other texts: they read the
"U" of "U.S." or a year as a number, lose "at least"/"up to", and need a trained classifier for units.
A digest needs the counted noun and the hedge words; both are short fixed lists here. Each pattern
is anchored on a number and reads a bounded window after it, so a line costs time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .heads import MEASURE_UNITS
from .text import Span, word_list, words

_ONES = word_list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
WORD_VALUES = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD = (
    r"(?:"
    + "|".join(sorted((*_ONES[1:], *_TENS), key=len, reverse=True))
    + r")(?:-(?:"
    + "|".join(_ONES[1:10])
    + "))?"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
WORD_NUMBER = (
    rf"(?:(?:a|an)\s+(?:{_SCALE}|dozen)|{_WORD}(?:\s+{_SCALE})?)(?:(?:\s+and)?[\s-]+(?:{_WORD}|{_SCALE}))*"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?:(?P<cur>[$€£])\s?)?"
    rf"(?:(?P<digits>{DIGITS})(?:\s*(?P<scale>{_SCALE}|bn|m|k)\b)?|(?P<words>{WORD_NUMBER}))"
)
_QUANTITY = re.compile(rf"(?<![\w.,$€£-]){_NUMBER}(?!,\d|\.\d|\w|:\d)", re.IGNORECASE)
_RANGE_TAIL = re.compile(rf"\s*(?:-|–|to|and)\s*{_NUMBER.replace('?P<', '?P<hi_')}", re.IGNORECASE)
# "decade-long", "a 10-year plan", "five-year", "two-week ceasefire", "for a year".
_DURATION_ADJECTIVE = re.compile(
    rf"(?<![\w-])(?:(?P<dec>decade|century)-long|(?P<n>\d{{1,3}}|{_WORD})-(?P<unit>year|month|week|day|hour)"
    r"(?:-long|-old)?|(?<=for )(?P<one>a|an|one) (?P<unit1>year|month|week|decade))(?![\w-])",
    re.IGNORECASE,
)
# "a 22-kilometre line", "a 10-storey block": a measure written as one adjective.
_MEASURE_ADJECTIVE = re.compile(
    rf"(?<![\w-])(?P<n>\d{{1,4}}(?:\.\d+)?|{_WORD})-(?P<unit>kilometre|kilometer|km|mile|metre|meter|foot|"
    r"storey|story|acre|hectare|tonne|megawatt|gigawatt)(?![\w-])",
    re.IGNORECASE,
)
_MEASURE_PLURALS = {"km": "km", "foot": "feet", "story": "storeys", "storey": "storeys"}
# The people a casualty verb counts: "killing at least 1,200", "Quake kills over 1,200", "the death toll
# rose to 1,200".
_CASUALTY_BEFORE = re.compile(
    r"(?i:\b(?:kill(?:s|ed|ing)?|injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|death\s+toll(?:\s+\w+)?(?:\s+(?:to|at))?)"
    r"\s+)$"
)
# A number after a counted one, joined to it: "1,200 people and injuring more than 3,000", "295,000 cars,
# including 120,000 in Germany": it counts the same noun.
_PARALLEL = re.compile(r"(?i:\s*,?\s*(?:and|or|including|of\s+whom|but|while)\b[^.;:]{0,40})")
_WORD_TOKEN = re.compile(r"[A-Za-z][\w’'.&-]*|%")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")

_APPROXIMATE = (
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "nearly",
    "almost",
    "close to",
    "an estimated",
    "estimated",
    "circa",
    "more or less",
)
_AT_LEAST = (
    "past",
    "at least",
    "over",
    "more than",
    "upwards of",
    "in excess of",
    "above",
    "just over",
    "exceed",
    "exceeds",
    "exceeded",
    "exceeding",
    "surpass",
    "surpassed",
    "topped",
)
_AT_MOST = (
    "up to",
    "as high as",
    "as many as",
    "as much as",
    "no more than",
    "fewer than",
    "less than",
    "under",
    "at most",
    "just under",
    "below",
)
_HEDGE = re.compile(
    r"(?i:\b(?P<hedge>"
    + "|".join(re.escape(w) for w in sorted({*_APPROXIMATE, *_AT_LEAST, *_AT_MOST}, key=len, reverse=True))
    + r"))\s+$"
)
# A time of day after a number: "6 p.m.", "at 10 am", "9 o'clock" (never a count).
_TIME_OF_DAY = re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b|o[’']clock\b|GMT\b|UTC\b)", re.IGNORECASE)
# "65% to 70%" is a range; "rejected the offer by 87% to 13%" a tally, whose numbers are no range.
_PERCENT_TO = re.compile(r"\s*(?:-|–|to)\s*(?P<n>\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b)", re.I)
# "to $4.1 billion from $3.9 billion", "to 2.4 percent in September from 2.9 percent": the earlier value
_FROM_AFTER_TO = re.compile(r"(?:\s+in\s+[A-Z][a-z]+(?:\s+\d{4})?)?,?\s+from\s+")
_TO_BEFORE = re.compile(r"\bto\s+$")
_DETERMINER = re.compile(r"(?i:\b(?:the|its|their|his|her|our|this|that|these|those|a|an)\s+|[’']s\s+)$")
_OLD = re.compile(r"[\s-]+old\b")
_BETWEEN = re.compile(r"(?i:\bbetween)\s+$")
REVISION_BEFORE = re.compile(
    r"(?i:\b(?:up|down)\s+from|instead\s+of|rather\s+than|compared\s+with|from\s+a\s+previous"
    r"|previously(?:\s+reported)?(?:\s+as)?"
    r"|(?:originally|initially|first|previously)\s+(?:planned|scheduled|set|announced|expected|due|projected)"
    r"|(?:back|forward)\s+from)"
    r"\s+(?:the\s+)?$"
)

# The counted noun: words a number may count. Plural nouns qualify by shape; these by name.
_IRREGULAR_UNITS = words(
    "people personnel staff police children men women aircraft livestock cattle sheep fish deer percent "
    "per cent km kg mw gw gwh twh mph bpd tonnes tons"
)
_MODIFIER_UNITS = frozenset({"police", "staff"})  # "120 police officers" counts the officers
_TIME_UNITS = {
    "year": "years",
    "month": "months",
    "week": "weeks",
    "day": "days",
    "hour": "hours",
    "decade": "decades",
    "minute": "minutes",
}
_NOT_UNITS = words(
    "is was has does this its his less unless plus thus always perhaps as us yes chaos news series "
    "species sometimes besides whereas towards across afterwards"
)
_STOP = words(
    "of the a an and or to in on at by for from with as than that which who were was are is be been have "
    "has had will would could may might should can it its their his her our this these those there here "
    "per after before since until about over under into onto between among during"
)
# Names for the same counted thing, so that the detector compares them ("2,000 positions" and "1,500
# jobs"); kept short: a wrong synonym would make a false conflict.
UNIT_SYNONYMS = {"positions": "jobs", "persons": "people", "kph": "km/h", "kmh": "km/h"}
_SPEED = re.compile(r"/h\b|\s+(?:an|per)\s+hour\b", re.IGNORECASE)
_CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds"}
_KINDS = {"percent": "percent", "dollars": "money", "euros": "money", "pounds": "money"}
_YEAR_LIKE = re.compile(r"(?:19|20|21)\d\d")
MAX_MODIFIERS = 3


@dataclass(frozen=True, slots=True)
class QuantityFind:
    span: Span
    phrase: str
    amount: float | None
    low: float | None
    high: float | None
    unit: str
    approximate: bool
    kind: str  # count, measure, duration, age, money, percent
    noun: Span  # the counted noun (or, for a duration, where the thing it measures may follow)
    qualifiers: tuple[str, ...]  # capitalized words between number and noun ("U.S.")
    rule: str
    earlier: bool = False  # the text gives this as a previous value ("up from 2,500")


def word_number(text: str) -> float | None:
    """'twenty thousand' -> 20000, 'two hundred and fifty' -> 250, 'a dozen' -> 12; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current, seen = 1, True
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
    return total + current if seen or total else None


def _value(match: re.Match[str], prefix: str = "") -> float | None:
    digits = match.group(prefix + "digits")
    if digits is None:
        return word_number(match.group(prefix + "words"))
    scale = (match.group(prefix + "scale") or "").lower()
    factor = {"bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}.get(scale, _SCALES.get(scale, 1))
    return float(Decimal(digits.replace(",", "")) * factor)  # exact: 4.1 billion is 4100000000


def _unit_after(text: str, start: int, end: int, single: bool) -> tuple[str, Span, tuple[str, ...]] | None:
    """The counted noun after a number: skips up to MAX_MODIFIERS capitalized or adjective-like words
    ("U.S.", "combat"); stops at function words and at another number ("3.9 million four years ago":
    the years belong to "four"). None when no noun follows before `end`."""
    qualifiers: list[str] = []
    skipped, previous = 0, start
    for token in _WORD_TOKEN.finditer(text, start, min(end, start + 80)):
        between = text[previous : token.start()]
        if any(c in ',;:.!?()“”"' or c.isdigit() for c in between):
            return None
        previous = token.end()
        word = token.group().rstrip(".’'")
        lower = word.lower()
        noun = Span(token.start(), token.start() + len(word))
        if word == "%" or lower in ("percent", "per"):
            return "percent", Span(token.start(), noun.end if lower != "per" else token.end() + 4), ()
        if (lower in _STOP and word[0].islower()) or lower in WORD_VALUES or lower in _SCALES:
            return None
        if lower in ("km", "kilometres", "kilometers", "miles") and (speed := _SPEED.match(text, noun.end)):
            return ("km/h" if lower != "miles" else "mph"), Span(noun.start, speed.end()), tuple(qualifiers)
        if word[0].isupper():
            qualifiers.append(token.group())
            if token.group().endswith(".") and not _ABBREVIATION.fullmatch(token.group()):
                return None  # a sentence's last word
        elif lower in _TIME_UNITS and single:
            return _TIME_UNITS[lower], noun, tuple(qualifiers)
        elif lower in _IRREGULAR_UNITS or lower in _TIME_UNITS.values() or _plural_noun(lower):
            following = _WORD_TOKEN.match(text, noun.end + 1)
            other = following.group().rstrip(".’'").lower() if following else ""
            if lower in _MODIFIER_UNITS and following and _plural_noun(other):
                lower, noun = other, Span(following.start(), following.start() + len(other))
            return UNIT_SYNONYMS.get(lower, lower), noun, tuple(qualifiers)
        else:
            skipped += 1
        if skipped + len(qualifiers) >= MAX_MODIFIERS:
            return None
    return None


def _plural_noun(word: str) -> bool:
    """A plural noun by its shape ("troops", "centres"), not "is", "bus" or "chaos"."""
    shape = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return shape and word not in _NOT_UNITS


def _hedge(text: str, start: int, floor: int) -> tuple[str | None, int]:
    match = _HEDGE.search(text, max(floor, start - 16), start)
    if match is None:
        return None, start
    return " ".join(match.group("hedge").lower().split()), match.start("hedge")


def _durations(text: str, sentence: Span, occupied: bytearray) -> list[QuantityFind]:
    """"decade-long", "a 10-year plan", "for a year": lengths of time written as one word or phrase."""
    found = []
    for match in _DURATION_ADJECTIVE.finditer(text, sentence.start, sentence.end):
        if any(occupied[match.start() - sentence.start : match.end() - sentence.start]):
            continue
        if match.group("dec"):
            length = 10.0 if match.group("dec").lower() == "decade" else 100.0
            unit, approximate = "years", True
        elif match.group("one"):
            length, unit, approximate = 1.0, _TIME_UNITS[match.group("unit1").lower()], False
        else:
            n = match.group("n")
            length = float(n) if n.isdigit() else float(word_number(n) or 0)
            unit, approximate = _TIME_UNITS[match.group("unit").lower()], False
        if unit == "decades":
            length, unit, approximate = length * 10, "years", True
        if length:
            span = Span(match.start(), match.end())
            rule = "'for' + a length of time" if match.group("one") else "duration adjective"
            kind = "age" if match.group().lower().endswith("-old") else "duration"
            found.append(QuantityFind(span, match.group(), length, None, None, unit, approximate, kind,
                                      Span(span.end, span.end), (), rule))  # fmt: skip
    for match in _MEASURE_ADJECTIVE.finditer(text, sentence.start, sentence.end):
        n, unit = match.group("n"), match.group("unit").lower()
        size = float(n) if n[0].isdigit() else float(word_number(n) or 0)
        if size and not any(occupied[match.start() - sentence.start : match.end() - sentence.start]):
            span = Span(match.start(), match.end())
            plural = _MEASURE_PLURALS.get(unit, unit + "s")
            found.append(QuantityFind(span, match.group(), size, None, None, plural, False, "measure",
                                      Span(span.end, span.end), (), "measure adjective"))  # fmt: skip
    return found


def _implied_unit(
    text: str, found: list[QuantityFind], lead: int, end: int
) -> tuple[str, Span, tuple[str, ...]] | None:
    """The unit a bare number takes from its place: the counted noun of the count it is joined to
    ("killing 1,200 people and injuring more than 3,000"), or people after a verb of casualties
    ("Quake kills over 1,200")."""
    counts = [f for f in found if f.kind == "count" and f.span.end <= lead]
    if counts and _PARALLEL.fullmatch(text, counts[-1].span.end, lead):
        return counts[-1].unit, Span(end, end), counts[-1].qualifiers
    if _CASUALTY_BEFORE.search(text, max(0, lead - 30), lead):
        return "people", Span(end, end), ()
    return None


def find_quantities(text: str, sentence: Span, taken: list[Span]) -> list[QuantityFind]:
    """Every counted quantity in one sentence, skipping spans already read as dates (`taken`)."""
    occupied = bytearray(sentence.end - sentence.start)  # characters already read: linear, not pairwise

    def claim(span: Span) -> None:
        occupied[span.start - sentence.start : span.end - sentence.start] = b"\x01" * (span.end - span.start)

    def free(a: int, b: int) -> bool:
        return not any(occupied[a - sentence.start : b - sentence.start])

    for span in taken:
        claim(span)
    found = _durations(text, sentence, occupied)
    for item in found:
        claim(item.span)
    for match in _QUANTITY.finditer(text, sentence.start, sentence.end):
        start, end = match.start(), match.end()
        if not free(start, end):
            continue
        if (clock := _TIME_OF_DAY.match(text, end)) is not None:  # "9 p.m.": a time, not nine of anything
            claim(Span(start, clock.end()))
            continue
        low_value = _value(match)
        if low_value is None:
            continue
        high_value = None
        between = _BETWEEN.search(text, max(sentence.start, start - 10), start)
        tail = _RANGE_TAIL.match(text, end, sentence.end)
        if tail is not None and (between or not tail.group().strip().lower().startswith("and")):
            high_value = _value(tail, "hi_")
            if high_value is not None and high_value > low_value:
                end = tail.end()
            elif tail.group().strip()[:1] in "-–" and not match.group("cur"):  # "won 2-1": a score
                claim(Span(start, tail.end()))
                continue
            else:
                high_value = None
        currency = match.group("cur")
        single = low_value == 1 and high_value is None
        window = occupied[end - sentence.start : min(sentence.end, end + 80) - sentence.start]
        stop = end + window.find(1) if 1 in window else sentence.end  # a date ends the search for a noun
        unit_found = _unit_after(text, end, stop, single)
        phrase_start = between.start() if between and high_value is not None else start
        hedge, hedge_start = _hedge(text, phrase_start, sentence.start)
        lead = min(phrase_start, hedge_start)  # "up from an estimated $900 million": the hedge is inside
        earlier = REVISION_BEFORE.search(text, max(sentence.start, lead - 30), lead) is not None
        if not earlier and found and _FROM_AFTER_TO.fullmatch(text, found[-1].span.end, lead):
            # "raised its forecast to $4.1 billion from $3.9 billion": the value it was raised from
            new = found[-1].span.start
            earlier = _TO_BEFORE.search(text, max(sentence.start, new - 4), new) is not None
        if unit_found is None and earlier and found and not currency:  # "3,000 troops, up from 2,500"
            previous = found[-1]
            unit_found = (previous.unit, Span(end, end), previous.qualifiers)
        elif unit_found is None and not currency:
            unit_found = _implied_unit(text, found, lead, end)
        qualifiers: tuple[str, ...] = ()
        if currency:
            unit, noun, kind = _CURRENCIES[currency], Span(end, end), "money"
            if unit_found is not None and unit_found[0] == "percent":
                continue
        elif unit_found is None:
            continue
        else:
            unit, noun, qualifiers = unit_found
            kind = _KINDS.get(unit, "duration" if unit in _TIME_UNITS.values() else "count")
            kind = "measure" if kind == "count" and unit in MEASURE_UNITS else kind  # gigawatts, km/h
            end = noun.end
            if match.group("words") and low_value == 1 and kind != "duration":
                continue  # "one" and "a" count only time ("a decade", "one year")
            if _YEAR_LIKE.fullmatch(match.group()) and _DETERMINER.search(text, max(0, start - 8), start):
                continue  # "the 2026 budget talks": a year naming something, not 2,026 talks
            if kind == "duration" and (old := _OLD.match(text, end)) is not None:
                kind, end = "age", old.end()  # "under two years old"
        if unit == "percent" and high_value is None and (tally := _PERCENT_TO.match(text, end)) is not None:
            other = float(tally.group("n"))
            if other <= low_value:  # "by 87% to 13%": a vote's tally, not a range or two readings
                claim(Span(start, tally.end()))
                continue
            high_value, end = other, tally.end()  # "from 65% to 70%"
        if hedge == "over" and kind == "duration":  # "a rise of 5% over two years": across, not more than
            hedge, hedge_start = None, phrase_start
        phrase_start = min(phrase_start, hedge_start)
        amount: float | None = low_value
        low: float | None = None
        high: float | None = None
        if high_value is not None:
            amount, low, high = None, low_value, high_value
        elif hedge in _AT_LEAST:
            amount, low = None, low_value
        elif hedge in _AT_MOST:
            amount, high = None, low_value
        approximate = hedge in _APPROXIMATE
        if unit == "decades":  # "two decades": years, and only roughly
            amount, low, high = (None if v is None else v * 10 for v in (amount, low, high))
            unit, approximate = "years", True
        rule = "range" if high_value is not None else f"'{hedge}' + number" if hedge else "number"
        claim(Span(phrase_start, end))
        found.append(
            QuantityFind(
                Span(phrase_start, end),
                text[phrase_start:end],
                amount,
                low,
                high,
                unit,
                approximate,
                kind,
                noun,
                qualifiers,
                rule,
                earlier,
            )
        )
    found.sort(key=lambda f: f.span.start)
    return found
