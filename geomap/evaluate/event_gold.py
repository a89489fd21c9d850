"""Exhaustive event gold in the news_dev format, and the rules that score geomap's events against it.

A gold folder holds ``NNN.txt`` (first line ``date YYYY-MM-DD <title>``) and ``NNN.json`` (places, events)
per document, possibly in sub-folders (``ua/``, ``me/`` ...). The rules are those of news_dev's README:

- **recall**: a gold event (not optional, not background) is found when an output event of its document
  has a compatible type, a date starting with the gold date or ``date_alt``, a point within the gold
  place's tolerance, and every checked figure within 2 % + 0.5; background events are counted apart;
- **marker precision**: an output event with a point and a marked type must match some gold event of its
  document (any, background and planned included; an optional gold event takes any type) by type, date
  and place.

The rule values (type families, checked figures, tolerance) live in ``rules.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from geomap.gazetteer.spatial import distance_km
from geomap.model import Event

RULES_FILE = Path(__file__).with_name("rules.json")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads(RULES_FILE.read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    lat: float
    lon: float
    km: float  # tolerance
    mentions: tuple[str, ...] = ()  # the exact strings the text names it by


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    type: str
    place: str | None  # a GoldPlace name
    date: str | None
    date_alt: str | None = None
    quantities: tuple[tuple[str, float], ...] = ()
    evidence: str = ""
    planned: bool = False
    background: bool = False


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str  # the path below the gold folder, without suffix ("ua/101")
    folder: str  # the first sub-folder ("ua"), or "-" for a document at the top
    text_path: Path
    places: tuple[GoldPlace, ...]
    events: tuple[GoldEvent, ...]
    negative_control: bool = False

    def place(self, name: str | None) -> GoldPlace | None:
        return next((p for p in self.places if p.name == name), None)


def read_gold_folder(root: Path) -> list[GoldDocument]:
    """Every document of a gold folder that has both its text and its gold, in name order."""
    docs = []
    for gold_path in sorted(root.rglob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if text_path.exists():
            docs.append(read_gold_document(gold_path, text_path, root))
    return docs


def read_gold_document(gold_path: Path, text_path: Path, root: Path) -> GoldDocument:
    raw = json.loads(gold_path.read_text("utf-8"))
    rel = gold_path.relative_to(root).with_suffix("")
    places = tuple(
        GoldPlace(p["name"], float(p["lat"]), float(p["lon"]), float(p["km"]), tuple(p.get("mentions") or ()))
        for p in raw.get("places", ())
    )
    events = tuple(
        GoldEvent(
            id=e["id"], type=e["type"], place=e.get("place"), date=e.get("date"), date_alt=e.get("date_alt"),
            quantities=tuple((k, float(v)) for k, v in (e.get("quantities") or {}).items() if _is_number(v)),
            evidence=e.get("evidence", ""), planned=bool(e.get("planned")), background=bool(e.get("background")),
        )
        for e in raw.get("events", ())
    )
    notes = raw.get("notes") or ""
    negative = isinstance(notes, str) and notes.startswith(rules()["negative_control_note"])
    folder = rel.parts[0] if len(rel.parts) > 1 else "-"
    return GoldDocument(rel.as_posix(), folder, text_path, places, events, negative)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# -- the matching rules -------------------------------------------------------------------------------
def is_marker(event: Event) -> bool:
    """Whether an output event is a marker that precision scores: placed, of a marked type."""
    return event.place is not None and event.event_type not in rules()["unmarked_types"]


def is_optional(gold: GoldEvent) -> bool:
    return gold.type in rules()["optional_gold_types"]


def type_ok(gold: GoldEvent, event: Event) -> bool:
    """Same type or one of its family (strike and clash count for each other); optional gold takes any."""
    if is_optional(gold):
        return True
    return event.event_type == gold.type or event.event_type in rules()["type_families"].get(gold.type, ())


def date_ok(gold: GoldEvent, event: Event) -> bool:
    """The output date starts with the gold date or its alternative; gold without a date takes any."""
    if not gold.date:
        return True
    return bool(event.date) and any(event.date.startswith(d) for d in (gold.date, gold.date_alt) if d)


def place_ok(gold: GoldEvent, event: Event, doc: GoldDocument) -> bool:
    """The output point lies within the gold place's tolerance; gold without a place takes any."""
    if not gold.place:
        return True
    where = doc.place(gold.place)
    if where is None or event.place is None:
        return False
    return distance_km(where.lat, where.lon, event.place.lat, event.place.lon) <= where.km


def checked_figures(gold: GoldEvent) -> tuple[tuple[str, float], ...]:
    wanted = set(rules()["checked_figures"])
    return tuple((k, v) for k, v in gold.quantities if k in wanted)


def figures_ok(gold: GoldEvent, event: Event) -> bool:
    """Every checked gold figure is stated within 2 % + 0.5 (a range counts by its low end)."""
    tolerance = rules()["figure_tolerance"]
    for key, want in checked_figures(gold):
        got = event.quantities.get(key)
        if isinstance(got, dict):
            got = got.get("low", got.get("best", got.get("high")))
        if not _is_number(got) or abs(float(got) - want) > tolerance["absolute"] + tolerance["relative"] * abs(want):
            return False
    return True


def found_by(gold: GoldEvent, event: Event, doc: GoldDocument) -> bool:
    """The recall rule: type, date, place and figures."""
    return type_ok(gold, event) and date_ok(gold, event) and place_ok(gold, event, doc) and figures_ok(gold, event)


def marker_matches(gold: GoldEvent, event: Event, doc: GoldDocument) -> bool:
    """The precision rule: type, date and place."""
    return type_ok(gold, event) and date_ok(gold, event) and place_ok(gold, event, doc)
