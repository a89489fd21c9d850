"""The event taxonomy and word lists, loaded once from ``geomap/data/events/``, and a fast phrase matcher."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick


@dataclass(frozen=True, slots=True)
class EventKind:
    """One row of the taxonomy: geomap's type, its label and the ACLED / PLOVER equivalents."""

    event_type: str
    sub_event_type: str
    label: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover: str | None


def _data(name: str) -> str:
    return resources.files("geomap.data").joinpath("events", name).read_text("utf-8")


# Case-insensitive regexes equate ASCII letters with their capitals and with four other characters
# ("Kelvin" K, long s, dotless i, dotted I) that str.lower() leaves alone or lengthens; cues are ASCII.
_FOLDED_TO_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def fold_case(text: str) -> str:
    """``text`` as a case-insensitive regex sees its ASCII letters: lowercase, one character for one."""
    if text.isascii():
        return text.lower()
    # bytes.lower() changes ASCII letters only, and in UTF-8 every other character is made of non-ASCII
    # bytes: several times faster than str.translate, which looks each character up on its own
    folded = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    for special, ascii_letter in _FOLDED_TO_ASCII:
        if special in folded:
            folded = folded.replace(special, ascii_letter)
    return folded


def alternation(phrases: list[str]) -> str:
    """``phrases`` as a regex alternation of literal texts, the longest first (so that a longer phrase wins
    where a shorter one is its start)."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def cue(text: str) -> str:
    """``text`` as a cue: folded, so that folded text holds it where a case-insensitive regex finds ``text``.
    Only ASCII is folded as such a regex folds it, so a cue must be ASCII."""
    if not text or not text.isascii():
        raise ValueError(f"a cue must be ASCII: {text!r}")
    return fold_case(text)


class Phrases:
    """Finds phrases as whole words, case ignored, as the regex ``\\b(?:one|other|...)\\b`` with IGNORECASE
    would, in one Aho-Corasick pass instead of trying every phrase at every position."""

    def __init__(self, phrases: list[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase in phrases:
            self._automaton.add_word(cue(phrase), len(phrase))  # a cue is as long as its phrase
        self._empty = not phrases
        self._automaton.make_automaton()
        self._key_words = frozenset(max(cue(phrase).split(), key=len) for phrase in phrases)

    def may_be_in(self, text: str) -> bool:
        """Whether ``text`` holds the longest word of some phrase, as any text made of its words (joined anew, by
        single spaces) needs to hold a phrase: a cheap test before such words are read. Case is folded character
        by character, so a word of a piece of ``text`` is a word of ``text``."""
        folded = fold_case(text)
        return any(word in folded for word in self._key_words)

    def found_in(self, text: str) -> bool:
        if self._empty:
            return False
        folded = fold_case(text)
        return any(_word_boundary(folded, last + 1 - length) and _word_boundary(folded, last + 1)
                   for last, length in self._automaton.iter(folded))

    def ends_in(self, text: str) -> list[int]:
        """Where in ``text`` the phrases it holds as whole words end, in order (folding keeps offsets)."""
        if self._empty:
            return []
        folded = fold_case(text)
        return [last + 1 for last, length in self._automaton.iter(folded)
                if _word_boundary(folded, last + 1 - length) and _word_boundary(folded, last + 1)]

    def held_by(self, text: str) -> set[str]:
        """The phrases ``text`` holds as whole words, folded (see :func:`cue`)."""
        if self._empty:
            return set()
        folded = fold_case(text)
        return {folded[last + 1 - length : last + 1] for last, length in self._automaton.iter(folded)
                if _word_boundary(folded, last + 1 - length) and _word_boundary(folded, last + 1)}


def _word_boundary(text: str, at: int) -> bool:
    """Whether a regex's ``\\b`` matches at ``at``: a word character on one side only."""
    return (at > 0 and _is_word(text[at - 1])) != (at < len(text) and _is_word(text[at]))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what a regex takes for \w


@cache
def taxonomy() -> dict[tuple[str, str], EventKind]:
    out = {}
    for r in csv.DictReader(_data("taxonomy.csv").splitlines()):
        out[(r["event_type"], r["sub_event_type"])] = EventKind(
            r["event_type"], r["sub_event_type"], r["label"], r["acled_event_type"] or None,
            r["acled_sub_event_type"] or None, r["plover"] or None,
        )
    return out


def kind(event_type: str, sub_event_type: str) -> EventKind:
    return taxonomy().get((event_type, sub_event_type)) or EventKind(
        event_type, sub_event_type, sub_event_type.replace("_", " "), None, None, None
    )


@cache
def words() -> dict[str, Any]:
    return json.loads(_data("lexicon.json"))


@cache
def frame_words() -> dict[str, Any]:
    """The word lists of clause frames and their modality (data/events/frames.json)."""
    return json.loads(_data("frames.json"))


@cache
def genre_words() -> dict[str, Any]:
    """The words that tell sport, business, weather and culture from conflict news (data/events/genres.json)."""
    return json.loads(_data("genres.json"))
