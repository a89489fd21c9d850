"""Write events to files — the format follows the extension — atomically, and read them back.

``.geojson``/``.json`` (RFC 7946), ``.parquet`` (GeoParquet), ``.gpkg`` (GeoPackage, layer ``events``),
``.csv`` (ACLED column names where a field maps to one: ``event_date``, ``location``, ``notes``, ``source``),
``.html`` (the interactive map). Lists and objects are stored as JSON text in tabular formats, so every
format reads back with :func:`read_events_frame` into the same columns.

In CSV, a text cell that a spreadsheet would run as a formula ("=...", "+...", "-...", "@...": a live-blog
line "- Ukraine's president said ...", or text planted in an article) is written with a leading apostrophe,
as OWASP advises against CSV injection; :func:`read_events_frame` takes it off again.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geomap.model import EVENT_FIELDS, Event
from geomap.outputs.frames import INTEGER_FIELDS, to_geodataframe
from geomap.outputs.geojson import to_geojson

NESTED_FIELDS = ("actors", "instruments", "quantities", "sources")
#: geomap field -> ACLED column name, used in CSV output.
ACLED_COLUMNS = {"date": "event_date", "place_name": "location", "evidence": "notes", "source_title": "source"}
_FORMULA = re.compile(r"'*[=+\-@\t\r]")  # what a spreadsheet runs, behind any apostrophes already there
_ESCAPED_FORMULA = re.compile(r"'(?='*[=+\-@\t\r])")
FORMATS = {".geojson": "geojson", ".json": "geojson", ".parquet": "parquet", ".gpkg": "gpkg", ".csv": "csv",
           ".html": "html", ".htm": "html"}


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # writers that refuse an existing file (GeoPackage) get a fresh name
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write(events: Iterable[Event], path: str | Path, *, format: str | None = None) -> Path:
    """Write ``events`` to ``path``; the format is ``format`` or follows the extension."""
    path = Path(path)
    kind = format or FORMATS.get(path.suffix.lower())
    writer = _WRITERS.get(kind or "")
    if writer is None:
        raise ValueError(f"unknown output format for {path.name!r}: use one of {', '.join(sorted(FORMATS))}")
    events = list(events)
    with atomic_path(path) as tmp:
        writer(events, tmp)
    return path


def _write_geojson(events: list[Event], tmp: Path) -> None:
    tmp.write_text(json.dumps(to_geojson(events), ensure_ascii=False, indent=1), encoding="utf-8")


def flat_frame(events: list[Event]) -> gpd.GeoDataFrame:
    """The events frame with lists and objects as JSON text, as tabular formats store them."""
    frame = to_geodataframe(events)
    for name in NESTED_FIELDS:
        frame[name] = frame[name].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


def _write_parquet(events: list[Event], tmp: Path) -> None:
    flat_frame(events).to_parquet(tmp, index=False)


def _write_gpkg(events: list[Event], tmp: Path) -> None:
    flat_frame(events).to_file(tmp, layer="events", driver="GPKG", engine="pyogrio")


def _write_csv(events: list[Event], tmp: Path) -> None:
    frame = pd.DataFrame(flat_frame(events).drop(columns="geometry")).rename(columns=ACLED_COLUMNS)
    frame = frame.map(lambda v: f"'{v}" if isinstance(v, str) and _FORMULA.match(v) else v)
    # RFC 4180 line ends: the csv writer then quotes every field holding a CR or LF; with "\n" alone a bare
    # "\r" in evidence text went out unquoted and split the row when read back
    frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\r\n")


def _write_html(events: list[Event], tmp: Path) -> None:
    from geomap.outputs.webmap import make_map

    make_map(events).save(str(tmp))


_WRITERS: dict[str, Callable[[list[Event], Path], None]] = {
    "geojson": _write_geojson,
    "parquet": _write_parquet,
    "gpkg": _write_gpkg,
    "csv": _write_csv,
    "html": _write_html,
}


def read_events_frame(path: str | Path) -> gpd.GeoDataFrame:
    """Read a file written by :func:`write` back into a GeoDataFrame with the event columns."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind == "geojson":
        data = json.loads(path.read_text(encoding="utf-8"))
        frame = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
        return _integers(frame[[*EVENT_FIELDS, "geometry"]]) if len(frame) else _empty()
    if kind == "parquet":
        frame = gpd.read_parquet(path)
    elif kind == "gpkg":
        frame = gpd.read_file(path, layer="events", engine="pyogrio")
    elif kind == "csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns={v: k for k, v in ACLED_COLUMNS.items()})
        raw = raw.map(lambda v: v[1:] if _ESCAPED_FORMULA.match(v) else v)
        frame = _typed_from_csv(raw)
    else:
        raise ValueError(f"cannot read events from {path.name!r}")
    for name in NESTED_FIELDS:
        frame[name] = frame[name].map(lambda v: json.loads(v) if isinstance(v, str) and v else v)
    return _integers(frame[[*EVENT_FIELDS, "geometry"]])


def _integers(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    # GeoJSON and GeoPackage give back floats where a column has nulls; the events' ids are integers
    return frame.astype({name: "Int64" for name in INTEGER_FIELDS})


def _typed_from_csv(raw: pd.DataFrame) -> gpd.GeoDataFrame:
    def num(col: str) -> pd.Series:
        return pd.to_numeric(raw[col].replace("", None))

    frame = raw.replace("", None)
    for col in ("latitude", "longitude", "confidence"):
        frame[col] = num(col)
    for col in INTEGER_FIELDS:
        frame[col] = num(col).astype("Int64")
    frame["planned"] = raw["planned"].map({"True": True, "False": False})
    points = [Point(x, y) if pd.notna(x) and pd.notna(y) else None for x, y in zip(frame["longitude"], frame["latitude"])]
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(points, crs="EPSG:4326"))


def _empty() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns=[*EVENT_FIELDS], geometry=gpd.GeoSeries([], crs="EPSG:4326"))
