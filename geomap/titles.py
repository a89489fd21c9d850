"""Document titles without the page furniture a scraped headline runs into.

A headline copied from a web page often runs on into its dateline: "...'unrealistic'Published February 12,
2025last updated February 13, 2025". The title ends before the first dateline marker ("Published",
"Updated", "Last updated" ...) that a date follows; the markers and month names are in
``data/datelines.json``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _datelines() -> tuple[tuple[str, ...], frozenset[str]]:
    data = json.loads(resources.files("geomap.data").joinpath("datelines.json").read_text("utf-8"))
    return tuple(sorted(data["markers"], key=len, reverse=True)), frozenset(data["months"])


def clean_title(title: str) -> str:
    """``title`` on one line, ending before a dateline it runs into ("... Published February 12, 2025")."""
    title = " ".join(title.split())
    markers, months = _datelines()
    folded = title.casefold()
    cuts = []
    for marker in markers:
        at = folded.find(marker)
        while at >= 0:
            # page furniture is capitalised ("- Updated", "...'Published") or glued to a date ("2025last
            # updated"), unlike the verb of a headline ("ministry published 12 rules"); at the very start
            # there is no headline before it, and the title stays as it is
            starts_word = at > 0 and (title[at].isupper() or title[at - 1].isdigit())
            after = folded[at + len(marker):]
            next_word = after.lstrip(" :").split(" ", 1)[0].rstrip(".,")
            if starts_word and after[:1] in (" ", ":") and (next_word in months or next_word[:1].isdigit()):
                cuts.append(at)
                break
            at = folded.find(marker, at + 1)
    if not cuts:
        return title
    return title[:min(cuts)].rstrip(" -|,:\u2013\u2014\u00b7") or title
