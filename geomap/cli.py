"""The ``geomap`` command: a thin shell over the public Python API.

Exit codes: 0 success; 1 nothing could be read or processed; 2 bad usage (typer's default).
Results go to stdout (or the ``-o`` file); warnings, progress and the run summary go to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

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
WorkersOpt = Annotated[int, typer.Option("--workers", "-j", help="Processes to use (0 = every core).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")]


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(
        level=logging.ERROR if quiet else logging.WARNING, format="geomap: %(levelname)s: %(message)s", stream=sys.stderr
    )


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value!r}", param_hint="--date") from None


def _run(paths: list[Path], date: str | None, gazetteer: list[Path] | None, workers: int):
    """Run the pipeline with a progress bar on a terminal; print the summary to stderr."""
    from geomap.pipeline import run_pipeline

    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("documents", total=None)
    try:
        result = run_pipeline(
            paths,
            published=_parse_date(date),
            workers=workers or None,
            gazetteer_files=[str(g) for g in gazetteer or ()],
            on_document=(lambda _r: progress.advance(task)) if progress else None,
        )
    finally:
        if progress:
            progress.stop()
    for line in result.summary.lines():
        typer.echo(line, err=True)
    if result.summary.documents == 0:
        typer.echo("geomap: no document could be read", err=True)
        raise typer.Exit(1)
    return result


@app.command("map")
def map_command(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("maps/geomap.html"),
    title: Annotated[str, typer.Option(help="Map title.")] = "geomap",
    offline: Annotated[bool, typer.Option(help="One self-contained file: scripts inlined, country outlines instead of tiles.")] = False,
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Read documents and write an interactive map of their events."""
    from geomap.outputs.webmap import make_map, save_map

    _setup_logging(quiet)
    result = _run(paths, date, gazetteer, workers)
    from geomap.outputs.offline import MissingAssetsError

    try:
        save_map(make_map(result.events, title=title, offline=offline), output, inline=offline)
    except MissingAssetsError as exc:
        typer.echo(f"geomap: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {output} ({len(result.events)} events)", err=True)


@app.command("export")
def export_command(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help=".geojson, .parquet, .gpkg, .csv or .html")],
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Write events to a file; the format follows the extension."""
    from geomap.outputs.export import write

    _setup_logging(quiet)
    result = _run(paths, date, gazetteer, workers)
    write(result.events, output)
    typer.echo(f"wrote {output} ({len(result.events)} events)", err=True)


@app.command("events")
def events_command(
    paths: PathsArg,
    format: FormatOpt = "table",
    date: DateOpt = None,
    gazetteer: GazOpt = None,
    workers: WorkersOpt = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """List the events found in the documents."""
    _setup_logging(quiet)
    result = _run(paths, date, gazetteer, workers)
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
    result = _run(paths, date, gazetteer, 1)
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
