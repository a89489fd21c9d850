"""Whether a text is conflict news at all: sport, business, weather and culture borrow its words.

"The striker's attack", "a takeover battle", "the storm battered the coast", "a film of bombed cities": each
genre has words of its own (data/events/genres.json). A text whose genre words outnumber its conflict words
``dominance`` times over reports no violence, no territory, no diplomatic meeting, agreement or aid (a wage deal is no accord); its protests and
statements are still read ("nurses walked off the job").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from geomap.events.lexicon import Phrases, cue, genre_words
from geomap.events.triggers import lemma

#: what a text of another genre does not report, however it is worded
QUIET_TYPES = frozenset({"strike", "clash", "interception", "territorial_change", "territorial_control", "abduction",
                         "meeting", "arrest", "humanitarian", "nuclear_safety", "agreement", "aid"})
_MIN_GENRE_WORDS = 4  # distinct words: one "season" or "bank" does not make a text a sports or business story


@dataclass(frozen=True, slots=True)
class _GenreLists:
    words: dict[str, frozenset[str]]  # genre -> lemmas of its single words
    phrases: dict[str, frozenset[str]]  # genre -> its phrases, folded as Phrases.held_by gives them
    conflict_words: frozenset[str]
    conflict_phrases: frozenset[str]
    every_phrase: Phrases  # all of them, so that a text is searched once
    dominance: float


@cache
def _lists() -> _GenreLists:
    w = genre_words()
    conflict = w["conflict"]
    every_phrase = [x for ws in [*w["genres"].values(), conflict] for x in ws if " " in x]
    return _GenreLists({g: frozenset(lemma(x) for x in ws if " " not in x) for g, ws in w["genres"].items()},
                       {g: frozenset(cue(x) for x in ws if " " in x) for g, ws in w["genres"].items()},
                       frozenset(lemma(x) for x in conflict if " " not in x),
                       frozenset(cue(x) for x in conflict if " " in x), Phrases(every_phrase), float(w["dominance"]))


def quiet_types(text: str, lemmas: frozenset[str]) -> frozenset[str]:
    """The event types ``text`` cannot report: none for conflict news, :data:`QUIET_TYPES` for another genre.

    ``lemmas`` are the lemmas of its words (:attr:`geomap.events.triggers.TextLexicon.lemmas`), found once
    for the trigger words and the genre both."""
    lists = _lists()
    held = lists.every_phrase.held_by(text)
    conflict = len(lemmas & lists.conflict_words) + len(held & lists.conflict_phrases)
    genre = max(len(lemmas & words) + len(held & lists.phrases[g]) for g, words in lists.words.items())
    if genre >= _MIN_GENRE_WORDS and genre >= lists.dominance * max(1, conflict):
        return QUIET_TYPES
    return frozenset()
