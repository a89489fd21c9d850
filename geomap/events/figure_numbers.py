"""Numbers in a sentence that may be figures: "1,150", "twenty five", "at least 40", "dozens of", "€40
billion"; not ages, years, dates, times, calibres, distances, ordinals or model names ("D-30")."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from geomap.events.dates import find_dates
from geomap.events.figure_words import Tokens, figure_words

Value = Any  # int | float | {"low": n} | {"high": n} | {"amount": n, "currency": c}
_ARTICLE_REACH = 5  # words from an article to the person it counts ("a 33 year old man")
_ANY_DATE = dt.date(2000, 1, 1)  # find_dates needs a reference day to find a date without a year


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated figure. Offsets are into the sentence given."""

    key: str  # "killed", "drones_shot_down", ...
    value: Value
    start: int  # the number, its qualifier included ("at least 12")
    end: int
    anchor: int  # where its predicate starts ("killed", "were shot down"); ``start`` when it has none
    places: tuple[tuple[int, int], ...] = ()  # the places it is stated for ("six over Kursk")
    part: bool = False  # a part of a figure stated before it ("including nine children"): not in the totals
    each: bool = False  # ``value`` is stated for each of ``places`` ("two each over Belgorod and Voronezh")


@dataclass(slots=True, eq=False)
class Number:
    """A number being read: where it is, and what is learnt around it (see geomap.events.figure_reading)."""

    first: int  # token index of its first token (qualifier included)
    at: int  # token index of the number itself
    last: int  # token index after it
    value: float
    bound: str | None  # "low", "high" or None
    cls: str = "none"  # class of the noun after it
    np_end: int = 0  # token index after its noun phrase
    before: tuple[str, ...] = ()  # actions of a predicate before it
    after: tuple[str, ...] = ()  # ... after it
    before_at: int | None = None  # token index of that predicate
    after_at: int | None = None
    tail: int = 0  # token index after the figure and its own predicate
    share: bool = False  # "of which 61", "41 of them"
    part: bool = False
    part_of_pair: Number | None = None  # "30 of the 45 drones": 45 is the whole of 30
    after_modifies: bool = False  # the predicate after only describes the noun ("71 drones launched by Russia")
    claimed: bool = False
    each: bool = False
    borrowed: bool = False  # took its predicate from the figure before ("18 drones over Oryol, five over Tula")
    article: bool = False  # "a"/"an": a figure only of one person ("a 41-year-old woman was killed")
    places: list[tuple[int, int]] = field(default_factory=list)


def find_numbers(sentence: str, toks: Tokens, texts: list[str]) -> tuple[list[Number], list[Figure]]:
    """The numbers of a tokenised sentence that may be figures, and its sums of money (figures already)."""
    words = figure_words()
    money: list[Figure] = []
    numbers: list[Number] = []
    starts = words.number_starts
    after = 0  # where the last number ended
    for i in [i for i, t in enumerate(texts) if t[0].isdigit() or t in starts]:
        found = _number_at(texts, i) if i >= after else None
        if found is None:
            continue
        after, value = found
        if not math.isfinite(value):  # "999...9" (400 digits) is not a figure anyone stated
            continue
        num = _qualified(texts, i, after, value)
        num.article = texts[i] in words.article_numbers and after == i + 1
        if num.article and words.singular_people.isdisjoint(texts[after : after + _ARTICLE_REACH]):
            continue  # "the Oryol region": an article counts only a person named in the words after it
        figure_money = _money(toks, texts, num)
        if figure_money is not None:
            money.append(figure_money)
            continue
        if not _is_figure(sentence, toks, texts, num):
            continue
        if not (_beside_a_capital(sentence, toks, num) and _in_a_date(sentence, toks, num)):
            numbers.append(num)
    return numbers, money


def _number_at(texts: list[str], i: int) -> tuple[int, float] | None:
    """Where the number starting at token ``i`` ends, and its value: "1,150", "twenty five", "1.5 million"."""
    w = figure_words()
    t = texts[i]
    if t[0].isdigit():
        try:
            value, last = float(t.replace(",", "")), i + 1
        except ValueError:
            return None  # "09.03.2018", "1.2.3": no number anyone counts with
    else:
        found = w.number_words.at(texts, i)
        if found is None:
            return (i + 1, 1.0) if t in w.article_numbers and not _before_a_count(texts, i + 1) else None
        last, value = found
        if value in w.tens and last < len(texts) and texts[last] in w.units_words:
            value, last = value + w.units_words[texts[last]], last + 1  # "twenty five"
        elif tuple(texts[i:last]) in w.fractions_set and last < len(texts) and texts[last] in w.scales:
            value /= 100  # "half a million" is a number, not a share
    while last < len(texts) and texts[last] in w.scales:
        value, last = value * w.scales[texts[last]], last + 1
    return last, value


def _before_a_count(texts: list[str], i: int) -> bool:
    """Whether token ``i`` starts a number that counts (an article before it is no number: "the 45 drones"),
    not a measure that describes a noun ("a 41-year-old woman": the article counts the woman)."""
    if i >= len(texts) or not (texts[i][0].isdigit() or texts[i] in figure_words().number_starts):
        return False
    found = _number_at(texts, i) if texts[i] not in figure_words().article_numbers else None
    return found is not None and figure_words().no_figure_after.at(texts, found[0]) is None


def _qualified(texts: list[str], first: int, last: int, value: float) -> Number:
    w = figure_words()
    bound = "low" if tuple(texts[first:last]) in w.vague else None  # "dozens of": at least two dozen
    sign = 1 if first > 0 and texts[first - 1] in w.currencies else 0  # "nearly $50"
    found = w.qualifiers.ending(texts, first - 1 - sign)
    if found is not None:
        start, kind = found
        return Number(start, first, last, value, kind or bound)
    return Number(first, first, last, value, bound)


def _is_figure(sentence: str, toks: Tokens, texts: list[str], num: Number) -> bool:
    """Not an age, a year, a time, a calibre, a distance, an ordinal or a house number (dates: see _figures)."""
    w = figure_words()
    if w.units.at(texts, num.last) is not None:
        return True  # "40 square kilometres", "20%"
    if w.no_figure_after.at(texts, num.last) is not None:
        return False  # "47-year-old", "120mm", "40 kilometers away", "47th", "12:01 am"
    if _part_of_a_name(sentence, toks, num):
        return False  # "D-30 howitzers", "Su-25", "2S19"
    if w.no_figure_before.ending(texts, num.first - 1) is not None:
        return False  # "aged 47", "no one"
    number = texts[num.last - 1]
    if _beside_colon(toks, num.last) or _beside_colon(toks, num.at - 1):
        return False  # "12:01"
    if num.last == num.first + 1 and re.fullmatch(r"(?:19|20)\d\d", number):
        return w.nouns.at(texts, num.last) is not None  # a year, unless it counts something
    return True


def _part_of_a_name(sentence: str, toks: Tokens, num: Number) -> bool:
    """Whether letters are joined to the number, before it or (other than a unit) after it: a model's name."""
    texts, starts, ends = toks
    if num.at > 0 and texts[num.at - 1][0].isalpha() and sentence[ends[num.at - 1]:starts[num.at]] in ("", "-"):
        return True
    return num.last < len(texts) and texts[num.last][0].isalpha() and starts[num.last] == ends[num.last - 1]


def _beside_colon(toks: Tokens, i: int) -> bool:
    """Whether token ``i`` is a colon between two numbers, as in a time."""
    return 0 < i < len(toks.texts) - 1 and toks.texts[i] == ":" and toks.ends[i - 1] == toks.starts[i] == toks.starts[i + 1] - 1 \
        and toks.texts[i - 1][0].isdigit() and toks.texts[i + 1][0].isdigit()


def _in_a_date(sentence: str, toks: Tokens, num: Number) -> bool:
    """Whether the number is part of a date ("April 22", "3 May 2020"), looked for in the few words around it."""
    start = toks.starts[num.at]
    around = max(0, num.at - 1), min(len(toks.texts) - 1, num.last + 1)
    offset = toks.starts[around[0]]
    return any(d.start <= start - offset < d.end for d in find_dates(sentence[offset:toks.ends[around[1]]], _ANY_DATE))


def _beside_a_capital(sentence: str, toks: Tokens, num: Number) -> bool:
    return (num.at > 0 and sentence[toks.starts[num.at - 1]].isupper()) or (
        num.last < len(toks.texts) and sentence[toks.starts[num.last]].isupper())


def _money(toks: Tokens, texts: list[str], num: Number) -> Figure | None:
    w = figure_words()
    currency = w.currencies.get(texts[num.at - 1]) if num.at > 0 else None
    end, value = num.last, num.value
    if currency is not None:
        scale = w.money_scales.get(texts[end]) if end < len(texts) and toks.starts[end] == toks.ends[end - 1] else None
        if scale is not None:  # "£4.2m", "$3bn"
            end, value = end + 1, value * scale
    else:
        found = w.currency_words.at(texts, num.last)
        if found is None:
            return None
        end, currency = found
    start = toks.starts[num.first]
    return Figure("money", {"amount": value_of(value, num.bound), "currency": currency}, start, toks.ends[end - 1],
                  start)


def value_of(number: float, bound: str | None) -> Value:
    n: Any = int(number) if float(number).is_integer() else number
    return {bound: n} if bound else n
