"""One event per real-world happening: reports of the same event, within or across documents, merged.

Two reports are the same event when they have the same type, compatible dates (equal, or one unknown)
and compatible places (the same entry, one inside the other, or both unplaced), and either come from
one document and one place, or share most of their actors, or say nearly the same thing. The merged
event keeps the most confident report's fields and lists every source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from geomap.model import Event, GeoPrecision

_ACTOR_OVERLAP = 0.5  # Jaccard share of actors, with at least two in common
_EVIDENCE_SIMILARITY = 85
_SAME_STORY_CHARS = 1500


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per happening, every source kept; the order of the input does not matter."""
    # Reports can only merge within a block of the same type, plan and country, and with clusters whose
    # dates fit theirs (see _compatible); each report is compared with those clusters only.
    blocks: dict[tuple, _Block] = {}
    for event in sorted(events, key=lambda e: (e.event_type, e.doc_id, e.evidence_start, e.id)):
        blocks.setdefault(_block(event), _Block()).place(event)
    merged = [_combine(c.reports) for block in blocks.values() for c in block.clusters]
    return sorted(merged, key=lambda e: (e.date or "9999", e.event_type, e.id))


class _Block:
    """The clusters of one block, indexed by the dates of their reports."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._by_date: dict[str | None, set[int]] = {}  # exact date (any precision) -> clusters
        self._by_prefix: dict[str, set[int]] = {}  # "YYYY" and "YYYY-MM" -> clusters with a date inside

    def place(self, event: Event) -> None:
        candidates = sorted(self._dated_like(event.date))  # in creation order, as a plain scan would meet them
        home = next((k for k in candidates if self.clusters[k].admits(event)), None)
        if home is None:
            home = len(self.clusters)
            self.clusters.append(_Cluster(event))
        else:
            self.clusters[home].add(event)
        self._register(home, event.date)

    def _dated_like(self, date: str | None) -> set[int]:
        """Clusters with a date compatible with ``date`` (equal, or one the prefix of the other)."""
        if date is None:
            return set(range(len(self.clusters)))
        found = set(self._by_date.get(None, ())) | self._by_prefix.get(date, set())
        for k in (4, 7, 10):
            if k <= len(date):
                found |= self._by_date.get(date[:k], set())
        return found

    def _register(self, k: int, date: str | None) -> None:
        self._by_date.setdefault(date, set()).add(k)
        if date:
            for prefix in {date[:4], date[:7]}:
                if len(prefix) < len(date):
                    self._by_prefix.setdefault(prefix, set()).add(k)


class _Cluster:
    """Reports of one event. Every report must be compatible with a newcomer, and one clearly the same
    event; statements, many and alike, must be clearly the same as every report."""

    def __init__(self, first: Event) -> None:
        self.reports = [first]
        # compatibility depends only on sub-type, date and place: one report per such signature is enough
        self.signatures = {_signature(first): first}

    def admits(self, event: Event) -> bool:
        if not all(_compatible(event, other) for other in self.signatures.values()):
            return False
        matches = (_alike(event, other) for other in self.reports)  # each compatible: checked just above
        return all(matches) if event.event_type == "statement" else any(matches)

    def add(self, event: Event) -> None:
        self.reports.append(event)
        self.signatures.setdefault(_signature(event), event)


def _signature(event: Event) -> tuple:
    return event.sub_event_type, event.date, event.place.key if event.place else None


def _block(event: Event) -> tuple:
    """Reports in different blocks are never compatible: other type, plan, or country."""
    where = "unplaced" if event.place is None else event.place.country_code or event.place.key
    return event.event_type, event.planned, where


def _compatible(a: Event, b: Event) -> bool:
    """Nothing rules out that the two reports describe one event."""
    if a.event_type != b.event_type or a.planned != b.planned:
        return False
    generic = {"statement", "comment", "meeting", "attack"}
    if a.sub_event_type != b.sub_event_type and not {a.sub_event_type, b.sub_event_type} & generic:
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    return _places_compatible(a, b)


def same_event(a: Event, b: Event) -> bool:
    """Two reports of one event: compatible, and the same story, the same actors or the same words."""
    return _compatible(a, b) and _alike(a, b)


def _alike(a: Event, b: Event) -> bool:
    """The same story, the same actors or the same words (compatibility is checked by the caller)."""
    if a.doc_id == b.doc_id and a.place is not None and b.place is not None and a.place.key == b.place.key:
        # one story retelling its event: same place, same day, a few paragraphs apart
        return a.date == b.date and abs(a.evidence_start - b.evidence_start) <= _SAME_STORY_CHARS
    actors_a, actors_b = _names(a.actors), _names(b.actors)
    shared = actors_a & actors_b
    if len(shared) >= 2 and len(shared) / len(actors_a | actors_b) >= _ACTOR_OVERLAP:
        return True
    return fuzz.token_sort_ratio(a.evidence, b.evidence) >= _EVIDENCE_SIMILARITY


@lru_cache(maxsize=4096)
def _names(actors: tuple[str, ...]) -> frozenset[str]:
    # "Pete Hegseth (US Defense Secretary)" and "Pete Hegseth" are one actor
    return frozenset(a.split(" (")[0].strip().lower() for a in actors)


def _places_compatible(a: Event, b: Event) -> bool:
    if a.place is None or b.place is None:
        return a.place is None and b.place is None
    if a.place.key == b.place.key:
        return True
    wide, narrow = sorted((a.place, b.place), key=lambda p: -int(p.precision))
    if wide.precision == GeoPrecision.COUNTRY:
        return wide.country_code == narrow.country_code and narrow.precision < wide.precision
    return False


def _combine(reports: list[Event]) -> Event:
    if len(reports) == 1:
        return reports[0]
    best = max(reports, key=lambda e: (e.place is not None, bool(e.quantities), e.place and -int(e.place.precision) or 0,
                                       e.date_precision == "day", e.confidence))
    actors: list[str] = []
    for e in reports:
        actors += [a for a in e.actors if a.split(" (")[0] not in {x.split(" (")[0] for x in actors}]
    quantities: dict = {}
    for e in sorted(reports, key=lambda e: e.confidence):
        quantities.update(e.quantities)
    sources = []
    seen = set()
    for e in reports:
        for s in e.sources:
            if (s.doc_id, s.evidence) not in seen:
                seen.add((s.doc_id, s.evidence))
                sources.append(s)
    confidence = min(1.0, max(e.confidence for e in reports) + 0.05 * (len({s.doc_id for s in sources}) - 1))
    return replace(best, actors=tuple(actors), quantities=quantities, sources=tuple(sources),
                   confidence=round(confidence, 3))
