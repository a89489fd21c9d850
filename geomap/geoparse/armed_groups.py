"""Place names that name an armed group: "Fano forces" are the Amhara militia, not people of Fano in Italy.

Before an actor noun (``armed_actor_nouns`` of the lexicon: forces, fighters, militia ...) a name is often a
movement's name that the gazetteer also lists as some small town. Where that town is no country, capital or
first-level region and lies far from (nearly) every other place the text names, in another country, the name
is the group's: all its mentions are left unresolved, so that they neither map nor lend the town's country to the
text. "Donetsk militants" and "Kharkiv fighters" keep their places (big, and near the rest of the text).
"""

from __future__ import annotations

from geomap.gazetteer import normalize_name
from geomap.gazetteer.spatial import place_distance_km
from geomap.geoparse.candidate import Candidate
from geomap.geoparse.lexicon import load_lexicon
from geomap.geoparse.resolve import Resolution
from geomap.geoparse.words import is_high_level
from geomap.model import GeoPrecision, Place

_FAR_KM = 1000.0  # a town at least this far from the text's other places is no part of its story
# ... nor is one that only this share of them is near: one stray namesake ("Liberation", a French village, for
# the Tigray People's Liberation Front) must not keep an Italian town in an Ethiopian story
_NEAR_SHARE = 0.2


def armed_group_names(cands: list[Candidate], resolutions: list[Resolution]) -> list[Resolution]:
    """``resolutions`` with every mention of a name that names an armed group here unresolved."""
    nouns = load_lexicon().armed_actor_nouns
    suspects: dict[str, Place] = {}
    for cand, res in zip(cands, resolutions, strict=True):
        if cand.kind == "name" and res.place is not None and not is_high_level(res.place) and \
                cand.word_after() in nouns:
            suspects.setdefault(normalize_name(cand.text), res.place)
    if not suspects:
        return resolutions
    norms = [normalize_name(c.text) for c in cands]
    groups = {norm for norm, town in suspects.items() if _far_from_the_rest(town, [
        r.place for n, r in zip(norms, resolutions) if n != norm and r.place is not None
    ])}
    return [Resolution(None, 0.0, "names an armed group here, not a small place far from the text's others")
            if norm in groups else res for norm, res in zip(norms, resolutions)]


def _far_from_the_rest(town: Place, others: list[Place]) -> bool:
    """Whether the text names other places (each mention counted) and nearly all lie in another country, far
    from ``town``."""
    others = [p for p in others if p.precision < GeoPrecision.VAGUE]  # "Africa" says nothing of where
    near = sum(p.country_code == town.country_code or place_distance_km(p, town) < _FAR_KM for p in others)
    return bool(others) and near <= _NEAR_SHARE * len(others)
