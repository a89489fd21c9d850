"""Score the geoparser against gold corpora, with the metrics the geoparsing literature reports.

Recognition: precision/recall/F1 on exact spans and on overlapping spans, for all toponym types and
for literal toponyms only. Resolution: accuracy@161 km, mean and median error, AUC of the ln(error)
curve (normalised by ln(20039 km); lower is better), exact GeoNames id match — end to end (own
recognition) and oracle (gold spans given). Roles: literal vs associative accuracy where gold says.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from geomap.evaluate.corpora import GoldArticle, GoldToponym
from geomap.gazetteer import Gazetteer, normalize_name
from geomap.gazetteer.spatial import distance_km
from geomap.geoparse import find_places, learn_source_contexts, resolve_spans, source_of
from geomap.model import Document, Mention

_EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


@dataclass(slots=True)
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class _Errors:
    km: list[float] = field(default_factory=list)
    id_hits: int = 0
    id_total: int = 0

    def add(self, gold: GoldToponym, mention: Mention) -> None:
        if gold.lat is None or gold.lon is None:
            return
        place = mention.place
        self.km.append(distance_km(gold.lat, gold.lon, place.lat, place.lon) if place else _EARTH_HALF_CIRCUMFERENCE_KM)
        if gold.geonameid is not None:
            self.id_total += 1
            self.id_hits += bool(place and place.geonameid == gold.geonameid)

    def summary(self) -> dict[str, float]:
        if not self.km:
            return {"n": 0}
        km = sorted(self.km)
        logs = [math.log(e + 1) / math.log(_EARTH_HALF_CIRCUMFERENCE_KM) for e in km]
        auc = sum((logs[i] + logs[i + 1]) / 2 for i in range(len(logs) - 1)) / max(1, len(logs) - 1)
        return {
            "n": len(km),
            "acc@161": sum(e <= 161 for e in km) / len(km),
            "mean_km": statistics.fmean(km),
            "median_km": statistics.median(km),
            "auc": auc if len(logs) > 1 else logs[0],
            "geonameid_match": self.id_hits / self.id_total if self.id_total else float("nan"),
        }


@dataclass(slots=True)
class GeoparseScores:
    exact: _Counts = field(default_factory=_Counts)
    overlap: _Counts = field(default_factory=_Counts)
    literal_exact: _Counts = field(default_factory=_Counts)
    end_to_end: _Errors = field(default_factory=_Errors)
    oracle: _Errors = field(default_factory=_Errors)
    roles_right: int = 0
    roles_total: int = 0
    articles: int = 0

    def rows(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = [("articles", str(self.articles))]
        for label, counts in (("exact", self.exact), ("overlap", self.overlap), ("literal exact", self.literal_exact)):
            if counts.tp + counts.fp + counts.fn == 0:
                continue  # the corpus does not say which names are literal (LGL)
            p, r, f = counts.prf()
            out.append((f"recognition {label} P/R/F1", f"{p:.3f} / {r:.3f} / {f:.3f}"))
        for label, errors in (("end-to-end", self.end_to_end), ("oracle", self.oracle)):
            s = errors.summary()
            if s["n"]:
                out.append(
                    (
                        f"resolution {label} (n={s['n']})",
                        f"acc@161 {s['acc@161']:.3f}  mean {s['mean_km']:.0f} km  median {s['median_km']:.1f} km  "
                        f"AUC {s['auc']:.3f}  id-match {s['geonameid_match']:.3f}",
                    )
                )
        if self.roles_total:
            out.append(("role accuracy (literal vs associative)", f"{self.roles_right / self.roles_total:.3f}"))
        return out


def score_geoparser(
    articles: Iterable[GoldArticle], gazetteer: Gazetteer, *, oracle: bool = True, demonyms: bool = True
) -> GeoparseScores:
    """Score recognition, resolution and roles. ``demonyms=False`` leaves demonym mentions ("French") out of
    the predictions, for corpora such as LGL whose guidelines do not annotate adjectival forms."""
    scores = GeoparseScores()
    articles = list(articles)
    docs = [Document(id=art.id, text=art.text, url=art.url) for art in articles]
    contexts = learn_source_contexts(docs, gazetteer)  # as a run over these documents learns them
    for art, doc in zip(articles, docs, strict=True):
        source = source_of(doc)
        context = contexts.get(source) if source else None
        predicted = find_places(doc, gazetteer=gazetteer, context=context)
        if not demonyms:
            predicted = [m for m in predicted if not is_demonym(m, gazetteer)]
        score_predictions(scores, art, predicted)
        if oracle:
            gold_spans = [(t.start, t.end) for t in art.toponyms]
            by_span = {(m.start, m.end): m for m in resolve_spans(art.text, gold_spans, gazetteer, context)}
            for t in art.toponyms:
                if (t.start, t.end) in by_span:
                    scores.oracle.add(t, by_span[(t.start, t.end)])
    return scores


def score_predictions(scores: GeoparseScores, article: GoldArticle, predicted: list[Mention]) -> None:
    """Add one article's mentions to ``scores`` (recognition, end-to-end resolution, roles), so that mentions
    from another recogniser (benchmarks/ner_evidence.py) are scored exactly as geomap's own."""
    scores.articles += 1
    _score_recognition(scores, article.toponyms, predicted)


def _score_recognition(scores: GeoparseScores, gold: tuple[GoldToponym, ...], predicted: list[Mention]) -> None:
    gold_exact = {(t.start, t.end): t for t in gold}
    pred_exact = {(m.start, m.end): m for m in predicted}
    hits = gold_exact.keys() & pred_exact.keys()
    scores.exact.tp += len(hits)
    scores.exact.fp += len(pred_exact) - len(hits)
    scores.exact.fn += len(gold_exact) - len(hits)

    matched_pred: set[int] = set()
    for t in gold:
        match = next((i for i, m in enumerate(predicted) if m.start < t.end and t.start < m.end), None)
        if match is None:
            scores.overlap.fn += 1
            continue
        matched_pred.add(match)
        scores.overlap.tp += 1
        mention = predicted[match]
        scores.end_to_end.add(t, mention)
        if t.literal is not None:
            scores.roles_total += 1
            scores.roles_right += (mention.role == "literal") == t.literal
    scores.overlap.fp += len(predicted) - len(matched_pred)

    if any(t.literal is not None for t in gold):
        gold_lit = {k for k, t in gold_exact.items() if t.literal}
        pred_lit = {k for k, m in pred_exact.items() if m.role == "literal"}
        scores.literal_exact.tp += len(gold_lit & pred_lit)
        scores.literal_exact.fp += len(pred_lit - gold_lit)
        scores.literal_exact.fn += len(gold_lit - pred_lit)


def is_demonym(mention: Mention, gazetteer: Gazetteer) -> bool:
    """A demonym ("French") that is not also a place name: left out where a corpus does not annotate them."""
    return mention.role == "associative" and gazetteer.demonym(mention.text) is not None and not gazetteer.contains(
        normalize_name(mention.text)
    )
