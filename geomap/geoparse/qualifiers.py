"""Qualifiers: the region or country a report writes next to a place name to say which namesake it means.

"Vesele, Donetsk", "Vesele (Donetsk)", "Vesele, Zaporizhzhia Oblast", "the village of Vesele in the Kharkiv
region", "Bakhmut in eastern Ukraine", "Donetsk Oblast's Vesele". How firmly a qualifier binds depends on its form:

- ``soft``: a comma inside a list, before a name that is mostly a town ("Kherson, Zaporizhzhia and Donetsk"
  names three places, not one): an entry inside the second name's region only scores higher;
- ``firm``: a comma or "in" between two names and nothing more: the entries outside the region are not taken
  when an entry inside it exists;
- ``binding``: the region carries its head word ("Y Oblast", "in the Y region") or stands in parentheses: a
  namesake outside it is never taken, and a name with no entry inside stays unresolved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.spatial import lies_within
from geomap.geoparse.lexicon import Lexicon, load_lexicon
from geomap.geoparse.recognize import Candidate
from geomap.model import GeoPrecision, Place

Strength = Literal["soft", "firm", "binding"]
_AREAS = (GeoPrecision.REGION, GeoPrecision.COUNTRY)
_MAX_QUALIFIER_ENTRIES = 10  # the entries of the qualifying name looked at (its likely senses)
_SMALL_PLACE = 10_000  # people: a namesake this small abroad is no stand-in for a village the gazetteer lacks
_MAX_PAREN_WORDS = 3  # words between an opening parenthesis and the name it qualifies ("(North Shewa, ...")
_LIST_JOINERS = ([","], ["and"], ["or"], [",", "and"], [",", "or"], ["as", "well", "as"], [",", "as", "well", "as"])


@dataclass(frozen=True, slots=True)
class Qualifier:
    """The region or country ``text`` (the candidate at ``index``) that qualifies a name before it."""

    index: int
    text: str
    areas: tuple[Place, ...]  # the regions and countries the qualifying name may mean
    strength: Strength

    def contains(self, place: Place) -> bool:
        return any(lies_within(place, area) for area in self.areas)

    def area_of(self, place: Place) -> Place | None:
        """The area of the qualifier that ``place`` lies in, the most exact first (a region before its country)."""
        inside = [area for area in self.areas if lies_within(place, area)]
        return min(inside, key=lambda area: area.precision) if inside else None


def find_qualifiers(cands: list[Candidate], gaz: Gazetteer) -> dict[int, Qualifier]:
    """Index of X -> the qualifier of X, for every name X that the text qualifies with a region or country."""
    lex = load_lexicon()
    found: dict[int, Qualifier] = {}
    for i in range(len(cands) - 1):
        first, second = cands[i], cands[i + 1]
        if first.kind != "name" or second.kind != "name" or first.sentence is not second.sentence:
            continue
        form = _form(first, second, lex)
        if form is None:
            continue
        # "Kharkiv's Kupiansk district": the region comes first; else it follows the name
        named, by = (i + 1, i) if form == "possessive" else (i, i + 1)
        x, y = cands[named], cands[by]
        areas = _areas(y, gaz, lex)
        if not areas or (x.places and x.places[0].precision >= max(a.precision for a in areas) and not any(
                lies_within(p, a) for p in x.places for a in areas)):
            # "Russia in Ukraine", "France, Germany": a country is not qualified by a country; but "Jere,
            # Adamawa State" is the village there, though the gazetteer lists a district of that name first
            continue
        found[named] = Qualifier(by, y.text, areas, _strength(form, cands, named, lex))
    return found


def _form(x: Candidate, y: Candidate, lex: Lexicon) -> str | None:
    """How two names are joined: "comma", "paren", "in" (Y qualifies X), "possessive" (X qualifies Y), or None.

    A settlement word may follow X ("Ivanivka village, Kherson Oblast"); a comma may come before "in"."""
    between = [t.text.lower() for t in x.tokens[x.last + 1 : y.first]]
    if between in (["'s"], ["’s"]):
        return "possessive"
    if between and (between[0] in lex.settlement_heads or between[0] in lex.settlement_nouns):
        between = between[1:]  # "Ivanivka village, Kherson Oblast", "the Jere camp in Jigawa State"
    if between[:1] == [","] and between[1:2] == ["in"]:
        between = between[1:]
    if between == [","]:
        return "comma"
    if between == ["("]:
        return "paren"
    if between and between[0] == "in" and all(w == "the" or w in lex.place_modifiers for w in between[1:]):
        return "in"  # "X in Russia's Belgorod region": Russia holds X as well as the region
    return None


def _strength(form: str, cands: list[Candidate], i: int, lex: Lexicon) -> Strength:
    """How firmly the qualifier binds name ``i`` (see the module's docstring)."""
    x, y = cands[i], cands[i - 1 if form == "possessive" else i + 1]
    if form == "paren" or _in_parentheses(x, y):
        return "binding"
    if _has_head(y, lex) and not (form == "comma" and in_one_list(cands, i + 1)):
        return "binding"  # unlike "Lviv, Kharkiv Oblast and Sumy Oblast", a list whose second item has a head
    mostly_an_area = bool(y.places) and y.places[0].precision in _AREAS
    if form == "comma" and not mostly_an_area and (in_one_list(cands, i - 1) or in_one_list(cands, i + 1)):
        return "soft"  # "Kherson, Zaporizhzhia and Donetsk", unlike "Paris, France, and Paris, Texas"
    return "firm"


def _has_head(y: Candidate, lex: Lexicon) -> bool:
    """"Zaporizhzhia Oblast", "the Kharkiv region", "Borno state": the name says that it is a region."""
    heads = lex.region_heads
    if y.text.split()[-1].lower() in heads:
        return True
    return y.last + 1 < len(y.tokens) and y.tokens[y.last + 1].text.lower() in heads


def _in_parentheses(x: Candidate, y: Candidate) -> bool:
    """"Ankober (North Shewa, Amhara)": both names inside one pair of parentheses, which hold qualifiers."""
    tokens = x.tokens
    if not (y.last + 1 < len(tokens) and tokens[y.last + 1].text == ")"):
        return False
    for tok in reversed(tokens[max(0, x.first - _MAX_PAREN_WORDS) : x.first]):
        if tok.text in {"(", ")"}:
            return tok.text == "("
    return False


def in_one_list(cands: list[Candidate], k: int) -> bool:
    """Whether candidates ``k`` and ``k + 1`` are two items of one list."""
    if k < 0 or k + 1 >= len(cands) or cands[k].sentence is not cands[k + 1].sentence:
        return False
    a, b = cands[k], cands[k + 1]
    return [t.text.lower() for t in a.tokens[a.last + 1 : b.first]] in _LIST_JOINERS


def _areas(y: Candidate, gaz: Gazetteer, lex: Lexicon) -> tuple[Place, ...]:
    """The regions and countries Y may mean: its own such entries, else those of "Y <head>" ("Donetsk" in
    "Vesele, Donetsk" is the oblast, which the gazetteer names "Donetsk Oblast")."""
    own = tuple(p for p in y.places[:_MAX_QUALIFIER_ENTRIES] if p.precision in _AREAS)
    if own:
        return own
    seen: dict[str, Place] = {}
    for head in sorted(lex.region_heads):
        for place in gaz.candidates(f"{y.text} {head}")[:_MAX_QUALIFIER_ENTRIES]:
            if place.precision in _AREAS:
                seen.setdefault(place.key, place)
    return tuple(seen.values())


def framed_abroad(cands: list[Candidate], demonyms: Mapping[str, Place | None], lex: Lexicon) -> set[int]:
    """Indices of the names framed as settlements ("the village of X", "X village") whose only entries are small
    places in countries that nothing else in the text names: a hamlet abroad that happens to share the name
    of a village the gazetteer lacks ("Pinti village" in a report on Myanmar is not Piņķi in Latvia)."""
    framed = [i for i, c in enumerate(cands) if c.kind == "name" and c.places and _framed_as_settlement(c, lex)]
    if not framed:
        return set()
    named_by: dict[str, set[int]] = {}  # country -> the candidates that name it
    for k, cand in enumerate(cands):
        place = demonyms[cand.text] if cand.kind == "demonym" else cand.places[0] if cand.places else None
        if place is not None and place.country_code:
            named_by.setdefault(place.country_code, set()).add(k)
    abroad = set()
    for i in framed:
        others = {cc for cc, ks in named_by.items() if ks - {i}}
        if others and all(p.population < _SMALL_PLACE and p.precision == GeoPrecision.SITE
                          and p.country_code not in others for p in cands[i].places):
            abroad.add(i)
    return abroad


def _framed_as_settlement(cand: Candidate, lex: Lexicon) -> bool:
    tokens, k = cand.tokens, cand.first
    before = k >= 2 and tokens[k - 1].text.lower() == "of" and tokens[k - 2].text.lower() in lex.settlement_nouns
    after = cand.last + 1 < len(tokens) and tokens[cand.last + 1].text.lower() in lex.settlement_heads
    return before or after
