"""``python -m geomap.evaluate``: score geoparsing and event extraction against gold data; print one table.

Corpora (``--corpus``, repeatable; all by default): ``gwn`` and ``lgl`` (geoparsing), ``events`` (Halterman's
event locations), ``news_dev`` (exhaustive event gold, and its places), ``wikievents`` (event sentences),
``coded`` (the coded event descriptions in ``benchmarks/coded_events/``), ``coverage`` (the gazetteer on
``gazetteer/coverage.csv``). A corpus whose files are absent is skipped with a line saying so.
Options: ``--limit N`` articles per corpus (a quick slice of gwn, lgl, events, wikievents), ``--eval-dir DIR``
(default ``../shared/eval`` or ``$GEOMAP_EVAL_DIR``), ``--no-oracle``, ``--show-errors`` (every miss and
false marker, after the table).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.evaluate.corpora import default_eval_dir, read_geowebnews, read_lgl

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer


CORPORA = ("gwn", "lgl", "events", "news_dev", "wikievents", "coded", "coverage")
#: our own coded event descriptions, kept in the repository (absent from an installed wheel)
CODED_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "coded_events"


def evaluate(
    eval_dir: Path, corpora: list[str], limit: int | None, oracle: bool, errors: list[str] | None = None
) -> list[tuple[str, str, str]]:
    """Rows of (corpus, metric, value) for every corpus found; with ``errors``, its error lines are added to it."""
    from geomap.evaluate.geoparsing import score_geoparser
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    rows: list[tuple[str, str, str]] = []
    # LGL's guidelines annotate place names only, GeoWebNews' also demonyms ("French")
    readers = {"gwn": ("geowebnews/GWN.xml", read_geowebnews, True), "lgl": ("lgl/lgl.xml", read_lgl, False)}
    for name in corpora:
        if name in readers:
            rel, reader, demonyms = readers[name]
            path = eval_dir / rel
            if not path.exists():
                rows.append((name, "skipped", f"{path} not found"))
                continue
            t0 = time.perf_counter()
            scores = score_geoparser(itertools.islice(reader(path), limit), gaz, oracle=oracle, demonyms=demonyms)
            rows += [(name, metric, value) for metric, value in scores.rows()]
            rows.append((name, "seconds", f"{time.perf_counter() - t0:.1f}"))
        elif name == "events":
            rows += _event_location_rows(eval_dir, limit)
        else:
            corpus_rows, corpus_errors = _event_gold_rows(name, eval_dir, gaz, limit, errors is not None)
            rows += corpus_rows
            if errors is not None:
                errors += corpus_errors
    return rows


def _event_gold_rows(
    name: str, eval_dir: Path, gaz: Gazetteer, limit: int | None, show_errors: bool
) -> tuple[list[tuple[str, str, str]], list[str]]:
    from geomap.evaluate.gold_runs import gold_folder_rows
    from geomap.evaluate.place_scoring import read_coverage, score_coverage
    from geomap.evaluate.wikievents import wikievents_rows
    from geomap.gazetteer.sources import curated_dir

    t0 = time.perf_counter()
    if name == "news_dev":
        rows, errors = gold_folder_rows(name, eval_dir / "news_dev", gaz, show_errors)
    elif name == "coded":
        rows, errors = gold_folder_rows(name, CODED_DIR, gaz, show_errors)
    elif name == "wikievents":
        rows, errors = wikievents_rows(eval_dir / "wikievents", gaz, limit, show_errors)
    else:
        path = curated_dir() / "coverage.csv"
        if not path.exists():
            return [(name, "skipped", f"{path} not found")], []
        scores = score_coverage(read_coverage(path), gaz)
        rows = [(name, metric, value) for metric, value in scores.rows()]
        errors = [f"coverage: {line}" for line in scores.error_lines()] if show_errors else []
    if not any(metric == "skipped" for _, metric, _ in rows):
        rows.append((name, "seconds", f"{time.perf_counter() - t0:.1f}"))
    return rows, errors


def _event_location_rows(eval_dir: Path, limit: int | None) -> list[tuple[str, str, str]]:
    path = eval_dir / "event_location" / "labeled_text.jsonl.zip"
    if not path.exists():
        return [("event-location", "skipped", f"{path} not found")]
    from geomap.evaluate.event_location import evaluate_event_location

    result = evaluate_event_location(path, limit=limit)
    return [("event-location", str(k), f"{v:.3f}" if isinstance(v, float) else str(v)) for k, v in result.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=None)
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-oracle", action="store_true")
    parser.add_argument("--show-errors", action="store_true", help="print every miss and false marker")
    args = parser.parse_args(argv)
    eval_dir = args.eval_dir or default_eval_dir()
    errors: list[str] | None = [] if args.show_errors else None
    rows = evaluate(eval_dir, args.corpus or list(CORPORA), args.limit, not args.no_oracle, errors)
    width = max((len(m) for _, m, _ in rows), default=10)
    print(f"{'corpus':<15} {'metric':<{width}}  value")
    for corpus, metric, value in rows:
        print(f"{corpus:<15} {metric:<{width}}  {value}")
    if errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
