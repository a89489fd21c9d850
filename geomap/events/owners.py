"""Places that stand for who acts or owns, not for where something happened.

"Iran-backed militias", "the London-based monitor", "US-made rockets": a place joined to a participle is a
trait of an actor or a weapon. "Moscow's war", "Russia's invasion", "an Egypt reprisal strike": the owner
or author of an act of war is its actor, as is the subject of an attack ("Moscow launched dozens of missiles")
and a broadcaster named for its city ("Lviv city radio").
"France's consulate in Basra": a country's building stands elsewhere. "Talks on the war in Ukraine": the place
is the war's, not the talks'. The word lists are data/events/lexicon.json ``actor_compounds``, ``war_nouns``,
``attack_nouns``, ``attack_verbs``, ``media_nouns`` and ``venue_nouns``.
"""

from __future__ import annotations

import re
from functools import cache

from geomap.events.lexicon import Phrases, alternation, words
from geomap.model import GeoPrecision, Mention

_WAR_REACH = 3  # words before a place that may name the war it is the place of ("the war in", "invasion of the")


def names_an_actor(text: str, m: Mention) -> bool:
    """A place that stands for an actor: joined to a participle that makes it a trait of an actor or a weapon
    ("Iran-backed militias", "US-made rockets"), or the owner of an act of war ("Moscow's war in Ukraine")."""
    if text.startswith("-", m.end):
        word = re.match(r"\w+", text[m.end + 1 : m.end + 24])
        return word is not None and word.group().lower() in _actor_compounds()
    if m.place is not None and m.place.precision == GeoPrecision.COUNTRY and _attack_by().match(text, m.end):
        return True  # "in Egypt reprisal strike", "an Israel airstrike": a state names its own attack
    return bool(_war_of().match(text, m.end) or _attacks_as_subject().match(text, m.end)
                or _media_after().match(text, m.end))


def owns_a_venue(text: str, m: Mention) -> bool:
    """A country's building ("France's consulate", "Russia's largest refinery"): it owns it, wherever it stands."""
    return m.place is not None and m.place.precision == GeoPrecision.COUNTRY and \
        bool(_possessed_venue().match(text, m.end))


def follows_a_war(words_before: str) -> bool:
    """Whether the words just before a place name a war it is the place of ("the war in", "invasion of")."""
    return _war_nouns().found_in(" ".join(words_before.split()[-_WAR_REACH:]))


@cache
def _actor_compounds() -> frozenset[str]:
    return frozenset(words()["actor_compounds"])


@cache
def _war_nouns() -> Phrases:
    return Phrases(words()["war_nouns"])


@cache
def _war_of() -> re.Pattern[str]:
    """"'s war", "'s full-scale invasion": an act of war a place's possessive names as its own."""
    return re.compile(rf"['\u2019]s\s+(?:[\w-]+\s+)?(?:{alternation(words()['war_nouns'])})\b", re.I)


@cache
def _attack_by() -> re.Pattern[str]:
    """" retaliatory strike", " airstrikes": an attack a country's name modifies, as its author."""
    return re.compile(rf"\s+(?:[\w-]+\s+)?(?:{alternation(words()['attack_nouns'])})\b", re.I)


@cache
def _attacks_as_subject() -> re.Pattern[str]:
    """" launched dozens of missiles", " shelled": a capital or state that attacks (not " hit by")."""
    return re.compile(rf"\s+(?:{alternation(words()['attack_verbs'])})\b(?!\s+by\b)", re.I)


@cache
def _media_after() -> re.Pattern[str]:
    """" city television", " radio": a broadcaster or paper named for its city, which speaks, not a scene."""
    return re.compile(rf"\s+(?:\w+\s+)?(?:{alternation(words()['media_nouns'])})\b", re.I)


@cache
def _possessed_venue() -> re.Pattern[str]:
    """"France's consulate", "Russia's largest refinery": a building the place owns."""
    return re.compile(rf"['\u2019]s\s+(?:\w+\s+)?(?:{alternation(words()['venue_nouns'])})(?:s|es)?\b", re.I)
