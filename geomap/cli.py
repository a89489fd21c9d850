"""The ``geomap`` command: a thin shell over the public Python API.

Exit codes: 0 success; 1 nothing could be read or processed; 2 bad usage (typer's default).
Results go to stdout (or the ``-o`` file); warnings, progress and the run summary go to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from geomap.cli_gazetteer import app as gazetteer_app
from geomap.cli_options import (
    BboxOpt,
    Command,
    DateOpt,
    EngineOpt,
    FormatOpt,
    GazOpt,
    MaybePathsArg,
    PathsArg,
    QuietOpt,
    RunOptions,
    SchedulerOpt,
    SinceOpt,
    StoreOpt,
    TypeOpt,
    UntilOpt,
    WorkersOpt,
    info,
    parse_bbox,
    parse_date,
    print_table,
    progress_bar,
    report,
    run_options,
    setup_logging,
)
from geomap.model import Event

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Map conflict events from news text: offline geoparsing, event extraction, Folium maps and GeoJSON.",
)
app.add_typer(gazetteer_app, name="gazetteer")

def _selected_events(
    paths: list[Path] | None, store: Path | None, options: RunOptions,
    since: str | None, until: str | None, types: list[str] | None, bbox: str | None,
) -> list[Event]:
    """The events of the documents under ``paths``, or of ``store``, that pass the filters."""
    from geomap.query import EventQuery
    from geomap.store import EventStore

    if bool(paths) == (store is not None):
        raise typer.BadParameter("give either documents (PATH...) or --store; `geomap ingest` adds documents to a store")
    query = EventQuery(
        since=parse_date(since, "--since"), until=parse_date(until, "--until"),
        types=tuple(t.strip() for raw in types or () for t in raw.split(",") if t.strip()), bbox=parse_bbox(bbox),
    )
    if store is None:
        events = options.run(paths or []).events
        selected = [e for e in events if query.matches(e)]
        if query != EventQuery():
            info(f"{len(selected)} of {len(events)} events match the filters")
        return selected
    try:
        with EventStore(store, create=False) as db:  # reading must not leave an empty store behind
            total = len(db)
            selected = db.events(query.since, query.until, query.types, query.bbox)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"geomap: {exc}", err=True)
        raise typer.Exit(1) from None
    info(f"store {store}: {len(selected)} of {total} events match")
    return selected


@app.command("ingest", cls=Command)
def ingest_command(
    paths: PathsArg,
    store: Annotated[Path, typer.Option("--store", metavar="FILE.gpkg",
                                        help="The event store (a GeoPackage); created if missing.")],
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 0,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Add documents' events to a store; documents it has are skipped, each new one is committed when done."""
    from geomap.store import EventStore, ingest

    setup_logging(quiet)
    arguments = run_options(date, gazetteer, workers, engine, scheduler).pipeline_arguments()
    try:
        db = EventStore(store)
    except ValueError as exc:
        typer.echo(f"geomap: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        with progress_bar() as advance:
            summary = ingest(paths, db, on_document=advance, **arguments)
    except KeyboardInterrupt:
        typer.echo("geomap: interrupted; every document committed so far is kept: run again to resume", err=True)
        raise typer.Exit(130) from None
    finally:
        db.close()
    report(summary.lines(), nothing_read=summary.documents == 0 and not summary.known)


@app.command("map", cls=Command)
def map_command(
    paths: MaybePathsArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.html", help="The map to write.")] = Path(
        "maps/geomap.html"),
    title: Annotated[Optional[str], typer.Option(
        metavar="TEXT", help="Map title (default: the documents' outlet and publication days).")] = None,
    offline: Annotated[Optional[bool], typer.Option(
        "--offline/--cdn",
        help="--offline: one self-contained file, scripts inlined, country outlines instead of tiles. --cdn: load "
             "the scripts from their CDNs. Default: inline the local copies when `python -m geomap.assets fetch` "
             "made them (tiles, with outlines beneath, still need the network), else the CDNs.")] = None,
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
    quiet: QuietOpt = False,
) -> None:
    """Read documents (or a store) and write an interactive map of their events."""
    from geomap.outputs.webmap import local_assets_problem, make_map, save_map

    setup_logging(quiet)
    if output.suffix.lower() not in (".html", ".htm"):
        raise typer.BadParameter(f"a map is an .html file, not {output.name!r}; for data files use `geomap "
                                 "export`", param_hint="--output")
    problem = local_assets_problem() if offline is not False else None
    if offline and problem:
        raise typer.BadParameter(problem, param_hint="--offline")
    inline = offline is True or (offline is None and problem is None)
    events = _selected_events(paths, store, run_options(date, gazetteer, workers, engine, scheduler), since, until,
                              type_, bbox)
    fmap = make_map(events, title=title, offline=bool(offline), outlines=inline)
    save_map(fmap, output, inline=inline)
    info(f"wrote {output} ({len(events)} events)")
    if offline:
        info("the map is self-contained: it opens without network")
    elif inline:
        from geomap.assets import assets_dir

        info(f"map scripts inlined from the local copies in {assets_dir()}: the events show without network; "
             "the tiles need it (country outlines stand in); --cdn links the CDNs instead")
    else:
        info("map scripts load from their CDNs when the map is opened; for a map that opens without network, "
             "run `python -m geomap.assets fetch` once (it needs npm), then map again")


@app.command("export", cls=Command)
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE",
                                         help=".geojson, .parquet, .gpkg, .csv or .html; no extension: a folder "
                                              "of partitioned GeoParquet")],
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
    quiet: QuietOpt = False,
) -> None:
    """Write events of documents (or a store) to a file; the format follows the extension.

    An output without an extension is a directory of partitioned GeoParquet for dask-geopandas.
    """
    from geomap.outputs.export import FORMATS, write

    setup_logging(quiet)
    if output.suffix and output.suffix.lower() not in FORMATS:
        raise typer.BadParameter(f"unknown format {output.suffix!r}: use one of {', '.join(sorted(FORMATS))}",
                                 param_hint="--output")
    events = _selected_events(paths, store, run_options(date, gazetteer, workers, engine, scheduler), since, until,
                              type_, bbox)
    if not output.suffix:
        from geomap.dask_engine import write_partitioned_parquet

        write_partitioned_parquet(events, output)
    else:
        write(events, output)
    info(f"wrote {output} ({len(events)} events)")


@app.command("events", cls=Command)
def events_command(
    paths: PathsArg,
    format: FormatOpt = "table",
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 0,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List the events found in the documents."""
    setup_logging(quiet)
    result = run_options(date, gazetteer, workers, engine, scheduler).run(paths)
    records = [e.to_record() for e in result.events]
    if format == "jsonl":
        for rec in records:
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    print_table(
        ["date", "type", "place", "precision", "summary"],
        [
            [r["date"] or "unknown", r["event_type"].replace("_", " "),
             r["place_name"] if r["latitude"] is not None else f"(not placed) {r['place_name'] or ''}".strip(),
             _PRECISION.get(r["geo_precision"]), r["summary"]]
            for r in records
        ],
    )


_PRECISION = {1: "town or site", 2: "region", 3: "country", 4: "continent or wider"}


@app.command("places", cls=Command)
def places_command(
    paths: PathsArg,
    format: FormatOpt = "table",
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List every place mention with its offsets, role and resolution."""
    setup_logging(quiet)
    result = run_options(date, gazetteer, workers=1).run(paths)
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
    print_table(
        ["start", "end", "text", "role", "resolved", "cc", "lat", "lon", "score"],
        [
            [
                r["start"],
                r["end"],
                r["text"],
                r["role"],
                r["name"] or (f"(unresolved: {r['reason']})" if r["reason"] else "(unresolved)"),
                r["country_code"] or "",
                "" if r["lat"] is None else f"{r['lat']:.4f}",
                "" if r["lon"] is None else f"{r['lon']:.4f}",
                f"{r['score']:.2f}",
            ]
            for r in rows
        ],
    )


@app.command("geocode", cls=Command)
def geocode_command(
    name: Annotated[str, typer.Argument(help="A place name, optionally qualified: 'Paris, Texas'.", metavar="NAME")],
    country: Annotated[Optional[list[str]], typer.Option("--country", "-c", metavar="CC",
                                                         help="ISO country code filter (repeatable).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every place of that name, best first.")] = False,
    online: Annotated[
        Optional[str],
        typer.Option(metavar="URL",
                     help="Opt-in: ask this Nominatim server (e.g. https://nominatim.openstreetmap.org) for "
                     "names the offline gazetteer lacks; answers are rate-limited and cached on disk."),
    ] = None,
    gazetteer: GazOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Look a name up in the offline gazetteer (geopy-compatible)."""
    from geomap.gazetteer.geocoder import OfflineGeocoder

    setup_logging(quiet)

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
    shown = _named(found, name) if all_ else found[:1]
    print_table(
        ["address", "lat", "lon", "feature", "population", "prior", "key"],
        [
            [loc.address, f"{loc.latitude:.4f}", f"{loc.longitude:.4f}", loc.raw.get("feature_code"),
             loc.raw.get("population"), loc.raw.get("prior"), loc.raw.get("key", "online")]
            for loc in shown
        ],
    )


def _named(found: list, query: str) -> list:
    """The best answer, and the others whose own name is the one asked for (or the best answer's): not the
    towns that only list it among their alternate spellings ("Paris" for Swainsboro, Georgia)."""
    from geomap.gazetteer.normalize import normalize_name

    names = {normalize_name(query.split(",", 1)[0]), normalize_name(found[0].raw.get("name") or "")}
    return [found[0], *(loc for loc in found[1:] if normalize_name(loc.raw.get("name") or loc.address) in names)]


if __name__ == "__main__":  # pragma: no cover
    app()
