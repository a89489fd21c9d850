"""Which of a clause's places the text puts inside which: "the Saltivka district in northern Kharkiv",
"Sievierodonetsk, Luhansk", "Odesa's port area".

The finer place says more precisely where an event happened, so the placer ranks the place that contains it
lower (:func:`containers`) and ties the finer one to the event as closely as its container
(:func:`written_inside`). The words that join them are data/events/lexicon.json ``container_links``; the words
before a place that make it the whole area of an event are ``whole_area_words``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from geomap.events.lexicon import words
from geomap.events.owners import owns_a_venue
from geomap.events.word_windows import all_plain, gap_words, is_plain
from geomap.gazetteer.spatial import lies_within, place_distance_km
from geomap.model import GeoPrecision, Mention, Place

# "shelled in Ukraine on Monday in Kherson", "at Russia's largest refinery in the southern port of Tuapse":
# names this close describe one scene at two scales; farther apart they may be two scenes
_CONTAINED_WITHIN_CHARS = 48
# a place the text puts inside another may lie across a border from it (a divided city's quarter), not farther
_SAME_AREA_KM = 100
_POSSESSIVES = ("'s", "\u2019s")
_PART_WORDS = 3  # words after a possessive before a place it holds: "Kharkiv's eastern Saltivka district of"
_WORDS_BEFORE_LINK = 2  # words between a place and the link to its container: "X district in Y"
_OF_THE = (["of", "the"], ["of"], [])  # "in the north of the", "in central"


def mention_precision(m: Mention) -> int:
    """How fine the place of ``m`` is; a place the gazetteer lacks counts as a site."""
    return int(m.place.precision) if m.place is not None else int(GeoPrecision.SITE)


def containers(text: str, candidates: Sequence[Mention], links: dict[int, float]) -> list[Mention]:
    """The candidates that contain another candidate tied at least as closely to the event: "Aleppo
    region" in "Ukraine's Kharkiv region", "Kharkiv" in "the Saltivka district in northern Kharkiv"."""
    out = []
    for outer in candidates:
        if _spans_whole_area(text, outer):
            continue  # "demonstrated across Turkey as leaders gathered in Istanbul": the whole country
        for inner in candidates:
            if inner is not outer and links[id(inner)] >= links[id(outer)] and _inside(text, inner, outer):
                out.append(outer)
                break
    return out


def written_inside(text: str, candidates: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Pairs of a finer place and the one the text puts it in ("X in Y", "X, Y"): the phrase of Y says
    where X is, so X is tied to the event as closely as Y."""
    return [(inner, outer) for inner in candidates for outer in candidates
            if inner is not outer and mention_precision(inner) < mention_precision(outer)
            and _text_puts_inside(text, inner, outer)]


def misplaced_namesake(text: str, m: Mention, candidates: Sequence[Mention]) -> Mention | None:
    """The place the text puts ``m`` in when the gazetteer's ``m`` lies far from it: "the Zhukovsky
    neighbourhood in northern Kharkiv" is not Zhukovsky near Moscow, so the event is drawn at Kharkiv."""
    return next((outer for outer in candidates if outer is not m and outer.place is not None and m.place is not None
                 and _text_puts_inside(text, m, outer) and _far_apart(m.place, outer.place)), None)


def _inside(text: str, inner: Mention, outer: Mention) -> bool:
    if inner.place is not None and outer.place is not None and (
        inner.place.precision > outer.place.precision or _far_apart(inner.place, outer.place)
    ):
        return False  # "in Spain on Monday in Valencia": a country is not inside a city
    if _text_puts_inside(text, inner, outer):
        return True
    if inner.place is None or outer.place is None:
        return False
    # a clause that names a country and a town in it tells where in the country ("shelling hit the
    # Syrian port" after "in Tartus"); a town and a region named far apart may be two scenes
    near = outer.place.precision == GeoPrecision.COUNTRY or \
        max(inner.start, outer.start) - min(inner.end, outer.end) <= _CONTAINED_WITHIN_CHARS
    return near and inner.place.precision < outer.place.precision and lies_within(inner.place, outer.place)


def _text_puts_inside(text: str, inner: Mention, outer: Mention) -> bool:
    if inner.end <= outer.start and _links_to_container(text[inner.end : outer.start]):
        return True  # "X in Y", "X near Y"
    # "Baghdad's ... of X"; but "France's consulate in Basra" stands in Basra, in no part of France
    return outer.end <= inner.start and _possessive_of_part(text[outer.end : inner.start]) \
        and not owns_a_venue(text, outer)


def _links_to_container(gap: str) -> bool:
    """Whether the words between two places put the first in the second: " in ", " district near the ",
    ", ", " in the north of the "."""
    gap_list = gap_words(gap, blank_start=False)
    if gap_list is None:
        return False
    for k, word in enumerate(gap_list[: _WORDS_BEFORE_LINK + 1]):
        if word in _container_links() and all_plain(gap_list[:k]) and _says_where_within(gap_list[k + 1 :]):
            return True
    return False


def _says_where_within(after_link: list[str]) -> bool:
    """The words between a link and the container: an article, a word and "of the", each there or not
    ("the north of the", "central", "the")."""
    for of_the in _OF_THE:
        cut = len(after_link) - len(of_the)
        if cut >= 0 and after_link[cut:] == of_the:
            lead = after_link[:cut]
            if not lead or (len(lead) == 1 and is_plain(lead[0])) or (
                    len(lead) == 2 and lead[0] == "the" and is_plain(lead[1])):
                return True
    return False


def _possessive_of_part(gap: str) -> bool:
    """"'s eastern " between two places: the second lies in a part of the first ("Kharkiv's eastern Saltivka")."""
    gap_list = gap_words(gap, blank_start=False)
    return gap_list is not None and gap.lstrip().startswith(_POSSESSIVES) and gap_list[0] in _POSSESSIVES \
        and len(gap_list) <= _PART_WORDS + 1 and all_plain(gap_list[1:])


def _far_apart(a: Place, b: Place) -> bool:
    """Too far apart for one to lie in the other (a border may run between them: a divided city's quarter)."""
    return a.country_code != b.country_code and place_distance_km(a, b) > _SAME_AREA_KM


def _spans_whole_area(text: str, m: Mention) -> bool:
    """"across Turkey", "throughout the region": the event spans the whole place ``m`` names."""
    before = text[max(0, m.start - 24) : m.start].lower().split()
    if before and before[-1] == "the":
        before.pop()
    return bool(before) and (before[-1] in _whole_area_words() or " ".join(before[-2:]) in _whole_area_words())


@cache
def _whole_area_words() -> frozenset[str]:
    return frozenset(words()["whole_area_words"])


@cache
def _container_links() -> frozenset[str]:
    return frozenset(words()["container_links"])
