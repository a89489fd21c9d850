"""The word lists of figures (data/events/quantities.json) as phrase tables over tokens, loaded once."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any, NamedTuple

from geomap.events.lexicon import fold_case, words

# numbers ("1,150", "3.5"), words (an apostrophe inside one keeps it whole) and single marks; hyphens and
# spaces separate, so "47-year-old" reads as "47 year old" and "twenty-five" as "twenty five"
_TOKEN = re.compile(r"[a-z]+(?:['\u2019][a-z]+)*(?![^\W\d_])"  # most words: ASCII (tried first, for speed)
                    r"|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|[^\s\w\-\u2010\u2011]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")


class Tokens(NamedTuple):
    """The tokens of a text, case folded, with where each starts and ends in it."""

    texts: list[str]
    starts: list[int]
    ends: list[int]


def tokens(text: str) -> Tokens:
    # as geomap.text.tokenize: split in C, offsets from the running sum of the piece lengths
    pieces = _TOKEN_SPLIT.split(fold_case(text))
    at = list(accumulate(map(len, pieces), initial=0))
    return Tokens(pieces[1::2], at[1:-1:2], at[2::2])


class PhraseTable:
    """Phrases of one or more tokens, each with a value, found where they start or where they end."""

    def __init__(self, phrases: Iterable[tuple[str, Any]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._by_last: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, value in phrases:
            toks = tuple(tokens(phrase).texts)
            self._by_first.setdefault(toks[0], []).append((toks, value))
            self._by_last.setdefault(toks[-1], []).append((toks, value))
        for table in (self._by_first, self._by_last):
            for entries in table.values():
                entries.sort(key=lambda e: -len(e[0]))  # the longest phrase wins

    def at(self, texts: list[str], i: int) -> tuple[int, Any] | None:
        """The longest phrase starting at token ``i``: the index after it, and its value."""
        if i >= len(texts) or i < 0:
            return None
        for phrase, value in self._by_first.get(texts[i], ()):
            if tuple(texts[i:i + len(phrase)]) == phrase:
                return i + len(phrase), value
        return None

    def ending(self, texts: list[str], i: int) -> tuple[int, Any] | None:
        """The longest phrase ending with token ``i``: the index of its first token, and its value."""
        if i < 0 or i >= len(texts):
            return None
        for phrase, value in self._by_last.get(texts[i], ()):
            start = i + 1 - len(phrase)
            if start >= 0 and tuple(texts[start:i + 1]) == phrase:
                return start, value
        return None


def _flags(phrases: Iterable[str]) -> PhraseTable:
    return PhraseTable((p, True) for p in phrases)


def _by_action(actions: dict[str, dict[str, list[str]]], side: str) -> PhraseTable:
    """Each predicate phrase with the actions it may mean, in the file's order ("captured": abduct, control)."""
    meanings: dict[str, tuple[str, ...]] = {}
    for action, sides in actions.items():
        for phrase in sides[side]:
            meanings[phrase] = (*meanings.get(phrase, ()), action)
    return PhraseTable(meanings.items())


@dataclass(frozen=True)
class FigureWords:
    number_words: PhraseTable  # "six", "a dozen", "dozens", "a fifth" -> value
    number_starts: frozenset[str]  # the first words of those
    article_numbers: frozenset[str]  # "a", "an": one, before a singular person ("a soldier was killed")
    singular_people: frozenset[str]  # the nouns of one person an article counts
    thing_actions: frozenset[str]  # actions whose object of no class is a thing unless a name
    vague: frozenset[tuple[str, ...]]  # numbers that are a lower bound ("dozens")
    fractions_set: frozenset[tuple[str, ...]]  # numbers that are a share in percent ("a fifth")
    tens: frozenset[float]
    units_words: dict[str, float]  # "five" of "twenty five"
    scales: dict[str, float]
    qualifiers: PhraseTable  # -> "low", "high" or None
    units: PhraseTable  # -> "area" or "percent"
    nouns: PhraseTable  # -> class
    before: PhraseTable  # -> actions
    after: PhraseTable
    totals: PhraseTable  # the subject of a running total ("death toll") -> actions
    total_links: frozenset[str]  # what joins to it what it counts ("the toll *from* the strike")
    total_values: frozenset[str]  # what its value follows ("rose *to* 45", "stands *at* 45")
    keys: dict[str, dict[str, str]]
    no_figure_before: PhraseTable
    no_figure_after: PhraseTable
    currencies: dict[str, str]  # signs before a number
    currency_words: PhraseTable  # words after one -> code
    money_scales: dict[str, float]  # joined to an amount: "£4.2m"
    shares: PhraseTable
    parts: PhraseTable
    claim_cues: PhraseTable
    coordination: PhraseTable
    gap_before: frozenset[str]
    gap_after: frozenset[str]
    breaks: frozenset[str]
    enemy_words: frozenset[str]
    claimed_prefix: str
    claimed_keys: frozenset[str]
    agent_markers: frozenset[str]
    place_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    place_modifiers: frozenset[str]  # between "over the" and the name: "the western Smolensk region"
    territory_context: frozenset[str]
    not_territory: frozenset[str]
    weapon_classes: frozenset[str]
    elided_classes: frozenset[str]  # what a bare number after a figure may count too ("25 drones ..., six over")
    number_endings: frozenset[str]  # the last word of every number word, and the singular people, for a cheap test

    def may_state_a_number(self, sentence: str) -> bool:
        """A cheap test before the real reading: a digit, or a word that ends a number word ("six")."""
        if _DIGIT.search(sentence) is not None:
            return True
        return not self.number_endings.isdisjoint(_WORD.findall(sentence.lower()))


def _phrase_key(text: str) -> tuple[str, ...]:
    return tuple(tokens(text).texts)


@cache
def figure_words() -> FigureWords:
    d = json.loads(resources.files("geomap.data").joinpath("events", "quantities.json").read_text("utf-8"))
    numbers = {**words()["number_words"], **d["vague_numbers"], **d["fractions"]}
    units_words = {k: float(v) for k, v in words()["number_words"].items() if " " not in k and 1 <= v <= 9}
    signs = {k: v for k, v in d["currencies"].items() if not k[0].isalpha()}
    return FigureWords(
        number_words=PhraseTable((k, float(v)) for k, v in numbers.items()),
        number_starts=frozenset(_phrase_key(k)[0] for k in numbers) | frozenset(d["article_numbers"]),
        article_numbers=frozenset(d["article_numbers"]),
        singular_people=frozenset(d["singular_people"]),
        vague=frozenset(map(_phrase_key, d["vague_numbers"])),
        fractions_set=frozenset(map(_phrase_key, d["fractions"])),
        tens=frozenset(float(v) for k, v in words()["number_words"].items() if v in range(20, 100, 10)),
        units_words=units_words,
        scales={k: float(v) for k, v in d["scales"].items()},
        qualifiers=PhraseTable([*((q, "low") for q in d["low_bound"]), *((q, "high") for q in d["high_bound"]),
                                *((q, None) for q in d["approximate"])]),
        units=PhraseTable((u, cls) for cls, us in d["units"].items() for u in us),
        nouns=PhraseTable((n, cls) for cls, ns in d["nouns"].items() for n in ns),
        before=_by_action(d["actions"], "before"),
        after=_by_action(d["actions"], "after"),
        totals=PhraseTable((t, (action,)) for action, ts in d["totals"].items() for t in ts),
        total_links=frozenset(d["total_links"]),
        total_values=frozenset(d["total_values"]),
        keys=d["keys"],
        no_figure_before=_flags(d["no_figure_before"]),
        no_figure_after=_flags(d["no_figure_after"]),
        currencies=signs,
        currency_words=PhraseTable((k, v) for k, v in d["currencies"].items() if k not in signs),
        money_scales={k: float(v) for k, v in d["money_scales"].items()},
        shares=_flags(d["shares"]),
        parts=_flags(d["parts"]),
        claim_cues=_flags(d["claim_cues"]),
        coordination=_flags(d["coordination"]),
        gap_before=frozenset(d["gap_before"]),
        gap_after=frozenset(d["gap_after"]),
        breaks=frozenset(d["phrase_breaks"]),
        enemy_words=frozenset(d["enemy_words"]),
        claimed_prefix=d["claimed_prefix"],
        claimed_keys=frozenset(d["claimed_keys"]),
        agent_markers=frozenset(d["agent_markers"]),
        place_prepositions=frozenset(d["place_prepositions"]),
        place_nouns=frozenset(d["place_nouns"]),
        place_modifiers=frozenset(d["place_modifiers"]),
        territory_context=frozenset(d["territory_context"]),
        not_territory=frozenset(d["not_territory"]),
        thing_actions=frozenset(d["thing_actions"]),
        weapon_classes=frozenset(("drones", "missiles")),
        elided_classes=frozenset(("drones", "missiles", "people", "none")),
        # an article counts only a singular person, so a sentence naming none states no figure by an article
        number_endings=frozenset(_phrase_key(k)[-1] for k in numbers) | frozenset(d["singular_people"]),
    )
