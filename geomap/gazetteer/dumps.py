"""GeoNames' own download files, read into gazetteer rows: for a user who outgrows the bundled cities500.

The formats (https://download.geonames.org/export/dump/readme.txt and .../export/zip/readme.txt):

* the main table, 19 tab-separated columns - a country's ``XX.txt`` (or ``XX.zip``), ``allCountries.zip``,
  ``cities500.zip`` and the other city extracts: geonameid, name, asciiname, alternatenames, latitude,
  longitude, feature class, feature code, country code, cc2, admin1-4 codes, population, elevation, dem,
  timezone, modification date. Populated places (class P) and administrative units (class A, ADM1 to
  ADM5) are kept; streams, hotels and hills are not names news uses for where things happen.
* ``admin2Codes.txt``, 4 columns: "CC.admin1.admin2", name, ascii name, geonameid. It has no points: a
  unit is placed at the middle of its member places in the main-table files read with it.
* the postal-code dumps (a country's ``XX.zip`` from the postal-code folder), 12 columns: country code,
  postal code, place name, admin names and codes 1-3, latitude, longitude, accuracy. A place with several
  codes becomes one entry at the mean of their points; codes themselves are not indexed as names.

A file is recognised by its columns, not its name (a country's main and postal files are both ``XX.zip``).
A line that does not parse is skipped and counted in a warning.
"""

from __future__ import annotations

import io
import logging
import os
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from geomap.gazetteer.normalize import normalize_name, usable_alternate
from geomap.gazetteer.rows import Row, middle_point, weighted_point
from geomap.gazetteer.sources import cache_root
from geomap.gazetteer.spatial import distance_km
from geomap.model import GeoPrecision

log = logging.getLogger(__name__)

MAIN, ADMIN2_CODES, POSTAL = "geonames", "admin2Codes", "postal codes"
_KIND_OF_COLUMNS = {19: MAIN, 4: ADMIN2_CODES, 12: POSTAL}
_POSTAL_SAME_KM = 10.0
_ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD"})


class DumpError(ValueError):
    """A file that is not one of GeoNames' dump formats."""


def is_dump(path: str | Path) -> bool:
    """Whether a --gazetteer file is a GeoNames dump (``.txt``/``.zip``) rather than curated CSV rows."""
    return Path(path).suffix.lower() in (".txt", ".zip", ".tsv")


def dump_kind(path: Path) -> str:
    """Which GeoNames format a file is in, from its first line's columns; DumpError when none."""
    with _open_text(path) as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                kind = _KIND_OF_COLUMNS.get(len(line.rstrip("\n").split("\t")))
                if kind is None:
                    break
                return kind
    raise DumpError(f"{path}: not a GeoNames dump (the main table has 19 tab-separated columns, "
                    "admin2Codes.txt 4, a postal-code file 12)")


def dump_rows(paths: list[Path], known: list[Row]) -> Iterator[Row]:
    """The rows of every dump file that the ``known`` rows (the bundled data) do not already have.

    A main-table or admin2 row is known by its GeoNames id; a postal place by a namesake within
    ``_POSTAL_SAME_KM`` in the same country (postal files name the towns GeoNames has, once per code)."""
    known_ids = {r.geonameid for r in known if r.geonameid}
    kinds = {path: dump_kind(path) for path in paths}
    members: dict[str, list[Row]] = defaultdict(list)  # "CC.admin1.admin2" -> main-table places in it
    for path in (p for p, k in kinds.items() if k == MAIN):
        for row, admin2 in _main_rows(path):
            if admin2 and row.feature_class == "P":
                members[f"{row.country_code}.{row.admin1}.{admin2}"].append(row)
            if row.geonameid not in known_ids:
                known_ids.add(row.geonameid)
                yield row
    for path in (p for p, k in kinds.items() if k == ADMIN2_CODES):
        yield from _admin2_rows(path, members, known_ids)
    towns: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in known:
        if row.feature_class == "P":
            towns[(row.country_code, normalize_name(row.name))].append(row)
    for path in (p for p, k in kinds.items() if k == POSTAL):
        for row in _postal_rows(path):
            namesakes = towns.get((row.country_code, normalize_name(row.name)), ())
            if not any(distance_km(t.lat, t.lon, row.lat, row.lon) <= _POSTAL_SAME_KM for t in namesakes):
                yield row


def _open_text(path: Path) -> io.TextIOBase:
    """A dump as text; in a zip, its one data member (GeoNames zips hold it beside a readme)."""
    if path.suffix.lower() != ".zip":
        return open(path, encoding="utf-8", newline="")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise DumpError(f"{path}: not a zip file ({exc})") from None
    members = [n for n in archive.namelist() if n.endswith(".txt") and not n.lower().endswith("readme.txt")]
    if len(members) != 1:
        archive.close()
        raise DumpError(f"{path}: expected one data file beside the readme, found {members or 'none'}")
    return io.TextIOWrapper(archive.open(members[0]), encoding="utf-8", newline="")


def _lines(path: Path, columns: int) -> Iterator[list[str]]:
    bad = 0
    with _open_text(path) as fh:
        for line in fh:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) == columns:
                yield cols
            elif line.strip():
                bad += 1
    if bad:
        log.warning("%s: %d lines without the %d columns of its format skipped", path, bad, columns)


def _main_rows(path: Path) -> Iterator[tuple[Row, str]]:
    """(row, admin2 code) for every populated place and administrative unit of a main-table file."""
    bad = 0
    for cols in _lines(path, 19):
        if cols[6] not in ("P", "A") or (cols[6] == "A" and cols[7] not in _ADMIN_CODES):
            continue
        try:
            gid, lat, lon, population = int(cols[0]), float(cols[4]), float(cols[5]), int(cols[14] or 0)
        except ValueError:
            bad += 1
            continue
        name = cols[1]
        alternates = [a for a in cols[3].split(",") if usable_alternate(a, name)]
        unit = cols[6] == "A"
        yield Row(
            key=f"gn:{gid}", name=name, lat=lat, lon=lon, country_code=cols[8], admin1=cols[10],
            feature_class=cols[6], feature_code=cols[7], population=population, geonameid=gid,
            precision=int(GeoPrecision.REGION if unit else GeoPrecision.SITE), names=[name, *alternates],
        ), cols[11]
    if bad:
        log.warning("%s: %d lines with an unreadable number skipped", path, bad)


def _admin2_rows(path: Path, members: dict[str, list[Row]], known_ids: set[int]) -> Iterator[Row]:
    unplaced = 0
    for code, name, ascii_name, gid in _lines(path, 4):
        towns = members.get(code)
        if not gid.isdigit() or int(gid) in known_ids or code.count(".") != 2:  # known, or not a code
            continue
        if not towns:
            unplaced += 1
            continue
        lat, lon = middle_point(towns) if len(towns) >= 5 else weighted_point(towns)
        cc, admin1, _ = code.split(".")
        known_ids.add(int(gid))
        yield Row(
            key=f"gn:{gid}", name=name, lat=lat, lon=lon, country_code=cc, admin1=admin1, feature_class="A",
            feature_code="ADM2", population=sum(t.population for t in towns), geonameid=int(gid),
            precision=int(GeoPrecision.REGION), names=list(dict.fromkeys([name, ascii_name])),
        )
    if unplaced:
        log.warning("%s: %d units left out: no place of theirs in the main-table files read with it "
                    "(add the country's XX.zip too)", path, unplaced)


def _postal_rows(path: Path) -> Iterator[Row]:
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    display: dict[tuple[str, str, str], str] = {}
    for cols in _lines(path, 12):
        try:
            point = float(cols[9]), float(cols[10])
        except ValueError:
            continue
        key = (cols[0], cols[4], normalize_name(cols[2]))
        if key[2]:
            points[key].append(point)
            display.setdefault(key, cols[2])
    for (cc, admin1, norm), pts in sorted(points.items()):
        # the postal files' admin codes are often not GeoNames' (Germany: "BY", not "02"): not kept
        yield Row(
            key=f"postal:{cc}:{admin1}:{norm}", name=display[(cc, admin1, norm)],
            lat=sum(p[0] for p in pts) / len(pts), lon=sum(p[1] for p in pts) / len(pts), country_code=cc,
            names=[display[(cc, admin1, norm)]],
        )


def added_file() -> Path:
    """The list of dump files ``geomap gazetteer add`` has added (one absolute path a line)."""
    return cache_root() / "gazetteer-added.txt"


def added_dumps() -> list[Path]:
    """The added dump files that still exist; a missing one is skipped with a warning."""
    try:
        listed = [Path(line) for line in added_file().read_text("utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return []
    for path in listed:
        if not path.exists():
            log.warning("gazetteer dump %s (added with `geomap gazetteer add`) is gone; left out", path)
    return [p for p in listed if p.exists()]


def set_added_dumps(paths: list[Path]) -> None:
    """Record the added dump files, atomically."""
    target = added_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text("".join(f"{p}\n" for p in dict.fromkeys(p.resolve() for p in paths)), "utf-8")
    os.replace(tmp, target)
