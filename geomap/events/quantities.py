"""Numbers an event report states: casualties, missiles and drones, territory, damage, money.

A figure is a number, the noun phrase after it and a predicate before or after it: "killing five",
"two dead", "38 missiles and 412 drones were shot down". The noun's class (people, drones, settlements ...)
and the predicate's action (kill, launch, control ...) give the figure's name through the ``keys`` table of
``data/events/quantities.json``; coordinated figures share a predicate ("killed three women and three
children" is 6 killed), a share takes the class of what it is a share of ("96 drones, of which 61 were shot
down"), and a part ("26 people, including nine children") is not added to the total.

Values: an exact figure is a number; "at least 40", "more than 30", "dozens of" are ``{"low": n}``; "nearly
20" is ``{"high": n}``; "around 450" is 450 (an approximate figure is still the figure the text gives). Money
is ``{"amount": n, "currency": "EUR"}``. Two figures of one name in a sentence: the larger (an update or a
total beside its part). Ages, years, dates, times, calibres, distances and ordinals are no figures.

A side's claim of the enemy's losses ("40 enemy soldiers", "eliminated more than 30 servicemen", "claimed 40
died") is ``claimed_killed`` / ``claimed_injured``, and equipment it says it destroyed ("destroyed 12 tanks")
``claimed_destroyed``: never ``killed``, so a claim does not replace the stated toll. An event that is itself
that claim (modality "claimed") may take ``claimed_killed`` as its toll.

API: :func:`extract_quantities` (one dict per sentence), :func:`find_figures` (each figure with the offsets of
its number, predicate and place), :func:`quantities_by_trigger` (the figures of a sentence split between the
triggers of several events), :func:`figures_by_place` ("25 over Rostov, six over Kursk").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from geomap.events.dates import find_dates
from geomap.events.figure_words import PhraseTable, figure_words, tokens
from geomap.text import Span

Value = Any  # int | float | {"low": n} | {"high": n} | {"amount": n, "currency": c}
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


@dataclass(frozen=True, slots=True)
class PlaceFigure:
    key: str
    value: Value
    place: str  # the place phrase as written
    start: int  # its offsets in the sentence
    end: int


def extract_quantities(sentence: str) -> dict[str, Any]:
    """The quantities ``sentence`` states, keyed by the names of the event schema."""
    return _totals(find_figures(sentence))


def quantities_by_trigger(sentence: str, triggers: Sequence[int]) -> list[dict[str, Any]]:
    """The quantities of ``sentence`` split between events whose triggers start at ``triggers`` (offsets into
    the sentence), one dict per trigger: each figure goes to the trigger nearest its number or its predicate,
    the earlier one on a tie ("A drone attack injured five; a missile strike killed two")."""
    if not triggers:
        return []
    groups: list[list[Figure]] = [[] for _ in triggers]
    for f in find_figures(sentence):
        distance = [min(abs(t - f.start), abs(t - f.anchor)) for t in triggers]
        groups[distance.index(min(distance))].append(f)
    return [_totals(g) for g in groups]


def figures_by_place(sentence: str) -> list[PlaceFigure]:
    """The figures stated place by place ("25 drones over Rostov, six over Kursk, two each over Belgorod and
    Voronezh"), one per place, with the offsets of the place phrase so that it can be tied to a mention."""
    return [PlaceFigure(f.key, f.value, sentence[s:e], s, e) for f in find_figures(sentence) for s, e in f.places]


def find_figures(sentence: str) -> tuple[Figure, ...]:
    """Every figure ``sentence`` states, in order."""
    try:
        return tuple(_figures(sentence))
    except (ValueError, OverflowError):  # a malformed figure never stops extraction
        return ()


# --- reading ------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Number:
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
    whole_of: _Number | None = None  # "30 of the 45 drones": 45 is the whole of 30
    part_of_pair: _Number | None = None  # ... and 30 the part of 45
    after_modifies: bool = False  # the predicate after only describes the noun ("71 drones launched by Russia")
    claimed: bool = False
    each: bool = False
    borrowed: bool = False  # took its predicate from the figure before ("25 drones over Rostov, six over Kursk")
    places: list[tuple[int, int]] = field(default_factory=list)


def _figures(sentence: str) -> list[Figure]:
    words = figure_words()
    if not words.may_state_a_number(sentence):
        return []  # most sentences state no figure at all
    toks, texts = tokens(sentence)
    money: list[Figure] = []
    numbers: list[_Number] = []
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
        figure_money = _money(toks, texts, num)
        if figure_money is not None:
            money.append(figure_money)
            continue
        if not _is_figure(sentence, toks, texts, num):
            continue
        if not (_beside_a_capital(sentence, toks, num) and _in_a_date(sentence, toks, num)):
            numbers.append(num)
    for num in numbers:
        _read_around(sentence, toks, texts, num)
    _pair_wholes(texts, numbers)
    _share_predicates(texts, numbers)
    out = [f for num in numbers if (f := _figure(sentence, toks, texts, num)) is not None]
    return sorted(out + money, key=lambda f: f.start)


def _number_at(texts: list[str], i: int) -> tuple[int, float] | None:
    """Where the number starting at token ``i`` ends, and its value: "1,150", "twenty five", "1.5 million"."""
    w = figure_words()
    t = texts[i]
    if t[0].isdigit():
        value, last = float(t.replace(",", "")), i + 1
    else:
        found = w.number_words.at(texts, i)
        if found is None:
            return None
        last, value = found
        if value in w.tens and last < len(texts) and texts[last] in w.units_words:
            value, last = value + w.units_words[texts[last]], last + 1  # "twenty five"
    while last < len(texts) and texts[last] in w.scales:
        value, last = value * w.scales[texts[last]], last + 1
    return last, value


def _qualified(texts: list[str], first: int, last: int, value: float) -> _Number:
    w = figure_words()
    bound = "low" if tuple(texts[first:last]) in w.vague else None  # "dozens of": at least two dozen
    found = w.qualifiers.ending(texts, first - 1)
    if found is not None:
        start, kind = found
        return _Number(start, first, last, value, kind or bound)
    return _Number(first, first, last, value, bound)


def _is_figure(sentence: str, toks: list[Span], texts: list[str], num: _Number) -> bool:
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


def _part_of_a_name(sentence: str, toks: list[Span], num: _Number) -> bool:
    """Whether letters are joined to the number, before it or (other than a unit) after it: a model's name."""
    before = toks[num.at - 1] if num.at > 0 else None
    if before is not None and before.text[0].isalpha() and sentence[before.end:toks[num.at].start] in ("", "-"):
        return True
    after = toks[num.last] if num.last < len(toks) else None
    return after is not None and after.text[0].isalpha() and after.start == toks[num.last - 1].end


def _beside_colon(toks: list[Span], i: int) -> bool:
    """Whether token ``i`` is a colon between two numbers, as in a time."""
    return 0 < i < len(toks) - 1 and toks[i].text == ":" and toks[i - 1].end == toks[i].start == toks[i + 1].start - 1 \
        and toks[i - 1].text[0].isdigit() and toks[i + 1].text[0].isdigit()


def _in_a_date(sentence: str, toks: list[Span], num: _Number) -> bool:
    """Whether the number is part of a date ("April 22", "3 May 2020"), looked for in the few words around it."""
    start, end = toks[num.at].start, toks[num.last - 1].end
    around = max(0, num.at - 1), min(len(toks) - 1, num.last + 1)
    offset = toks[around[0]].start
    return any(d.start <= start - offset < d.end for d in find_dates(sentence[offset:toks[around[1]].end], _ANY_DATE))


def _beside_a_capital(sentence: str, toks: list[Span], num: _Number) -> bool:
    return (num.at > 0 and sentence[toks[num.at - 1].start].isupper()) or (
        num.last < len(toks) and sentence[toks[num.last].start].isupper())


def _money(toks: list[Span], texts: list[str], num: _Number) -> Figure | None:
    w = figure_words()
    currency = w.currencies.get(texts[num.first - 1]) if num.first > 0 else None
    end = num.last
    if currency is None:
        found = w.currency_words.at(texts, num.last)
        if found is None:
            return None
        end, currency = found
    amount = _value(num.value, num.bound)
    start = toks[num.first - 1 if texts[num.first - 1] in w.currencies else num.first].start
    return Figure("money", {"amount": amount, "currency": currency}, start, toks[end - 1].end, start)


def _read_around(sentence: str, toks: list[Span], texts: list[str], num: _Number) -> None:
    """The noun phrase after the number, the predicates before and after it, and what it is a part of."""
    w = figure_words()
    j = num.last
    unit = w.units.at(texts, j)
    if unit is not None:
        j, num.cls = unit
        if num.cls == "percent" and j < len(texts) and texts[j] == "of":
            j += 1
    else:
        fraction = tuple(texts[num.at:num.last]) in w.fractions_set
        if j < len(texts) and texts[j] == "of" and (tuple(texts[num.at:num.last]) in w.vague or fraction):
            j += 1  # "dozens of people", "a fifth of"
        if fraction:
            num.cls = "percent"  # "a fifth of Ukraine's territory": what follows is the whole, not a noun counted
        else:
            j = _noun_phrase(texts, j, num)
    num.np_end = j
    if w.shares.at(texts, j) is not None:  # "41 of them were downed"
        j, _ = w.shares.at(texts, j)
        num.share = True
    if j < len(texts) and texts[j] == "each":
        num.each, j = True, j + 1
    j = _places_after(sentence, toks, texts, j, num)
    num.tail = j
    found = _predicate_after(texts, j)
    if found is not None:
        num.after_at, num.tail, num.after = found
        num.after_modifies = num.after_at == j and num.tail < len(texts) and texts[num.tail] in w.agent_markers
    k = num.first - 1
    skipped = 0
    while k >= 0 and texts[k] in w.gap_before and skipped < 4 and w.before.ending(texts, k) is None:
        k, skipped = k - 1, skipped + 1
    if w.shares.ending(texts, num.first - 1) is not None:
        num.share = True  # "of which 38 missiles"
    if w.parts.ending(texts, k) is not None or (k >= 0 and texts[k] == "," and w.parts.ending(texts, k - 1)):
        num.part = True
    found_before = w.before.ending(texts, k)
    if found_before is not None:
        num.before_at, num.before = found_before
        num.claimed = w.claim_cues.ending(texts, num.before_at - 1) is not None
    else:
        num.claimed = w.claim_cues.ending(texts, k) is not None
    if any(t in w.enemy_words for t in texts[num.last:num.np_end]):
        num.claimed = True


def _noun_phrase(texts: list[str], j: int, num: _Number) -> int:
    """The end of the noun phrase starting at token ``j`` (at most four words, up to its last class noun)."""
    w = figure_words()
    end, k = j, j
    while k < len(texts) and k - j < 4:
        noun = w.nouns.at(texts, k)
        if noun is not None:
            k, num.cls = noun
            end = k
            continue
        t = texts[k]
        if not t[0].isalpha() or t in w.breaks or w.after.at(texts, k) is not None:
            break
        k += 1
    if end > j:
        return end
    if k > j and _plain_head(texts, k):
        num.cls = "unknown"  # "26 Palestinians were killed": counted as people when its own predicate says so
        return k
    return j


def _plain_head(texts: list[str], k: int) -> bool:
    """Whether words with no class noun still end a noun phrase ("26 Palestinians were killed"): a predicate,
    a break or the end of the clause follows them."""
    w = figure_words()
    return k >= len(texts) or texts[k] in w.breaks or not texts[k][0].isalnum() or w.after.at(texts, k) is not None


def _places_after(sentence: str, toks: list[Span], texts: list[str], j: int, num: _Number) -> int:
    """The places the figure is stated for: "over Rostov", "over Krasnodar, Belgorod and Voronezh"."""
    w = figure_words()
    if j >= len(texts) or texts[j] not in w.place_prepositions:
        return j
    k = j + 1
    if k < len(texts) and texts[k] == "the":
        k += 1
    while k < len(texts) and sentence[toks[k].start].isupper():
        first = k
        while k < len(texts) and (sentence[toks[k].start].isupper() or (k > first and texts[k] in w.place_nouns)):
            k += 1
        num.places.append((toks[first].start, toks[k - 1].end))
        if not num.each or k >= len(texts) or texts[k] not in (",", "and") :
            break
        k += 1 + (k + 1 < len(texts) and texts[k] == "," and texts[k + 1] == "and")
    return k if num.places else j


def _predicate_after(texts: list[str], j: int) -> tuple[int, int, tuple[str, ...]] | None:
    """A predicate after the noun phrase: "were killed", "have been confirmed injured", "dead"; a part in
    commas between them is skipped ("26 people, including nine children, were killed")."""
    w = figure_words()
    if j < len(texts) - 1 and texts[j] == "," and w.parts.at(texts, j + 1) is not None:
        close = next((k for k in range(j + 2, min(len(texts), j + 12)) if texts[k] == ","), None)
        if close is None:
            return None
        j = close + 1
    for _ in range(6):
        if j >= len(texts):
            return None
        found = w.after.at(texts, j)
        if found is not None:
            return j, found[0], found[1]
        if texts[j] not in w.gap_after:
            return None
        j += 1
    return None


def _pair_wholes(texts: list[str], numbers: list[_Number]) -> None:
    """ "30 of the 45 drones", "40 out of 123 drones": the second is the whole, launched; the first takes its
    class and its predicate."""
    for a, b in zip(numbers, numbers[1:], strict=False):
        between = texts[a.np_end:b.first]
        if a.np_end == a.last and between in (["of"], ["of", "the"], ["out", "of"], ["out", "of", "the"]):
            a.whole_of, b.part_of_pair = b, a
            a.cls = a.cls if a.cls != "none" else b.cls
            if not a.after:
                a.after, a.after_at = b.after, b.after_at
            a.tail = b.tail
            b.after, b.before = (), ("launch",)


def _share_predicates(texts: list[str], numbers: list[_Number]) -> None:
    """Coordinated figures share the predicate the chain has before or after it; an elided figure takes the
    class (and, stated for a place, the predicate) of the figure before it."""
    w = figure_words()
    chain: list[_Number] = []
    for n, num in enumerate(numbers):
        prev = numbers[n - 1] if n else None
        if prev is not None and num.part_of_pair is None and _coordinated(texts[prev.tail:num.first], w.coordination):
            chain.append(num)
        else:
            _spread(chain)
            chain = [num]
        if num.cls == "none" and prev is not None and not num.np_end > num.last:
            source = _share_source(numbers[:n], num) if num.share else prev
            if source is not None and source.cls in w.weapon_classes | {"none", "people"} and (
                    num.share or num.places or num in chain[1:]):
                num.cls = source.cls
                if num.places and not (num.before or num.after):
                    _take_predicates(num, source, source)
                    num.borrowed = True
    _spread(chain)
    _place_chains(numbers)


def _place_chains(numbers: list[_Number]) -> None:
    """A place stated after the last figure of one predicate is the place of them all ("killed three women and
    three children in Barmal")."""
    for n in range(len(numbers) - 1, 0, -1):
        num, prev = numbers[n], numbers[n - 1]
        same = prev.before_at is not None and prev.before_at == num.before_at
        if num.places and not prev.places and same and not prev.borrowed:
            prev.places = list(num.places)


def _coordinated(between: list[str], coordination: PhraseTable) -> bool:
    k = 0
    while k < len(between):
        found = coordination.at(between, k)
        if found is None:
            return False
        k = found[0]
    return True


def _spread(chain: list[_Number]) -> None:
    """A figure of a chain without a predicate of its own takes the chain's; one of unknown words does not
    ("130 Israeli strikes, and 122 others were wounded")."""
    if len(chain) < 2:
        return
    head = chain[0].part_of_pair or chain[0]  # "shot down six out of seven missiles and 71 drones": of six
    for num in chain:
        if num.cls == "unknown" or num.before:
            continue
        if not num.after:
            _take_predicates(num, head, chain[-1])
        elif num.after_modifies and head.before:  # "... and 71 drones launched by Russia": shot down
            num.before, num.before_at = head.before, head.before_at


def _take_predicates(num: _Number, before: _Number, after: _Number) -> None:
    num.before, num.before_at = before.before, before.before_at
    num.after, num.after_at = after.after, after.after_at


def _share_source(earlier: list[_Number], share: _Number) -> _Number | None:
    """What "of which 61" is a share of: the latest figure of a weapon class it does not exceed."""
    weapons = [n for n in earlier if n.cls in figure_words().weapon_classes]
    return next((n for n in reversed(weapons) if n.value >= share.value), weapons[-1] if weapons else None)


def _figure(sentence: str, toks: list[Span], texts: list[str], num: _Number) -> Figure | None:
    w = figure_words()
    key = None
    cls = "people" if num.cls == "unknown" else num.cls
    for action in (*num.before, *num.after, "any"):
        key = w.keys.get(action, {}).get(cls)
        if key is not None:
            break
    if key is None or (key in ("percent", "settlements") and not _territorial(sentence, toks, texts, num)):
        return None
    if num.claimed and key in w.claimed_keys:
        key = w.claimed_prefix + key
    # a predicate before wins ("shot down 25 drones launched from the sea"); a borrowed one is not shared
    at = num.before_at if num.before else num.after_at
    anchor = toks[at].start if at is not None and not num.borrowed else toks[num.first].start
    return Figure(key, _value(num.value, num.bound), toks[num.first].start, toks[num.last - 1].end, anchor,
                  tuple(num.places), num.part, num.each)


def _territorial(sentence: str, toks: list[Span], texts: list[str], num: _Number) -> bool:
    """A share or a count of land, not of votes or of a budget: a word of territory in the sentence, or a
    share of a named place ("70 percent of Bakhmut")."""
    w = figure_words()
    if any(t in w.not_territory for t in texts[num.last:num.np_end + 3]):
        return False
    if num.cls == "percent" and num.np_end < len(toks) and texts[num.np_end - 1] == "of" and \
            sentence[toks[num.np_end].start].isupper():
        return True
    return not w.territory_context.isdisjoint(texts)


def _value(number: float, bound: str | None) -> Value:
    n: Any = int(number) if float(number).is_integer() else number
    return {bound: n} if bound else n


def _magnitude(value: Value) -> float:
    return float(value.get("low", value.get("high", 0))) if isinstance(value, dict) else float(value)


def _totals(figures: Sequence[Figure]) -> dict[str, Any]:
    """One value per name: coordinated figures and a series of places add up; of several such groups, the
    largest (an update, or a total beside its part); parts stay out."""
    groups: dict[str, list[list[Figure]]] = {}
    for f in figures:
        if f.part:
            continue
        runs = groups.setdefault(f.key, [])
        if f.key == "money":
            runs.append([f])
        elif runs and _adds_to(runs[-1][-1], f):
            runs[-1].append(f)
        else:
            runs.append([f])
    out: dict[str, Any] = {}
    for key, runs in groups.items():
        if key == "money":
            out[key] = runs[0][0].value
            continue
        sums = [_sum([_stated_total(f) for f in run]) for run in runs]
        out[key] = max(sums, key=_magnitude)
    return out


def _adds_to(prev: Figure, f: Figure) -> bool:
    """Whether ``f`` adds to ``prev``: both for places, or both of one predicate ("three women and three
    children")."""
    return prev.anchor == f.anchor or bool(prev.places and f.places)


def _stated_total(f: Figure) -> Value:
    if not f.each or len(f.places) < 2:
        return f.value
    if isinstance(f.value, dict):
        return {bound: n * len(f.places) for bound, n in f.value.items()}
    return f.value * len(f.places)


def _sum(values: list[Value]) -> Value:
    total = sum(_magnitude(v) for v in values)
    bounds = {next(iter(v)) for v in values if isinstance(v, dict)}
    return _value(total, bounds.pop() if len(bounds) == 1 else None)


__all__ = ["Figure", "PlaceFigure", "extract_quantities", "figures_by_place", "find_figures", "quantities_by_trigger"]
