"""The places a clause that names none refers back to in its story: "the power plant" the story named
before, "the capital" or "the country" of the country the story is about, "the city" or "the Syrian city" it named.

:class:`MentionIndex` holds a document's mentions by offset, so that a clause finds its own and its story's
in logarithmic time.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache

from geomap.events.lexicon import Phrases, cue, fold_case, words
from geomap.gazetteer import Gazetteer
from geomap.model import GeoPrecision, Mention, Place
from geomap.text import Span

# after a dateline's place ("MOGADISHU –", "(LONDON) —", "ASHKELON, Israel (AP) —"): its country or
# agency, then the dash that opens the story
_DATELINE_TAIL = re.compile(r"\)?(?:,\s*[A-Z][\w .]{1,30})?(?:\s*\([^)\n]{1,30}\))?\s*[\u2013\u2014-]\s")
_CAPITAL = re.compile(r"\b(?:the (?:country's |nation's |Ukrainian |Russian )?capital)\b", re.I)


class MentionIndex:
    """Mentions by offset, so that a clause finds its own and its story's in logarithmic time."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def within(self, span: Span) -> list[Mention]:
        return self.mentions[bisect.bisect_left(self._starts, span.start) : bisect.bisect_left(self._starts, span.end)]

    def before(self, start: int, end: int) -> Iterator[Mention]:
        """Mentions starting in [start, end), nearest ``end`` first."""
        for i in range(bisect.bisect_left(self._starts, end) - 1, bisect.bisect_left(self._starts, start) - 1, -1):
            yield self.mentions[i]

    def after(self, start: int, end: int) -> Iterator[Mention]:
        """Mentions starting in [start, end), in text order."""
        for i in range(bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)):
            yield self.mentions[i]


def facility_of_story(clause: Span, story: MentionIndex, item: Span) -> Mention | None:
    """"seized the power plant": the story's last-named site of that kind (a power station, a bridge)."""
    folded = fold_case(clause.text)  # a noun the clause lacks needs no pattern search
    codes = next((codes for noun, pattern, codes in _facility_nouns()
                  if noun in folded and pattern.search(clause.text)), None)
    if codes is None:
        return None
    return next((m for m in story.before(item.start, clause.start) if m.place is not None
                 and m.place.feature_code in codes and m.place.precision == GeoPrecision.SITE), None)


@cache
def _facility_nouns() -> list[tuple[str, re.Pattern[str], frozenset[str]]]:
    """Each noun as a cue (see lexicon.cue), with its pattern and its feature codes."""
    nouns = sorted(words()["facility_nouns"].items(), key=lambda kv: -len(kv[0]))  # "power plant" before "plant"
    return [(cue(noun), re.compile(rf"\bthe\s+(?:\w+\s+)?{re.escape(noun)}\b", re.I), frozenset(codes))
            for noun, codes in nouns]


def is_dateline(text: str, m: Mention) -> bool:
    """Whether ``m`` opens its line as a dateline: where the report was filed, no scene of what it tells."""
    line_start = text.rfind("\n", 0, m.start) + 1
    return not text[line_start : m.start].strip(" \t(") and _DATELINE_TAIL.match(text, m.end) is not None


def town_of_story(text: str, country: Mention, story: MentionIndex, item: Span) -> Mention | None:
    """"the Syrian city", "the Ukrainian town": the town (or region, when its town was not told from it) of
    that country the item named last before, which the definite description refers back to; not "the Syrian
    city of Raqqa", which names its own."""
    if country.place is None or country.place.precision != GeoPrecision.COUNTRY:
        return None
    before = text[max(0, country.start - 5) : country.start].split()
    after = [w.strip(".,;:!?\"'").lower() for w in text[country.end : country.end + 30].split()[:2]]
    if not before or before[-1].lower() != "the" or not after or after[0] not in _town_nouns() or after[1:] == ["of"]:
        return None
    return next((m for m in story.before(item.start, country.start) if m.role == "literal" and m.place is not None
                 and m.place.precision < GeoPrecision.COUNTRY and m.place.country_code == country.place.country_code),
                None)


@cache
def _town_nouns() -> frozenset[str]:
    return frozenset(words()["town_nouns"])


def capital_of_story(story: MentionIndex, item: Span, clause: Span, gaz: Gazetteer) -> Place | None:
    """"the country's capital": the capital of the country the story is about, up to this clause."""
    country = country_of_story(story, item, clause)
    return gaz.capital(country.country_code) if country is not None else None


def country_of_story(story: MentionIndex, item: Span, clause: Span) -> Place | None:
    """The country the story is about: the one its item names most often up to this clause, the first
    named of those ("Russia hits Ukraine ... Ukraine's air force said ... into the country": Ukraine)."""
    named = [m.place for m in story.after(item.start, clause.start + 1) if m.place is not None
             and m.place.precision == GeoPrecision.COUNTRY and m.place.country_code]
    counts = Counter(p.key for p in named)
    return max(named, key=lambda p: counts[p.key], default=None)  # max keeps the first of equals


def names_the_capital(clause: str) -> bool:
    """"the capital", "the country's capital": the capital of the country the story is about."""
    return bool(_CAPITAL.search(clause))


def names_the_country_itself(clause: str) -> bool:
    """"into the country", "across the country": the whole country the story is about."""
    return _the_country_itself().found_in(clause)


def names_a_settlement(clause: str) -> bool:
    """"the city", "the town": a town the story named before, not the region around it."""
    return _the_settlement().found_in(clause)


@cache
def _the_settlement() -> Phrases:
    return Phrases(words()["the_settlement"])


@cache
def _the_country_itself() -> Phrases:
    return Phrases(words()["country_itself"])
