"""Cold start of the command line: ``geomap map seeds/ -o <tmp>.html`` in a fresh process, beside a bare import.

Usage: python benchmarks/cold_start.py [--repeat 5] [--seeds seeds/]

What is measured: the wall time (time.perf_counter around the child, so interpreter start-up, every import,
the gazetteer load, processing the seed documents, building and writing the map are all in it) of the
``geomap`` console script that sits next to this interpreter (not the pyenv shim, which adds a bash start
of its own), run --repeat times, each a new process writing to a new temporary file. The gazetteer index is
already built in the user cache: one untimed warm-up run makes sure of it (and warms the OS page cache,
so "cold" means a new interpreter, not a cold disk).

Baseline, in the same run and interleaved with it: ``python -c "import geopandas, folium"`` - the two
libraries any Python news-to-map tool of this kind starts by importing; geomap's run cannot be faster
than its own imports of them. Medians are reported and the ratio geomap / baseline.

Peak RSS: ``ru_maxrss`` of each child from ``os.wait4`` (the child's own peak, or that of any process it
waited for, whichever is larger), median over the repeats.

The latest figures, with the machine and commit they were measured on: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_state() -> str:
    """The commit measured, marked dirty when the work tree has uncommitted changes."""
    out = subprocess.run(["git", "-C", str(Path(__file__).resolve().parent), "describe", "--always", "--dirty"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def geomap_script() -> str:
    script = Path(sys.executable).parent / "geomap"
    if not script.exists():
        raise SystemExit(f"no geomap console script next to {sys.executable}: pip install -e . first")
    return str(script)


def timed_child(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process; fails loudly on a non-zero exit."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seeds", default="seeds/")
    args = parser.parse_args()
    script = geomap_script()
    seeds = sorted(p.name for p in (ROOT / args.seeds).rglob("*") if p.is_file())
    print(f"machine: {platform.machine()} {platform.processor()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"geomap commit: {code_state()}")
    print(f"{script} map {args.seeds} ({len(seeds)} files) vs {sys.executable} -c 'import geopandas, folium'")

    baseline_argv = [sys.executable, "-c", "import geopandas, folium"]
    with tempfile.TemporaryDirectory() as tmp:
        def geomap_argv(i: int) -> list[str]:
            return [script, "map", args.seeds, "-o", str(Path(tmp) / f"run{i}.html"), "--quiet"]

        timed_child(geomap_argv(-1))  # warm-up: builds the gazetteer index if it is missing, untimed
        timed_child(baseline_argv)
        ours, base = [], []
        for i in range(args.repeat):
            ours.append(timed_child(geomap_argv(i)))
            base.append(timed_child(baseline_argv))
        size = (Path(tmp) / "run0.html").stat().st_size / 1e6

    def fmt(runs: list[tuple[float, float]]) -> str:
        times = ", ".join(f"{s:.2f}" for s, _ in runs)
        return (f"median {statistics.median(s for s, _ in runs):.2f} s  (runs: {times})  "
                f"peak RSS median {statistics.median(r for _, r in runs):.0f} MiB")

    print(f"  geomap map           {fmt(ours)}; map {size:.2f} MB")
    print(f"  import geopandas,folium {fmt(base)}")
    ratio_t = statistics.median(s for s, _ in ours) / statistics.median(s for s, _ in base)
    ratio_m = statistics.median(r for _, r in ours) / statistics.median(r for _, r in base)
    print(f"  ratio geomap / baseline: time {ratio_t:.2f}x, peak RSS {ratio_m:.2f}x")


if __name__ == "__main__":
    main()
