"""Recall, marker precision and per-attribute accuracy of geomap's events on an exhaustive gold folder.

Figures are kept per folder (``ua``, ``me`` ...) and per type: recall by the gold event's type, precision
and the attribute accuracies by the output event's type. The attribute accuracies tell which part of an
event goes wrong: of the output events that some gold event of their document matches on type, the
share whose date, place, and (where that gold states checked figures) figures are right for one of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geomap.evaluate.event_gold import (
    GoldDocument,
    GoldEvent,
    checked_figures,
    date_ok,
    figures_ok,
    found_by,
    is_marker,
    is_optional,
    marker_matches,
    place_ok,
    rules,
    type_ok,
)
from geomap.model import Event


@dataclass(slots=True)
class Tally:
    gold: int = 0
    found: int = 0
    background: int = 0
    background_found: int = 0
    markers: int = 0
    good_markers: int = 0
    typed: int = 0  # output events that a gold event matches on type
    right_date: int = 0
    right_place: int = 0
    with_figures: int = 0  # typed output events whose gold states checked figures
    right_figures: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True, slots=True)
class Miss:
    doc: str
    gold: GoldEvent


@dataclass(frozen=True, slots=True)
class FalseMarker:
    doc: str
    event: Event


@dataclass(slots=True)
class EventScores:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[Miss] = field(default_factory=list)
    false_markers: list[FalseMarker] = field(default_factory=list)
    documents: int = 0
    negative_controls: int = 0
    negative_conflict_markers: int = 0

    def rows(self) -> list[tuple[str, str]]:
        total = self.tallies["all"]
        out = [
            ("documents", str(self.documents)),
            ("recall", _ratio(total.found, total.gold)),
            ("marker precision", _ratio(total.good_markers, total.markers)),
            ("background recall", _ratio(total.background_found, total.background)),
            *_accuracy_rows(total),
        ]
        if self.negative_controls:
            out.append((f"negative controls ({self.negative_controls}): conflict markers",
                        str(self.negative_conflict_markers)))
        for key in sorted(k for k in self.tallies if k != "all"):
            t = self.tallies[key]
            parts = []
            if t.gold:
                parts.append(f"R {_ratio(t.found, t.gold)}")
            if t.markers:
                parts.append(f"P {_ratio(t.good_markers, t.markers)}")
            if t.background:
                parts.append(f"background {t.background_found}/{t.background}")
            parts += [f"{label} {value}" for label, value in _accuracy_rows(t, short=True)]
            if parts:
                out.append((key, "  ".join(parts)))
        return out

    def error_lines(self) -> list[str]:
        """Every miss and every false marker, with its document and evidence."""
        lines = [f"miss  {m.doc} {m.gold.id} {m.gold.type} {m.gold.date} {m.gold.place}: {m.gold.evidence}"
                 for m in self.misses]
        lines += [f"false {f.doc} {f.event.event_type} {f.event.date} {f.event.place.name if f.event.place else None}: "
                  f"{' '.join(f.event.evidence.split())}" for f in self.false_markers]
        return lines


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"


def _accuracy_rows(t: Tally, short: bool = False) -> list[tuple[str, str]]:
    if not t.typed:
        return []
    rows = [("date", _ratio(t.right_date, t.typed)), ("place", _ratio(t.right_place, t.typed))]
    if t.with_figures:
        rows.append(("figures", _ratio(t.right_figures, t.with_figures)))
    if short:
        return rows
    return [(f"{label} accuracy (of {t.typed} type-matched output events)", value) for label, value in rows]


def score_documents(runs: Iterable[tuple[GoldDocument, Sequence[Event]]]) -> EventScores:
    scores = EventScores()
    for doc, events in runs:
        score_document(scores, doc, events)
    return scores


def score_document(scores: EventScores, doc: GoldDocument, events: Sequence[Event]) -> None:
    """Add one document's events to ``scores``."""
    scores.documents += 1
    keys = ("all", f"folder {doc.folder}")
    for gold in doc.events:
        if is_optional(gold):
            continue
        hit = any(found_by(gold, e, doc) for e in events)
        for key in (*keys, f"type {gold.type}"):
            t = scores.tallies[key]
            if gold.background:
                t.background += 1
                t.background_found += hit
            else:
                t.gold += 1
                t.found += hit
        if not hit and not gold.background:
            scores.misses.append(Miss(doc.name, gold))
    conflict = set(rules()["conflict_types"])
    if doc.negative_control:
        scores.negative_controls += 1
    for event in events:
        if event.event_type in rules()["unmarked_types"]:
            continue
        tally = _event_tally(doc, event)
        for key in (*keys, f"type {event.event_type}"):
            scores.tallies[key].add(tally)
        if tally.markers and not tally.good_markers:
            scores.false_markers.append(FalseMarker(doc.name, event))
        if doc.negative_control and is_marker(event) and event.event_type in conflict:
            scores.negative_conflict_markers += 1


def _event_tally(doc: GoldDocument, event: Event) -> Tally:
    """What one output event adds: a marker (good or false) and its attribute accuracies."""
    t = Tally()
    if is_marker(event):
        t.markers = 1
        t.good_markers = any(marker_matches(g, event, doc) for g in doc.events)
    same_type = [g for g in doc.events if not is_optional(g) and type_ok(g, event)]
    if same_type:
        t.typed = 1
        t.right_date = any(date_ok(g, event) for g in same_type)
        t.right_place = any(place_ok(g, event, doc) for g in same_type)
        with_figures = [g for g in same_type if checked_figures(g)]
        if with_figures:
            t.with_figures = 1
            t.right_figures = any(figures_ok(g, event) for g in with_figures)
    return t
