"""The ``geomap`` command: a thin shell over the public Python API.

Exit codes: 0 success; 1 nothing could be read or processed; 2 bad usage (typer's default).
Results go to stdout (or the ``-o`` file); warnings, progress and the run summary go to stderr.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from geomap.model import Event

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Map conflict events from news text: offline geoparsing, event extraction, Folium maps and GeoJSON.",
)

PathsArg = Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")]
DateOpt = Annotated[
    Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none.")
]
GazOpt = Annotated[
    Optional[list[Path]], typer.Option("--gazetteer", help="Extra gazetteer CSV in the curated columns (repeatable).")
]
WorkersOpt = Annotated[int, typer.Option("--workers", "-j", help="Processes to use (0, the default: every core).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")]


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(
        level=logging.ERROR if quiet else logging.WARNING, format="geomap: %(levelname)s: %(message)s", stream=sys.stderr
    )


def _parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value!r}", param_hint=option) from None


EngineOpt = Annotated[
    str, typer.Option("--engine", help="local (processes on this machine) or dask (a dask.distributed cluster).")
]
SchedulerOpt = Annotated[
    Optional[str],
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)."),
]


@contextlib.contextmanager
def _progress_bar() -> Iterator[Callable[[object], None] | None]:
    """A callback that advances a progress bar on a terminal (None when stderr is not one)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.completed} documents"), BarColumn(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("documents", total=None)
        yield lambda _result: bar.advance(task)


@dataclass(frozen=True)
class _RunOptions:
    """How to run the pipeline: the options every document-reading command shares."""

    date: str | None = None
    gazetteer: tuple[str, ...] = ()
    workers: int = 0
    engine: str = "local"
    scheduler: str | None = None

    def run(self, paths: list[Path]):
        """Run the pipeline with a progress bar on a terminal; print the summary to stderr."""
        from geomap.pipeline import run_pipeline

        if self.engine not in ("local", "dask"):
            raise typer.BadParameter(f"unknown engine {self.engine!r}: use local or dask", param_hint="--engine")
        published = _parse_date(self.date)
        with _progress_bar() as advance:
            result = run_pipeline(
                paths, published=published, workers=self.workers or None, gazetteer_files=self.gazetteer,
                on_document=advance, engine=self.engine, scheduler=self.scheduler,
            )
        for line in result.summary.lines():
            typer.echo(line, err=True)
        if result.summary.documents == 0:
            typer.echo("geomap: no document could be read", err=True)
            raise typer.Exit(1)
        return result


def _options(date: str | None, gazetteer: list[Path] | None, workers: int = 0, engine: str = "local",
             scheduler: str | None = None) -> _RunOptions:
    return _RunOptions(date, tuple(str(g) for g in gazetteer or ()), workers, engine, scheduler)


StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Read events from this store (see `ingest`).")]
MaybePathsArg = Annotated[
    Optional[list[Path]], typer.Argument(help="Files or directories (searched recursively); or use --store.")
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only events on or after this YYYY-MM-DD.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Only events on or before this YYYY-MM-DD.")]
TypeOpt = Annotated[
    Optional[list[str]], typer.Option("--type", help="Only events of this type, e.g. strike (repeatable, or a,b).")
]
BboxOpt = Annotated[
    Optional[str], typer.Option("--bbox", help="Only events inside minlon,minlat,maxlon,maxlat (WGS 84).")
]


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        minlon, minlat, maxlon, maxlat = (float(v) for v in value.split(","))
    except ValueError:
        raise typer.BadParameter(f"not minlon,minlat,maxlon,maxlat: {value!r}", param_hint="--bbox") from None
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise typer.BadParameter(f"out of range, or minlat over maxlat: {value!r}", param_hint="--bbox")
    return minlon, minlat, maxlon, maxlat  # minlon > maxlon: a box across the antimeridian


def _selected_events(
    paths: list[Path] | None, store: Path | None, options: _RunOptions,
    since: str | None, until: str | None, types: list[str] | None, bbox: str | None,
) -> list[Event]:
    """The events of the documents under ``paths``, or of ``store``, that pass the filters."""
    from geomap.query import EventQuery
    from geomap.store import EventStore

    if bool(paths) == (store is not None):
        raise typer.BadParameter("give either documents (PATH...) or --store; `geomap ingest` adds documents to a store")
    query = EventQuery(
        since=_parse_date(since, "--since"), until=_parse_date(until, "--until"),
        types=tuple(t.strip() for raw in types or () for t in raw.split(",") if t.strip()), bbox=_parse_bbox(bbox),
    )
    if store is None:
        events = options.run(paths or []).events
        selected = [e for e in events if query.matches(e)]
        if query != EventQuery():
            typer.echo(f"{len(selected)} of {len(events)} events match the filters", err=True)
        return selected
    try:
        with EventStore(store, create=False) as db:  # reading must not leave an empty store behind
            total = len(db)
            selected = db.events(query.since, query.until, query.types, query.bbox)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"geomap: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"store {store}: {len(selected)} of {total} events match", err=True)
    return selected


@app.command("ingest")
def ingest_command(
    paths: PathsArg,
    store: Annotated[Path, typer.Option("--store", help="The event store (a GeoPackage); created if missing.")],
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Add documents' events to a store; documents it has are skipped, each new one is committed when done."""
    from geomap.store import EventStore, ingest

    _setup_logging(quiet)
    try:
        db = EventStore(store)
    except ValueError as exc:
        typer.echo(f"geomap: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        with _progress_bar() as advance:
            summary = ingest(
                paths, db, published=_parse_date(date), workers=workers or None,
                gazetteer_files=[str(g) for g in gazetteer or ()], on_document=advance,
            )
    except KeyboardInterrupt:
        typer.echo("geomap: interrupted; every document committed so far is kept: run again to resume", err=True)
        raise typer.Exit(130) from None
    finally:
        db.close()
    for line in summary.lines():
        typer.echo(line, err=True)
    if summary.documents == 0 and not summary.known:
        typer.echo("geomap: no document could be read", err=True)
        raise typer.Exit(1)


@app.command("map")
def map_command(
    paths: MaybePathsArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("maps/geomap.html"),
    title: Annotated[str, typer.Option(help="Map title.")] = "geomap",
    offline: Annotated[bool, typer.Option(help="One self-contained file: scripts inlined, country outlines instead of tiles.")] = False,
    store: StoreOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    bbox: BboxOpt = None,
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 0,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Read documents (or a store) and write an interactive map of their events."""
    from geomap.outputs.webmap import make_map, save_map

    _setup_logging(quiet)
    events = _selected_events(paths, store, _options(date, gazetteer, workers, engine, scheduler), since, until,
                              type_, bbox)
    from geomap.outputs.offline import MissingAssetsError

    try:
        save_map(make_map(events, title=title, offline=offline), output, inline=offline)
    except MissingAssetsError as exc:
        typer.echo(f"geomap: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {output} ({len(events)} events)", err=True)


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help=".geojson, .parquet, .gpkg, .csv or .html")],
    paths: MaybePathsArg = None,
    store: StoreOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    bbox: BboxOpt = None,
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 0,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Write events of documents (or a store) to a file; the format follows the extension.

    An output without an extension is a directory of partitioned GeoParquet for dask-geopandas.
    """
    from geomap.outputs.export import write

    _setup_logging(quiet)
    events = _selected_events(paths, store, _options(date, gazetteer, workers, engine, scheduler), since, until,
                              type_, bbox)
    if not output.suffix:
        from geomap.dask_engine import write_partitioned_parquet

        write_partitioned_parquet(events, output)
    else:
        write(events, output)
    typer.echo(f"wrote {output} ({len(events)} events)", err=True)


@app.command("events")
def events_command(
    paths: PathsArg,
    format: FormatOpt = "table",
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 0,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """List the events found in the documents."""
    _setup_logging(quiet)
    result = _options(date, gazetteer, workers, engine, scheduler).run(paths)
    records = [e.to_record() for e in result.events]
    if format == "jsonl":
        for rec in records:
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    _print_table(
        ["date", "type", "place", "precision", "summary"],
        [
            [r["date"] or "?", r["event_type"], r["place_name"] or "(not placed)", r["geo_precision"], r["summary"]]
            for r in records
        ],
    )


@app.command("places")
def places_command(
    paths: PathsArg,
    format: FormatOpt = "table",
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """List every place mention with its offsets, role and resolution."""
    _setup_logging(quiet)
    result = _options(date, gazetteer, workers=1).run(paths)
    rows = []
    for doc_result in result.documents:
        for m in doc_result.mentions:
            p = m.place
            rec = {
                "doc_id": doc_result.doc.id,
                "path": doc_result.doc.path,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "role": m.role,
                "name": p.name if p else None,
                "geonameid": p.geonameid if p else None,
                "key": p.key if p else None,
                "country_code": p.country_code if p else None,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "score": m.score,
                "reason": m.reason,
            }
            rows.append(rec)
    if format == "jsonl":
        for rec in rows:
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    _print_table(
        ["start", "end", "text", "role", "resolved", "cc", "lat", "lon", "score"],
        [
            [
                r["start"],
                r["end"],
                r["text"],
                r["role"],
                r["name"] or f"(unresolved: {r['reason']})",
                r["country_code"] or "",
                "" if r["lat"] is None else f"{r['lat']:.4f}",
                "" if r["lon"] is None else f"{r['lon']:.4f}",
                f"{r['score']:.2f}",
            ]
            for r in rows
        ],
    )


@app.command("geocode")
def geocode_command(
    name: Annotated[str, typer.Argument(help="A place name, optionally qualified: 'Paris, Texas'.")],
    country: Annotated[Optional[list[str]], typer.Option("--country", "-c", help="ISO country code filter.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every candidate, best first.")] = False,
    online: Annotated[
        Optional[str],
        typer.Option(help="Opt-in: ask this Nominatim server (e.g. https://nominatim.openstreetmap.org) for "
                     "names the offline gazetteer lacks; answers are rate-limited and cached on disk."),
    ] = None,
    gazetteer: GazOpt = None,
) -> None:
    """Look a name up in the offline gazetteer (geopy-compatible)."""
    from geomap.gazetteer.geocoder import OfflineGeocoder

    fallback = None
    if online:
        from urllib.parse import urlsplit

        from geopy.geocoders import Nominatim

        url = urlsplit(online if "://" in online else f"https://{online}")
        fallback = Nominatim(domain=url.netloc + url.path.rstrip("/"), scheme=url.scheme, user_agent="geomap-cli")
    geocoder = OfflineGeocoder(extra=[str(g) for g in gazetteer or ()], fallback=fallback)
    found = geocoder.geocode(name, exactly_one=False, country_codes=country or None)
    if not found:
        typer.echo(f"geomap: no place found for {name!r}", err=True)
        raise typer.Exit(1)
    shown = found if all_ else found[:1]
    _print_table(
        ["address", "lat", "lon", "feature", "population", "prior", "key"],
        [
            [loc.address, f"{loc.latitude:.4f}", f"{loc.longitude:.4f}", loc.raw.get("feature_code", ""),
             loc.raw.get("population", ""), loc.raw.get("prior", ""), loc.raw.get("key", "online")]
            for loc in shown
        ],
    )


def _print_table(headers: list[str], rows: list[list[object]]) -> None:
    """A rich table on a terminal; tab-separated values when piped."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*headers)
        for row in rows:
            table.add_row(*(str(c) for c in row))
        Console().print(table)
        return
    typer.echo("\t".join(headers))
    for row in rows:
        typer.echo("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in row))


if __name__ == "__main__":  # pragma: no cover
    app()
