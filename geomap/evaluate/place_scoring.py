"""How many of the places that matter geomap puts where they are.

- **Gold places** of an event gold folder: a gold place with ``mentions`` counts as resolved when some
  mention of its document whose text is one of those strings resolves within the place's tolerance.
- **Gazetteer coverage** (``gazetteer/coverage.csv``: ``name,country_code,lat,lon,km,source``): a row
  counts when the gazetteer's best entry for the name in that country lies within ``km``.

Both are reported per country (for gold places, the country of the nearest populated place to the gold
point) and, for gold places, per folder.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geomap.evaluate.event_gold import GoldDocument, GoldPlace
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.geocoder import geocode_candidates
from geomap.gazetteer.spatial import distance_km
from geomap.model import Mention


@dataclass(slots=True)
class ShareScores:
    """Resolved / total per group, and a line for each place that was not."""

    total: Counter[str] = field(default_factory=Counter)
    resolved: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, groups: Sequence[str], ok: bool, miss: str) -> None:
        for group in ("all", *groups):
            self.total[group] += 1
            self.resolved[group] += ok
        if not ok:
            self.misses.append(miss)

    def rows(self) -> list[tuple[str, str]]:
        def share(group: str) -> str:
            n, k = self.total[group], self.resolved[group]
            return f"{k}/{n} = {k / n:.3f}" if n else "0/0"

        out = [("resolved within tolerance", share("all"))]
        out += [(group, share(group)) for group in sorted(g for g in self.total if g != "all")]
        return out

    def error_lines(self) -> list[str]:
        return list(self.misses)


def country_of(lat: float, lon: float, gazetteer: Gazetteer) -> str:
    nearest = gazetteer.nearest(lat, lon, k=1)
    return (nearest[0][0].country_code or "??") if nearest else "??"


def score_gold_places(runs: Iterable[tuple[GoldDocument, Sequence[Mention]]], gazetteer: Gazetteer) -> ShareScores:
    scores = ShareScores()
    for doc, mentions in runs:
        for place in doc.places:
            if not place.mentions:
                continue
            ok, got = gold_place_resolved(place, mentions)
            country = country_of(place.lat, place.lon, gazetteer)
            scores.add((f"folder {doc.folder}", f"country {country}"), ok,
                       f"place {doc.name} {place.name} ({country}, {place.km:g} km): {got}")
    return scores


def gold_place_resolved(place: GoldPlace, mentions: Sequence[Mention]) -> tuple[bool, str]:
    """Whether a mention named as the gold place resolves within its tolerance, and what they resolved to."""
    named = [m for m in mentions if m.text in place.mentions]
    if not named:
        return False, "not recognised"
    seen = []
    for m in named:
        if m.place is None:
            seen.append(f"{m.text!r} unresolved")
            continue
        km = distance_km(place.lat, place.lon, m.place.lat, m.place.lon)
        if km <= place.km:
            return True, ""
        seen.append(f"{m.text!r} -> {m.place.name} ({m.place.country_code}) {km:.0f} km away")
    return False, "; ".join(dict.fromkeys(seen))


@dataclass(frozen=True, slots=True)
class CoverageRow:
    name: str
    country_code: str
    lat: float
    lon: float
    km: float
    source: str = ""


def read_coverage(path: Path) -> list[CoverageRow]:
    """The rows of a coverage file; a row without a name or with an unreadable number is left out."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for record in csv.DictReader(fh):
            try:
                rows.append(CoverageRow(record["name"].strip(), record["country_code"].strip().upper(),
                                        float(record["lat"]), float(record["lon"]), float(record["km"]),
                                        (record.get("source") or "").strip()))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
    return [r for r in rows if r.name]


def score_coverage(rows: Iterable[CoverageRow], gazetteer: Gazetteer) -> ShareScores:
    scores = ShareScores()
    for row in rows:
        found = geocode_candidates(gazetteer, row.name, [row.country_code] if row.country_code else None)
        if not found:
            scores.add((f"country {row.country_code}",), False, f"coverage {row.name} ({row.country_code}): not found")
            continue
        best = found[0][0]
        km = distance_km(row.lat, row.lon, best.lat, best.lon)
        scores.add((f"country {row.country_code}",), km <= row.km,
                   f"coverage {row.name} ({row.country_code}): {best.name} {km:.0f} km away (tolerance {row.km:g})")
    return scores
