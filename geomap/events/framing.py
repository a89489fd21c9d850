"""Whether a trigger reports something that happened, or only names it.

Four framings name an event without reporting one:
* talk of talks: "Europe must be part of any negotiations", someone "appealed not to be left out of peace
  talks". A discussion noun inside a quotation or after a speech verb is what was said, not a meeting. It
  still is one when it is the occasion of the speech ("she said after talks with ...").
* a habit: "the group's meetings often lead to pledges" describes what tends to happen, on no date.
* a running total: "more than 40,000 people have died in the conflict" adds up a war, no one event.
* a heading: "== The attack ==", no word but the trigger and an article, names what its section tells.

A fifth is a claim of control over no land: "the club holds its yearly dinner", "the blaze is under control";
and "captured" said of people ("the sniper was captured at a checkpoint") takes no territory either: it is an
arrest.

The word lists live in data/events/lexicon.json (``discussion_nouns``, ``speech_cues``, ``occasion_cues``,
``habitual_cues``, ``running_total_cues``, ``since_cues``, ``perfect_auxiliaries``, ``heading_words``, ``past_event_cues``,
``territory_context``, ``land_nouns``, ``people_nouns``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Literal

from geomap.events.lexicon import Phrases, alternation, words
from geomap.events.word_windows import leading_word
from geomap.text import token_matches

_WORD = re.compile(r"\w+")
# between a capture and its object: "captured the old provincial capital of Izium", "took control of the
# western Ukrainian town of", "seized 500 square kilometres (190 square miles) of territory", "took control of
# 40 percent of"
# (no person, and no preposition: "captured him near Kupiansk" takes a man, near a place)
_GAP_WORD = (r"(?:(?!(?:him|her|them|us|me|near|in|at|on|by|from|outside|with|to|into|after|during)\s)[A-Za-z0-9'%-]+\s+"
             r"|\([^()]*\)\s+)")
_OBJECT_GAP = re.compile(rf"\s+(?:the\s+|a\s+|an\s+)?(?:[\d,]+\s+)?{_GAP_WORD}{{0,4}}")
# what stands between a passive subject and "captured": "Bakhmut was captured", "the area that was later captured",
# "Avdiivka, captured in February"
_PASSIVE_TAIL = (r"(?:(?P<comma>\s*,\s*)|\s+(?:that|which|who)\s+|\s+)"
                 r"(?P<aux>(?:was|were|is|are|has been|have been|had been)\s+)?"
                 r"(?:(?:later|then|also|since|soon|[a-z]+ly)\s+)?(?:and\s+)?$")
Captured = Literal["land", "people", "other"]
_OCCASION_REACH = 4  # words after a speech verb that may name the occasion ("told reporters after talks")
# words before and after a trigger that may make it a habit: "meetings often lead to new aid pledges",
# "they often meet"
_HABIT_BEFORE, _HABIT_AFTER = 5, 3
_CENTURIES = ("19", "20")  # the years a running total counts from


def names_without_reporting(text: str, at: int) -> bool:
    """Whether the trigger starting at ``text[at]`` only names an event: talk of talks, or a habit."""
    return _habitual(text, at) or _talk_of_talks(text, at)


def is_habitual(text: str, at: int) -> bool:
    """Whether the trigger at ``text[at]`` tells what tends to happen ("meetings often lead to pledges")."""
    return _habitual(text, at)


def tells_a_running_total(clause: str, lead: str = "") -> bool:
    """Whether a clause that states figures adds up a whole war or years ("more than 40,000 people have died in
    the conflict", "have been displaced since 2009"): a total of many happenings, no event nor a toll of one.
    ``lead`` is what its sentence says before it ("Since 2014, the war has killed ...")."""
    lists, scope = _lists(), lead + " " + clause
    return lists.perfect.found_in(clause) and (lists.running_total.found_in(scope) or _since_a_year(scope))


def _since_a_year(text: str) -> bool:
    """Whether ``text`` counts from a year: "since 2009", "since February 2022" (``since_cues``)."""
    for end in _lists().since.ends_in(text):
        if not text[end : end + 1].isspace():
            continue
        after = text[end:].split(None, 2)[:2]
        if len(after) == 2 and _names_a_month(after[0]):
            after = after[1:]  # "since February 2022"
        if after and _is_a_year(leading_word(after[0])):
            return True
    return False


def _names_a_month(word: str) -> bool:
    """A capitalised word ("February", "Christmas"), as a month's name is written."""
    return len(word) > 1 and word[0].isascii() and word[0].isupper() and word[1:].isascii() \
        and word[1:].isalpha() and word[1:].islower()


def _is_a_year(word: str) -> bool:
    return len(word) == 4 and word.isdecimal() and word.startswith(_CENTURIES)


def is_heading(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence`` holds no word but the trigger at ``sentence[start:end]`` and an article
    ("==The attack==", "Explosions"): the heading of a section, which names the event it tells."""
    # read token by token: most sentences' first word already says no
    heading_words = _lists().heading_words
    return all(m.group().lower() in heading_words for m in token_matches(sentence)
               if m.group()[0].isalnum() and not start <= m.start() < end)


def speaks_of_territory(text: str) -> bool:
    """Whether a clause says what is held is land ("villages under Russian control", "troops hold the
    hills"): "holds a dinner" and "brought the blaze under control" hold none."""
    return _lists().territory.found_in(text)


def what_was_captured(text: str, at: int, places: Sequence[tuple[int, int]], end: int | None = None) -> Captured:
    """What the capture at ``text[at]`` takes, by its object or its passive subject: "land" ("captured two
    villages", "captured Bakhmut", "Bakhmut was captured": ``places`` are the place spans of ``text``), "people"
    ("captured two saboteurs", "she was captured at the border"), or "other" ("captured the title"). ``end`` is
    where a trigger of several words ends ("took full control"): its object follows it."""
    trigger = _WORD.match(text, at)
    if trigger is None:
        return "other"
    lists, after, before = _lists(), max(trigger.end(), end or 0), text[:at]
    if lists.land_object.match(text, after) or any(
        start >= after and _OBJECT_GAP.fullmatch(text, after, start) for start, _ in places
    ):
        return "land"
    tail = lists.passive_tail.search(before)
    if tail is not None and (tail["aux"] or tail["comma"]):  # "Kharkiv captured the cup" is active
        subject = before[: tail.start()]
        if any(end == len(subject) for _, end in places) or lists.land_subject.search(subject):
            return "land"
        if tail["aux"] and lists.person_subject.search(subject):  # ", easily captured" may be active
            return "people"
    return "people" if lists.people_object.match(text, after) else "other"


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


@lru_cache(maxsize=64)  # a clause's triggers are asked whether they are habits, then again by names_without_reporting
def _habitual(text: str, at: int) -> bool:
    if not _may_tell_a_habit(text):
        return False  # most clauses: no habit could be read around any of their triggers
    # split off only the words looked at, not the whole clause around them
    before = text[:at].rsplit(None, _HABIT_BEFORE)[-_HABIT_BEFORE:]
    after = text[at:].split(None, 1 + _HABIT_AFTER)[1 : 1 + _HABIT_AFTER]
    return _lists().habitual.found_in(" ".join(before + after))


@lru_cache(maxsize=64)  # every trigger of a clause asks
def _may_tell_a_habit(text: str) -> bool:
    """Whether a habit may be read around some trigger of ``text`` (the words read are the text's own)."""
    return _lists().habitual.may_be_in(text)


def end_of_quoted_speech(text: str, at: int) -> int | None:
    """Where the quoted speech that ``at`` stands in closes ('"We held the line," he said'), or None when
    ``at`` is not quoted or quoted as a phrase ('an "enemy strike" on a village': no stop before the mark
    closes it). Quotations are counted from the start of ``at``'s paragraph, so one stray mark cannot turn
    a whole story inside out."""
    start = text.rfind("\n", 0, at) + 1
    if not _inside_quotation(text[start:at]):
        return None
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    closes = [i for i in (text.find("\u201d", at, end), text.find('"', at, end)) if i >= 0]
    return min(closes) if closes and text[min(closes) - 1] in ",.!?" else None


def _inside_quotation(before: str) -> bool:
    """Whether a quotation opened in ``before`` is still open at its end (curly or straight quotes)."""
    return before.rfind("\u201c") > before.rfind("\u201d") or before.count('"') % 2 == 1


class _Lists:
    def __init__(self) -> None:
        lex = words()
        self.discussion_nouns = frozenset(lex["discussion_nouns"])
        self.speech = re.compile(rf"\b(?:{alternation(lex['speech_cues'])})\b", re.IGNORECASE)
        self.occasion = Phrases(lex["occasion_cues"])
        self.habitual = Phrases(lex["habitual_cues"])
        self.running_total = Phrases(lex["running_total_cues"])
        self.since = Phrases(lex["since_cues"])
        self.perfect = Phrases(lex["perfect_auxiliaries"])
        self.heading_words = frozenset(lex["heading_words"])
        self.past_event = Phrases(lex["past_event_cues"])
        self.territory = Phrases(lex["territory_context"])
        # a person noun in the singular or the plural: "the smuggler", "two smugglers"
        land, people = alternation(lex["land_nouns"]), f"(?:{alternation(lex['people_nouns'])})s?"
        self.land_object = re.compile(rf"{_OBJECT_GAP.pattern}(?:{land})\b", re.IGNORECASE)
        # a pronoun object, but not "her": "captured her first title"
        self.people_object = re.compile(rf"(?:{_OBJECT_GAP.pattern}(?:{people})\b|\s+(?:him|them)\b)", re.IGNORECASE)
        self.passive_tail = re.compile(_PASSIVE_TAIL)
        self.land_subject = re.compile(rf"\b(?:{land})$", re.IGNORECASE)
        # "he was captured", "Ivan Petrenko was captured": a pronoun or a name (places were tried first)
        self.person_subject = re.compile(rf"(?:\b(?i:he|she|they|who|{people})|\b[A-Z][\w'-]+)$")


@cache
def _lists() -> _Lists:
    return _Lists()
