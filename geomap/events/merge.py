"""One event per real-world happening: reports of the same event, within or across documents, merged.

Two reports are the same event when they have the same type, compatible dates (equal, or one unknown)
and compatible places (the same entry, one inside the other, or both unplaced), and either come from
one document and one place, or share most of their actors, or say nearly the same thing, or have the
same summary at the same place on the same date. In one document, a report at a country or region
that states no figure the report at a place inside it lacks (but a toll, which the finer one may leave to
the headline), on the same day, is that report told coarsely (a headline, "strikes across Ukraine"): one
event, drawn at the finer place. The merged event
keeps the finest-placed, most confident report's fields and lists every document that reported it once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz, process

from geomap.collector import fewer_collections
from geomap.events.frame_figures import campaign_toll
from geomap.events.quantities import combine_figures
from geomap.gazetteer.spatial import lies_within, place_distance_km
from geomap.model import Event, GeoPrecision, Place, SourceRef

_ACTOR_OVERLAP = 0.5  # Jaccard share of actors, with at least two in common
_EVIDENCE_SIMILARITY = 85
_SAME_STORY_CHARS = 1500
# a named area that is no first-level region ("Darfur", "the Donbas") holds the places this near its point
_AREA_REACH_KM = 300
_DISTRICT_REACH_KM = 60  # a second-level unit (district, raion, county) holds the places this near its point
# Wordings are searched a point below the similarity _alike asks, so that no rounding can lose one;
# strings of lengths m <= n have a fuzz.ratio of at most 200 m / (m + n), so m / n must reach this.
_SEARCHED_SIMILARITY = _EVIDENCE_SIMILARITY - 1
_LENGTH_RATIO = _SEARCHED_SIMILARITY / (200 - _SEARCHED_SIMILARITY)
# a toll told coarsely ("Raid kills five soldiers in Southland") is the finer report's that does not state one; a
# count of munitions over a country ("71 missiles across Ukraine") is a whole of which a town's strike is a part
_TOLLS = frozenset({"killed", "injured", "missing"})
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per happening, every source kept; the order of the input does not matter."""
    # Reports can only merge within a block of the same type, plan and country, and with clusters that
    # hold a report alike to theirs (see _Block); each report is compared with those clusters only.
    blocks: dict[tuple, _Block] = {}
    with fewer_collections():
        for event in sorted(events, key=lambda e: (e.event_type, e.doc_id, e.evidence_start, e.id)):
            blocks.setdefault(_block(event), _Block()).place(event)
        merged = [_combine(c.reports) for block in blocks.values() for c in block.clusters]
        return sorted(merged, key=lambda e: (e.date or "9999", e.event_type, e.id))


class _Block:
    """The clusters of one block, and their reports indexed by what can make a newcomer alike to one (see
    _alike): document and place, two shared actors, wording. A cluster admits a newcomer only if one of
    its reports is alike, so only the clusters these indexes name need to be asked."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._by_document: dict[str, set[int]] = {}  # document -> clusters of its reports
        self._by_summary: dict[tuple[str, str | None, str], set[int]] = {}  # (place, date, summary) -> clusters
        self._by_actor_pair: dict[tuple[str, str], set[int]] = {}
        self._by_date: dict[str | None, _Wordings] = {}  # a report's date -> the wordings of that date
        self._dates_within: dict[str, set[str]] = {}  # a prefix ("2025", "2025-02") -> the reports' dates inside

    def place(self, event: Event) -> None:
        words = _sorted_words(event.evidence)
        maybe = self._maybe_alike(event, words)
        # its own document's clusters first (its story is likeliest to tell the same event again), then in
        # creation order, as a scan of the clusters of fitting dates (see _blocked_dates_fit) would meet them
        own = self._by_document.get(event.doc_id, set())
        asked = sorted((k for k in maybe if self.clusters[k].has_date_fitting(event.date)),
                       key=lambda k: (k not in own, k))
        home = next((k for k in asked if self.clusters[k].admits(event)), None)
        if home is None:
            home = len(self.clusters)
            self.clusters.append(_Cluster(event))
        else:
            self.clusters[home].add(event)
        self._register(home, event, words)

    def _maybe_alike(self, event: Event, words: str | None) -> set[int]:
        found = set(self._by_document.get(event.doc_id, ()))
        told = _told(event)
        if told is not None:
            found.update(self._by_summary.get(told, ()))
        for pair in _actor_pairs(event.actors):
            found.update(self._by_actor_pair.get(pair, ()))
        # a report of an incompatible date rules its cluster out: only wordings of fitting dates are searched
        for date in self._fitting_dates(event.date):
            found.update(self._by_date[date].worded_like(event.evidence, words))
        return found

    def _fitting_dates(self, date: str | None) -> list[str | None]:
        """The reports' dates that fit ``date`` (see _dates_fit): unknown, equal, or one inside the other."""
        if not date:
            return list(self._by_date)
        around = [None, *(date[:k] for k in range(len(date) + 1)), *self._dates_within.get(date, ())]
        return [d for d in dict.fromkeys(around) if d in self._by_date]

    def _register(self, k: int, event: Event, words: str | None) -> None:
        self._by_document.setdefault(event.doc_id, set()).add(k)
        told = _told(event)
        if told is not None:
            self._by_summary.setdefault(told, set()).add(k)
        for pair in _actor_pairs(event.actors):
            self._by_actor_pair.setdefault(pair, set()).add(k)
        if event.date not in self._by_date:  # a date met before has its prefixes registered already
            self._by_date[event.date] = _Wordings()
            for end in range(len(event.date or "")):
                self._dates_within.setdefault(event.date[:end], set()).add(event.date)
        self._by_date[event.date].add(k, event.evidence, words)


class _Wordings:
    """The evidence of some reports, searched in one batch for what may be worded like a newcomer's.

    fuzz.token_sort_ratio of two texts is fuzz.ratio of their sorted words, and sorting sorted words again
    changes nothing: so each report's sorted words are kept, and compared by either scorer like its text.
    They are kept in order of length, as strings of too different lengths cannot be alike."""

    def __init__(self) -> None:
        self._lengths: list[int] = []
        self._words: list[str] = []  # see _sorted_words
        self._clusters: list[int] = []
        # evidence with whitespace rapidfuzz may not split at, compared as it is by fuzz.token_sort_ratio
        self._odd_texts: list[str] = []
        self._odd_clusters: list[int] = []

    def add(self, k: int, evidence: str, words: str | None) -> None:
        if words is None:
            self._odd_texts.append(evidence)
            self._odd_clusters.append(k)
            return
        at = bisect.bisect(self._lengths, len(words))
        self._lengths.insert(at, len(words))
        self._words.insert(at, words)
        self._clusters.insert(at, k)

    def worded_like(self, evidence: str, words: str | None) -> list[int]:
        """The clusters of the reports that may be worded like ``evidence`` (whose sorted ``words`` are given):
        every one that is, and perhaps a few more."""
        if words is None:
            return (_similar(evidence, self._words, fuzz.token_sort_ratio, self._clusters)
                    + _similar(evidence, self._odd_texts, fuzz.token_sort_ratio, self._odd_clusters))
        lo = bisect.bisect_left(self._lengths, len(words) * _LENGTH_RATIO)
        hi = bisect.bisect_right(self._lengths, len(words) / _LENGTH_RATIO)
        return (_similar(words, self._words[lo:hi], fuzz.ratio, self._clusters[lo:hi])
                + _similar(words, self._odd_texts, fuzz.token_sort_ratio, self._odd_clusters))


def _sorted_words(text: str) -> str | None:
    """The words of ``text`` sorted and joined by spaces, as fuzz.token_sort_ratio compares it; None when
    the text holds other whitespace (a no-break space), where rapidfuzz's words may not be Python's."""
    return None if _OTHER_SPACE.search(text) else " ".join(sorted(text.split()))


def _similar(query: str, texts: list[str], scorer: Callable[..., float], clusters: list[int]) -> list[int]:
    if not texts:
        return []
    found = process.extract(query, texts, scorer=scorer, score_cutoff=_SEARCHED_SIMILARITY, limit=None)
    return [clusters[i] for _, _, i in found]


def _told(event: Event) -> tuple[str, str | None, str] | None:
    """What a located report says happened where and when: two reports alike in all three are one event."""
    return (event.place.key, event.date, event.summary) if event.place is not None else None


def _actor_pairs(actors: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    return combinations(sorted(_names(actors)), 2)


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

    def has_date_fitting(self, date: str | None) -> bool:
        return any(_blocked_dates_fit(report_date, date) for _, report_date, _ in self.signatures)

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
    if a.event_type != b.event_type or a.planned != b.planned or campaign_toll(a) != campaign_toll(b):
        return False
    generic = {"statement", "comment", "meeting", "attack", "killing"}
    if a.sub_event_type != b.sub_event_type and not {a.sub_event_type, b.sub_event_type} & generic:
        return False
    return _dates_fit(a.date, b.date) and _places_compatible(a, b)


def _blocked_dates_fit(report_date: str | None, date: str | None) -> bool:
    """Whether a cluster with a report of ``report_date`` is asked to admit a newcomer of ``date``: when one
    is unknown, when ``report_date`` is the year, month or day of ``date``, or ``date`` the year or month of
    ``report_date``. For the dates geomap gives ("2025", "2025-02", "2025-02-12") that is _dates_fit; other
    strings that fit can be missed (two reports of "2025-02-12T09:00"), as merging has always missed them."""
    if report_date is None or date is None:
        return True
    if any(report_date == date[:k] for k in (4, 7, 10) if k <= len(date)):
        return True
    return len(date) < len(report_date) and date in (report_date[:4], report_date[:7])


def _dates_fit(a: str | None, b: str | None) -> bool:
    """Equal dates, one unknown, or one inside the other ("2025-02" and "2025-02-12")."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def same_event(a: Event, b: Event) -> bool:
    """Two reports of one event: compatible, and the same story, the same actors or the same words."""
    return _compatible(a, b) and _alike(a, b)


def _alike(a: Event, b: Event) -> bool:
    """The same story, the same actors, the same words, or the same summary of the same place and date
    (compatibility is checked by the caller)."""
    if _told(a) is not None and _told(a) == _told(b):
        return True
    if a.doc_id == b.doc_id and a.place is not None and b.place is not None and a.place.key == b.place.key:
        # one story retelling its event: same place, same day, a few paragraphs apart
        return a.date == b.date and abs(a.evidence_start - b.evidence_start) <= _SAME_STORY_CHARS
    if a.doc_id == b.doc_id and _told_coarsely(a, b):
        return True
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
    return _holds(wide, narrow)


def _holds(wide: Place, narrow: Place) -> bool:
    """Whether ``narrow`` is a finer place inside ``wide``: a town in its country or region, a region in its
    country, a town near the point of a named area that is no first-level region ("El Fasher" and "Darfur")."""
    if narrow.precision >= wide.precision or wide.country_code is None or wide.country_code != narrow.country_code:
        return False
    if wide.feature_code == "ADM2":  # a district shares its admin1 code with every town of its province
        return place_distance_km(wide, narrow) <= _DISTRICT_REACH_KM
    if lies_within(narrow, wide):
        return True
    return wide.precision == GeoPrecision.REGION and wide.admin1 is None and \
        place_distance_km(wide, narrow) <= _AREA_REACH_KM


def _told_coarsely(a: Event, b: Event) -> bool:
    """One report is the other at a coarser place ("Troops retake three villages in Sumy Oblast" and
    the village it names), on the same day, stating no figure the finer one lacks but a toll: a coarser
    report that states more ("71 missiles across Ukraine") tells the whole of which the finer one is a part."""
    if a.place is None or b.place is None or a.date != b.date:
        return False
    wide, narrow = (a, b) if a.place.precision > b.place.precision else (b, a)
    return _holds(wide.place, narrow.place) and all(
        narrow.quantities.get(k) == v or (k in _TOLLS and k not in narrow.quantities)
        for k, v in wide.quantities.items())


def _combine(reports: list[Event]) -> Event:
    if len(reports) == 1:
        return reports[0]
    # the finest place first: the figures of every report are combined, whichever is kept
    best = max(reports, key=lambda e: (e.place is not None, e.place and -int(e.place.precision) or 0,
                                       bool(e.quantities), e.date_precision == "day", e.confidence))
    actors: list[str] = []
    for e in reports:
        actors += [a for a in e.actors if a.split(" (")[0] not in {x.split(" (")[0] for x in actors}]
    quantities = combine_figures(*(e.quantities for e in reports))
    # each document once, with the sentence of its first report (the best report's own, for its document)
    sources: dict[str, SourceRef] = {}
    for e in (best, *reports):
        for s in e.sources:
            sources.setdefault(s.doc_id, s)
    confidence = min(1.0, max(e.confidence for e in reports) + 0.05 * (len(sources) - 1))
    return replace(best, actors=tuple(actors), quantities=quantities, sources=tuple(sources.values()),
                   confidence=round(confidence, 3))
