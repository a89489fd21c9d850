"""English names of regions that GeoNames lists only in their own adjectival form ("Rostovskaya oblast'").

News writes "the Rostov region"; GeoNames has "Rostovskaya oblast'" and, among its alternate names, the
noun form in other Slavic languages ("Ростов област"). That bare name, romanised as English news does
(with translitua's tables), gives "Rostov Oblast", which the index also files as "Rostov region".
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


def rules_text() -> bytes:
    """The word lists as stored: part of the gazetteer index's fingerprint."""
    return resources.files("geomap").joinpath("data/romanisation.json").read_bytes()


@cache
def _rules() -> dict:
    return json.loads(rules_text().decode("utf-8"))


def romanised(cyrillic: str) -> str | None:
    """``cyrillic`` romanised as English news writes Russian names (translitua's reduced 1997 passport table:
    Yaroslavl, Nizhny Novgorod), each word capitalised; None when anything is left unromanised."""
    from translitua import RussianInternationalPassport1997Reduced, translit

    latin = translit(cyrillic.lower(), RussianInternationalPassport1997Reduced)
    if not all(ch.isascii() for ch in latin):
        return None
    return " ".join(w[:1].upper() + w[1:] for w in latin.split(" ") if w)


def region_names(aliases: list[str]) -> list[str]:
    """"<Name> Oblast" from the aliases "<name> <region word>" whose name is a noun, not an adjective, of the
    first region word (in the table's order) that any alias ends with: one language, one romanisation."""
    rules = _rules()
    endings = tuple(rules["adjective_endings"])
    for word in rules["region_words"]:
        names = [romanised(head) for head, _, last in (a.rpartition(" ") for a in aliases)
                 if last.lower() == word and head and not head.lower().endswith(endings)]
        found = [f"{n} Oblast" for n in dict.fromkeys(names) if n]
        if found:
            return found
    return []
