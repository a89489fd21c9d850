"""Event-to-location linking scored on Halterman (2019), "Geolocating Political Events in Text".

Each gold record is one sentence with one event trigger (``VERB``) and the spans of the places where
that event happened (``LOCATION``, possibly none). geomap's geoparser reads the sentence, the event
placer picks the place of the event at the trigger, and the choice is compared with the gold spans:

- ``accuracy``: the pick overlaps a gold location, or there is no gold location and no pick;
- ``precision`` / ``recall`` of the links: picks that are gold locations, gold sentences that got one;
- ``accuracy_found``: accuracy over sentences where the geoparser found every gold location, which
  separates placing errors from recognition errors.

Two simple placers run side by side as baselines: the first literal place of the sentence, and the
literal place nearest the trigger.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geomap.events.extract import classify
from geomap.events.placing import MentionIndex, place_event
from geomap.gazetteer import Gazetteer, load_gazetteer
from geomap.geoparse import find_places
from geomap.model import Document, GeoPrecision, Mention
from geomap.text import Span, split_clauses


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    trigger: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def read_event_locations(path: Path) -> Iterator[GoldSentence]:
    """The ``RELABEL`` (gold) records of the corpus, spans taken from token offsets."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        records = json.loads(archive.read(name))
    for record in records:
        if record.get("source") != "RELABEL":
            continue
        tokens = record["tokens"]
        spans = [
            (s["label"], tokens[s["token_start"]]["start"], tokens[s["token_end"]]["end"])
            for s in record.get("spans", ())
        ]
        triggers = [(a, b) for label, a, b in spans if label == "VERB"]
        if len(triggers) != 1:
            continue  # a record without its trigger cannot be scored
        locations = tuple((a, b) for label, a, b in spans if label == "LOCATION")
        yield GoldSentence(record["text"], triggers[0], locations)


Placer = Callable[[GoldSentence, Sequence[Mention], Gazetteer], "Mention | None"]


def geomap_placer(gold: GoldSentence, mentions: Sequence[Mention], gaz: Gazetteer) -> Mention | None:
    """geomap's own event placer, at the clause that holds the trigger."""
    sentence = Span(0, len(gold.text), gold.text)
    clause = next((c for c in split_clauses(sentence) if c.start <= gold.trigger[0] < c.end), sentence)
    # the gold trigger reports the event; a "said" elsewhere in the sentence does not make it a statement
    reports = [r for r in classify(clause.text) if r.event_type != "statement"]
    event_type, sub_type = (reports[0].event_type, reports[0].sub_event_type) if reports else ("other", "other")
    in_clause = [m for m in mentions if clause.start <= m.start < clause.end]
    placement = place_event(event_type, sub_type, gold.text, clause, in_clause, sentence, MentionIndex(mentions), gaz,
                            trigger=gold.trigger[0])
    return placement.mention


def first_place(gold: GoldSentence, mentions: Sequence[Mention], gaz: Gazetteer) -> Mention | None:
    return next((m for m in mentions if _mappable(m)), None)


def nearest_place(gold: GoldSentence, mentions: Sequence[Mention], gaz: Gazetteer) -> Mention | None:
    mappable = [m for m in mentions if _mappable(m)]
    return min(mappable, key=lambda m: min(abs(m.start - gold.trigger[1]), abs(gold.trigger[0] - m.end)), default=None)


def _mappable(m: Mention) -> bool:
    return m.role == "literal" and m.place is not None and m.place.precision != GeoPrecision.VAGUE


@dataclass
class LinkScores:
    n: int = 0
    correct: int = 0
    picks: int = 0
    good_picks: int = 0
    with_gold: int = 0
    found: int = 0
    correct_found: int = 0

    def add(self, gold: GoldSentence, pick: Mention | None, mentions: Sequence[Mention]) -> None:
        hit = pick is not None and any(_overlaps((pick.start, pick.end), g) for g in gold.locations)
        right = hit or (pick is None and not gold.locations)
        self.n += 1
        self.correct += right
        self.picks += pick is not None
        self.good_picks += hit
        self.with_gold += bool(gold.locations)
        recognised = all(any(_overlaps((m.start, m.end), g) for m in mentions) for g in gold.locations)
        self.found += recognised
        self.correct_found += right and recognised

    def as_dict(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "accuracy": ratio(self.correct, self.n),
            "precision": ratio(self.good_picks, self.picks),
            "recall": ratio(self.good_picks, self.with_gold),
            "accuracy_found": ratio(self.correct_found, self.found),
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


PLACERS: dict[str, Placer] = {"geomap": geomap_placer, "first-place": first_place, "nearest-place": nearest_place}


def evaluate_event_location(path: Path, limit: int | None = None, gaz: Gazetteer | None = None) -> dict[str, float | int]:
    """Scores of geomap's placer and of the two baselines, flat, for the evaluation table."""
    gaz = gaz or load_gazetteer()
    scores = {name: LinkScores() for name in PLACERS}
    for i, gold in enumerate(read_event_locations(path)):
        if limit is not None and i >= limit:
            break
        mentions = find_places(Document(id=f"halterman-{i}", text=gold.text), gaz)
        for name, placer in PLACERS.items():
            scores[name].add(gold, placer(gold, mentions, gaz), mentions)
    out: dict[str, float | int] = {"sentences": scores["geomap"].n, "recognised": scores["geomap"].found}
    for name, s in scores.items():
        out.update({f"{name} {metric}": value for metric, value in s.as_dict().items()})
    return out
