"""Compass words in units' names: "South Gondar Zone" is also "Debub Gondar", "Southern Gondar", "South Gondar".

A unit named by a direction and a town or land ("North Wollo", "Misraq Shewa") is written with that direction
in English or in the country's language, and usually without its unit word. Each such name is indexed in
every form of its direction (``geomap/data/compass.json``), without the unit word as well as with it: a
compass word makes the bare form the unit's own, unlike a bare "Gondar", which is the city.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    """Each compass word (lower case) -> every word of its direction, the longest first."""
    raw = json.loads(resources.files("geomap").joinpath("data/compass.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, ...]] = {}
    for group in raw["groups"]:
        words = tuple(sorted(group, key=len, reverse=True))
        out.update((word, words) for word in group)
    return out


def rules_text() -> bytes:
    """The compass words as stored: part of the gazetteer index's fingerprint."""
    return resources.files("geomap").joinpath("data/compass.json").read_bytes()


def split_compass(name: str) -> tuple[str, str] | None:
    """("South", "Gondar Zone") for "South Gondar Zone": a leading compass word (of one or two words) and the
    rest; None when the name opens with none or is nothing else ("North West" is a direction, not a west)."""
    groups, words = _groups(), name.split(" ")
    for n in (2, 1):
        lead, rest = " ".join(words[:n]), " ".join(words[n:])
        if len(words) > n and lead.lower() in groups:
            return None if rest.lower() in groups else (lead, rest)
    return None


def compass_forms(name: str, unit_words: tuple[str, ...]) -> list[str]:
    """Every form of a compass-led name: each word of its direction before the rest, with and without a final
    unit word; [] for a name that no compass word opens."""
    split = split_compass(name)
    if split is None:
        return []
    lead, rest = split
    head, _, last = rest.rpartition(" ")
    bases = [rest, head] if head and last.lower() in unit_words else [rest]
    return [f"{word.title()} {base}" for word in _groups()[lead.lower()] for base in bases]


def is_compass_word(word: str) -> bool:
    """Whether ``word`` (any case) is a compass word of one word ("South", "Debub", "Northern")."""
    return word.lower() in _groups()
