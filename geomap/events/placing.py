"""Where an event happened: the literal place its sentence ties to it, never a speaker's capital.

Candidates are the clause's literal, mappable mentions, ranked by how the text links each to the
event: a place after a locative preposition ("in", "at", "near", "off", "north of") or right after
the trigger as its object ("captured Knin") is linked; a place of origin ("a driver from Abidjan",
"missiles launched from Crimea") or a reference point ("Amara, south of Baghdad") is not the scene.
Among equally linked places the one nearest the trigger wins. Territorial events name territory, so
a town named for its region ("in Kursk" where the story speaks of the Kursk region) stands for it.
The words around a place are read by :mod:`geomap.events.place_words`; which place the text puts inside
which, by :mod:`geomap.events.containment`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from geomap.events.containment import containers, mention_precision, misplaced_namesake, written_inside
from geomap.events.framing import end_of_quoted_speech
from geomap.events.journeys import takes_refuge_in, travels_to, words_before
from geomap.events.landmarks import is_reference
from geomap.events.lexicon import alternation, words
from geomap.events.owners import follows_a_war, names_an_actor, owns_a_venue
from geomap.events.place_words import (after_locative, after_origin, coordinates_another, few_plain_words, held_under,
                                       names_a_part, opens_another_predicate, undergoes)
from geomap.events.scenes import Placement, placement_at
from geomap.events.story_places import (MentionIndex, capital_of_story, country_of_story, facility_of_story, is_dateline,
                                        names_a_settlement, names_the_capital, names_the_country_itself, town_of_story)
from geomap.gazetteer import Gazetteer
from geomap.model import GeoPrecision, Mention, Place
from geomap.text import Span

_OWN_PHRASE_CHARS = 12  # a verb this close after the trigger is of its own phrase ("shot and killed")
# "western", "north-eastern", "central": where in a place, as part of the object ("captured western Zaporizhzhia")
_DIRECTION = r"(?:(?:north|south|east|west|central)[a-z-]*\s+)"
_CAPITAL_AFTER = re.compile(r"(?:['\u2019]s)?\s+capital\b", re.I)
_TERRITORIAL = ("territorial_control", "territorial_change")  # they name territory, not a point
_DIPLOMATIC = ("statement", "meeting", "agreement", "aid", "sanction")  # they name states as parties
_ABOUT_A_WAR = (*_DIPLOMATIC, "protest")  # what may be about a war elsewhere, not part of it
_TAKEN_FROM = ("abduction", "humanitarian")  # people taken, evacuated or fleeing from a place: "from" names the scene
_MOVEMENT = ("meeting", "agreement", "protest")  # "a visit to Paris", "marched to the Sydney offices"


def place_event(
    event_type: str,
    sub_event_type: str,
    text: str,
    clause: Span,
    mentions: Sequence[Mention],
    item: Span,
    story: MentionIndex,
    gaz: Gazetteer,
    trigger: int | None = None,
    defence: int | None = None,
) -> Placement:
    """The place of an event reported in ``clause`` (a sentence or part of one) of ``item``.

    ``story`` holds the document's mentions; only those of ``item`` before the clause are consulted.
    ``trigger`` is where the word that reports the event starts in ``text``, when known; ``defence``: where the
    clause tells of the attack's defence ("air defences shot down 30 drones"), when it does.
    """
    if sub_event_type == "phone_call":
        return Placement(None, None, 0.0)  # a call joins places; it happens at none of them
    mentions = [m for m in mentions if not is_dateline(text, m)]  # where it was filed, not where it happened
    candidates = [m for m in mentions if not names_an_actor(text, m) and (
        _mappable(m) or _unlisted(m) or _capital_named(text, m, gaz) is not None
        or (event_type not in _DIPLOMATIC and _acted_on(text, m, trigger) and gaz.demonym(m.text) is None))]
    if event_type == "statement":
        # a statement is placed only where the text says it was made ("said in Brussels")
        candidates = [m for m in candidates if _mappable(m) and m.place.precision == GeoPrecision.SITE
                      and _said_in(text, m)]
    links = {id(m): _link(text, m, event_type, trigger) for m in candidates}
    for inner, outer in written_inside(text, candidates):
        links[id(inner)] = max(links[id(inner)], links[id(outer)])  # "took the town X in central Somalia": X
    for outer in containers(text, candidates, links):
        links[id(outer)] -= 0.5  # a smaller place inside it says more precisely where
    candidates = [m for m in candidates if links[id(m)] > 1]
    if candidates:
        anchor = trigger if trigger is not None else clause.end
        best = max(candidates, key=lambda m: (links[id(m)], -_gap(m, anchor), -mention_precision(m)))
        if best.place is None:
            return _within_known_place(best, mentions)
        around = misplaced_namesake(text, best, candidates)
        if around is not None:
            return Placement(around.place, best.text, 0.5, best)
        capital = _capital_named(text, best, gaz)
        if capital is not None:
            return Placement(capital, best.text, 0.8, best)  # "an attack on the Ukrainian capital"
        town = town_of_story(text, best, story, item)
        if town is not None:
            return placement_at(town, 0.7, event_type, item, gaz)  # "... Raqqa ... surrounded the Syrian city"
        facility = facility_of_story(clause, story, item) if best.place.precision > GeoPrecision.SITE else None
        if facility is not None and facility.place.country_code == best.place.country_code:
            return placement_at(facility, 0.7, event_type, item, gaz)  # "the power plant in southern Ukraine"
        return placement_at(best, 0.9 if links[id(best)] >= 2 else 0.6, event_type, item, gaz)
    if event_type == "statement":
        return Placement(None, None, 0.0)
    facility = facility_of_story(clause, story, item)
    if facility is not None:
        return placement_at(facility, 0.6, event_type, item, gaz)
    if names_the_capital(clause.text):
        capital = capital_of_story(story, item, clause, gaz)
        if capital is not None:
            return Placement(capital, "the capital", 0.6)
    if names_the_country_itself(clause.text):
        country = country_of_story(story, item, clause)
        if country is not None:  # "launched 71 missiles into the country": not into a city named before
            return Placement(country, "the country", 0.6)
    # the item's earlier town or region (its headline, the sentence before), never a whole country; a town
    # when the clause speaks of one ("the rebels entered the city": the city, not the province named after it)
    finest = GeoPrecision.REGION if names_a_settlement(clause.text) else GeoPrecision.COUNTRY
    earlier = next((m for m in story.before(item.start, clause.start) if m.end <= clause.start and _mappable(m)
                    and m.place.precision < finest and _may_be_told_again(text, m, event_type)), None)
    if earlier is not None and event_type not in _DIPLOMATIC:
        # a meeting or a deal takes place where the text says; the town a war story named before is no venue
        return placement_at(earlier, 0.45, event_type, item, gaz)
    if event_type == "arrest" and sub_event_type == "arrest":  # a warrant is issued where its court sits
        # an arrest takes place in the country of the authority that makes it ("Ukraine says it has detained")
        states = [m for m in mentions if _a_country(m)]
        if states:
            return Placement(states[0].place, states[0].text, 0.5, states[0])
    if defence is not None:
        return _defenders_country(mentions, clause, trigger, defence)
    return Placement(None, None, 0.0)


def _defenders_country(mentions: Sequence[Mention], clause: Span, trigger: int | None, defence: int) -> Placement:
    """An attack told by its defence takes place over the defender's country, the one named before the words of
    the defence ("Israel's military said it intercepted 40 drones"), after those of an attack told first ("Russia
    launched 40 drones, of which 35 were shot down": not Russia)."""
    start = trigger if trigger is not None and trigger < defence else clause.start
    states = [m for m in mentions if _a_country(m) and start <= m.start and m.end <= defence]
    return Placement(states[-1].place, states[-1].text, 0.5, states[-1]) if states else Placement(None, None, 0.0)


def _a_country(m: Mention) -> bool:
    return m.place is not None and m.place.precision == GeoPrecision.COUNTRY


def _may_be_told_again(text: str, m: Mention, event_type: str) -> bool:
    """Whether an earlier place may be the scene of a later clause that names none: not an actor, a dateline,
    a reference point, a place of origin ("jets took off from Kano"), a war's place ("the offensive in Gaza")
    or a journey's end."""
    before = words_before(text, m)
    return not (names_an_actor(text, m) or is_dateline(text, m) or is_reference(text, m) or after_origin(before)
                or follows_a_war(before) or (event_type not in _MOVEMENT and travels_to(before)))


def _capital_named(text: str, m: Mention, gaz: Gazetteer) -> Place | None:
    """"the Ukrainian capital", "Syria's capital": the country's capital, where the text names it so."""
    if m.place is None or m.place.precision != GeoPrecision.COUNTRY or not m.place.country_code:
        return None
    return gaz.capital(m.place.country_code) if _CAPITAL_AFTER.match(text, m.end) else None


def _acted_on(text: str, m: Mention, trigger: int | None) -> bool:
    """A name read as its state ("Ukraine's", "Kyiv residents") that the event still happens to:
    "struck Ukraine's power grid", "marched on a Kyiv hotel"."""
    if m.role != "associative" or m.place is None or m.place.precision == GeoPrecision.VAGUE:
        return False
    if m.place.precision < GeoPrecision.COUNTRY and _venue_noun_after().match(text[m.end : m.end + 40]):
        return True
    return trigger is not None and trigger < m.start and bool(
        _direct_object().match(_after_word(text, trigger, m.start)))


def _mappable(m: Mention) -> bool:
    return m.role == "literal" and m.place is not None and m.place.precision != GeoPrecision.VAGUE


def _unlisted(m: Mention) -> bool:
    """A literal place name the gazetteer lacks ("the village of Tamthil")."""
    return m.role == "literal" and m.place is None


def _within_known_place(m: Mention, mentions: Sequence[Mention]) -> Placement:
    """An event at a place the gazetteer lacks: named by it, drawn at the nearest known place of the clause
    that may hold it ("Tamthil ... in Homs province"; a region before it may, "in Homs province's Talbiseh area", a
    town before it is another place), or at none finer than a country (a town's battle at the middle of Somalia
    would be a marker where nothing happened)."""
    known = [k for k in mentions if _mappable(k) and k.place.precision < GeoPrecision.COUNTRY
             and (k.start >= m.end or k.place.precision > GeoPrecision.SITE)]
    if not known:
        return Placement(None, m.text, 0.5, m)
    nearest = min(known, key=lambda k: (abs(k.start - m.end) if k.start >= m.end else abs(m.start - k.end) * 2))
    return Placement(nearest.place, m.text, 0.5, m)


def _link(text: str, m: Mention, event_type: str, trigger: int | None) -> float:
    """How the text ties a place to the event: 2 linked, 1 merely named, 0 not the scene."""
    before = words_before(text, m)
    if trigger is not None and trigger < m.start and (
        opens_another_predicate(text, trigger, m.start)
        or coordinates_another(text, min(m.start, trigger + _OWN_PHRASE_CHARS), m.start, trigger)
    ):
        return 1  # "troops which have their bases in Poland": a place of another predicate
    if event_type in _ABOUT_A_WAR and trigger is not None and trigger < m.start and \
            follows_a_war(_after_word(text, trigger, m.start)):
        # "a summit on the war in Ukraine", "a rally against the war in Gaza": the war's place, not the event's
        return 1
    if trigger is not None and trigger < m.start and (end_of_quoted_speech(text, trigger) or m.start) < m.start:
        return 1  # '"We took the town," he said in Kyiv': where it was said, not where it was done
    if trigger is not None and m.end < trigger and text[m.end : trigger].strip() == ",":
        return 1  # "The gunman, from a village near Lviv, opened fire": a phrase about the subject ends there
    after = text[m.end : m.end + 40]
    named = _event_noun_after().match(after)
    if named and trigger is not None and m.end <= trigger < m.end + named.end():
        return 2  # "a plan emerging from the Munich conference": the place names the event itself
    if is_reference(text, m):
        return 1
    if after_origin(before):
        if event_type in _TAKEN_FROM and trigger is not None and trigger < m.start:
            return 2  # "abducted 40 villagers from Kajuru", "evacuated 300 from Vovchansk": the scene
        return 1 if event_type in _TERRITORIAL else 0  # "ousted from Kursk" names the territory
    if owns_a_venue(text, m):
        return 1.5  # "a raid on France's consulate in Basra": the country owns it; a place it stands in says more
    if event_type not in _MOVEMENT and takes_refuge_in(before):
        return 1  # "families fleeing the shelling found shelter in Dohuk": not where it was fought
    if after_locative(before):
        return 2
    if event_type in _MOVEMENT and travels_to(before):
        return 2
    if named or names_a_part(after):
        return 2
    if m.place is not None and m.place.precision < GeoPrecision.COUNTRY and _venue_noun_after().match(after):
        return 2  # "a Kharkiv restaurant"; but "the US embassy" belongs to the US, it is not in it
    if trigger is not None and trigger < m.start:
        between = _after_word(text, trigger, m.start)
        if _object_of_trigger().match(between):
            return 2  # "captured Knin", "bombed the village of Tamthil", "captured much of Bakhmut"
        if few_plain_words(between) and _settlements_after().match(after):
            return 2  # "shelled three Donetsk villages", "took two small Kharkiv towns"
    if (trigger is not None and trigger > m.end and m.place is not None and m.place.precision > GeoPrecision.SITE
            and undergoes(text[m.end : trigger])):
        return 2
    if (trigger is not None and trigger > m.end and event_type in _TERRITORIAL
            and held_under(text[m.end : trigger])):
        return 2
    return 1


def _after_word(text: str, start: int, end: int) -> str:
    """The text between the end of the word at ``start`` and ``end``."""
    word = re.match(r"\w+", text[start:end])
    return text[start + (word.end() if word else 0) : end]


def _gap(m: Mention, anchor: int) -> int:
    # the scene mostly follows its trigger ("was killed in X"); a place before it counts as twice as far
    return m.start - anchor if m.start >= anchor else 2 * (anchor - m.end) + 10


def _said_in(text: str, m: Mention) -> bool:
    return bool(re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, m.start - 12) : m.start], re.I))


def _alternatives(key: str) -> str:
    """The lexicon's word list ``key`` as a regex alternation."""
    return alternation(words()[key])


def _noun_after(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s+(?:\w+\s+)?(?:{_alternatives(key)})(?:s|es)?\b", re.I)


@cache
def _event_noun_after() -> re.Pattern[str]:
    """"the Munich meeting", "a Kharkiv strike": a place naming the event it modifies."""
    return _noun_after("event_nouns")


@cache
def _venue_noun_after() -> re.Pattern[str]:
    """"a Kharkiv restaurant", "the Kherson headquarters": the building where it happened."""
    return _noun_after("venue_nouns")


@cache
def _object_of_trigger() -> re.Pattern[str]:
    """What may stand between a trigger and the place it acts on: "shelled the settlements of", "captured
    half of"."""
    share, nouns = _alternatives("object_shares"), _alternatives("object_nouns")
    # a modifier may be hyphenated: "hit Russian-occupied Donetsk", "the rebel-held town of"
    return re.compile(rf"^\s+(?:the\s+)?(?:(?:{share})\s+of\s+(?:the\s+)?)?(?:(?:[\w-]+\s+){{0,3}}(?:{nouns})\s+of\s+)?"
                      rf"(?:[\w-]+\s+)?$", re.I)  # "captured the strategic eastern Congolese town of"


@cache
def _settlements_after() -> re.Pattern[str]:
    # not "the Congolese town of Masisi": the settlement is the one named after "of"
    return re.compile(rf"^\s+(?:{_alternatives('object_nouns')})\b(?!\s+of\b)", re.I)


@cache
def _direct_object() -> re.Pattern[str]:
    """Nothing but an article or a share between a trigger and its object: "invaded Ukraine",
    "captured much of Bakhmut"."""
    return re.compile(rf"^\s+(?:the\s+)?(?:(?:{_alternatives('object_shares')})\s+of\s+(?:the\s+)?)?{_DIRECTION}?$",
                      re.I)
