"""Where an event happened: the literal place its sentence ties to it, never a speaker's capital.

Candidates are the sentence's literal, mappable mentions. A place after a locative preposition ("in",
"at", "on", "near") or as the object of an attack beats one that is merely named; a town beats a region
beats a country when both fit. Territorial events name territory, so a town named for its region
("in Kursk" where the story speaks of the Kursk region) stands for the region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.gazetteer import Gazetteer
from geomap.model import GeoPrecision, Mention, Place
from geomap.text import Span

_LOCATIVE = re.compile(r"\b(?:in|at|near|on|over|across|outside|inside|into|around|to|of|from)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
_CAPITAL = re.compile(r"\b(?:the (?:country's |nation's |Ukrainian |Russian )?capital)\b", re.I)
_TERRITORIAL = ("territorial_control", "territorial_change")


@dataclass(frozen=True, slots=True)
class Placement:
    place: Place | None
    text: str | None
    confidence: float  # how sure the link between event and place is
    mention: Mention | None = None  # the mention it was placed by, when there is one


def place_event(
    event_type: str,
    sub_event_type: str,
    text: str,
    clause: Span,
    mentions: Sequence[Mention],
    item: Span,
    item_mentions: Sequence[Mention],
    gaz: Gazetteer,
) -> Placement:
    """The place of an event reported in ``clause`` (a sentence or part of one) of ``item``."""
    if sub_event_type == "phone_call":
        return Placement(None, None, 0.0)  # a call joins places; it happens at none of them
    candidates = [m for m in mentions if _mappable(m)]
    if event_type == "statement":
        # a statement is placed only where the text says it was made ("said in Brussels")
        candidates = [m for m in candidates if m.place.precision == GeoPrecision.SITE and _said_in(text, m)]
    if candidates:
        best = max(candidates, key=lambda m: (_locative_before(text, m), -int(m.place.precision), -m.start))
        return _placement(best, 0.9 if _locative_before(text, best) else 0.7, event_type, item, gaz)
    if event_type == "statement":
        return Placement(None, None, 0.0)
    if _CAPITAL.search(clause.text):
        capital = _capital_of_story(item_mentions, clause, gaz)
        if capital is not None:
            return Placement(capital, "the capital", 0.6)
    # the item's earlier town or region (its headline, the sentence before), never a whole country
    earlier = [
        m for m in item_mentions
        if m.end <= clause.start and _mappable(m) and m.place.precision < GeoPrecision.COUNTRY
    ]
    if earlier:
        return _placement(earlier[-1], 0.45, event_type, item, gaz)
    if event_type == "arrest":
        # an arrest takes place in the country of the authority that makes it ("Ukraine says it has detained")
        states = [m for m in mentions if m.place is not None and m.place.precision == GeoPrecision.COUNTRY]
        if states:
            return Placement(states[0].place, states[0].text, 0.5, states[0])
    return Placement(None, None, 0.0)


def _mappable(m: Mention) -> bool:
    return m.role == "literal" and m.place is not None and m.place.precision != GeoPrecision.VAGUE


def _locative_before(text: str, m: Mention) -> bool:
    return bool(_LOCATIVE.search(text[max(0, m.start - 30) : m.start]))


def _said_in(text: str, m: Mention) -> bool:
    return bool(re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, m.start - 12) : m.start], re.I))


def _placement(m: Mention, confidence: float, event_type: str, item: Span, gaz: Gazetteer) -> Placement:
    place = m.place
    if event_type in _TERRITORIAL and place is not None and place.precision == GeoPrecision.SITE:
        region = _region_named_like(place, item, gaz)
        if region is not None:
            return Placement(region, m.text, confidence, m)
    return Placement(place, m.text, confidence, m)


def _region_named_like(town: Place, item: Span, gaz: Gazetteer) -> Place | None:
    """"Kursk" in a story about "the Kursk region" is the region, when the region bears the town's name."""
    if not town.country_code or not town.admin1:
        return None
    region = gaz.admin1(town.country_code, town.admin1)
    if region is None or not region.name.lower().startswith(town.name.lower()[:4]):
        return None
    mentioned = re.search(rf"\b{re.escape(town.name)}\s+(?:region|oblast|province)\b", item.text, re.I)
    return region if mentioned else None


def _capital_of_story(item_mentions: Sequence[Mention], clause: Span, gaz: Gazetteer) -> Place | None:
    """"the country's capital": the capital of the country the story is about, up to this clause."""
    for m in item_mentions:
        if m.start > clause.start:
            break
        if m.place is not None and m.place.precision == GeoPrecision.COUNTRY and m.place.country_code:
            return gaz.capital(m.place.country_code)
    return None
