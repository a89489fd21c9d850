"""Event trigger patterns, taxonomy and word lists, loaded once from ``geomap/data/events/``."""

from __future__ import annotations

import bisect
import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    weight: float
    pattern: re.Pattern[str]
    cues: tuple[str, ...]  # every match of ``pattern`` holds one of them (case folded, see :func:`cue`)


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


@cache
def triggers() -> tuple[Trigger, ...]:
    """Every trigger in the order a sentence is tried against them: by event type (in order of first
    appearance in the file), strongest first within a type."""
    grouped: dict[str, list[Trigger]] = {}
    for r in csv.DictReader(_data("triggers.tsv").splitlines(), delimiter="\t"):
        pattern = re.compile(r["pattern"], re.IGNORECASE)
        cues = tuple(cue(text) for text in r["cues"].split("|"))
        trig = Trigger(r["event_type"], r["sub_event_type"], float(r["weight"]), pattern, cues)
        grouped.setdefault(trig.event_type, []).append(trig)
    return tuple(t for group in grouped.values() for t in sorted(group, key=lambda t: -t.weight))


def cued_triggers(text: str) -> list[Trigger]:
    """The triggers, in :func:`triggers` order, that have a cue in ``text``: the only ones that can match it.

    One pass of an Aho-Corasick automaton over the text replaces a regex search per trigger; most
    sentences hold a cue of few triggers or none.
    """
    return Cues(text).triggers_within(0, len(text))


class Cues:
    """The trigger cues of a whole text, found in one automaton pass, so that each of its clauses asks only
    for those inside it (two bisections) instead of folding and scanning itself again.

    :func:`fold_case` folds one character for one, so a clause's cues are the text's cues that lie in it."""

    def __init__(self, text: str) -> None:
        hits = list(_cue_automaton().iter(fold_case(text)))  # in order of where they end
        self._ends = [last + 1 for last, _ in hits]
        self._found = [(last + 1 - length, ranks) for last, (length, ranks) in hits]

    def triggers_within(self, start: int, end: int) -> list[Trigger]:
        """The triggers, in :func:`triggers` order, with a cue in ``text[start:end]``."""
        found = [ranks for cue_start, ranks in self._ending_within(start, end) if cue_start >= start]
        if not found:
            return []  # most clauses
        ordered = triggers()
        return [ordered[rank] for rank in sorted(set().union(*found))]

    def any_within(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a cue."""
        return any(cue_start >= start for cue_start, _ in self._ending_within(start, end))

    def _ending_within(self, start: int, end: int) -> list[tuple[int, tuple[int, ...]]]:
        """The cues (start, trigger ranks) that end in (start, end]."""
        return self._found[bisect.bisect_right(self._ends, start) : bisect.bisect_right(self._ends, end)]


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    """Each cue, found with its length and the ranks (positions in :func:`triggers`) of the triggers it
    belongs to."""
    ranks: dict[str, tuple[int, ...]] = {}
    for rank, trig in enumerate(triggers()):
        for word in trig.cues:
            ranks[word] = (*ranks.get(word, ()), rank)
    automaton = ahocorasick.Automaton()
    for word, its_ranks in ranks.items():
        automaton.add_word(word, (len(word), its_ranks))
    automaton.make_automaton()
    return automaton


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
        self._automaton.make_automaton()

    def found_in(self, text: str) -> bool:
        folded = fold_case(text)
        return any(_word_boundary(folded, last + 1 - length) and _word_boundary(folded, last + 1)
                   for last, length in self._automaton.iter(folded))

    def held_by(self, text: str) -> set[str]:
        """The phrases ``text`` holds as whole words, folded (see :func:`cue`)."""
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
