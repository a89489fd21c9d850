"""What the few words around a place say of its tie to an event, for :mod:`geomap.events.placing`.

Before it: a locative ("in", "on the outskirts of", "north of") makes it the scene, an origin ("from") does not.
After it: a possessive part ("Grozny's streets") is the place itself. Between it and the trigger: a relative
clause ("which"), an attribution ("according to") or a second verb ("and was taken to") gives it to another
predicate; an auxiliary after it ("Kherson was shelled") makes it the subject that undergoes the event.
The words are data/events/lexicon.json ``locative_cues``, ``origin_cues``, ``part_nouns``, ``another_predicate``,
``coordinated_verb``, ``coordinated_scene``, ``subject_auxiliaries``, ``holding_verbs`` and ``held_under``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from geomap.events.lexicon import Phrases, fold_case, words
from geomap.events.word_windows import (all_plain, ends_after, gap_words, is_plain, leading_word, phrase_at_start,
                                        tokens_within, word_phrases)

_LOCATIVE_REACH = 4  # words between a locative and its place: "in the center of Florencia" is one
_ORIGIN_REACH = 1  # "a driver from Abidjan", "launched from occupied Crimea"
_FEW_WORDS = 3  # between a trigger and the settlements it acts on: "shelled three small Donetsk villages"
_HELD_AFTER = 3  # words after "under" before the trigger: "remained under rebel control"
_QUOTES = "'\u2019"
_POSSESSIVE_MARKS = frozenset({"'", "'s", "\u2019", "\u2019s"})  # folded
_DASHES = frozenset("-\u2014\u2013")


@dataclass(frozen=True, slots=True)
class _Lists:
    locative: Phrases
    origin: Phrases
    parts: frozenset[str]
    another_predicate: Phrases
    coordinators: frozenset[str]
    adverbs: frozenset[str]
    auxiliaries: frozenset[str]
    past_ending: str
    toll_verbs: frozenset[str]
    doers: frozenset[str]
    scene_conjunctions: frozenset[str]
    scene_prepositions: frozenset[str]
    subject_auxiliaries: frozenset[tuple[str, ...]]
    holding: frozenset[tuple[str, ...]]
    under: str


@cache
def _lists() -> _Lists:
    w = words()
    verb, scene = w["coordinated_verb"], w["coordinated_scene"]
    return _Lists(Phrases(w["locative_cues"]), Phrases(w["origin_cues"]), frozenset(w["part_nouns"]),
                  Phrases(w["another_predicate"]), frozenset(verb["conjunctions"]), frozenset(verb["adverbs"]),
                  frozenset(verb["auxiliaries"]), verb["past_ending"], frozenset(verb["toll_verbs"]),
                  frozenset(verb["doer_triggers"]),
                  frozenset(scene["conjunctions"]), frozenset(scene["prepositions"]),
                  word_phrases(w["subject_auxiliaries"]),
                  word_phrases(w["subject_auxiliaries"] + w["holding_verbs"]), w["held_under"])


def after_locative(before: str) -> bool:
    """Whether the words before a place make it where something happens: "fighting in ", "on the outskirts of the
    old town of ", "north of "."""
    return ends_after(before, _lists().locative, _LOCATIVE_REACH)


def after_origin(before: str) -> bool:
    """Whether the words before a place make it where someone or something came from: "a driver from "."""
    return ends_after(before, _lists().origin, _ORIGIN_REACH)


def names_a_part(after: str) -> bool:
    """Whether the words after a place name a part of it, so the place itself: "'s streets", "'s old centre"."""
    if after[:1] not in _QUOTES:
        return False
    after_words = fold_case(after).split()
    if len(after_words) < 2 or after_words[0] not in _POSSESSIVE_MARKS:
        return False
    parts = _lists().parts
    return leading_word(after_words[1]) in parts or (
        len(after_words) > 2 and is_plain(after_words[1]) and leading_word(after_words[2]) in parts)


def few_plain_words(between: str) -> bool:
    """Whether no more than a few plain words stand between a trigger and what follows: " three small "."""
    between_words = gap_words(between)
    return between_words is not None and len(between_words) <= _FEW_WORDS and all_plain(between_words)


def undergoes(gap: str) -> bool:
    """Whether the words between a place and a trigger make the place its passive subject: " was ",
    " has been heavily "."""
    gap_list = gap_words(gap)
    if gap_list is None:
        return False
    taken = phrase_at_start(gap_list, _lists().subject_auxiliaries)
    return taken > 0 and len(gap_list) - taken <= 1 and all_plain(gap_list[taken:])


def held_under(gap: str) -> bool:
    """Whether the words between a place and a territorial trigger say it is held: " remained under rebel ",
    " has been firmly under government "."""
    gap_list = gap_words(gap)
    if gap_list is None:
        return False
    lists = _lists()
    rest = gap_list[phrase_at_start(gap_list, lists.holding) :]
    if len(rest) == len(gap_list):
        return False
    for k in (0, 1):  # "under", or one word before it: "firmly under"
        if rest[k : k + 1] == [lists.under] and all_plain(rest[:k]) and len(rest) - k - 1 <= _HELD_AFTER \
                and all_plain(rest[k + 1 :]):
            return True
    return False


def opens_another_predicate(text: str, start: int, end: int) -> bool:
    """Whether a relative clause or an attribution opened in ``text[start:end]`` is still open at ``end``; one set
    off by dashes or brackets ("a warrant - which was welcomed - over war crimes in Ukraine") has closed."""
    opened = _lists().another_predicate.ends_in(text[start:end])
    if not opened:
        return False
    texts, starts, ends = tokens_within(text, start + opened[-1], end)
    return not any(token == ")" or (token in _DASHES and text[at - 1].isspace() and till < end
                                    and text[till].isspace())
                   for token, at, till in zip(texts, starts, ends))


def coordinates_another(text: str, start: int, end: int, trigger: int | None = None) -> bool:
    """Whether ``text[start:end]`` coordinates a second predicate or clause after a trigger: "and was taken to",
    "and later moved to", ", and in"; not "and wounded nine in" (the toll of the same attack), nor a second
    predicate of the doers the trigger at ``trigger`` names ("rioters set cars alight and looted shops in")."""
    lists = _lists()
    if trigger is not None and fold_case(leading_word(text[trigger : trigger + 20])) in lists.doers:
        return False
    texts, starts, ends = tokens_within(text, start, end)
    folded = [fold_case(token) for token in texts]
    for k, word in enumerate(folded[:-1]):
        if word in lists.coordinators:
            verb = folded[k + 2] if folded[k + 1] in lists.adverbs and k + 2 < len(folded) else folded[k + 1]
            if _coordinated_verb(leading_word(verb), lists):
                return True
        if word == "," and k + 2 < len(folded) and folded[k + 1] in lists.scene_conjunctions \
                and folded[k + 2] in lists.scene_prepositions and ends[k + 2] < end and text[ends[k + 2]].isspace():
            return True
    return False


def _coordinated_verb(word: str, lists: _Lists) -> bool:
    """An auxiliary or a past form ("was", "moved"), not a verb of the same attack's toll ("wounded")."""
    if word in lists.toll_verbs:
        return False
    return word in lists.auxiliaries or (len(word) >= 3 + len(lists.past_ending) and word.endswith(lists.past_ending))
