"""Names that only say where something else is: "the village, some 80 km west of Baidoa", "a camp near
the Chad border". Such a name is no scene of the event and no fallback for a later clause."""

from __future__ import annotations

import re
from functools import cache

from geomap.events.lexicon import alternation, words
from geomap.model import GeoPrecision, Mention

# "Amara, south of Baghdad", "the village, some 80-100 km west of Baidoa": the second
# name only says where the first one is
_REFERENCE = re.compile(
    r",\s*(?:(?:located|situated|lying)\s+)?(?:some\s+|about\s+|just\s+|approximately\s+|roughly\s+|around\s+)?"
    r"(?:[\d.,\u2013-]+\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:\w+\s+)?(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?$",
    re.I,
)


def is_reference(text: str, m: Mention) -> bool:
    """Whether ``m`` only locates another place: a bearing from it, or its country's border."""
    return _REFERENCE.search(text, max(0, m.start - 80), m.start) is not None or _names_a_border(text, m)


def _names_a_border(text: str, m: Mention) -> bool:
    """"near the Chad border", "on the Ukrainian frontier": the frontier of a state, not the state. A
    region's border area ("the Kursk border region") is still the region."""
    if m.place is None or m.place.precision != GeoPrecision.COUNTRY:
        return False
    return _boundary_after().match(text, m.end) is not None


@cache
def _boundary_after() -> re.Pattern[str]:
    return re.compile(rf"(?:['\u2019]s)?\s+(?:{alternation(words()['boundary_nouns'])})\b", re.I)
