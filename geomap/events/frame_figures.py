"""Which figures of a clause are whose: the figure names each event type owns, a claimed battle's toll, the
clause's figures shared between its frames, tallies stated place by place, and figures spread over many places.

Used by :mod:`geomap.events.extract` for every clause that reports an event.
"""

from __future__ import annotations

from functools import cache

from geomap.events.frames import Frame
from geomap.events.lexicon import words
from geomap.events.quantities import (
    figures_by_place,
    quantities_by_trigger,
    sum_figures,
)
from geomap.events.triggers import lemmas_of
from geomap.model import Event, Mention
from geomap.text import Span, token_texts

STRIKE_FIGURES = ("killed", "injured", "missing", "missiles_launched", "missiles_shot_down", "drones_launched",
                   "drones_shot_down")
CASUALTIES = ("killed", "injured", "missing", "claimed_killed", "claimed_injured")
# a side's claim of the enemy's losses is the toll of the event that is itself that claim, when none is stated
_CLAIMED_TOLLS = {"claimed_killed": "killed", "claimed_injured": "injured"}
# what a strike's tally counted, for a later sentence of figures without a predicate ("These included 25 over
# Rostov"): an interception tally before a launch tally
TALLIED_ACTIONS = {"drones_shot_down": "shoot_down", "missiles_shot_down": "shoot_down",
                    "drones_launched": "launch", "missiles_launched": "launch"}
TERRITORY_FIGURES = ("area_km2", "percent", "settlements")
OWN_FIGURES = {"strike": STRIKE_FIGURES, "clash": STRIKE_FIGURES, "territorial_control": TERRITORY_FIGURES,
                "territorial_change": TERRITORY_FIGURES, "aid": ("money",), "arrest": ("arrested",),
                "abduction": ("arrested", "missing"), "humanitarian": ("displaced", "evacuated")}


def across_places(text: str) -> bool:
    """Whether ``text`` spreads what it tells over many places: "across five regions", "over several oblasts"."""
    lexicon = words()
    tokens = [t.lower() for t in token_texts(text)]
    many = set(lexicon["number_words"]) | set(lexicon["spread_quantifiers"])
    return any(t in lexicon["spread_nouns"] and k > 0 and (tokens[k - 1] in many or tokens[k - 1][0].isdigit())
               for k, t in enumerate(tokens))


def place_tallies(clause: Span, mentions: list[Mention], keys: tuple[str, ...],
                  unstated: str | None = None) -> list[tuple[Mention, dict]]:
    """The literal places the clause states figures of ``keys`` for, each with its figures, in text order
    (``unstated``: the action of figures without a predicate, told before)."""
    by_place: dict[int, tuple[Mention, dict[str, list]]] = {}
    for figure in figures_by_place(clause.text, unstated):
        if figure.key not in keys:
            continue
        named = next((m for m in mentions
                      if m.role == "literal" and figure.start <= m.start - clause.start < figure.end), None)
        if named is not None:
            by_place.setdefault(named.start, (named, {}))[1].setdefault(figure.key, []).append(figure.value)
    # "killed two men and four boys in Qalat": the figures of one place add up
    return [(m, {key: sum_figures(values) for key, values in figures.items()})
            for m, figures in (by_place[start] for start in sorted(by_place))]


def own_figures(frame: Frame, share: dict) -> dict:
    """The figures of its clause that are the frame's own; a claimed strike or battle takes the claim's toll
    ("the ministry said 50 enemy fighters were eliminated") unless the clause states the toll itself."""
    kept = OWN_FIGURES.get(frame.event_type, ())
    own = {k: v for k, v in share.items() if k in kept}
    if frame.reading == "claimed" and "killed" in kept:
        own.update({toll: share[claim] for claim, toll in _CLAIMED_TOLLS.items() if claim in share and toll not in own})
    return own


def figures_per_frame(text: str, frames: list[Frame], offset: int, quantities: dict) -> list[dict]:
    """The clause's figures shared out between its frames, each to the nearest trigger whose event keeps it ("A
    drone attack injured five; a missile strike killed two"); one frame takes them all."""
    takers = [k for k, f in enumerate(frames) if f.event_type in OWN_FIGURES]  # a statement takes none
    shares = [quantities] * len(frames)
    if len(takers) > 1:
        owned = [_holds(frames[k].event_type) for k in takers]
        starts = [frames[k].trigger.start - offset for k in takers]
        for k, share in zip(takers, quantities_by_trigger(text, starts, owned)):
            shares[k] = share
    return shares


def _holds(event_type: str) -> set[str]:
    """The figure names an event of ``event_type`` keeps, a side's claimed toll with its toll."""
    kept = set(OWN_FIGURES[event_type])
    return kept | {claim for claim, toll in _CLAIMED_TOLLS.items() if toll in kept}


def campaign_toll(event: Event) -> bool:
    """Whether the event's toll is that of a whole campaign or war ("the campaign of air strikes has killed 73
    people"), the sum of many happenings, not a figure of one of them."""
    return not _CASUALTY_SET.isdisjoint(event.quantities) and not _campaign_nouns().isdisjoint(lemmas_of(event.evidence))


_CASUALTY_SET = frozenset(CASUALTIES)


@cache
def _campaign_nouns() -> frozenset[str]:
    return frozenset(words()["campaign_nouns"])
