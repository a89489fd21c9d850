"""Name normalisation shared by the index builder and every look-up.

Case, diacritics, apostrophes, hyphens and a few transliteration habits are folded away, so
"Zaporizhzhya", "Zaporizhzhia" and "ZAPORIZHZHIA" meet at one key while the text keeps its form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u02b9`´']")
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014_/]+")
_DROP = re.compile(r"[^\w .]")
# Romanisation habits of Ukrainian/Russian names that news and GeoNames write differently.
_TRANSLIT = ((r"zhya\b", "zhia"), (r"iya\b", "ia"), (r"yy\b", "y"), (r"yi\b", "i"), (r"yiv\b", "iv"))
_TRANSLIT_RE = [(re.compile(a), b) for a, b in _TRANSLIT]


@lru_cache(maxsize=200_000)
def normalize_name(text: str) -> str:
    """A look-up key: case-folded, diacritics and apostrophes removed, separators unified."""
    if text.isascii():
        stripped = text  # no diacritics to remove: most names in English news
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = _APOSTROPHES.sub("", stripped.casefold())
    key = _DROP.sub(" ", _SEPARATORS.sub(" ", key))
    # inner abbreviation dots go ("St. Louis" = "St Louis"); a final one stays, so that "Calif." and
    # "La." are keys of their own while "London." at the end of a sentence is not a name
    key = key.replace(". ", " ").strip(" ")
    for pattern, repl in _TRANSLIT_RE:
        key = pattern.sub(repl, key)
    return " ".join(key.split())


def is_latin(text: str) -> bool:
    """Whether a name is written in the Latin script (the only names English news uses)."""
    for ch in text:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True
