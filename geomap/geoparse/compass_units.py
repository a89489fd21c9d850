"""A compass word and a name before a unit word: "the West Shewa zone" is a zone, not a town called Shewa.

A unit named so that the gazetteer lists whole ("South Gondar", see geomap.gazetteer.compass) is found whole
by the recogniser. One it lacks leaves the bare name, which often is the town the unit was named after or a
namesake far away: the name then keeps only its entries that are areas, and the mention spans the compass
word too, so that a map never puts a zone at its namesake town.
"""

from __future__ import annotations

from functools import cache

from geomap.gazetteer.compass import is_compass_word
from geomap.geoparse.candidate import Candidate
from geomap.geoparse.lexicon import load_lexicon
from geomap.model import GeoPrecision

_LIST_REACH = 8  # tokens after the name within which a list of units may end in its unit word


def compass_units(cands: list[Candidate], text: str) -> list[Candidate]:
    """``cands`` with each name after a capitalised compass word and before a unit word widened over the
    compass word and left with its area entries only."""
    return [_widened(c, text) if c.kind == "name" and _compass_before(c) and _unit_word_after(c) else c
            for c in cands]


def _compass_before(cand: Candidate) -> bool:
    prev = cand.tokens[cand.first - 1].text if cand.first else ""
    return prev[:1].isupper() and is_compass_word(prev)


def _unit_word_after(cand: Candidate) -> bool:
    """"West Shewa zone", "West Shewa and East Arsi zones": a unit word after the name or ending its list."""
    heads = _unit_words()
    for tok in cand.tokens[cand.last + 1 : cand.last + 1 + _LIST_REACH]:
        word = tok.text.lower()
        if word in heads:
            return True
        if not (tok.text[:1].isupper() or word in {",", "and", "or"}):
            return False
    return False


def _widened(cand: Candidate, text: str) -> Candidate:
    first = cand.first - 1
    start = cand.tokens[first].start
    areas = [(p, w) for p, w in zip(cand.places, cand.priors) if p.precision == GeoPrecision.REGION]
    return Candidate(start, cand.end, text[start : cand.end], "name", cand.sentence, cand.tokens, first, cand.last,
                     [p for p, _ in areas], [w for _, w in areas])


@cache
def _unit_words() -> frozenset[str]:
    """The lexicon's region heads and their plurals ("zone", "zones", "county", "counties")."""
    heads = load_lexicon().region_heads
    return frozenset(heads) | {f"{h[:-1]}ies" if h.endswith("y") else f"{h}s" for h in heads}
