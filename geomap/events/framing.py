"""Whether a trigger reports something that happened, or only names it.

Two framings name an event without reporting one:
* talk of talks: "Europe must be part of any negotiations", someone "appealed not to be left out of peace
  talks". A discussion noun inside a quotation or after a speech verb is what was said, not a meeting. It
  still is one when it is the occasion of the speech ("she said after talks with ...").
* a habit: "the group's meetings often lead to pledges" describes what tends to happen, on no date.

A third is a claim of control over no land: "holds its annual banquet", "the fire is under control".

The word lists live in data/events/lexicon.json (``discussion_nouns``, ``speech_cues``, ``occasion_cues``,
``habitual_cues``, ``past_event_cues``, ``territory_context``).
"""

from __future__ import annotations

import re
from functools import cache

from geomap.events.lexicon import Phrases, words

_WORD = re.compile(r"\w+")
_OCCASION_REACH = 4  # words after a speech verb that may name the occasion ("told reporters after talks")
# words before and after a trigger that may make it a habit: "meetings often lead to new aid pledges",
# "they often meet"
_HABIT_BEFORE, _HABIT_AFTER = 5, 3


def names_without_reporting(text: str, at: int) -> bool:
    """Whether the trigger starting at ``text[at]`` only names an event: talk of talks, or a habit."""
    return _habitual(text, at) or _talk_of_talks(text, at)


def speaks_of_territory(text: str) -> bool:
    """Whether a clause says what is held is land ("villages under Russian control", "troops hold the
    hills"): "holds a banquet" and "brought the fire under control" hold none."""
    return _lists().territory.found_in(text)


def _talk_of_talks(text: str, at: int) -> bool:
    first = _WORD.match(text, at)
    if first is None or first.group().lower() not in _lists().discussion_nouns:
        return False
    before = text[:at]
    if _lists().past_event.found_in(text[at:]):
        return False  # "... a round of negotiations took place": the speaker reports that it happened
    if _inside_quotation(before):
        return True
    speeches = list(_lists().speech.finditer(before))
    if not speeches:
        return False
    # what was said starts at the last speech verb; "she said after talks with ...": an occasion right
    # after the verb is when it was said
    after_speech = before[speeches[-1].end():].split()[:_OCCASION_REACH]
    return not _lists().occasion.found_in(" ".join(after_speech))


def _habitual(text: str, at: int) -> bool:
    before = text[:at].split()[-_HABIT_BEFORE:]
    after = text[at:].split()[1 : 1 + _HABIT_AFTER]
    return _lists().habitual.found_in(" ".join(before + after))


def _inside_quotation(before: str) -> bool:
    """Whether a quotation opened in ``before`` is still open at its end (curly or straight quotes)."""
    return before.rfind("\u201c") > before.rfind("\u201d") or before.count('"') % 2 == 1


class _Lists:
    def __init__(self) -> None:
        lex = words()
        self.discussion_nouns = frozenset(lex["discussion_nouns"])
        self.speech = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, lex["speech_cues"])), re.IGNORECASE)
        self.occasion = Phrases(lex["occasion_cues"])
        self.habitual = Phrases(lex["habitual_cues"])
        self.past_event = Phrases(lex["past_event_cues"])
        self.territory = Phrases(lex["territory_context"])


@cache
def _lists() -> _Lists:
    return _Lists()
