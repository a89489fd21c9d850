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
# what may stand between two names of one list: ", ", " and ", ", and ", " or "
_JOINER = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def share_plural_heads(cands: list[Candidate], text: str, gazetteer: Gazetteer) -> None:
    """Give the names of a list before a plural region head the entries of "<name> <head>", in place."""
    heads = _plural_heads()
    for k, cand in enumerate(cands):
        head = heads.match(text, cand.end)
        if head is None or cand.kind != "name":
            continue
        singular = _singular(head["plural"].lower())
        members, j = [cand], k - 1
        while j >= 0 and cands[j].kind == "name" and _JOINER.fullmatch(text, cands[j].end, members[-1].start):
            members.append(cands[j])
            j -= 1
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
def _plural_heads() -> re.Pattern[str]:
    plurals = sorted((_plural(h) for h in load_lexicon().region_heads), key=len, reverse=True)
    return re.compile(rf"\s+(?P<plural>{'|'.join(plurals)})\b", re.IGNORECASE)


def _plural(head: str) -> str:
    return f"{head[:-1]}ies" if head.endswith("y") else f"{head}s"


def _singular(plural: str) -> str:
    return f"{plural[:-3]}y" if plural.endswith("ies") else plural[:-1]
