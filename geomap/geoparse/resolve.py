"""Toponym resolution: pick the gazetteer entry a name means, using the whole document as context.

Each candidate entry is scored by its prior (population, feature importance), the document's
country and region focus (countries named, demonyms, unambiguous places), "X, Y" qualifiers
("Paris, Texas") and closeness to the document's other places. Two passes: the first resolves
names by prior and context alone, the second adds closeness to the first pass's confident answers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from geomap.gazetteer import Gazetteer
from geomap.geoparse.context import SourceContext
from geomap.gazetteer.spatial import lies_within, place_distance_km
from geomap.geoparse.recognize import Candidate
from geomap.model import GeoPrecision, Place

_MAX_CANDIDATES = 30
_MAX_ANCHORS = 50
_WEIGHTS = {"prior": 1.0, "country": 0.3, "admin1": 0.3, "near": 0.3, "qualifier": 0.60}
# a source's home counts twice the document's own strongest country or region
_SOURCE_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Resolution:
    place: Place | None
    score: float
    reason: str | None = None


def resolve_candidates(cands: list[Candidate], gaz: Gazetteer, context: SourceContext | None = None) -> list[Resolution]:
    """One :class:`Resolution` per candidate, in the same order; ``context`` says what the document's
    source is about (see :mod:`geomap.geoparse.context`)."""
    qualifiers = _qualifiers(cands)
    focus = _DocumentFocus.from_first_guesses(cands, gaz)
    if context is not None:
        focus.add_source(context)
    first = [_best(c, gaz, focus, qualifiers.get(i), anchors=()) for i, c in enumerate(cands)]
    confident = Counter(r.place for r in first if r.place is not None and r.score >= 0.6 and r.place.precision == 1)
    # each distinct place once, the most mentioned first: a long text naming a thousand towns stays linear
    anchors = tuple(place for place, _ in confident.most_common(_MAX_ANCHORS))
    return [_best(c, gaz, focus, qualifiers.get(i), anchors) for i, c in enumerate(cands)]


class _DocumentFocus:
    """How much the document is about each country and first-level region."""

    def __init__(self, countries: Counter[str], regions: Counter[tuple[str, str]]) -> None:
        self.countries = countries
        self.regions = regions
        self.top = max(countries.values(), default=0.0)

    @classmethod
    def from_first_guesses(cls, cands: list[Candidate], gaz: Gazetteer) -> _DocumentFocus:
        countries: Counter[str] = Counter()
        regions: Counter[tuple[str, str]] = Counter()
        for cand in cands:
            if cand.kind == "demonym":
                country = gaz.demonym(cand.text)
                if country is not None and country.country_code:
                    countries[country.country_code] += 0.5
                continue
            if not cand.places:
                continue
            top = cand.places[0]
            ambiguous_countries = {
                p.country_code for p, w in zip(cand.places[:5], cand.priors) if w > 0.3 * cand.priors[0]
            }
            weight = 1.0 if top.precision >= GeoPrecision.COUNTRY else 0.6 if len(ambiguous_countries) <= 1 else 0.2
            if top.country_code:
                countries[top.country_code] += weight
            if top.precision == GeoPrecision.REGION and top.country_code and top.admin1:
                regions[(top.country_code, top.admin1)] += 1.0
            elif len(ambiguous_countries) <= 1 and top.country_code and top.admin1:
                regions[(top.country_code, top.admin1)] += 0.3
        return cls(countries, regions)

    def add_source(self, context: SourceContext) -> None:
        for own, learned in ((self.countries, context.countries), (self.regions, context.regions)):
            if not learned:
                continue
            scale = _SOURCE_WEIGHT * max(max(own.values(), default=0.0), 1.0) / max(learned.values())
            for key, count in learned.items():
                own[key] += scale * count
        self.top = max(self.countries.values(), default=0.0)

    def country_share(self, cc: str | None) -> float:
        return self.countries.get(cc or "", 0.0) / self.top if self.top else 0.0

    def region_share(self, cc: str | None, admin1: str | None) -> float:
        top = max(self.regions.values(), default=0.0)
        return self.regions.get((cc or "", admin1 or ""), 0.0) / top if top else 0.0


def _best(
    cand: Candidate,
    gaz: Gazetteer,
    focus: _DocumentFocus,
    qualifier: Candidate | None,
    anchors: tuple[Place, ...],
) -> Resolution:
    if cand.kind == "demonym":
        country = gaz.demonym(cand.text)
        if country is None:
            return Resolution(None, 0.0, "demonym of an unknown country")
        return Resolution(country, 0.9)
    places = cand.places[:_MAX_CANDIDATES]
    if not places:
        return Resolution(None, 0.0, "no gazetteer entry for this name")
    if len(places) == 1:
        return Resolution(places[0], 0.95)  # nothing to choose between
    scored = sorted(
        ((_score(p, w, focus, qualifier, anchors), i, p) for i, (p, w) in enumerate(zip(places, cand.priors))),
        key=lambda t: (-t[0], t[1]),
    )
    best_score, _, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    margin = (best_score - runner_up) / best_score if best_score > 0 else 0.0
    confidence = min(1.0, 0.5 + 0.5 * margin) if len(scored) > 1 else 0.95
    return Resolution(best, round(confidence, 3))


def _score(
    place: Place, prior: float, focus: _DocumentFocus, qualifier: Candidate | None, anchors: tuple[Place, ...]
) -> float:
    w = _WEIGHTS
    score = w["prior"] * prior
    score += w["country"] * focus.country_share(place.country_code)
    score += w["admin1"] * focus.region_share(place.country_code, place.admin1)
    others = [a for a in anchors if a.key != place.key]
    if others:
        nearest = min(place_distance_km(place, a) for a in others)
        score += w["near"] * max(0.0, 1.0 - nearest / 1000.0)
    if qualifier is not None and _qualified_by(place, qualifier):
        score += w["qualifier"]
    return score


def _qualified_by(place: Place, qualifier: Candidate) -> bool:
    """Whether "X, Y" holds for this entry of X: Y is its first-level region or its country."""
    return any(lies_within(place, q) for q in qualifier.places[:10])


def _qualifiers(cands: list[Candidate]) -> dict[int, Candidate]:
    """Index of X -> candidate Y for every "X, Y" in the text (adjacent names separated by a comma)."""
    pairs: dict[int, Candidate] = {}
    for i in range(len(cands) - 1):
        x, y = cands[i], cands[i + 1]
        if x.kind != "name" or y.kind != "name" or x.sentence is not y.sentence:
            continue
        between = x.tokens[x.last + 1 : y.first]
        if [t.text for t in between] == [","]:
            pairs[i] = y
    return pairs
