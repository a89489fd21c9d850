"""Dates of events: explicit and relative expressions resolved against the publication date.

"on Wednesday" in an article of Wednesday 2025-02-12 is that day; "on Friday" after "is expected to" is
the coming Friday (2025-02-14); "August last year" is 2024-08; "in June" after a future cue is the next
June; "two days later" counts from the day named before it; "overnight" is the night that ends on the
day spoken of (its two days kept); "between 25 and 30 November" starts on the 25th and keeps its last
day. Every result keeps the phrase it came from and its precision. With the offset of an event's trigger,
:func:`resolve_date` picks the phrase that governs that trigger rather than the sentence's most precise.

Why not dateparser: it turns a phrase into one datetime at day precision and settles "Friday" by a
fixed past-or-future preference, while an event needs the phrase found inside a sentence, a month or
year precision of its own ("August last year" is 2024-08, not 2024-08-01), and the direction taken
from the sentence's tense ("is expected to meet on Friday").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from geomap.events.date_phrases import Phrase, date_words, digits_held, pattern_words, patterns, read
from geomap.events.lexicon import Phrases, alternation, words
from geomap.model import DatePrecision

_WORD = re.compile(r"\w+")
_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}

# "said on Tuesday", "met on Friday": a date right after a past-tense verb is in the past
_PAST_BEFORE = re.compile(
    r"\b(?:said|told|met|spoke|was|were|(?!planned|scheduled|expected|slated|postponed|delayed)\w+ed)\s+"
    r"(?:on\s+|last\s+|for\s+)?$", re.I,
)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: str | None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"; the first day of a night or a range
    precision: DatePrecision
    text: str
    start: int = 0  # offsets of the phrase in the sentence
    end: int = 0
    explicit: bool = False  # a calendar date ("Feb. 13") rather than a relative one ("on Thursday")
    alt: str | None = None  # the other calendar day of a night ("overnight into Tuesday": value Monday)
    last: str | None = None  # the last day of a range ("between 25 and 30 November": the 30th)


def is_planned(sentence: str) -> bool:
    """Whether the sentence speaks of something still to come ("is expected to meet"), and not of an
    event already over ("..., he said after the meeting": a quoted "will" is not a plan then)."""
    past, planned = _tense_cues()
    return not past.found_in(sentence) and planned.found_in(sentence)


@cache
def _tense_cues() -> tuple[Phrases, Phrases]:
    return Phrases(words()["past_event_cues"]), Phrases(words()["planned_cues"])


def find_dates(sentence: str, published: dt.date | None, *, planned: bool | None = None,
               anchor: dt.date | None = None) -> list[ResolvedDate]:
    """Every date phrase of ``sentence`` resolved against ``published``, in text order, without overlaps.

    ``anchor`` is the day that relative phrases ("a day earlier", "overnight") count from when the
    sentence names none before them (the previous sentence's date, say); by default the publication day.
    A phrase that dates only what follows it ("a day after the talks") is not among them."""
    return [_public(sentence, p) for p in _read_sentence(sentence, published, planned, anchor)[0]
            if p.kind != "present"]


def resolve_date(text: str, published: dt.date | None, at: int | None = None, *,
                 anchor: dt.date | None = None) -> ResolvedDate | None:
    """The date of an event told in ``text``, or None.

    Without ``at``: the most precise date phrase of ``text`` (the first among equals). With ``at``, the
    offset in ``text`` of the event's trigger word: the phrase that governs it, the nearest in its own
    clause ("The strike on Tuesday came a day after the talks on Monday": the talks are Monday), else a
    date opening the sentence, else the nearest outside clauses of their own (", which ... in 2014");
    what follows "a day after" is the day before the rest of the sentence. ``anchor`` as in
    :func:`find_dates`."""
    dated, relations = _read_sentence(text, published, None, anchor)
    if at is None:
        best = min((p for p in dated if p.kind != "present"),
                   key=lambda p: (_RANK[p.precision], not p.explicit, p.start), default=None)
    else:
        best = _governing(text, dated, relations, at) if dated or relations else None
    return _public(text, best) if best is not None else None


def is_background(date: ResolvedDate, published: dt.date | None) -> bool:
    """Whether ``date`` lies before the news window of a report published on ``published``: a day (the
    last of a night or range) more than ``background_days`` (geomap/data/events/dates.json) before it, a
    month before its month, a year before its year."""
    if published is None or date.value is None:
        return False
    latest = max(filter(None, (date.value, date.alt, date.last)))
    if date.precision == "day":
        return (published - dt.date.fromisoformat(latest)).days > date_words()["background_days"]
    if date.precision == "month":
        return latest < published.isoformat()[:7]
    return date.precision == "year" and latest < published.isoformat()[:4]


def _public(sentence: str, p: Phrase) -> ResolvedDate:
    text = sentence[p.start : p.end]
    lead = len(text) - len(text.lstrip())
    return ResolvedDate(p.value, p.precision, text.strip(), p.start + lead, p.start + lead + len(text.strip()),
                        p.explicit, p.alt, p.last)


@lru_cache(maxsize=8192)  # an event's clause is often its sentence, and a sentence often reports several events
def _read_sentence(sentence: str, published: dt.date | None, planned: bool | None,
                   anchor: dt.date | None) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    """The dated phrases of ``sentence`` and its relations ("a day after ..."), each dated, in text order."""
    phrases = _phrases(sentence, published, planned)
    if not phrases:
        return (), ()  # most sentences
    phrases = _nights(sentence, _ranges(sentence, _years(sentence, phrases)))
    return _anchored(phrases, anchor or published)


def _phrases(sentence: str, published: dt.date | None, planned: bool | None) -> list[Phrase]:
    return list(_found_phrases(sentence, published, planned))


@lru_cache(maxsize=8192)  # one sentence is read again with another anchor ("a day earlier" after "on Monday")
def _found_phrases(sentence: str, published: dt.date | None, planned: bool | None) -> tuple[Phrase, ...]:
    future = planned  # settled by the sentence only once a phrase needs it: most sentences have none
    found: list[Phrase] = []
    digits = digits_held(sentence)
    words_held = pattern_words().held_by(sentence)
    for kind, needs_digits, needs_word, pattern in patterns():
        if needs_digits > digits or (needs_word is not None and words_held.isdisjoint(needs_word)):
            continue  # most sentences hold no digit (or no year) and none of a pattern's words
        for m in pattern.finditer(sentence):
            if any(m.start() < p.end and p.start < m.end() for p in found):
                continue
            if future is None:
                future = is_planned(sentence)
            past_verb = bool(_PAST_BEFORE.search(sentence[max(0, m.start() - 25) : m.start()]))
            phrase = read(kind, m, published, future and not past_verb)
            if phrase is not None:
                found.append(phrase)
    return tuple(sorted(found, key=lambda p: p.start))


def _years(sentence: str, phrases: list[Phrase]) -> list[Phrase]:
    """Days and months given without a year take one given beside them: "on August 5 last year", "the
    2022 invasion began on February 24", "In 2014, ... in March"."""
    out: list[Phrase] = []
    lent: list[Phrase] = []
    for i, p in enumerate(phrases):
        if p.year_given or p.value is None:
            out.append(p)
            continue
        after = phrases[i + 1] if i + 1 < len(phrases) else None
        if (after is not None and after.kind == "relative_year" and after.precision == "year"
                and not sentence[p.end : after.start].strip()):
            out.append(replace(_with_year(p, int(after.value)), end=after.end, year_given=True))
            continue
        year = next((q for q in reversed(out) if q.kind == "year" or q.precision != "year"), None)
        if year is not None and year.kind == "year" and (
                not _breaks_between(sentence, year.end, p.start) or _opens_with(sentence, year)):
            p = _with_year(p, int(year.value))
            lent.append(year)
        out.append(p)
    # a phrase inside a longer one, or a year lent to a day ("the 2022 invasion began on February 24"), goes
    return [p for p in out if p not in lent and not any(q is not p and q.start <= p.start and p.end <= q.end
                                                         for q in out)]


def _opens_with(sentence: str, year: Phrase) -> bool:
    """Whether the sentence opens with "In 2014", which governs all of it."""
    return not sentence[: year.start].strip(" \t\"'\u201c") and sentence[year.start : year.end].lower().startswith("in")


def _with_year(p: Phrase, year: int) -> Phrase:
    value = p.value.replace(p.value[:4], str(year), 1)
    last = p.last.replace(p.last[:4], str(year), 1) if p.last else None
    return replace(p, value=value, last=last, year_given=True)


def _ranges(sentence: str, phrases: list[Phrase]) -> list[Phrase]:
    """Two dates joined as a range ("from 28 February to 2 March", "from Monday to Wednesday") become one
    that starts on the first and keeps the last; "and" joins only after an opener ("between")."""
    out: list[Phrase] = []
    for p in phrases:
        first = out[-1] if out else None
        if (first is not None and first.value and p.value and first.last is None and first.alt is None
                and first.precision == p.precision and first.precision in ("day", "month")):
            link = _range_link().fullmatch(sentence[first.end : p.start])
            if link and (link[1].lower() != "and" or _opened(sentence, first.start)):
                if not first.year_given and p.year_given:
                    year = int(p.value[:4]) - (1 if first.value[5:7] > p.value[5:7] else 0)
                    first = _with_year(first, year)
                if first.value < p.value:
                    out[-1] = replace(first, end=p.end, last=p.value, explicit=first.explicit or p.explicit)
                    continue
        out.append(p)
    return out


def _nights(sentence: str, phrases: list[Phrase]) -> list[Phrase]:
    """A day named as a night keeps both its days: "overnight into Tuesday" (Monday, alt Tuesday), "the
    night of 5 to 6 May" (5, alt 6), "the night of Dec. 27" (27, alt 26: the night into it), "Monday
    night" (Monday, alt Tuesday). The bare "overnight" it absorbs is dropped."""
    out: list[Phrase] = []
    for p in phrases:
        if p.value is None or p.precision != "day" or p.night:
            out.append(p)
            continue
        opener = _night_opener().search(sentence, max(0, p.start - 40), p.start)
        closer = _night_closer().match(sentence, p.end)
        if opener:
            word = opener[1].lower()
            if word.startswith("overnight") or word.endswith(("into", "to")):
                p = replace(p, value=_shift(p.value, -1) or p.value, alt=p.value, last=None)
            elif p.last:
                p = replace(p, alt=p.last, last=None)
            else:
                p = replace(p, alt=_shift(p.value, -1))
            p = replace(p, start=opener.start(1))
        elif closer and not p.last:
            p = replace(p, alt=_shift(p.value, 1), end=closer.end())
        else:
            out.append(p)
            continue
        out = [q for q in out if q.end <= p.start]
        out.append(p)
    return [p for p in out if not (p.night and any(q.start <= p.start < q.end for q in out if q is not p))]


def _anchored(phrases: list[Phrase], anchor: dt.date | None) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    """Relative phrases dated from the latest day named before them in the sentence, else ``anchor``."""
    dated: list[Phrase] = []
    relations: list[Phrase] = []
    base = anchor.isoformat() if anchor else None
    for p in phrases:
        if p.value is None:  # an offset, a relation or "overnight"
            if base is None:
                continue
            day = _shift(base, p.offset)
            if day is None:
                continue
            value = day if p.precision == "day" else day[:7]
            p = replace(p, value=value, alt=base if p.night else None)
            if p.relation:
                relations.append(p)
                continue
        dated.append(p)
        if p.precision == "day" and p.kind != "present":
            base = p.alt if p.alt and p.alt > p.value else p.value  # the day a night ends on
    return tuple(dated), tuple(relations)


def _governing(text: str, dated: tuple[Phrase, ...], relations: tuple[Phrase, ...], at: int) -> Phrase | None:
    # a comma inside a phrase ("June 14, 2021") ends no clause
    breaks = sorted({b for b in _breaks(text) if not any(p.start < b < p.end for p in dated)}
                    | {r.start for r in relations} | {r.end for r in relations})
    seg_start, seg_end = _segment(breaks, at, len(text))
    own = [p for p in dated if seg_start <= p.start and p.end <= seg_end]
    if own:
        return _nearest(own, at)
    dated = tuple(p for p in dated if p.kind != "present")  # "now" dates only the verb of its own clause
    before = next((r for r in reversed(relations) if r.end <= at), None)
    after = next((r for r in relations if r.start >= at), None)
    lo, hi = before.end if before else 0, after.start if after else len(text)
    side = [p for p in dated if lo <= p.start and p.end <= hi and not _subordinate(text, breaks, p)]
    if side:
        opening = _opening(text, side, at) if before is None else []
        if opening:  # "On Tuesday, ...", "In 2014, ...", "Last week, on the night of ..." govern the sentence
            return min(opening, key=lambda p: (_RANK[p.precision], p.start))
        return _nearest(side, at)
    if before is not None:
        return before
    later = next((p for p in dated if after is not None and p.start >= after.end and p.precision == "day"), None)
    if later is not None:  # "The strike came a day after the talks on Monday": Tuesday
        day = _shift(later.value, -after.offset)  # the phrase is then "a day after the talks on Monday"
        return replace(later, start=after.start, value=day, alt=None, last=None) if day else None
    return None


def _opening(text: str, phrases: list[Phrase], at: int) -> list[Phrase]:
    """The date phrases that open ``text`` before ``at``, one after another with at most two words between."""
    opening: list[Phrase] = []
    end = 0
    for p in phrases:
        if p.start >= at or len(_WORD.findall(text, end, p.start)) > 2:
            break
        opening.append(p)
        end = p.end
    return opening


def _nearest(phrases: list[Phrase], at: int) -> Phrase:
    def distance(p: Phrase) -> int:
        return p.start - at if p.start >= at else max(0, at - p.end)

    return min(phrases, key=lambda p: (distance(p), _RANK[p.precision], p.start))


def _segment(breaks: list[int], at: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_right(breaks, at)
    return (breaks[i - 1] if i else 0), (breaks[i] if i < len(breaks) else length)


def _subordinate(text: str, breaks: list[int], p: Phrase) -> bool:
    """Whether ``p`` sits in a clause of its own (", which it annexed in 2014"), which dates only itself."""
    start, _ = _segment(breaks, p.start, len(text))
    if start == 0:
        return False
    first = text[start : p.start].split(maxsplit=1)
    return bool(first) and first[0].lower() in date_words()["subordinate_openers"]


def _breaks_between(text: str, start: int, end: int) -> bool:
    return any(start <= b <= end for b in _breaks(text))


@lru_cache(maxsize=256)
def _breaks(text: str) -> tuple[int, ...]:
    """Where the clauses of ``text`` start: after a comma, semicolon, bracket or dash, at "while", "but"."""
    return tuple(m.end() if not m[0][0].isalpha() else m.start() for m in _break_pattern().finditer(text))


@cache
def _break_pattern() -> re.Pattern[str]:
    marks = [b for b in date_words()["segment_breaks"] if not b.strip().isalpha()]
    joiners = [b for b in date_words()["segment_breaks"] if b.strip().isalpha()]
    return re.compile(rf"{alternation(marks)}|\b(?:{alternation(joiners)})\b", re.I)


def _opened(sentence: str, start: int) -> bool:
    """Whether a range or night opener ("between", "from", "the night of") comes right before ``start``."""
    return bool(_opener_before().search(sentence, max(0, start - 40), start))


@cache
def _opener_before() -> re.Pattern[str]:
    dw = date_words()
    return re.compile(rf"\b(?:{alternation(dw['range_openers'] + dw['night_openers'])})\s+(?:the\s+)?$", re.I)


@cache
def _range_link() -> re.Pattern[str]:
    return re.compile(rf"\s*({alternation(date_words()['range_connectors'])})\s*", re.I)


@cache
def _night_opener() -> re.Pattern[str]:
    return re.compile(rf"\b({alternation(date_words()['night_openers'])})\s+(?:the\s+)?$", re.I)


@cache
def _night_closer() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{alternation(date_words()['night_closers'])})\b", re.I)


def _shift(day: str, days: int) -> str | None:
    """``day`` moved by ``days``; None past the ends of the calendar."""
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None
