"""Options and helpers shared by the ``geomap`` commands (see :mod:`geomap.cli`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand


class Command(TyperCommand):
    """A command whose help shows each parameter's placeholder ("PATH...", "YYYY-MM-DD"), or nothing for a
    flag, where typer would print its Python type ("<list[Path]>", "<bool>")."""

    def get_params(self, ctx):
        params = super().get_params(ctx)  # with --help, which typer adds here
        for param in params:
            shown = None if param.param_type_name == "argument" else param.metavar  # an argument's name says it
            param.display_type_rich = lambda ctx, shown=shown: shown
        return params


def existing_paths(paths: list[Path] | None) -> list[Path] | None:
    """The paths as given; one that does not exist is a usage error, before any document is read."""
    for path in paths or ():
        if not path.exists():
            raise typer.BadParameter(f"no such file or folder: {path}")
    return paths


PathsArg = Annotated[
    list[Path],
    typer.Argument(help="Files or directories (searched recursively).", metavar="PATH", callback=existing_paths),
]
DateOpt = Annotated[
    Optional[str], typer.Option("--date", metavar="YYYY-MM-DD",
                                help="Publication date for documents that carry none.")
]
def _checked_gazetteer_files(files: list[Path] | None) -> list[Path] | None:
    """Each --gazetteer file exists and, if a GeoNames dump, is in one of its formats: said before any work."""
    from geomap.gazetteer.dumps import DumpError, dump_kind, is_dump

    for path in files or ():
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such file")
        if is_dump(path):
            try:
                dump_kind(path)
            except (DumpError, OSError, UnicodeDecodeError) as exc:
                raise typer.BadParameter(str(exc)) from None
    return files


GazOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--gazetteer", metavar="FILE", callback=_checked_gazetteer_files,
                 help="Extra places (repeatable): a CSV in the curated columns, or a GeoNames dump (XX.zip, "
                      "allCountries.zip, cities500.zip, admin2Codes.txt, a postal-code file), indexed once."),
]
WorkersOpt = Annotated[
    int, typer.Option("--workers", "-j", metavar="N", help="Processes to use (0, the default: every core).")
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", metavar="table|jsonl",
                                        help="An aligned table (tab-separated when piped) or JSON lines.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only: no warnings, progress or summary.")]

_quiet = False  # set by setup_logging for the command being run


class _Stderr(logging.Handler):
    # writes to the sys.stderr of the moment (a test runner swaps it between commands)
    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(self.format(record), err=True)


def setup_logging(quiet: bool) -> None:
    """Warnings and errors to stderr as "geomap: WARNING: ..."; with ``quiet``, errors only, and no
    progress bar or summary (see :func:`info`)."""
    global _quiet
    _quiet = quiet
    root = logging.getLogger()
    if not any(isinstance(h, _Stderr) for h in root.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("geomap: %(levelname)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.ERROR if quiet else logging.WARNING)


def info(message: str) -> None:
    """A line of the run's summary on stderr, unless the command runs with ``--quiet``."""
    if not _quiet:
        typer.echo(message, err=True)


def parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value!r}", param_hint=option) from None


EngineOpt = Annotated[
    str, typer.Option("--engine", metavar="local|dask",
                      help="local (processes on this machine) or dask (a dask.distributed cluster).")
]
SchedulerOpt = Annotated[
    Optional[str],
    typer.Option("--scheduler", metavar="ADDRESS",
                 help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)."),
]


@contextlib.contextmanager
def progress_bar() -> Iterator[Callable[[object], None] | None]:
    """A callback that advances a progress bar on a terminal (None when stderr is not one)."""
    if _quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.completed} documents"), BarColumn(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("documents", total=None)
        yield lambda _result: bar.advance(task)


@dataclass(frozen=True)
class RunOptions:
    """How to run the pipeline: the options every document-reading command shares."""

    date: str | None = None
    gazetteer: tuple[str, ...] = ()
    workers: int = 0
    engine: str = "local"
    scheduler: str | None = None

    def pipeline_arguments(self) -> dict:
        """The keyword arguments ``run_pipeline`` and ``ingest`` share, checked."""
        if self.engine not in ("local", "dask"):
            raise typer.BadParameter(f"unknown engine {self.engine!r}: use local or dask", param_hint="--engine")
        return {"published": parse_date(self.date), "workers": self.workers or None, "gazetteer_files": self.gazetteer,
                "engine": self.engine, "scheduler": self.scheduler}

    def run(self, paths: list[Path]):
        """Run the pipeline with a progress bar on a terminal; print the summary to stderr."""
        from geomap.pipeline import run_pipeline

        arguments = self.pipeline_arguments()
        with progress_bar() as advance:
            result = run_pipeline(paths, on_document=advance, **arguments)
        report(result.summary.lines(), nothing_read=result.summary.documents == 0)
        return result


def report(lines: list[str], *, nothing_read: bool) -> None:
    """The end-of-run summary on stderr; exit 1 when nothing at all could be read."""
    for line in lines:
        info(line)
    if nothing_read:
        typer.echo("geomap: no document could be read", err=True)
        raise typer.Exit(1)


def run_options(date: str | None, gazetteer: list[Path] | None, workers: int = 0, engine: str = "local",
             scheduler: str | None = None) -> RunOptions:
    return RunOptions(date, tuple(str(g) for g in gazetteer or ()), workers, engine, scheduler)


StoreOpt = Annotated[Optional[Path], typer.Option("--store", metavar="FILE.gpkg",
                                                  help="Read events from this store (see `ingest`).")]
MaybePathsArg = Annotated[
    Optional[list[Path]],
    typer.Argument(help="Files or directories (searched recursively); or use --store.", metavar="PATH",
                   callback=existing_paths),
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help="Only events on or after it.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", metavar="YYYY-MM-DD", help="Only events on or before it.")]
TypeOpt = Annotated[
    Optional[list[str]], typer.Option("--type", metavar="TYPE",
                                      help="Only events of this type, e.g. strike (repeatable, or a,b).")
]
BboxOpt = Annotated[
    Optional[str], typer.Option("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="Only events inside it (WGS 84).")
]


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        minlon, minlat, maxlon, maxlat = (float(v) for v in value.split(","))
    except ValueError:
        raise typer.BadParameter(f"not minlon,minlat,maxlon,maxlat: {value!r}", param_hint="--bbox") from None
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise typer.BadParameter(f"out of range, or minlat over maxlat: {value!r}", param_hint="--bbox")
    return minlon, minlat, maxlon, maxlat  # minlon > maxlon: a box across the antimeridian


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    """Aligned columns (rich) on a terminal; tab-separated values when piped. A missing value is an empty cell."""
    cells = [["" if c is None else str(c) for c in row] for row in rows]
    if stdout_is_terminal():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(*headers)
        for row in cells:
            table.add_row(*(Text(c) for c in row))  # a document's "[bold]" is text, not rich markup
        Console().print(table)
        return
    typer.echo("\t".join(headers))
    for row in cells:
        typer.echo("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))

