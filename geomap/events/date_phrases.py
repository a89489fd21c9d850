"""Date phrases of a sentence, each read on its own: "Feb. 13", "between 25 and 30 November", "last week",
"two days later", "overnight". :mod:`geomap.events.dates` joins neighbours ("overnight into Tuesday") and
counts relative phrases from their anchors.

Word lists (nights, offsets, weeks, seasons, range words) are in ``geomap/data/events/dates.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from geomap.events.lexicon import Phrases, alternation, words
from geomap.model import DatePrecision

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9}
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
# a full name, or an abbreviation with or without its dot ("Dec. 27"); the dot after a full name ends a sentence
_MONTH_RE = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
             r"sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_MONTH_WORDS = frozenset(_MONTHS) | frozenset(_MONTH_ABBR)
_MONTH_FIRST = "jfmasond"  # the letters a month (_MONTH_RE) starts with
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_DIGIT = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class Phrase:
    """One date phrase as read on its own. A relative phrase ("two days later") has no value yet but an
    ``offset`` in days from its anchor; a ``relation`` ("a day after the talks") dates what follows it."""

    kind: str
    start: int
    end: int
    value: str | None
    precision: DatePrecision
    explicit: bool = False  # a calendar date ("Feb. 13") rather than a relative one ("on Thursday")
    alt: str | None = None  # the other calendar day of a night
    last: str | None = None  # the last day (or month) of a range
    year_given: bool = True  # False for "Feb. 13": a year nearby ("the 2022 invasion") may govern it
    offset: int | None = None  # days from the anchor, for relative phrases
    night: bool = False  # "overnight": the night that ends on the anchor day
    relation: bool = False


def _starting(first: str, pattern: str) -> str:
    """``pattern`` behind a lookahead for the characters (``first``, a class) its matches start with: the
    regex engine then skips to such a character instead of trying the whole pattern at every position
    (a third to half faster, the same matches)."""
    return rf"(?=[{first}]){pattern}"


@cache
def date_words() -> dict:
    return json.loads(resources.files("geomap.data").joinpath("events", "dates.json").read_text("utf-8"))


def _first_letters(phrases: list[str]) -> str:
    """A character class of the first characters of ``phrases``, both cases (see :func:`_starting`)."""
    return re.escape("".join(sorted({c for p in phrases for c in (p[0].lower(), p[0].upper())})))


@cache
def patterns() -> tuple[tuple[str, int, frozenset[str] | None, re.Pattern[str]], ...]:
    """Each pattern with what a sentence must hold for it to match at all: a run of 4 digits, a digit or none
    (:func:`digits_held`), and one of some words as a word of its own (or any words). Earlier patterns win
    where matches overlap."""
    dw = date_words()
    links = alternation(dw["range_connectors"])
    weeks = alternation(list(dw["week_phrases"]))
    units = alternation(list(dw["offset_units"]))
    directions = alternation(dw["offset_back"] + dw["offset_forward"])
    seasons = alternation(list(dw["seasons"]))
    event_nouns = alternation(words()["event_nouns"])
    offsets, counts = list(dw["day_offsets"]), ["a", "an", *words()["number_words"]]
    # an offset needs a direction: "two days later", "the previous day"
    offset_words = frozenset(dw["offset_back"] + dw["offset_forward"]
                             + [w for o in offsets for w in o.split()[1:] if w not in dw["offset_units"]])
    return (
        ("iso", 4, None, re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),  # a lookahead for a digit only slows it
        # "between 25 and 30 November", "3-5 May 2024"
        ("day_range", 1, None, re.compile(_starting(
            r"\d", rf"\b{_DAY}\s*(?:{links})\s*{_DAY}\s+(?:of\s+)?({_MONTH_RE})(?![a-z]){_YEAR}"),
            re.I)),
        # "November 25-30", "between May 3 and 5, 2024" ("May 3 and 5 soldiers" is no range: "and" after "between")
        ("month_day_range", 1, _MONTH_WORDS, re.compile(_starting(
            _MONTH_FIRST + "b", rf"\b(?:between\s+({_MONTH_RE})\s+{_DAY}\s*(?:{links})|({_MONTH_RE})\s+{_DAY}\s*"
            rf"(?:{alternation([w for w in dw['range_connectors'] if w != 'and'])}))\s*{_DAY}\b{_YEAR}"), re.I)),
        ("month_day", 1, _MONTH_WORDS, re.compile(
            _starting(_MONTH_FIRST, rf"\b({_MONTH_RE})\s+{_DAY}\b{_YEAR}"), re.I)),
        # a month too, though not always as a word of its own: "12 Marchers" reads "12 March"
        ("day_month", 1, None, re.compile(_starting(
            r"\d", rf"\b{_DAY}\s+(?:of\s+)?({_MONTH_RE})(?![a-z]){_YEAR}"), re.I)),
        ("month_last_year", 0, _MONTH_WORDS,
         re.compile(_starting(_MONTH_FIRST, rf"\b({_MONTH_RE})\s+(last|this|next)\s+year\b"), re.I)),
        ("month_year", 4, _MONTH_WORDS, re.compile(_starting(_MONTH_FIRST, rf"\b({_MONTH_RE})\s+(\d{{4}})\b"), re.I)),
        ("weekday", 0, frozenset(_WEEKDAYS), re.compile(_starting(
            "lotnsmwf", r"\b(?:(last|this|next|on|since)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
            re.I)),
        # "the previous day", "two days later"; the word after it tells "a day after the talks" (a relation)
        # no lookahead for its first characters: with one, Hypothesis found texts it matched otherwise
        ("offset", 0, offset_words, re.compile(
            rf"\b(?:({alternation(offsets)})|({alternation(counts)}|\d{{1,3}})\s+({units})\s+({directions}))\b"
            r"(?:\s+(?=(\w+)))?", re.I)),
        ("relative_day", 0, frozenset("today tonight yesterday tomorrow overnight night morning evening".split()),
         re.compile(_starting("tyoel", r"\b(today|tonight|yesterday|tomorrow|overnight|last night|this morning|"
                                       r"this evening|earlier today)\b"), re.I)),
        # "now holds a fifth": the publication day, for the verb beside it only (see dates.resolve_date)
        ("present", 0, frozenset(w.split()[-1] for w in dw["present_words"]), re.compile(_starting(
            _first_letters(dw["present_words"]), rf"\b(?:{alternation(dw['present_words'])})\b"), re.I)),
        ("week", 0, frozenset({"week"}),
         re.compile(_starting(_first_letters(list(dw["week_phrases"])), rf"\b({weeks})\b"), re.I)),
        ("weekend", 0, frozenset({"weekend"}), re.compile(_starting(
            _first_letters(list(dw["weekend_phrases"])), rf"\b({alternation(list(dw['weekend_phrases']))})\b"), re.I)),
        ("relative_year", 0, frozenset({"year", "month"}),
         re.compile(_starting("ltn", r"\b(last|this|next) (year|month)\b"), re.I)),
        ("season", 0, frozenset(dw["seasons"]),
         re.compile(_starting("ltn", rf"\b(last|this|next)\s+({seasons})\b"), re.I)),
        # "last December" is the latest December before this month
        ("last_month", 0, _MONTH_WORDS, re.compile(_starting("l", rf"\blast\s+({_MONTH_RE})(?!\s*\d)\b"), re.I)),
        ("in_month", 0, _MONTH_WORDS, re.compile(_starting(
            "ibufsdelm", rf"\b(?:in|by|until|from|since|during|early|late|mid)(?:\s+|-)(?:(?:early|late|mid)(?:\s+|-))?"
            rf"({_MONTH_RE})(?!\s*\d)\b"), re.I)),
        # "planned for June", "not before March"; not "May": "voted for May" names a person
        ("in_month", 0, _MONTH_WORDS, re.compile(_starting(
            "fba", rf"\b(?:for|before|after)\s+((?!may\b){_MONTH_RE})(?!\s*\d)\b"), re.I)),
        # "the September attack": a month naming an event
        ("in_month", 0, _MONTH_WORDS, re.compile(_starting(
            "t", rf"\bthe\s+((?!may\b){_MONTH_RE})(?=\s+(?:{event_nouns})\b)"), re.I)),
        ("year", 4, None,
         re.compile(_starting("isbdoel", r"\b(?:in|since|by|during|of|early|late)\s+((?:19|20)\d{2})\b"), re.I)),
        # "the 1967 Middle East war", "the 2014 annexation": an event named by its year
        ("year", 4, None, re.compile(_starting(r"\d", r"\b((?:19|20)\d{2})\s+(?:[A-Z][\w-]*\s+){0,3}(?:war|invasion|"
            r"annexation|election|elections|revolution|uprising|coup|massacre|offensive|crisis|genocide|siege|"
            r"ceasefire|accords?|agreement|treaty|bombings?|attacks?|earthquake|referendum)\b"))),
        # "two days ago", "a year ago", "3 weeks ago"
        ("ago", 0, frozenset({"ago"}), re.compile(
            rf"\b(\d{{1,3}}|{alternation(counts)})\s+(day|week|month|year)s?\s+ago\b", re.I)),
    )


def digits_held(sentence: str) -> int:
    """4 when ``sentence`` holds a run of four digits (a year), 1 when only shorter numbers, 0 when no digit."""
    if _DIGIT.search(sentence) is None:
        return 0  # most sentences
    return 4 if _FOUR_DIGITS.search(sentence) else 1


@cache
def pattern_words() -> Phrases:
    # one automaton pass finds the few words that matter, instead of listing every word of the sentence
    return Phrases(sorted(set().union(*(needed for _, _, needed, _ in patterns() if needed is not None))))


def month_of(token: str) -> int:
    t = token.lower().rstrip(".")
    return _MONTHS.get(t) or _MONTH_ABBR[t[:4] if t.startswith("sept") else t[:3]]


def read(kind: str, m: re.Match[str], pub: dt.date | None, future: bool) -> Phrase | None:
    """The phrase ``m`` of pattern ``kind`` resolved against the publication date ``pub`` (None when it
    cannot be: a bad calendar date, or a relative phrase without a publication date)."""
    try:
        return _read(kind, m, pub, future)
    except (ValueError, KeyError, OverflowError):  # a bad date, or one past the ends of the calendar
        return None


def _read(kind: str, m: re.Match[str], pub: dt.date | None, future: bool) -> Phrase | None:
    start, end = m.start(), m.end()
    if kind == "iso":
        return Phrase(kind, start, end, dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day", True)
    if kind in ("month_day", "day_month", "day_range", "month_day_range"):
        return _calendar_day(kind, m, pub, future)
    if kind == "month_year":
        return Phrase(kind, start, end, _month_value(int(m[2]), month_of(m[1])), "month", True)
    if kind == "year":
        return Phrase(kind, start, end, _year_value(int(m[1])), "year", True)
    if kind == "offset":
        return _offset(m)
    if pub is None:
        return None
    value: str
    precision: DatePrecision = "month"
    alt = None
    if kind == "month_last_year":
        value = _month_value(pub.year + {"last": -1, "this": 0, "next": 1}[m[2].lower()], month_of(m[1]))
    elif kind in ("in_month", "last_month"):
        month = month_of(m[1])
        if kind == "last_month":
            year = pub.year - (1 if month >= pub.month else 0)
        else:
            year = pub.year + (1 if future and month < pub.month else 0) - (1 if not future and month > pub.month
                                                                             else 0)
        return Phrase(kind, start, end, _month_value(year, month), "month", year_given=False)
    elif kind == "present":
        value, precision = pub.isoformat(), "day"
    elif kind == "weekday":
        value, precision = _weekday(pub, _WEEKDAYS[m[2].lower()], (m[1] or "").lower(), future).isoformat(), "day"
    elif kind == "relative_day":
        word = m[1].lower()
        if word == "overnight":  # the night that ends on the day the sentence speaks of
            return Phrase(kind, start, end, None, "day", offset=-1, night=True)
        day = pub + dt.timedelta(days={"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0))
        value, precision = day.isoformat(), "day"
        if word in ("tonight", "last night"):
            alt = (day + dt.timedelta(days=1)).isoformat()
    elif kind == "weekend":  # Saturday to Sunday
        saturday = _weekday(pub, 5, date_words()["weekend_phrases"][m[1].lower()], future)
        return Phrase(kind, start, end, saturday.isoformat(), "day", last=(saturday + dt.timedelta(days=1)).isoformat())
    elif kind == "week":  # a week is given the precision of its month, as the gold of news_dev codes it
        step = date_words()["week_phrases"][m[1].lower()]
        value = (pub + dt.timedelta(weeks=step)).isoformat()[:7]
    elif kind == "relative_year":
        step = {"last": -1, "this": 0, "next": 1}[m[1].lower()]
        if m[2].lower() == "year":
            value, precision = _year_value(pub.year + step), "year"
        else:
            month_index = pub.year * 12 + pub.month - 1 + step
            value = _month_value(month_index // 12, month_index % 12 + 1)
    elif kind == "season":
        value, precision = _year_value(_season_year(pub, m[1].lower(), date_words()["seasons"][m[2].lower()])), "year"
    elif kind == "ago":
        value, precision = _ago(pub, m[1].lower(), m[2].lower())
    else:
        return None
    return Phrase(kind, start, end, value, precision, alt=alt)


def _calendar_day(kind: str, m: re.Match[str], pub: dt.date | None, future: bool) -> Phrase | None:
    last_day = None
    if kind == "month_day":
        month, day, year_text = month_of(m[1]), int(m[2]), m[3]
    elif kind == "day_month":
        month, day, year_text = month_of(m[2]), int(m[1]), m[3]
    elif kind == "day_range":
        month, day, last_day, year_text = month_of(m[3]), int(m[1]), int(m[2]), m[4]
    else:  # month_day_range, with "between" or without
        month, day = (month_of(m[1]), int(m[2])) if m[1] else (month_of(m[3]), int(m[4]))
        last_day, year_text = int(m[5]), m[6]
    if last_day is not None and last_day <= day:
        return None  # "5-3 May" is no range
    year = int(year_text) if year_text else nearest_year(pub, month, last_day or day, future)
    if year is None:
        return None
    last = dt.date(year, month, last_day).isoformat() if last_day else None
    return Phrase(kind, m.start(), m.end(), dt.date(year, month, day).isoformat(), "day", True, last=last,
                  year_given=bool(year_text))


def _offset(m: re.Match[str]) -> Phrase:
    """"two days later", "the previous day"; "a day after the talks" is a relation: it dates the talks."""
    dw = date_words()
    following = (m[5] or "").lower()
    if m[1]:
        phrase = m[1].lower()
        days, direction = dw["day_offsets"][phrase], phrase.rsplit(" ", 1)[1]
        precision: DatePrecision = "day"
    else:
        count = m[2].lower()
        n = int(count) if count.isdigit() else 1 if count in ("a", "an") else words()["number_words"][count]
        unit, direction = dw["offset_units"][m[3].lower()], m[4].lower()
        days = n * unit * (-1 if direction in dw["offset_back"] else 1)
        precision = "day" if unit == 1 else "month"  # a week off is given its month, as "last week" is
    relation = direction in ("before", "after") and following not in ("", "that", "this", "it")
    end = m.start() + len(m[0].rstrip())
    # what follows "a day after" is a day before the rest of the sentence
    return Phrase("offset", m.start(), end, None, precision, offset=-days if relation else days, relation=relation)


def _ago(pub: dt.date, count: str, unit: str) -> tuple[str, DatePrecision]:
    """"two days ago" is a day; "three weeks ago" the month of that day (as "last week"); "a month ago" a
    month; "a year ago" a year."""
    n = int(count) if count.isdigit() else 1 if count in ("a", "an") else words()["number_words"][count]
    if unit == "year":
        return _year_value(pub.year - n), "year"
    if unit == "month":
        month_index = pub.year * 12 + pub.month - 1 - n
        return _month_value(month_index // 12, month_index % 12 + 1), "month"
    day = (pub - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    return (day, "day") if unit == "day" else (day[:7], "month")


def _season_year(pub: dt.date, which: str, first_month: int) -> int:
    """The year a season named "last", "this" or "next" starts in (northern seasons: winter starts in
    December)."""
    started = pub.month >= first_month  # this year's season has begun
    over = pub.month >= first_month + 3  # ... and ended
    if which == "last":
        return pub.year if over else pub.year - 1
    if which == "next":
        return pub.year + 1 if started else pub.year
    return pub.year


def _month_value(year: int, month: int) -> str:
    """"YYYY-MM"; ValueError outside the calendar (year 0, year 10000)."""
    return dt.date(year, month, 1).isoformat()[:7]


def _year_value(year: int) -> str:
    """"YYYY" in ASCII digits ("\u0968\u0966\u0968\u0965" is 2025); ValueError outside the calendar."""
    return dt.date(year, 1, 1).isoformat()[:4]


def nearest_year(pub: dt.date | None, month: int, day: int, future: bool) -> int | None:
    """The year of a day given without one: the publication's, or the one before when the day would lie
    after publication in a report of the past ("on Dec. 27" in January); in a plan, the next year only
    when the day lies further back than ``plan_lookback_days`` (dates.json), a past day a plan may mention
    ("will meet on January 15" in December is next January; "the Jan. 21 attack will be investigated" in
    February is this January)."""
    if pub is None:
        return None
    candidate = dt.date(pub.year, month, day)
    if not future and candidate > pub + dt.timedelta(days=7):
        return pub.year - 1
    if future and candidate < pub - dt.timedelta(days=date_words()["plan_lookback_days"]):
        return pub.year + 1
    return pub.year


def _weekday(pub: dt.date, weekday: int, qualifier: str, future: bool) -> dt.date:
    """The day a weekday name refers to: the coming one for plans, else the latest one up to publication
    (the publication day itself when it is that weekday)."""
    delta = weekday - pub.weekday()
    if qualifier == "next" or (future and qualifier != "last"):
        return pub + dt.timedelta(days=delta % 7 or (7 if qualifier == "next" else 0))
    if qualifier == "last":
        return pub - dt.timedelta(days=(-delta) % 7 or 7)
    return pub - dt.timedelta(days=(-delta) % 7)
