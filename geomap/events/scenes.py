"""The place an event is drawn at, given the mention that names its scene, and the scenes of a list.

A territorial event at a town named like its region ("Kursk" in a story about "the Kursk region") is drawn
at the region. A list of places ("the regions of Sumy, Kharkiv and Odesa were attacked", "Lahore, Multan
or Quetta") names one scene per place: each member is a place of the same kind as the one the event was
placed by, parted from the next by a comma, "and" or "or" and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.gazetteer import Gazetteer
from geomap.model import GeoPrecision, Mention, Place
from geomap.text import Span

_TERRITORIAL = ("territorial_control", "territorial_change")
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as well as\s+)(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Placement:
    place: Place | None
    text: str | None
    confidence: float  # how sure the link between event and place is
    mention: Mention | None = None  # the mention it was placed by, when there is one


def placement_at(m: Mention, confidence: float, event_type: str, item: Span, gaz: Gazetteer) -> Placement:
    place = m.place
    if event_type in _TERRITORIAL and place is not None and place.precision == GeoPrecision.SITE:
        region = _region_named_like(place, item, gaz)
        if region is not None:
            return Placement(region, m.text, confidence, m)
    return Placement(place, m.text, confidence, m)


def coordinated_places(text: str, m: Mention, mentions: Sequence[Mention], gaz: Gazetteer, item: Span,
                       event_type: str = "strike", confidence: float = 0.8) -> list[Placement]:
    """The placements of every member of the list of places ``m`` stands in (just ``m`` when it stands alone)."""
    ordered = sorted((k for k in mentions if _like(k, m)), key=lambda k: k.start)
    at = next((i for i, k in enumerate(ordered) if k is m), None)
    if at is None:
        return [placement_at(m, confidence, event_type, item, gaz)]
    first = last = at
    while first > 0 and _LIST_GAP.match(text[ordered[first - 1].end : ordered[first].start]):
        first -= 1
    while last + 1 < len(ordered) and _LIST_GAP.match(text[ordered[last].end : ordered[last + 1].start]):
        last += 1
    members = _distinct(ordered[first : last + 1])
    return [placement_at(k, confidence, event_type, item, gaz) if k.place is not None else
            Placement(None, k.text, 0.5, k) for k in members]


def _distinct(members: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for k in members:
        key = k.place.key if k.place is not None else k.text
        if key not in seen:
            seen.add(key)
            out.append(k)
    return out


def _like(k: Mention, m: Mention) -> bool:
    """A literal place of the same kind as ``m`` (towns with towns, regions with regions), or a literal name
    the gazetteer lacks (a village of the list: its event is kept, unplaced, under its name)."""
    if k.role != "literal" or m.place is None:
        return False
    if k.place is None:
        return True
    return (k.place.precision == GeoPrecision.SITE) == (m.place.precision == GeoPrecision.SITE) and \
        k.place.precision != GeoPrecision.VAGUE


def _region_named_like(town: Place, item: Span, gaz: Gazetteer) -> Place | None:
    """"Kursk" in a story about "the Kursk region" is the region, when the region bears the town's name."""
    if not town.country_code or not town.admin1:
        return None
    region = gaz.admin1(town.country_code, town.admin1)
    if region is None or not region.name.lower().startswith(town.name.lower()[:4]):
        return None
    mentioned = re.search(rf"\b{re.escape(town.name)}\s+(?:region|oblast|province)\b", item.text, re.I)
    return region if mentioned else None
