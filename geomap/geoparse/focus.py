"""How much a document is about each country and first-level region: its share of an entry's score.

Counted from the first guesses of the document's names (a country named, a demonym, a town whose likely entries
lie in one country), and from what its source is about (:mod:`geomap.geoparse.context`), which counts twice the
document's own strongest country or region. An entry of a name scores its prior plus its country's and its
region's shares: "Paris" in a story about Texas is the Texan town.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TypeVar

from geomap.geoparse.context import SourceContext
from geomap.geoparse.lexicon import load_lexicon
from geomap.geoparse.recognize import Candidate
from geomap.model import GeoPrecision, Place

_PRIOR_WEIGHT, _COUNTRY_WEIGHT, _REGION_WEIGHT = 1.0, 0.3, 0.3  # of an entry's score
BIG_CITY = 100_000  # people: a city this big is what its name means alone, before a far smaller region
_OVERSHADOWED = 5  # a place this many times smaller than a big city of its name needs more than its country
# a source's home counts twice the document's own strongest country or region
_SOURCE_WEIGHT = 2.0
# looking a member up on an Enum class is a slow, Python-level look-up: the focus asks once per name per document
_REGION, _COUNTRY = GeoPrecision.REGION, GeoPrecision.COUNTRY
_NO_TERMS: dict[str, float] = {}  # the region terms of a country the document is not about
_Key = TypeVar("_Key", str, tuple[str, str])


class DocumentFocus:
    """How much the document is about each country and first-level region."""

    def __init__(self, countries: Counter[str], regions: Counter[tuple[str, str]]) -> None:
        self.countries = countries
        self.regions = regions
        self._weigh()

    def _weigh(self) -> None:
        """Each country's and region's term of an entry's score, worked out once per document, not once per entry."""
        self._country_terms = _weighted_shares(self.countries, _COUNTRY_WEIGHT)
        # by country, then region: an entry's look-up needs no (country, region) tuple made
        self._region_terms: dict[str, dict[str, float]] = {}
        for (cc, admin1), term in _weighted_shares(self.regions, _REGION_WEIGHT).items():
            self._region_terms.setdefault(cc, {})[admin1] = term

    @classmethod
    def from_first_guesses(cls, cands: list[Candidate], demonyms: Mapping[str, Place | None]) -> DocumentFocus:
        countries: Counter[str] = Counter()
        regions: Counter[tuple[str, str]] = Counter()
        actor_nouns = load_lexicon().armed_actor_nouns
        for cand in cands:
            if cand.kind == "demonym":
                if cand.word_after() in actor_nouns:
                    continue  # "Russian forces" says who fights, and they often fight abroad
                country = demonyms[cand.text]
                if country is not None and country.country_code:
                    countries[country.country_code] += 0.5
                continue
            if not cand.places:
                continue
            top, floor = cand.places[0], 0.3 * cand.priors[0]
            # the likely entries (among the first five, those with over 0.3 of the best prior) lie in one country
            one_country = len(cand.places) == 1 or len(
                {p.country_code for p, w in zip(cand.places[:5], cand.priors) if w > floor}
            ) <= 1
            precision, cc = top.precision, top.country_code
            if cc:
                countries[cc] += 1.0 if precision >= _COUNTRY else 0.6 if one_country else 0.2
                if top.admin1 and (precision == _REGION or one_country):
                    regions[(cc, top.admin1)] += 1.0 if precision == _REGION else 0.3
        return cls(countries, regions)

    def add_source(self, context: SourceContext) -> None:
        for own, learned in ((self.countries, context.countries), (self.regions, context.regions)):
            if not learned:
                continue
            scale = _SOURCE_WEIGHT * max(max(own.values(), default=0.0), 1.0) / max(learned.values())
            for key, count in learned.items():
                own[key] += scale * count
        self._weigh()

    def partial_scores(self, entries: list[Place], priors: list[float], biggest: int = 0) -> list[float]:
        """Each entry's prior plus its country's and its region's share of the document's focus, weighted;
        ``biggest``: the people of the largest city of that very name, which overshadows small namesakes."""
        w_prior, countries, regions = _PRIOR_WEIGHT, self._country_terms, self._region_terms
        scores = []
        for p, prior in zip(entries, priors):
            region = regions.get(p.country_code or "", _NO_TERMS).get(p.admin1 or "", 0.0)
            country = countries.get(p.country_code or "", 0.0)
            if not region and biggest >= BIG_CITY and p.population * _OVERSHADOWED < biggest:
                country = 0.0  # a US story's "Geneva" is the city, not a town of that name in Illinois
            scores.append(w_prior * prior + country + region)
        return scores


def _weighted_shares(counts: Mapping[_Key, float], weight: float) -> dict[_Key, float]:
    """``weight`` times each key's count over the highest count (no key counts when none is above 0)."""
    top = max(counts.values(), default=0.0)
    return {key: weight * (n / top) for key, n in counts.items()} if top else {}
