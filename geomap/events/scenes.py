"""The place an event is drawn at, given the mention that names its scene, and the scenes of a list.

A territorial event at a town named like its region ("Kursk" in a story about "the Kursk region") is drawn
at the region. A list of places ("the regions of Sumy, Kharkiv and Odesa were attacked", "Lahore, Multan
or Quetta") names one scene per place: each member is a literal place parted from the next by words that only join
a list (lexicon.json ``list_joiners``: a comma, "and", "as well as", "and other cities such as"). A member
of another kind than the place the event was placed by (a district among towns) belongs to the list unless
it contains another member or lies in one ("Pokrovsk, Donetsk region" names one scene at two scales). A
name the gazetteer lacks may stand in the list as a member of its own ("Vinnytsia, Frankiv, Sumy").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from geomap.events.lexicon import words
from geomap.events.owners import names_an_actor
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.spatial import lies_within
from geomap.model import GeoPrecision, Mention, Place
from geomap.text import Span, token_texts

_TERRITORIAL = ("territorial_control", "territorial_change")
_ANY_WORDS = "~"  # in a joiner: up to _JOINER_GAP words ("and other ~ such as": "and other major cities such as")
_JOINER_GAP = 3
_NAME_WORDS = 3  # the longest name the gazetteer lacks that may stand in a list as a member of its own


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
    # "retook Mosul, U.S.-backed forces said": a place joined to "backed" names an actor, no list member
    ordered = sorted((k for k in mentions if _listable(k, m) and not names_an_actor(text, k)), key=lambda k: k.start)
    at = next((i for i, k in enumerate(ordered) if k is m), None)
    if at is None:
        return [placement_at(m, confidence, event_type, item, gaz)]
    first = last = at
    while first > 0 and _joins_list(text[ordered[first - 1].end : ordered[first].start]):
        first -= 1
    while last + 1 < len(ordered) and _joins_list(text[ordered[last].end : ordered[last + 1].start]):
        last += 1
    listed = ordered[first : last + 1]
    members = _distinct([k for k in listed if k is m or not _other_scale(k, m, listed)])
    return [placement_at(k, confidence, event_type, item, gaz) if k.place is not None else
            Placement(None, k.text, 0.5, k) for k in members]


def _joins_list(gap: str) -> bool:
    """Whether the text between two places only joins them into a list, perhaps with one name the gazetteer
    lacks between them as a member of its own."""
    tokens = token_texts(gap)
    if tokens and tokens[-1].lower() == "the":
        tokens = tokens[:-1]
    if _is_joiner(tokens):
        return True
    names = [i for i, t in enumerate(tokens) if t[0].isupper()]
    if not names or names[-1] - names[0] >= _NAME_WORDS or len(names) != names[-1] - names[0] + 1:
        return False
    return _is_joiner(tokens[: names[0]]) and _is_joiner(tokens[names[-1] + 1 :])


def _is_joiner(tokens: list[str]) -> bool:
    lowered = [t.lower() for t in tokens]
    return any(_fits(joiner, lowered) for joiner in _joiners())


def _fits(joiner: tuple[str, ...], tokens: list[str]) -> bool:
    """Whether ``tokens`` spell ``joiner``, its "~" standing for one to _JOINER_GAP words."""
    if not joiner:
        return not tokens
    if joiner[0] != _ANY_WORDS:
        return bool(tokens) and tokens[0] == joiner[0] and _fits(joiner[1:], tokens[1:])
    return any(all(t[0].isalnum() for t in tokens[:n]) and _fits(joiner[1:], tokens[n:])
               for n in range(1, min(_JOINER_GAP, len(tokens)) + 1))


@cache
def _joiners() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(t.lower() for t in token_texts(j)) for j in words()["list_joiners"])


def _other_scale(k: Mention, m: Mention, members: list[Mention]) -> bool:
    """A member of another kind than ``m`` that contains another member or lies in one: the same scene at
    another scale ("Pokrovsk, Donetsk region", "Kharkiv, Ukraine"), not a scene of its own."""
    if k.place is None or m.place is None or _same_kind(k.place, m.place):
        return False
    return any(o.place is not None and o is not k and (_holds(k.place, o.place) or _holds(o.place, k.place))
               for o in members)


def _holds(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` is ``inner``'s country or first-level region (a district is not known to hold a town
    of its first-level region)."""
    return (outer.precision == GeoPrecision.COUNTRY or outer.feature_code == "ADM1") and lies_within(inner, outer)


def _distinct(members: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for k in members:
        key = k.place.key if k.place is not None else k.text
        if key not in seen:
            seen.add(key)
            out.append(k)
    return out


def _listable(k: Mention, m: Mention) -> bool:
    """A literal place that may stand in a list with ``m``, or a literal name the gazetteer lacks (a village
    of the list: its event is kept, unplaced, under its name)."""
    if k.role != "literal" or m.place is None:
        return False
    return k.place is None or k.place.precision != GeoPrecision.VAGUE


def _same_kind(a: Place, b: Place) -> bool:
    """Towns with towns, regions and countries with regions and countries."""
    return (a.precision == GeoPrecision.SITE) == (b.precision == GeoPrecision.SITE)


def _region_named_like(town: Place, item: Span, gaz: Gazetteer) -> Place | None:
    """"Kursk" in a story about "the Kursk region" is the region, when the region bears the town's name."""
    if not town.country_code or not town.admin1:
        return None
    region = gaz.admin1(town.country_code, town.admin1)
    if region is None or not region.name.lower().startswith(town.name.lower()[:4]):
        return None
    mentioned = re.search(rf"\b{re.escape(town.name)}\s+(?:region|oblast|province)\b", item.text, re.I)
    return region if mentioned else None
