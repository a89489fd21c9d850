"""Toponym resolution: pick the gazetteer entry a name means, using the whole document as context.

Each candidate entry is scored by its prior (population, feature importance), the document's
country and region focus (countries named, demonyms, unambiguous places: :mod:`geomap.geoparse.focus`), "X, Y" qualifiers
("Paris, Texas") and closeness to the document's other places. Two passes: the first resolves
names by prior and context alone, the second adds closeness to the first pass's confident answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from geomap.gazetteer import Gazetteer, normalize_name
from geomap.gazetteer.spatial import pairs_within_km, place_distance_km
from geomap.geoparse.context import SourceContext
from geomap.geoparse.focus import BIG_CITY, DocumentFocus
from geomap.geoparse.lexicon import load_lexicon
from geomap.geoparse.qualifiers import Qualifier, find_qualifiers, framed_abroad, in_one_list
from geomap.geoparse.recognize import Candidate
from geomap.geoparse.words import Answers
from geomap.model import GeoPrecision, Place

_MAX_CANDIDATES = 30
_MAX_ANCHORS = 50
_WEIGHTS = {"near": 0.3, "qualifier": 0.60}  # of an entry's score, besides its prior and focus (focus.py)
_SPELT_COUNTRIES = 1  # a framed name's spelling is searched in the country the text is most about (a scan of its towns)
_CITY_OVER_REGION = 2.0  # a big city is ranked before a region of its name with at least this many times its people
_DEMOTED_REGION_SHARE = 0.9  # the demoted region's prior, as a share of the city's
# a town of the region's own name holding this share of the people it counts, and this many, is its seat
_SEAT_SHARE, _SEAT_TOWN = 0.2, 20_000
_FOCUS_COUNTRY = 1.0  # a country the document names, or a city of it it names with confidence
_NEAR_KM = 1000.0  # an anchor this far away or farther adds nothing
_LIST_KM = 60.0  # the members of a list of villages lie within this of one another
_TOWN = 30_000  # people: a namesake abroad this small, listed among towns of one country, is not meant
_REGION = GeoPrecision.REGION  # looking a member up on an Enum class is a slow, Python-level look-up


@dataclass(frozen=True, slots=True)
class Resolution:
    place: Place | None
    score: float
    reason: str | None = None


def resolve_candidates(cands: list[Candidate], gaz: Gazetteer, context: SourceContext | None = None) -> list[Resolution]:
    """One :class:`Resolution` per candidate, in the same order; ``context`` says what the document's
    source is about (see :mod:`geomap.geoparse.context`)."""
    cands = [_big_city_first(cand) for cand in cands]
    qualifiers = find_qualifiers(cands, gaz)
    demonyms = name_lookups(gaz).demonym
    focus = DocumentFocus.from_first_guesses(cands, demonyms)
    if context is not None:
        focus.add_source(context)
    # a name said again with the same qualifier and the same entries has one choice; the entries are those of
    # its text, but for a list's shared head ("the Donetsk and Luhansk regions": see heads.py)
    choices: dict[tuple[str, str | None, str | None], _Choice] = {}
    picks: list[Resolution | _Choice] = []
    abroad = framed_abroad(cands, demonyms, load_lexicon())
    for i, cand in enumerate(cands):
        if cand.kind == "unlisted":
            _spelt_otherwise(cand, gaz, focus)
        if i in abroad:
            picks.append(Resolution(None, 0.0, "only a small namesake abroad, in a country the text does not name"))
            continue
        qualifier = qualifiers.get(i)
        if qualifier is not None and qualifier.strength != "soft" and cand.kind == "name":
            cand = _narrowed(cand, qualifier)
            if not cand.places:
                picks.append(Resolution(None, 0.0, f"no place of this name in {qualifier.text}"))
                continue
        settled = _settled(cand, demonyms)
        if settled is not None:
            picks.append(settled)
            continue
        entries = cand.places[0].key if cand.places else None
        key = (cand.text, qualifier.text if qualifier is not None else None, entries)
        if key not in choices:
            choices[key] = _Choice(cand, focus, qualifier)
        picks.append(choices[key])
    first = [p if isinstance(p, Resolution) else p.first for p in picks]
    confident = Counter(r.place for r in first if r.place is not None and r.score >= 0.6 and r.place.precision == 1)
    # each distinct place once, the most mentioned first: a long text naming a thousand towns stays linear
    anchors = tuple(place for place, _ in confident.most_common(_MAX_ANCHORS))
    closeness = _Closeness(anchors, list({p.key: p for c in choices.values() for p in c.entries}.values()))
    resolved = [p if isinstance(p, Resolution) else p.second(closeness) for p in picks]
    return _qualifiers_resolved(_beside_list_mates(cands, picks, resolved), qualifiers)


def _beside_list_mates(cands: list[Candidate], picks: list[Resolution | _Choice],
                       resolved: list[Resolution]) -> list[Resolution]:
    """A name in a list of places ("around A, B, C and D") means its namesake near the others, when one is
    near them and the pick so far is not: the villages a front-line report lists lie together."""
    out = list(resolved)
    start = 0
    while start < len(cands):
        end = start
        while in_one_list(cands, end):
            end += 1
        members = range(start, end + 1)
        for i in members if end > start else ():
            choice = picks[i]
            mates = [r.place for j, r in zip(members, resolved[start : end + 1])
                     if j != i and r.place is not None and r.place.precision == GeoPrecision.SITE]
            if isinstance(choice, _Choice) and mates and resolved[i].place is not None:
                out[i] = choice.near(mates, _LIST_KM, resolved[i])
            if _abroad_among(cands[i], out[i], mates):
                out[i] = Resolution(None, 0.0, "only a small namesake abroad, listed among places of one country")
        start = end + 1
    return out


def _abroad_among(cand: Candidate, picked: Resolution, mates: list[Place]) -> bool:
    """"Lahore, Karachi, Cardito and Multan": a town listed among two or more towns of one country, whose every
    entry is a small place elsewhere, is some place of that country the gazetteer lacks, not Cardito near Naples."""
    countries = {p.country_code for p in mates}
    if picked.place is None or len(mates) < 2 or len(countries) != 1:
        return False
    return _towns_elsewhere(cand.places, countries, _TOWN)


def _towns_elsewhere(places: list[Place], countries: set[str | None], below: int) -> bool:
    """Whether every entry is a town of fewer than ``below`` people outside ``countries``."""
    return all(p.country_code not in countries and p.precision == GeoPrecision.SITE and p.population < below
               for p in places)


def _spelt_otherwise(cand: Candidate, gaz: Gazetteer, focus: DocumentFocus) -> None:
    """A name the text frames as a place but the gazetteer lacks as written ("the town of Qamishly") may be
    listed in another romanisation (Al Qamishli): looked for in the countries the document is about."""
    countries = [cc for cc, n in focus.countries.items() if n >= _FOCUS_COUNTRY]
    found = gaz.spelled_like(cand.text, countries)
    lex = load_lexicon()
    frame = {t.text.lower() for t in cand.tokens[max(0, cand.first - 2) : cand.first]
             + cand.tokens[cand.last + 1 : cand.last + 2]}
    if frame & lex.populated_place_nouns:
        found = [(p, w) for p, w in found if p.feature_class == "P"]  # "the town of Qamishly"
        # "the town of Adan Yabaal": Aadan Yabaal, in the country the text is most about
        found = found or gaz.written_like(cand.text, [cc for cc, _ in focus.countries.most_common(_SPELT_COUNTRIES)
                                                      if cc in countries])
    elif frame & lex.settlement_heads:
        found = [(p, w) for p, w in found if p.feature_class == "A"]  # "Dhamar governorate"
    cand.places, cand.priors = [p for p, _ in found], [w for _, w in found]


def _big_city_first(cand: Candidate) -> Candidate:
    """"Manchester" alone is the English city, not the Jamaican parish of that name: a region that the gazetteer
    ranks first is put after a namesake city (by its own name, not an alternate) far more populous than it, or
    after the town it is named after ("Gao" alone is the town, not the Gao Region around it: where a conflict
    monitor puts what the text places only at the region, too)."""
    if not cand.places or cand.places[0].precision != _REGION:
        return cand
    region, norm = cand.places[0], normalize_name(cand.text)
    seat_meant = not _framed_as_region(cand)  # "Gao region", "the province of Idlib" mean the region
    bigger = [w for p, w in zip(cand.places, cand.priors) if p.precision == GeoPrecision.SITE
              and normalize_name(p.name) == norm and (_overshadows(p, region) or seat_meant and _seat_of(p, region))]
    if region.population <= 0 or not bigger:
        return cand
    priors = [_DEMOTED_REGION_SHARE * max(bigger), *cand.priors[1:]]
    order = sorted(range(len(priors)), key=priors.__getitem__, reverse=True)  # stable: ties keep their order
    return replace(cand, places=[cand.places[k] for k in order], priors=[priors[k] for k in order])


def _framed_as_region(cand: Candidate) -> bool:
    heads = load_lexicon().region_heads
    after = cand.tokens[cand.last + 1].text.lower() if cand.last + 1 < len(cand.tokens) else ""
    before = [t.text.lower() for t in cand.tokens[max(0, cand.first - 2) : cand.first]]
    return after in heads or (len(before) == 2 and before[1] == "of" and before[0] in heads)


def _overshadows(city: Place, region: Place) -> bool:
    return city.population >= max(BIG_CITY, _CITY_OVER_REGION * region.population)


def _seat_of(town: Place, region: Place) -> bool:
    """Whether ``town`` is the region's namesake seat: inside it and holding a good share of its people."""
    return (town.country_code == region.country_code and town.admin1 == region.admin1
            and town.population >= max(_SEAT_TOWN, _SEAT_SHARE * region.population))


def _narrowed(cand: Candidate, qualifier: Qualifier) -> Candidate:
    """The candidate with only its entries inside the qualifier's area; a firm qualifier that none lies in
    changes nothing (it may be a list after all) unless every entry is a town of another country ("Cardito,
    Balochistan" is no town in Italy); a binding one leaves no entry."""
    inside = [(p, w) for p, w in zip(cand.places, cand.priors) if qualifier.contains(p)]
    if not inside and qualifier.strength == "firm":
        if not _towns_elsewhere(cand.places, {area.country_code for area in qualifier.areas}, BIG_CITY):
            return cand
    if len(inside) == len(cand.places):
        return cand
    return replace(cand, places=[p for p, _ in inside], priors=[w for _, w in inside])


def _qualifiers_resolved(resolutions: list[Resolution], qualifiers: dict[int, Qualifier]) -> list[Resolution]:
    """A qualifier that is a town's name as well means the region here: "Donetsk" in "Vesele, Donetsk"."""
    out = list(resolutions)
    for i, qualifier in qualifiers.items():
        named, own = resolutions[i].place, out[qualifier.index]
        if named is None or qualifier.strength == "soft" or own.place is None or own.place.precision in (
            GeoPrecision.REGION, GeoPrecision.COUNTRY
        ):
            continue
        area = qualifier.area_of(named)
        if area is not None:
            out[qualifier.index] = Resolution(area, max(own.score, 0.9))
    return out


@dataclass(frozen=True, slots=True)
class NameLookups:
    """What the gazetteer says about a name, asked by resolution and roles in every document that uses it:
    remembered across documents (see :func:`name_lookups`), as news names the same places again and again."""

    demonym: Answers[Place | None]
    stands_for: Answers[str | None]


_LOOKUPS: WeakKeyDictionary[Gazetteer, NameLookups] = WeakKeyDictionary()


def name_lookups(gaz: Gazetteer) -> NameLookups:
    """The look-ups of ``gaz`` (one set per gazetteer, kept as long as the gazetteer is)."""
    lookups = _LOOKUPS.get(gaz)
    if lookups is None:
        lookups = _LOOKUPS[gaz] = NameLookups(Answers(gaz.demonym), Answers(gaz.stands_for))
    return lookups


def _settled(cand: Candidate, demonyms: Mapping[str, Place | None]) -> Resolution | None:
    """The resolution of a demonym (its country in ``demonyms``) or of a name with at most one entry; None when
    there is a choice."""
    if cand.kind == "demonym":
        country = demonyms[cand.text]
        if country is None:
            return Resolution(None, 0.0, "demonym of an unknown country")
        return Resolution(country, 0.9)
    if not cand.places:
        return Resolution(None, 0.0, "no gazetteer entry for this name")
    if len(cand.places) == 1:
        return Resolution(cand.places[0], 0.95)  # nothing to choose between
    return None


class _Choice:
    """The entries a name may mean, scored on what both passes share (prior, document focus, qualifier).

    ``first`` is the first pass's pick; :meth:`second` adds closeness to the first pass's confident places."""

    def __init__(self, cand: Candidate, focus: DocumentFocus, qualifier: Qualifier | None) -> None:
        self.entries = cand.places[:_MAX_CANDIDATES]
        # the sum of the terms that come before closeness; the later terms are added to it in a fixed order
        norm = normalize_name(cand.text)
        named = [p.population for p in self.entries if p.precision == GeoPrecision.SITE and normalize_name(p.name) == norm]
        self._partial = focus.partial_scores(self.entries, cand.priors, max(named, default=0))
        qualified = [qualifier.contains(p) for p in self.entries] if qualifier is not None else []
        self._qualified = qualified if any(qualified) else None  # None: no score gets the qualifier's weight
        self.first = self._pick(self._partial)
        self._second: Resolution | None = None

    def second(self, closeness: _Closeness) -> Resolution:
        """The pick with closeness counted (worked out once: a document has one set of anchors)."""
        if self._second is None:
            near = closeness.bonuses(self.entries[: len(self._partial)], {p.key for p in self.entries})
            if any(near):
                w_near = _WEIGHTS["near"]
                self._second = self._pick([s + w_near * n for s, n in zip(self._partial, near)])
            else:
                self._second = self.first  # no entry is near an anchor: the scores are the first pass's
        return self._second

    def near(self, places: list[Place], km: float, picked: Resolution) -> Resolution:
        """The best entry within ``km`` of one of ``places``, when ``picked`` is not and one is."""
        def is_near(entry: Place) -> bool:
            return any(place_distance_km(entry, p) <= km for p in places if p.key != entry.key)

        if picked.place is None or is_near(picked.place):
            return picked
        near = [k for k, entry in enumerate(self.entries[: len(self._partial)]) if is_near(entry)]
        if not near:
            return picked
        best = max(near, key=lambda k: (self._partial[k], -k))
        return Resolution(self.entries[best], round(0.5 + 0.5 * picked.score * 0.5, 3))

    def _pick(self, scores: list[float]) -> Resolution:
        """The best-scoring entry (the first of equal ones: the better prior), with a confidence from its margin."""
        if self._qualified is not None:
            w_qualifier = _WEIGHTS["qualifier"]
            scores = [s + w_qualifier if q else s for s, q in zip(scores, self._qualified)]
        best_score = max(scores)
        best = scores.index(best_score)
        runner_up = max(scores[:best] + scores[best + 1 :], default=0.0)
        margin = (best_score - runner_up) / best_score if best_score > 0 else 0.0
        confidence = min(1.0, 0.5 + 0.5 * margin) if len(scores) > 1 else 0.95
        return Resolution(self.entries[best], round(confidence, 3))


class _Closeness:
    """How near each entry lies to the document's anchors (its confident places): 1 at an anchor other than
    the entry itself, 0 from ``_NEAR_KM`` on. Worked out for all entries at once, and exactly only for the
    entry-anchor pairs that a quick test finds within reach."""

    def __init__(self, anchors: tuple[Place, ...], entries: list[Place]) -> None:
        nearest: dict[str, list[tuple[float, str]]] = {}  # entry -> (km, anchor) of the anchors in reach, nearest first
        for i, j in pairs_within_km(entries, anchors, _NEAR_KM):
            entry, anchor = entries[i], anchors[j]
            if anchor.key != entry.key:
                nearest.setdefault(entry.key, []).append((place_distance_km(entry, anchor), anchor.key))
        self._nearest = {key: sorted(found) for key, found in nearest.items()}

    def bonuses(self, places: list[Place], own: set[str]) -> list[float]:
        """The bonus of each place of one name, in one call: the second pass asks for every entry of every
        name. Anchors among ``own`` (that name's entries) do not count: the first pick of "Donetsk" in Ukraine
        is no reason for the Donetsk across the border in Russia."""
        if not self._nearest:
            return [0.0] * len(places)
        out = []
        for p in places:
            km = next((km for km, anchor in self._nearest.get(p.key, ()) if anchor not in own), _NEAR_KM)
            out.append(max(0.0, 1.0 - km / _NEAR_KM))
        return out
