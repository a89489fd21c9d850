"""The data contract shared by every stage: documents -> places -> events -> outputs.

Each stage consumes the types defined here and nothing from the stages after it.
All types are plain frozen dataclasses so they pickle (for process pools and Dask)
and compare by value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields
from enum import IntEnum
from typing import Any, Literal

#: The ``<meta name="generator">`` of geomap's maps, by which a later run knows them for outputs, not news.
GENERATOR = "geomap"
Role = Literal["literal", "associative"]
DatePrecision = Literal["day", "month", "year", "unknown"]
#: How the text reports an event: as a fact, as one side's claim, as planned, or as earlier background.
Modality = Literal["asserted", "claimed", "planned", "background"]


class GeoPrecision(IntEnum):
    """How exactly a place pins an event down (lower is more exact)."""

    SITE = 1  # a town, city, facility or landmark
    REGION = 2  # a first-level region, a sea, a river, a macro area inside a country
    COUNTRY = 3  # a whole country
    VAGUE = 4  # a continent or macro-region: known, but not mapped by default


@dataclass(frozen=True, slots=True)
class Document:
    """One news text. ``id`` is derived from the origin and content, so it is stable across runs."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    url: str | None = None
    path: str | None = None

    @staticmethod
    def make_id(origin: str, text: str) -> str:
        digest = hashlib.sha1(f"{origin}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
        return digest[:16]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``key`` is unique across sources ("gn:703448" for GeoNames, "cur:<slug>" for curated rows);
    ``geonameid`` is set wherever the entry corresponds to a GeoNames feature.
    """

    key: str
    name: str
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    geonameid: int | None = None
    precision: GeoPrecision = GeoPrecision.SITE
    source: str = "geonames"
    #: how the point was found when it is not the place's own ("hromada centre"); None when it is
    approximation: str | None = None

    @property
    def point(self) -> tuple[float, float]:
        """(lon, lat), the GeoJSON axis order."""
        return (self.lon, self.lat)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in ``Document.text[start:end]``.

    ``place`` is None when the name could not be resolved; ``reason`` then says why.
    """

    start: int
    end: int
    text: str
    role: Role = "literal"
    place: Place | None = None
    score: float = 0.0
    reason: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One document that reported an event."""

    doc_id: str
    title: str = ""
    url: str | None = None
    published: str | None = None
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is planned) at a place and time, with its evidence.

    ``place`` is None when no location could be established: such events are kept and
    listed in every output with a null geometry, never placed at a guess.
    """

    id: str
    event_type: str
    sub_event_type: str | None
    summary: str
    evidence: str
    doc_id: str
    evidence_start: int = 0
    evidence_end: int = 0
    #: (start, end) of every sentence of the document that reports it, the evidence's first ("A missile
    #: attack hit Dnipro. The air force said 12 missiles were launched at Dnipro.")
    support: tuple[tuple[int, int], ...] = ()
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    date_text: str | None = None
    planned: bool = False
    modality: Modality = "asserted"
    claimant: str | None = None  # who claims it, when ``modality`` is "claimed"
    place: Place | None = None
    place_text: str | None = None
    actors: tuple[str, ...] = ()
    agent: str | None = None  # who did it, from the clause ("Russia" in "Russia launched 40 drones at Lviv")
    target: str | None = None  # whom it was done to, when an actor ("Ukraine" in "Russia attacked Ukraine")
    instruments: tuple[str, ...] = ()  # the weapons used ("drone", "artillery", "ballistic missile")
    quantities: dict[str, Any] = field(default_factory=dict)
    source_title: str = ""
    source_url: str | None = None
    published: str | None = None
    sources: tuple[SourceRef, ...] = ()
    confidence: float = 0.5

    @property
    def geo_precision(self) -> int | None:
        return int(self.place.precision) if self.place else None

    @property
    def located(self) -> bool:
        return self.place is not None

    def to_record(self) -> dict[str, Any]:
        """The flat property record used by every output (GeoJSON, CSV, GeoDataFrame)."""
        place = self.place
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "planned": self.planned,
            "modality": self.modality,
            "claimant": self.claimant,
            "place_name": place.name if place else self.place_text,
            "geonameid": place.geonameid if place else None,
            "country_code": place.country_code if place else None,
            "admin1": place.admin1 if place else None,
            "geo_precision": self.geo_precision,
            "place_approximation": place.approximation if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "actors": list(self.actors),
            "agent": self.agent,
            "target": self.target,
            "instruments": list(self.instruments),
            "quantities": dict(self.quantities),
            "summary": self.summary,
            "evidence": self.evidence,
            "doc_id": self.doc_id,
            "source_title": self.source_title,
            "source_url": self.source_url,
            "published": self.published,
            "sources": [s.to_dict() for s in self.sources],
            "confidence": round(float(self.confidence), 3),
        }


#: Property names of every exported event, in output column order.
EVENT_FIELDS: tuple[str, ...] = (
    "id",
    "event_type",
    "sub_event_type",
    "acled_event_type",
    "acled_sub_event_type",
    "date",
    "date_precision",
    "date_text",
    "planned",
    "modality",
    "claimant",
    "place_name",
    "geonameid",
    "country_code",
    "admin1",
    "geo_precision",
    "place_approximation",
    "latitude",
    "longitude",
    "actors",
    "agent",
    "target",
    "instruments",
    "quantities",
    "summary",
    "evidence",
    "doc_id",
    "source_title",
    "source_url",
    "published",
    "sources",
    "confidence",
)


def event_to_dict(event: Event) -> dict[str, Any]:
    """Every field of ``event`` as JSON-ready values (unlike :meth:`Event.to_record`, nothing is lost)."""
    record = {f.name: getattr(event, f.name) for f in fields(Event)}
    if event.place:
        record["place"] = {**{f.name: getattr(event.place, f.name) for f in fields(Place)},
                           "precision": int(event.place.precision)}
    record["actors"] = list(event.actors)
    record["instruments"] = list(event.instruments)
    record["support"] = [list(span) for span in event.support]
    record["sources"] = [s.to_dict() for s in event.sources]
    return record


def event_from_dict(record: dict[str, Any]) -> Event:
    """The :class:`Event` that :func:`event_to_dict` wrote (unknown keys, from a newer version, are ignored)."""
    known = {f.name for f in fields(Event)}
    values = {k: v for k, v in record.items() if k in known}
    place = values.get("place")
    if place:
        values["place"] = Place(**{**place, "precision": GeoPrecision(place["precision"])})
    values["actors"] = tuple(values.get("actors") or ())
    values["instruments"] = tuple(values.get("instruments") or ())
    values["support"] = tuple(tuple(span) for span in values.get("support") or ())
    values["sources"] = tuple(SourceRef(**s) for s in values.get("sources") or ())
    return Event(**values)
