"""Which property of its subject a date gives: its end ("until", "conclude"), its start ("since",
"begin", "take office"), the date of a happening ("the election ... on 12 October"), of an act ("voted
on Thursday"), or when something was said ("said on Tuesday").

Why hand-written: verbs of ending and starting and a few bound words decide it, and each choice is a
named rule written into the claim's `inference`. Word-level regexes on one clause; linear.
"""

from __future__ import annotations

import re

from ..story.models import Bound
from .subjects import Topic, is_happening
from .text import Span, words

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
    r"introduc\w*|formed|founded|establish\w*|creat\w*|arriv\w*|t(?:ake|akes|ook|aking)\s+office|"
    r"sworn\s+in)\b",
    re.IGNORECASE,
)
# "stay open through August", "keep ... open until September 15": a state that lasts, not a start.
_STATE_BEFORE = re.compile(r"(?i:\b(?:stay|stays|stayed|remain|remains|remained|keep|keeps|kept)\b.{0,40})$")
# Verbs whose date is that of an act distinct from what it is about ("voted on Thursday to approve").
_ACTS = words(
    "announced announce approved approve signed sign voted vote called call decided decide agreed agree "
    "passed pass declared declare confirmed confirm ordered order released release unveiled unveil "
    "set adopted adopt"
)
# Verbs of saying: a date right after one is when something was said ("said on Tuesday that ...").
_REPORTED = re.compile(
    r"\b(said|says|told|announced|reported|confirmed|added|stated|declared|wrote|tweeted|warned)"
    r"(?:\s+(?:on|late|early|last|this|earlier|in|at|it|they|that))?\s*$",
    re.IGNORECASE,
)
# A verb in the past or with "will"/"to" before a date: "voted", "said", "will meet", "to vote".
_VERB = re.compile(
    r"\b(?:(?:will|to|would|shall)\s+([a-z]{3,})|([a-z]{3,}ed|said|met|held|took|told|gave|won|lost|fell|rose|"
    r"hit|sent|spoke|wrote|struck|sold|paid|fought|led|brought|chose|grew|broke|signed|voted))\b"
)
_ACT_AFTER = re.compile(r"\s+([a-z]+)\b")
_END_WORDS = words("until till through") | {
    "at least until", "at least through", "not until", "until at least", "through at least"
}
_START_WORDS = frozenset({"since", "from", "starting", "beginning"})


def date_property(
    text: str, clause: Span, phrase: Span, find_bound: tuple[str | None, Bound], topic: Topic, floor: int
) -> tuple[str, str]:
    """The property a date gives, and the rule: a verb of saying just before it ("said on Tuesday"),
    the bound word ("until", "since"), a verb of ending or starting before it ("conclude", "begin"),
    a happening named by the topic ("elections ... in June"), else the verb before it ("voted").
    Words before `floor` (another date of the clause, with its own verb) are not looked at."""
    bound_word, bound = find_bound
    before = text[max(clause.start, floor) : phrase.start]
    if (said := _REPORTED.search(before)) is not None:
        verb = said.group(1).lower()
        return f"{verb}-date", f"the date on which something was {verb if verb.endswith('d') else 'said'}"
    if bound_word in _START_WORDS:
        return "start-date", f"'{bound_word}' names a start"
    ends = [m for m in _END.finditer(before)]
    starts = [m for m in _START.finditer(before) if not _STATE_BEFORE.search(before, 0, m.start())]
    last_end = ends[-1].end() if ends else -1
    last_start = starts[-1].end() if starts else -1
    if bound_word in _END_WORDS:
        if bound is Bound.not_before and last_start > last_end:  # "will not open until May"
            return "start-date", f"the verb '{starts[-1].group().lower()}' before a negated '{bound_word}'"
        return "end-date", f"'{bound_word}' names an end"
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
    act = _ACT_AFTER.match(text, phrase.end, clause.end)
    if act is not None and act.group(1).lower() in _ACTS:  # "the commission on Friday set the election for"
        verb = act.group(1).lower()
        return f"{verb}-date", f"the date of the act the verb '{verb}' names"
    if is_happening(topic) and topic.span.end <= phrase.start:
        return "date", f"'{topic.word}' names a happening"
    verbs = [future or past for future, past in _VERB.findall(before)]
    if verbs and verbs[-1].lower() in _ACTS:  # "voted on Thursday": the date of that act
        verb = verbs[-1].lower()
        return f"{verb}-date", f"the date of the act the verb '{verb}' names"
    verb = repr(verbs[-1]) if verbs else "no verb"
    return "date", f"the date of what the clause says ({verb} before it)"
