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

Names: killed, injured, missing, arrested (people taken, by police or as hostages), missiles_launched,
missiles_shot_down, drones_launched, drones_shot_down, locations_hit, buildings_damaged, area_km2, percent,
settlements, money, and the claims above. "Five drones hit the city" is five launched (they got through).

API: :func:`extract_quantities` (one dict per sentence); :func:`find_figures` (each :class:`Figure` with the
offsets of its number, its predicate and its places); :func:`quantities_by_trigger` (the figures of a
sentence that reports two events, split between their triggers by distance); :func:`figures_by_place` ("25
drones over Oryol, five over Tula", each with the offsets of its place phrase, to tie it to a mention).
Per-place figures are also in the totals of :func:`extract_quantities` unless a total is stated beside them.
The word lists are in ``data/events/quantities.json`` (see :mod:`geomap.events.figure_words`); the reading
in :mod:`geomap.events.figure_numbers` (which numbers are figures) and :mod:`geomap.events.figure_reading`
(what they count).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geomap.events.figure_numbers import Figure, Value, value_of
from geomap.events.figure_reading import read_figures


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


def quantities_by_trigger(sentence: str, triggers: Sequence[int],
                          owned: Sequence[Collection[str]] | None = None) -> list[dict[str, Any]]:
    """The quantities of ``sentence`` split between events whose triggers start at ``triggers`` (offsets into
    the sentence), one dict per trigger: each figure goes to the trigger nearest its number or its predicate,
    the earlier one on a tie ("A drone attack injured five; a missile strike killed two"). With ``owned`` (the
    figure names each trigger's event can hold), a figure goes to the nearest trigger that can hold it, when
    one can ("raided a village, killing two and detaining five": the raid's dead, the arrests' detained)."""
    if not triggers:
        return []
    groups: list[list[Figure]] = [[] for _ in triggers]
    for f in find_figures(sentence):
        distance = [min(abs(t - f.start), abs(t - f.anchor)) for t in triggers]
        holders = [k for k in range(len(triggers)) if owned is None or f.key in owned[k]]
        best = min(holders or range(len(triggers)), key=lambda k: (distance[k], k))
        groups[best].append(f)
    return [_totals(g) for g in groups]


def combine_figures(*reports: dict[str, Any]) -> dict[str, Any]:
    """The figures of several reports of one event, key by key: a stated number before a bound ("40" before
    "dozens" or "at least 30"), and between two of a kind the larger, since a toll reported again is mostly
    an update ("the death toll rose to 14")."""
    out: dict[str, Any] = {}
    for report in reports:
        for key, value in report.items():
            if key not in out or _rank(value) > _rank(out[key]):
                out[key] = value
    return out


def _rank(value: Any) -> tuple[bool, float]:
    if isinstance(value, dict):
        return False, max((v for v in value.values() if isinstance(v, (int, float))), default=0.0)
    return True, float(value) if isinstance(value, (int, float)) else 0.0


def figures_by_place(sentence: str, unstated: str | None = None) -> list[PlaceFigure]:
    """The figures stated place by place ("18 drones over Oryol, five over Tula, two each over Lipetsk and
    Voronezh"), one per place, with the offsets of the place phrase so that it can be tied to a mention.
    ``unstated``: the action figures without a predicate count (see figure_reading.read_figures)."""
    return [PlaceFigure(f.key, f.value, sentence[s:e], s, e) for f in find_figures(sentence, unstated)
            for s, e in f.places]


def find_figures(sentence: str, unstated: str | None = None) -> tuple[Figure, ...]:
    """Every figure ``sentence`` states, in order."""
    # always both arguments, by position: lru_cache keys ``f(s)`` and ``f(s, None)`` apart, and the clause's
    # figures (asked without ``unstated``) and its tallies (asked with it, mostly None) would be read twice
    return _find_figures(sentence, unstated)


@lru_cache(maxsize=4096)  # a clause is read for its figures, its tallies and its frames' shares
def _find_figures(sentence: str, unstated: str | None) -> tuple[Figure, ...]:
    try:
        return tuple(read_figures(sentence, unstated))
    except (ValueError, OverflowError):  # a malformed figure never stops extraction
        return ()


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
        sums = [sum_figures([_stated_total(f) for f in run]) for run in runs]
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


def sum_figures(values: list[Value]) -> Value:
    """The sum of figures of one kind ("two men and four boys": 6), a bound kept when all share it."""
    total = sum(_magnitude(v) for v in values)
    bounds = {next(iter(v)) for v in values if isinstance(v, dict)}
    return value_of(total, bounds.pop() if len(bounds) == 1 else None)


__all__ = ["Figure", "PlaceFigure", "extract_quantities", "figures_by_place", "find_figures", "quantities_by_trigger",
           "sum_figures"]
