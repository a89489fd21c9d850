"""Candidates at spans given from outside (gold spans in oracle evaluation, or a user's own recogniser)."""

from __future__ import annotations

from geomap.gazetteer import Gazetteer, normalize_name
from geomap.geoparse.recognize import Candidate
from geomap.text import Span, split_sentences, tokenize


def candidates_for_spans(text: str, spans: list[tuple[int, int]], gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates for given spans (gold spans in oracle evaluation, or a user's own NER), unfiltered."""
    sentences = split_sentences(text)
    out: list[Candidate] = []
    for start, end in sorted(spans):
        sentence = next((s for s in sentences if s.start <= start < s.end), Span(start, end, text[start:end]))
        tokens = tokenize(sentence.text, sentence.start)
        inside = [k for k, t in enumerate(tokens) if t.end > start and t.start < end] or [0]
        surface = text[start:end]
        is_demonym = not gazetteer.contains(normalize_name(surface)) and gazetteer.demonym(surface) is not None
        cand = Candidate(start, end, surface, "demonym" if is_demonym else "name", sentence, tokens, inside[0], inside[-1])
        if not is_demonym:
            _attach_places(cand, gazetteer)
        out.append(cand)
    return out


def _attach_places(cand: Candidate, gaz: Gazetteer) -> None:
    found = gaz.lookup(cand.text)
    cand.places = [p for p, _ in found]
    cand.priors = [w for _, w in found]
