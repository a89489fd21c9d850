"""Sentence-level recall and precision of geomap's events on WikiEvents (Li, Ji and Han, NAACL 2021).

Each document is rebuilt from its ``sentences``, one to a line (geomap ends a sentence at a newline), and
run through geomap; the evidence of each event it reports is mapped back to the sentences it overlaps.
A sentence is gold for a class (attack, death/injury, arrest, meeting, demonstration) when it holds the
trigger of an event mention of that class; it is predicted for a class when an event of a type (or a
type/sub-type: KAIROS reads a killing as a death, not an attack) that stands for the class, or with a figure
that does (killed, injured), has its evidence there. The two
mappings are data (``rules.json``). Each sentence is scored by what its own words report: events are
extracted without joining a later report of a happening to the first (``join_reports=False``), since a
joined event carries the figures of all its sentences to each of them ("Three were wounded" is no death).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

import geomap
from geomap.evaluate.event_gold import rules
from geomap.events.triggers import TextLexicon
from geomap.gazetteer import Gazetteer
from geomap.model import Document, Event

SPLITS = ("dev.jsonl", "test.jsonl")


@dataclass(frozen=True, slots=True)
class WikiDocument:
    id: str
    sentences: tuple[str, ...]
    gold: frozenset[tuple[int, str]]  # (sentence index, class)

    @property
    def text(self) -> str:
        return "\n".join(self.sentences)

    def sentence_starts(self) -> list[int]:
        starts, offset = [], 0
        for sentence in self.sentences:
            starts.append(offset)
            offset += len(sentence) + 1
        return starts


def gold_class(kairos_type: str) -> str | None:
    return next((cls for pattern, cls in rules()["wikievents"]["gold"].items() if fnmatchcase(kairos_type, pattern)),
                None)


def output_classes(event: Event) -> set[str]:
    table = rules()["wikievents"]
    types = table["output_types"]
    classes = set(types.get(f"{event.event_type}/{event.sub_event_type}", types.get(event.event_type, ())))
    classes |= {cls for figure, cls in table["output_figures"].items() if _positive(event.quantities.get(figure))}
    return classes


def _positive(value: object) -> bool:
    if isinstance(value, dict):
        value = value.get("low", value.get("best", value.get("high")))
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def read_wikievents(records: Iterable[str]) -> Iterator[WikiDocument]:
    """Documents of WikiEvents JSON lines, with their gold (sentence, class) pairs."""
    for line in records:
        if not line.strip():
            continue
        record = json.loads(line)
        sentences = tuple(" ".join(text.split()) for _, text in record["sentences"])
        gold = set()
        for mention in record.get("event_mentions", ()):
            cls = gold_class(mention["event_type"])
            if cls is not None:
                gold.add((int(mention["trigger"]["sent_idx"]), cls))
        yield WikiDocument(record["doc_id"], sentences, frozenset(gold))


def evidence_sentences(doc: WikiDocument, event: Event) -> list[int]:
    """Indices of the sentences an event's evidence, and every other sentence that reports it, overlaps."""
    starts = doc.sentence_starts()
    found: list[int] = []
    for start, end in event.support or ((event.evidence_start, event.evidence_end),):
        first = max(0, bisect_right(starts, start) - 1)
        last = max(first, bisect_right(starts, max(start, end - 1)) - 1)
        found += [i for i in range(first, last + 1) if i not in found]
    return found


def sentence_reports(doc: WikiDocument, events: Sequence[Event]) -> dict[tuple[int, str], list[str]]:
    """Each predicted (sentence, class) pair with the type/sub-type of every event that makes it."""
    reports: dict[tuple[int, str], list[str]] = {}
    for e in events:
        for cls in output_classes(e):
            for i in evidence_sentences(doc, e):
                reports.setdefault((i, cls), []).append(f"{e.event_type}/{e.sub_event_type}")
    return reports


def predicted_pairs(doc: WikiDocument, events: Sequence[Event]) -> set[tuple[int, str]]:
    return set(sentence_reports(doc, events))


def _trigger_words(sentence: str) -> str:
    """The trigger phrases of frames.tsv found in a sentence, for an error line: what geomap could read there."""
    found = [sentence[h.start:h.end] for h in TextLexicon(sentence).triggers]
    return f"words: {', '.join(found)}" if found else "no trigger word"


@dataclass(slots=True)
class SentenceScores:
    documents: int = 0
    sentences: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, doc: WikiDocument, reports: dict[tuple[int, str], list[str]]) -> None:
        """Count one document's gold and predicted pairs (``reports``: see sentence_reports); an error line
        names the events that made a false pair and the trigger words of the sentence."""
        predicted = set(reports)
        self.documents += 1
        self.sentences += len(doc.sentences)
        for pairs, counter in ((doc.gold, self.gold), (predicted, self.predicted), (doc.gold & predicted, self.hits)):
            counter.update(cls for _, cls in pairs)
        for kind, pairs in (("miss ", doc.gold - predicted), ("false", predicted - doc.gold)):
            for i, cls in sorted(pairs):
                why = "; ".join([*sorted(set(reports.get((i, cls), ()))), _trigger_words(doc.sentences[i])])
                self.errors.append(f"{kind} {doc.id} #{i} {cls} [{why}]: {doc.sentences[i]}")

    def rows(self) -> list[tuple[str, str]]:
        out = [("documents / sentences", f"{self.documents} / {self.sentences}")]
        for cls in dict.fromkeys(rules()["wikievents"]["gold"].values()):
            hit, gold, pred = self.hits[cls], self.gold[cls], self.predicted[cls]
            p = f"{hit / pred:.3f}" if pred else "-"
            r = f"{hit / gold:.3f}" if gold else "-"
            out.append((f"{cls} sentences P / R", f"{p} / {r}  ({hit} right of {pred} found, {gold} gold)"))
        return out


def score_wikievents(docs: Iterable[WikiDocument], gazetteer: Gazetteer) -> SentenceScores:
    scores = SentenceScores()
    for doc in docs:
        document = Document(id=doc.id, text=doc.text)
        mentions = geomap.find_places(document, gazetteer=gazetteer)
        scores.add(doc, sentence_reports(doc, geomap.extract_events(document, mentions, gazetteer,
                                                                        join_reports=False)))
    return scores


def wikievents_rows(folder: Path, gazetteer: Gazetteer, limit: int | None = None,
                    show_errors: bool = False) -> tuple[list[tuple[str, str, str]], list[str]]:
    files = [folder / name for name in SPLITS if (folder / name).exists()]
    if not files:
        return [("wikievents", "skipped", f"{folder} has no {' or '.join(SPLITS)}")], []
    docs = [doc for path in files for doc in read_wikievents(path.read_text("utf-8").splitlines())]
    scores = score_wikievents(docs[:limit], gazetteer)
    errors = [f"wikievents: {line}" for line in scores.errors] if show_errors else []
    return [("wikievents", metric, value) for metric, value in scores.rows()], errors
