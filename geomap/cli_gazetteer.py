"""``geomap gazetteer``: add the GeoNames dumps a user has downloaded to the offline gazetteer, once.

The files are read where they are (nothing is copied or downloaded); their paths are recorded in the
cache directory, and every later command indexes them with the bundled data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    no_args_is_help=True,
    help="Add GeoNames dumps (XX.zip, allCountries.zip, cities500.zip, admin2Codes.txt, postal codes) "
         "to the offline gazetteer.",
)

FilesArg = Annotated[list[Path], typer.Argument(help="GeoNames dump files (.zip or .txt), as downloaded.")]


@app.command("add")
def add_command(files: FilesArg) -> None:
    """Add dump files to the gazetteer and build its index now (once; large dumps take minutes)."""
    from geomap.gazetteer import dumps, index

    for path in files:
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such file", param_hint="FILES")
        try:
            kind = dumps.dump_kind(path)
        except (dumps.DumpError, OSError, UnicodeDecodeError) as exc:
            raise typer.BadParameter(str(exc), param_hint="FILES") from None
        typer.echo(f"{path}: GeoNames {kind} file", err=True)
    added = [*dumps.added_dumps(), *(p.resolve() for p in files)]
    dumps.set_added_dumps(added)
    _report(index.ensure_index(tuple(dict.fromkeys(added))))


@app.command("list")
def list_command() -> None:
    """The dump files added so far, one a line."""
    from geomap.gazetteer import dumps

    for path in dumps.added_dumps():
        typer.echo(str(path))


@app.command("remove")
def remove_command(files: FilesArg) -> None:
    """Stop using dump files (the files themselves are left alone)."""
    from geomap.gazetteer import dumps, index

    gone = {p.resolve() for p in files}
    kept = [p for p in dumps.added_dumps() if p not in gone]
    dumps.set_added_dumps(kept)
    _report(index.ensure_index(tuple(kept)))


def _report(folder: Path) -> None:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    added = meta.get("dumps", {})
    typer.echo(f"gazetteer index {folder}: {added.get('places', 0):,} places from "
               f"{len(added.get('files', []))} dump file(s) beside the bundled data", err=True)
