"""How the interactive map scales with the number of events: build time, file size, browser load time.

Usage: python benchmarks/map_scale.py [--sizes 1000 10000 50000] [--baseline-max 10000] [--timeout 900]

Events are synthetic ``geomap.model.Event`` objects built directly (seeded, reproducible): 70 % at random
points in Ukraine, 30 % elsewhere in Europe; event types drawn from geomap/data/events/taxonomy.csv; day
dates over 2024 (5 % only to the month); 10 % at region precision (dashed circles), 2 % unplaced; each
with a one-sentence evidence, actors and one source. For each size, in a fresh child process (timed out
after --timeout s):
* build     - ``make_map(events)`` + ``save_map`` to a temporary file (time.perf_counter), child peak RSS;
* size      - the HTML file in MB;
* browser   - Debian chromium, headless, through Playwright: from ``page.goto`` until Leaflet is loaded and
              the marker-cluster groups hold every placed event (after the time filter's first pass),
              then the markers are counted through Leaflet (pins + region circles in the clusters)
              and compared with the events placed. CDN assets are served from the local npm copies
              (``python -m geomap.assets fetch``) through ``page.route``; tiles get an empty 404.
Baseline, side by side: the same placed points as plain ``folium.Marker(..., popup=summary)`` on a
``folium.Map`` (no clustering, layers, slider or search) up to --baseline-max events, measured the same way
(ready = that many ``L.Marker`` on the map). Ratios are geomap / baseline.

The latest figures, with the machine and commit they were measured on: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
UKRAINE = (44.4, 52.3, 22.2, 40.2)
EUROPE = (36.0, 60.0, -9.0, 40.0)


def code_state() -> str:
    """The commit measured, marked dirty when the work tree has uncommitted changes."""
    out = subprocess.run(["git", "-C", str(Path(__file__).resolve().parent), "describe", "--always", "--dirty"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def synthetic_events(n: int, seed: int = 7) -> list:
    from geomap.model import Event, GeoPrecision, Place, SourceRef

    rng = random.Random(seed)
    rows = list(csv.DictReader(resources.files("geomap.data").joinpath("events/taxonomy.csv").open(encoding="utf-8")))
    events = []
    for i in range(n):
        box = UKRAINE if rng.random() < 0.7 else EUROPE
        lat, lon = round(rng.uniform(box[0], box[1]), 4), round(rng.uniform(box[2], box[3]), 4)
        kind = rng.random()
        precision = GeoPrecision.REGION if kind < 0.10 else GeoPrecision.SITE
        place = None if kind > 0.98 else Place(key=f"syn:{i}", name=f"Place {i % 5000}", lat=lat, lon=lon,
                                               country_code="UA" if box is UKRAINE else "XX", precision=precision)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
        date, date_precision = (day.isoformat(), "day") if rng.random() < 0.95 else (day.isoformat()[:7], "month")
        row = rng.choice(rows)
        evidence = f"Officials said a {row['label']} was reported near Place {i % 5000} on {day:%d %B %Y}, report {i}."
        events.append(Event(
            id=f"syn{i:06d}", event_type=row["event_type"], sub_event_type=row["sub_event_type"],
            summary=f"{row['label'].capitalize()} in Place {i % 5000}", evidence=evidence, doc_id=f"doc{i // 3}",
            acled_event_type=row["acled_event_type"] or None, date=date, date_precision=date_precision,
            place=place, actors=("Ukraine", "Russia"), quantities={"killed": rng.randrange(5)} if rng.random() < 0.3 else {},
            sources=(SourceRef(f"doc{i // 3}", f"Report {i // 3}", f"https://example.org/{i // 3}", day.isoformat(), evidence),),
            confidence=round(rng.uniform(0.4, 0.95), 2)))
    return events


def child(n: int, out_dir: Path, baseline: bool) -> None:
    """Fresh process: build the maps of ``n`` events, print timings as JSON."""
    import folium

    from geomap.outputs.webmap import make_map, save_map

    events = synthetic_events(n)
    placed = [e for e in events if e.place is not None]
    result = {"n": n, "placed": len(placed)}
    t0 = time.perf_counter()
    path = save_map(make_map(events, title=f"{n} synthetic events"), out_dir / f"geomap_{n}.html")
    result["geomap_s"] = time.perf_counter() - t0
    result["geomap_mb"] = path.stat().st_size / 1e6
    result["geomap_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if baseline:
        t0 = time.perf_counter()
        fmap = folium.Map(location=[48.5, 20.0], zoom_start=4)
        for e in placed:
            folium.Marker([e.place.lat, e.place.lon], popup=html.escape(e.summary)).add_to(fmap)
        fmap.save(str(out_dir / f"baseline_{n}.html"))
        result["baseline_s"] = time.perf_counter() - t0
        result["baseline_mb"] = (out_dir / f"baseline_{n}.html").stat().st_size / 1e6
    print(json.dumps(result))


COUNT_JS = """(geomap) => {
  if (typeof L === 'undefined') return -1;
  const vals = Object.values(window);
  if (!geomap) { const m = vals.find(v => v instanceof L.Map); let n = 0;
                 if (m) m.eachLayer(l => { if (l instanceof L.Marker) n++; }); return n; }
  if (!L.MarkerClusterGroup) return -1;
  return vals.filter(v => v instanceof L.MarkerClusterGroup).reduce((n, g) =>
      n + g.getLayers().filter(l => l.feature && (l instanceof L.Marker || l instanceof L.Circle)).length, 0);
}"""


def browser_load(page, path: Path, expected: int, geomap: bool, timeout_s: float) -> tuple[float, int]:
    """Seconds from navigation until ``expected`` markers are counted (or the timeout), and the count."""
    t0 = time.perf_counter()
    page.goto(path.as_uri(), timeout=timeout_s * 1000, wait_until="load")
    try:
        page.wait_for_function(f"() => ({COUNT_JS})({str(geomap).lower()}) >= {expected}",
                               timeout=timeout_s * 1000, polling=100)
    except Exception:  # noqa: BLE001 - a timeout is a result here, reported as the count found
        pass
    seconds = time.perf_counter() - t0
    return seconds, page.evaluate(f"({COUNT_JS})({str(geomap).lower()})")


def measure_browser(files: list[tuple[Path, int, bool]], timeout_s: float) -> list[tuple[float, int]]:
    from playwright.sync_api import sync_playwright

    from geomap.assets import local_file

    def serve(route):
        url = route.request.url
        if url.startswith("file://"):
            return route.continue_()
        local = local_file(url)
        return route.fulfill(path=str(local)) if local else route.fulfill(status=404, body="")

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path, expected, geomap in files:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.route("**/*", serve)
            out.append(browser_load(page, path, expected, geomap, timeout_s))
            context.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--baseline-max", type=int, default=10000)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per build child and per page load")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.out), args.child <= args.baseline_max)
        return

    print(f"geomap commit: {code_state()}")
    from geomap.assets import assets_dir, fetch

    if not (assets_dir() / "leaflet@1.9.3").exists():
        fetch()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            argv = [sys.executable, __file__, "--child", str(n), "--out", tmp, "--baseline-max", str(args.baseline_max)]
            try:
                proc = subprocess.run(argv, capture_output=True, text=True, timeout=args.timeout, check=True)
            except subprocess.TimeoutExpired:
                print(f"{n:>6} events: make_map + save_map did not finish within {args.timeout:.0f} s")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            files = [(Path(tmp) / f"geomap_{n}.html", r["placed"], True)]
            if "baseline_s" in r:
                files.append((Path(tmp) / f"baseline_{n}.html", r["placed"], False))
            loads = measure_browser(files, args.timeout)
            print(f"{n:>6} events ({r['placed']} placed):")
            print(f"    geomap   build {r['geomap_s']:7.2f} s  {r['geomap_mb']:7.2f} MB  peak RSS {r['geomap_rss_mib']:5.0f} MiB"
                  f"  browser {loads[0][0]:6.2f} s  markers {loads[0][1]}/{r['placed']}")
            if "baseline_s" in r:
                print(f"    baseline build {r['baseline_s']:7.2f} s  {r['baseline_mb']:7.2f} MB"
                      f"                    browser {loads[1][0]:6.2f} s  markers {loads[1][1]}/{r['placed']}")
                print(f"    ratio geomap/baseline: build {r['geomap_s'] / r['baseline_s']:.2f}, "
                      f"size {r['geomap_mb'] / r['baseline_mb']:.2f}, browser {loads[0][0] / loads[1][0]:.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
