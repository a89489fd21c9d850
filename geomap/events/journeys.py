"""Places someone travels or flees to: the end of a journey, not the scene of what set it off.

"A visit to Kyiv", "envoys were to fly to Doha": a meeting, an agreement or a protest may take place
there; a later attack does not. "Families fleeing the shelling found shelter in Dohuk", "fled
to Poland": the fighting was elsewhere.
"""

from __future__ import annotations

import re

from geomap.model import Mention

_TOWARDS = re.compile(  # "a visit to Kyiv", "flew to Riyadh"
    r"\b(?:visits?|visited|trips?|travel|travell?ed|travels?|journey|came|went|flew|fly|returned|heads?|headed|heading|"
    r"arrived|march(?:ed|ing)?)\s+"
    r"(?:back\s+)?to\s+(?:the\s+)?$", re.I,
)
_REFUGE = re.compile(  # "found safety in Dohuk", "sought shelter in", "fled to Poland"
    r"\b(?:(?:safety|refuge|shelter)\s+(?:in|at)|(?:fled|flee|flees|fleeing|escaped|evacuated)\s+to)\s+(?:the\s+)?$",
    re.I,
)
_REACH = 40  # characters before a place that may say how it is reached


def words_before(text: str, m: Mention) -> str:
    """The words before a place back to the end of the sentence before, whose "in Iraq." says nothing of it."""
    before = text[max(0, m.start - _REACH) : m.start]
    end = max(before.rfind(mark) for mark in (". ", ".\n", "? ", "! ", "\n"))
    return before[end + 1 :] if end >= 0 else before


def travels_to(before: str) -> bool:
    """Whether the words before a place make it where someone travels ("a visit to", "flew to")."""
    return bool(_TOWARDS.search(before))


def takes_refuge_in(before: str) -> bool:
    """Whether the words before a place make it where people flee to ("to safety in", "fled to")."""
    return bool(_REFUGE.search(before))
