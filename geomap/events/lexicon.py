"""Event trigger patterns, taxonomy and word lists, loaded once from ``geomap/data/events/``."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    weight: float
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class EventKind:
    """One row of the taxonomy: geomap's type, its label and the ACLED / PLOVER equivalents."""

    event_type: str
    sub_event_type: str
    label: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover: str | None


def _data(name: str) -> str:
    return resources.files("geomap.data").joinpath("events", name).read_text("utf-8")


@cache
def triggers() -> tuple[Trigger, ...]:
    rows = csv.DictReader(_data("triggers.tsv").splitlines(), delimiter="\t")
    return tuple(
        Trigger(r["event_type"], r["sub_event_type"], float(r["weight"]), re.compile(r["pattern"], re.IGNORECASE))
        for r in rows
    )


@cache
def triggers_by_type() -> tuple[tuple[re.Pattern[str], tuple[Trigger, ...]], ...]:
    """Per event type: one pattern matching wherever any of its triggers does, and its triggers, strongest
    first. A sentence is tried against a type's triggers only when the type's pattern matches at all."""
    grouped: dict[str, list[Trigger]] = {}
    for trig in triggers():
        grouped.setdefault(trig.event_type, []).append(trig)
    out = []
    for group in grouped.values():
        either = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in group), re.IGNORECASE)
        out.append((either, tuple(sorted(group, key=lambda t: -t.weight))))
    return tuple(out)


@cache
def taxonomy() -> dict[tuple[str, str], EventKind]:
    out = {}
    for r in csv.DictReader(_data("taxonomy.csv").splitlines()):
        out[(r["event_type"], r["sub_event_type"])] = EventKind(
            r["event_type"], r["sub_event_type"], r["label"], r["acled_event_type"] or None,
            r["acled_sub_event_type"] or None, r["plover"] or None,
        )
    return out


def kind(event_type: str, sub_event_type: str) -> EventKind:
    return taxonomy().get((event_type, sub_event_type)) or EventKind(
        event_type, sub_event_type, sub_event_type.replace("_", " "), None, None, None
    )


@cache
def words() -> dict[str, Any]:
    return json.loads(_data("lexicon.json"))
