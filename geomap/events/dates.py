"""Dates of events: explicit and relative expressions resolved against the publication date.

"on Wednesday" in an article of Wednesday 2025-02-12 is that day; "on Friday" after "is expected to" is
the coming Friday (2025-02-14); "August last year" is 2024-08; "in June" after a future cue is the next
June. Every result keeps the phrase it came from and its precision.

Why not dateparser: it turns a phrase into one datetime at day precision and settles "Friday" by a
fixed past-or-future preference, while an event needs the phrase found inside a sentence, a month or
year precision of its own ("August last year" is 2024-08, not 2024-08-01), and the direction taken
from the sentence's tense ("is expected to meet on Friday").
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from dataclasses import dataclass

from geomap.events.lexicon import Phrases, words
from geomap.model import DatePrecision

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9}
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_WORDS = frozenset(_MONTHS) | frozenset(_MONTH_ABBR)
_MONTH_FIRST = "jfmasond"  # the letters a month (_MONTH_RE) starts with


def _starting(first: str, pattern: str) -> str:
    """``pattern`` behind a lookahead for the characters (``first``, a class) its matches start with: the
    regex engine then skips to such a character instead of trying the whole pattern at every position
    (a third to half faster, the same matches)."""
    return rf"(?=[{first}]){pattern}"


# Each pattern with what a sentence must hold for it to match at all: a digit (or not necessarily), and one
# of some words as a word of its own (or any words)
_PATTERNS: list[tuple[str, bool, frozenset[str] | None, re.Pattern[str]]] = [
    ("iso", True, None, re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),  # a lookahead for a digit only slows it
    ("month_day", True, _MONTH_WORDS, re.compile(
        _starting(_MONTH_FIRST, rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"), re.I)),
    # a month too, though not always as a word of its own: "12 Marchers" reads "12 March"
    ("day_month", True, None, re.compile(_starting(
        r"\d", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})(?![a-z])(?:,?\s+(\d{{4}}))?"), re.I)),
    ("month_last_year", False, _MONTH_WORDS,
     re.compile(_starting(_MONTH_FIRST, rf"\b({_MONTH_RE})\s+(last|this|next)\s+year\b"), re.I)),
    ("month_year", True, _MONTH_WORDS, re.compile(_starting(_MONTH_FIRST, rf"\b({_MONTH_RE})\s+(\d{{4}})\b"), re.I)),
    ("weekday", False, frozenset(_WEEKDAYS), re.compile(_starting(
        "lotnsmwf", r"\b(?:(last|this|next|on|since)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
        re.I)),
    ("relative_day", False, frozenset("today tonight yesterday tomorrow overnight morning evening dawn".split()),
     re.compile(_starting(
         "tyoep", r"\b(today|tonight|yesterday|tomorrow|overnight|this morning|this evening|earlier today|pre-dawn)\b"),
         re.I)),
    ("relative_year", False, frozenset({"year", "month", "week"}),
     re.compile(_starting("ltn", r"\b(last|this|next) (year|month|week)\b"), re.I)),
    ("in_month", False, _MONTH_WORDS, re.compile(_starting(
        "ibufsdelm", rf"\b(?:in|by|until|from|since|during|early|late|mid-?)\s+({_MONTH_RE})(?!\s*\d)\b"), re.I)),
    # "planned for June", "not before March"; not "May": "voted for May" names a person
    ("in_month", False, _MONTH_WORDS,
     re.compile(_starting("fba", rf"\b(?:for|before|after)\s+((?!may\b){_MONTH_RE})(?!\s*\d)\b"), re.I)),
    ("year", True, None,
     re.compile(_starting("isbdoel", r"\b(?:in|since|by|during|of|early|late)\s+((?:19|20)\d{2})\b"), re.I)),
    # "the 1967 Middle East war", "the 2014 annexation": an event named by its year
    ("year", True, None, re.compile(_starting(r"\d", r"\b((?:19|20)\d{2})\s+(?:[A-Z][\w-]*\s+){0,3}(?:war|invasion|"
        r"annexation|election|elections|revolution|uprising|coup|massacre|offensive|crisis|genocide|siege|"
        r"ceasefire|accords?|agreement|treaty|bombings?|attacks?|earthquake|referendum)\b"))),
    # "two days ago", "a year ago", "3 weeks ago"
    ("ago", False, frozenset({"ago"}), re.compile(_starting(
        r"\dafostenw",
        r"\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b"),
        re.I)),
]
_DIGIT = re.compile(r"\d")


# "said on Tuesday", "met on Friday": a date right after a past-tense verb is in the past
_PAST_BEFORE = re.compile(
    r"\b(?:said|told|met|spoke|was|were|(?!planned|scheduled|expected|slated|postponed|delayed)\w+ed)\s+"
    r"(?:on\s+|last\s+|for\s+)?$", re.I,
)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: str | None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: DatePrecision
    text: str
    start: int = 0  # offsets of the phrase in the sentence
    end: int = 0
    explicit: bool = False  # a calendar date ("Feb. 13") rather than a relative one ("on Thursday")


def is_planned(sentence: str) -> bool:
    """Whether the sentence speaks of something still to come ("is expected to meet"), and not of an
    event already over ("..., he said after the meeting": a quoted "will" is not a plan then)."""
    past, planned = _tense_cues()
    return not past.found_in(sentence) and planned.found_in(sentence)


@cache
def _tense_cues() -> tuple[Phrases, Phrases]:
    return Phrases(words()["past_event_cues"]), Phrases(words()["planned_cues"])


def find_dates(sentence: str, published: dt.date | None, *, planned: bool | None = None) -> list[ResolvedDate]:
    """Every date phrase of ``sentence`` resolved against ``published``, in text order, without overlaps."""
    future = planned  # settled by the sentence only once a phrase needs it: most sentences have none
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    has_digit, words_held = _digit_and_words(sentence)
    for kind, needs_digit, needs_word, pattern in _PATTERNS:
        if (needs_digit and not has_digit) or (needs_word is not None and words_held.isdisjoint(needs_word)):
            continue  # most sentences hold no digit and none of a pattern's words
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if future is None:
                future = is_planned(sentence)
            past_verb = bool(_PAST_BEFORE.search(sentence[max(0, m.start() - 25) : m.start()]))
            resolved = _resolve(kind, m, published, future and not past_verb)
            if resolved is not None:
                value, precision = resolved
                explicit = kind in ("iso", "month_day", "day_month", "month_year", "year")
                found.append(ResolvedDate(value, precision, m.group(0).strip(), m.start(), m.end(), explicit))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _digit_and_words(sentence: str) -> tuple[bool, set[str]]:
    """Whether ``sentence`` holds a digit, and which of the patterns' words it holds as words of their own,
    as the patterns' ignored case sees them."""
    return _DIGIT.search(sentence) is not None, _pattern_words().held_by(sentence)


@cache
def _pattern_words() -> Phrases:
    # one automaton pass finds the few words that matter, instead of listing every word of the sentence
    return Phrases(sorted(set().union(*(needed for _, _, needed, _ in _PATTERNS if needed is not None))))


@lru_cache(maxsize=1024)  # an event's clause is often its sentence, and a sentence often reports several events
def resolve_date(sentence: str, published: dt.date | None) -> ResolvedDate | None:
    """The most precise date phrase of ``sentence`` (the first among equals), or None."""
    found = find_dates(sentence, published)
    rank = {"day": 0, "month": 1, "year": 2, "unknown": 3}
    return min(found, key=lambda d: (rank[d.precision], not d.explicit, d.start)) if found else None


def _month(token: str) -> int:
    t = token.lower().rstrip(".")
    return _MONTHS.get(t) or _MONTH_ABBR[t[:4] if t.startswith("sept") else t[:3]]


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None, future: bool) -> tuple[str, DatePrecision] | None:
    try:
        if kind == "iso":
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day"
        if kind in ("month_day", "day_month"):
            month, day = (_month(m[1]), int(m[2])) if kind == "month_day" else (_month(m[2]), int(m[1]))
            year = int(m[3]) if m[3] else _nearest_year(pub, month, day, future)
            return (dt.date(year, month, day).isoformat(), "day") if year else None
        if kind == "month_year":
            return _month_value(int(m[2]), _month(m[1])), "month"
        if kind == "month_last_year":
            if pub is None:
                return None
            year = pub.year + {"last": -1, "this": 0, "next": 1}[m[2].lower()]
            return _month_value(year, _month(m[1])), "month"
        if kind == "in_month":
            if pub is None:
                return None
            month = _month(m[1])
            year = pub.year + (1 if future and month < pub.month else 0) - (1 if not future and month > pub.month else 0)
            return _month_value(year, month), "month"
        if kind == "year":
            return _year_value(int(m[1])), "year"
        if pub is None:
            return None
        if kind == "weekday":
            return _weekday(pub, _WEEKDAYS[m[2].lower()], (m[1] or "").lower(), future).isoformat(), "day"
        if kind == "relative_day":
            word = m[1].lower()
            offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
            return (pub + dt.timedelta(days=offset)).isoformat(), "day"
        if kind == "relative_year":
            step = {"last": -1, "this": 0, "next": 1}[m[1].lower()]
            unit = m[2].lower()
            if unit == "year":
                return _year_value(pub.year + step), "year"
            if unit == "month":
                month_index = pub.year * 12 + pub.month - 1 + step
                return _month_value(month_index // 12, month_index % 12 + 1), "month"
            return (pub + dt.timedelta(weeks=step)).isoformat(), "day" if step == 0 else "unknown"
        if kind == "ago":
            return _ago(pub, m[1].lower(), m[2].lower())
    except (ValueError, KeyError, OverflowError):  # a bad date, or one past the ends of the calendar
        return None
    return None


def _ago(pub: dt.date, count: str, unit: str) -> tuple[str, DatePrecision]:
    """"two days ago" is a day; "three weeks ago" a day give or take a few ("unknown", as "last week");
    "a month ago" a month; "a year ago" a year."""
    n = int(count) if count.isdigit() else 1 if count in ("a", "an") else words()["number_words"][count]
    if unit == "year":
        return _year_value(pub.year - n), "year"
    if unit == "month":
        month_index = pub.year * 12 + pub.month - 1 - n
        return _month_value(month_index // 12, month_index % 12 + 1), "month"
    days = n * (7 if unit == "week" else 1)
    return (pub - dt.timedelta(days=days)).isoformat(), "day" if unit == "day" else "unknown"


def _month_value(year: int, month: int) -> str:
    """"YYYY-MM"; ValueError outside the calendar (year 0, year 10000)."""
    return dt.date(year, month, 1).isoformat()[:7]


def _year_value(year: int) -> str:
    """"YYYY" in ASCII digits ("\u0968\u0966\u0968\u0965" is 2025); ValueError outside the calendar."""
    return dt.date(year, 1, 1).isoformat()[:4]


def _nearest_year(pub: dt.date | None, month: int, day: int, future: bool) -> int | None:
    if pub is None:
        return None
    candidate = dt.date(pub.year, month, day)
    if not future and candidate > pub + dt.timedelta(days=7):
        return pub.year - 1
    if future and candidate < pub - dt.timedelta(days=7):
        return pub.year + 1
    return pub.year


def _weekday(pub: dt.date, weekday: int, qualifier: str, future: bool) -> dt.date:
    """The day a weekday name refers to: the coming one for plans, else the latest one up to publication."""
    delta = weekday - pub.weekday()
    if qualifier == "next" or (future and qualifier != "last"):
        return pub + dt.timedelta(days=delta % 7 or (7 if qualifier == "next" else 0))
    if qualifier == "last":
        return pub - dt.timedelta(days=(-delta) % 7 or 7)
    return pub - dt.timedelta(days=(-delta) % 7)
