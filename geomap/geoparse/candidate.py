"""The candidate place name: a span of a sentence with its tokens and the gazetteer entries it may mean."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from geomap.model import Place
from geomap.text import Span

Kind = Literal["name", "demonym", "unlisted"]  # unlisted: framed as a place, not in the gazetteer


@dataclass(slots=True)
class Candidate:
    """A span that names a place (or a demonym), with the context the later steps need."""

    start: int
    end: int
    text: str
    kind: Kind
    sentence: Span
    tokens: list[Span]
    first: int  # index of the first token of the span in ``tokens``
    last: int  # index of the last token
    places: list[Place] = field(default_factory=list)  # gazetteer entries of the name, best prior first
    priors: list[float] = field(default_factory=list)  # the prior of the name meaning each entry
    in_org_name: bool = False
    adjectival: bool = False  # part of a word such as "trans-Atlantic": describes, does not locate

    def word_after(self) -> str:
        """The next word of the sentence in lower case ("forces" of "Russian forces"), "" at its end."""
        nxt = self.last + 1
        return self.tokens[nxt].text.lower() if nxt < len(self.tokens) else ""
