"""Whether a text is conflict news at all: sport, business, weather and culture borrow its words.

"The striker's attack", "a takeover battle", "the storm battered the coast", "a film of bombed cities": each
genre has words of its own (data/events/genres.json). A text whose genre words outnumber its conflict words
``dominance`` times over reports no violence, no territory, no diplomatic meeting, agreement or aid (a wage deal is no accord); its protests and
statements are still read ("machinists walked off the job").
"""

from __future__ import annotations

from functools import cache

from geomap.events.lexicon import Phrases, genre_words
from geomap.events.triggers import lemma

#: what a text of another genre does not report, however it is worded
QUIET_TYPES = frozenset({"strike", "clash", "interception", "territorial_change", "territorial_control", "abduction",
                         "meeting", "arrest", "humanitarian", "nuclear_safety", "agreement", "aid"})
_MIN_GENRE_WORDS = 4  # distinct words: one "season" or "bank" does not make a text a sports or business story


@cache
def _lists() -> tuple[dict[str, frozenset[str]], dict[str, Phrases], frozenset[str], Phrases, float]:
    w = genre_words()
    single = {g: frozenset(lemma(x) for x in ws if " " not in x) for g, ws in w["genres"].items()}
    multi = {g: Phrases([x for x in ws if " " in x]) for g, ws in w["genres"].items()}
    conflict = w["conflict"]
    return (single, multi, frozenset(lemma(x) for x in conflict if " " not in x),
            Phrases([x for x in conflict if " " in x]), float(w["dominance"]))


def quiet_types(text: str, lemmas: frozenset[str]) -> frozenset[str]:
    """The event types ``text`` cannot report: none for conflict news, :data:`QUIET_TYPES` for another genre.

    ``lemmas`` are the lemmas of its words (:attr:`geomap.events.triggers.TextLexicon.lemmas`), found once
    for the trigger words and the genre both."""
    single, multi, conflict_single, conflict_multi, dominance = _lists()
    conflict = len(lemmas & conflict_single) + len(conflict_multi.held_by(text))
    genre = max(len(lemmas & words) + len(multi[g].held_by(text)) for g, words in single.items())
    if genre >= _MIN_GENRE_WORDS and genre >= dominance * max(1, conflict):
        return QUIET_TYPES
    return frozenset()
