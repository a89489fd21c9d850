"""Names that share one plural head: "the Donetsk and Luhansk regions" are two regions, not two cities.

"the Kharkiv region" is found whole, as a gazetteer alias of the oblast. A plural head follows only the
last of a list, so each name of the list keeps only its region entries, joined by those of the name with
the head in the singular ("Donetsk region"); a name with neither keeps what it had.
"""

from __future__ import annotations

import re
from functools import cache

from geomap.gazetteer import Gazetteer
from geomap.geoparse.lexicon import load_lexicon
from geomap.geoparse.recognize import Candidate
from geomap.model import GeoPrecision

_OWN_REGION_WEIGHT = 0.8
_LONGEST_LEAD = 40  # characters before a name where "the regions of " may end
# what may stand between two names of one list: ", ", " and ", ", and ", " or "
_JOINER = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def share_plural_heads(cands: list[Candidate], text: str, gazetteer: Gazetteer) -> None:
    """Give the names of a list with a plural region head ("the Donetsk and Luhansk regions", "the regions of
    Sumy, Poltava and Kharkiv") the entries of "<name> <head>", in place."""
    heads, leading = _plural_heads(), _leading_plural_heads()
    for k, cand in enumerate(cands):
        if cand.kind != "name":
            continue
        head = heads.match(text, cand.end)
        if head is not None:
            members, j, step = [cand], k - 1, -1
        else:
            head = leading.search(text, max(0, cand.start - _LONGEST_LEAD), cand.start)
            if head is None or head.end() != cand.start:
                continue
            members, j, step = [cand], k + 1, 1
        singular = _singular(head["plural"].lower())
        while 0 <= j < len(cands) and cands[j].kind == "name" and (
            _JOINER.fullmatch(text, cands[j].end, members[-1].start) if step < 0
            else _JOINER.fullmatch(text, members[-1].end, cands[j].start)
        ):
            members.append(cands[j])
            j += step
        _give_region_entries(members, singular, gazetteer)


def _give_region_entries(members: list[Candidate], singular: str, gazetteer: Gazetteer) -> None:
    for member in members:
        # the regions the head names ("Kyiv region": the oblast), then the name's own, a little less likely
        # (a province whose gazetteer names carry no head word is still a province of the list)
        own = [(p, w * _OWN_REGION_WEIGHT) for p, w in zip(member.places, member.priors)
               if p.precision == GeoPrecision.REGION]
        regions = dict(gazetteer.lookup(f"{member.text} {singular}"))
        regions.update((p, w) for p, w in own if p not in regions)
        if regions:
            member.places, member.priors = list(regions), list(regions.values())


@cache
def _leading_plural_heads() -> re.Pattern[str]:
    plurals = sorted((_plural(h) for h in load_lexicon().region_heads), key=len, reverse=True)
    return re.compile(rf"\b(?P<plural>{'|'.join(plurals)})\s+of\s+(?:the\s+)?", re.IGNORECASE)


@cache
def _plural_heads() -> re.Pattern[str]:
    plurals = sorted((_plural(h) for h in load_lexicon().region_heads), key=len, reverse=True)
    return re.compile(rf"\s+(?P<plural>{'|'.join(plurals)})\b", re.IGNORECASE)


def _plural(head: str) -> str:
    return f"{head[:-1]}ies" if head.endswith("y") else f"{head}s"


def _singular(plural: str) -> str:
    return f"{plural[:-3]}y" if plural.endswith("ies") else plural[:-1]
