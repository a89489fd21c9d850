"""``python -m geomap.evaluate``: score geoparsing and event extraction against gold data; print one table.

Options: ``--limit N`` articles per corpus (a quick slice), ``--corpus gwn|lgl|events`` (repeatable),
``--eval-dir DIR`` (default ``../shared/eval`` or ``$GEOMAP_EVAL_DIR``), ``--no-oracle``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

from geomap.evaluate.corpora import default_eval_dir, read_geowebnews, read_lgl


def evaluate(eval_dir: Path, corpora: list[str], limit: int | None, oracle: bool) -> list[tuple[str, str, str]]:
    """Rows of (corpus, metric, value) for every corpus found under ``eval_dir``."""
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
    return rows


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
    parser.add_argument("--corpus", action="append", choices=["gwn", "lgl", "events"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-oracle", action="store_true")
    args = parser.parse_args(argv)
    eval_dir = args.eval_dir or default_eval_dir()
    rows = evaluate(eval_dir, args.corpus or ["gwn", "lgl", "events"], args.limit, not args.no_oracle)
    width = max((len(m) for _, m, _ in rows), default=10)
    print(f"{'corpus':<15} {'metric':<{width}}  value")
    for corpus, metric, value in rows:
        print(f"{corpus:<15} {metric:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
