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
# Already a key but for case and transliteration: ASCII letters and digits in words one space apart.
_PLAIN_KEY = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


@lru_cache(maxsize=200_000)
def normalize_name(text: str) -> str:
    """A look-up key: case-folded, diacritics and apostrophes removed, separators unified."""
    if text.isascii():
        folded = text.casefold()  # no diacritics to remove
        if _PLAIN_KEY.fullmatch(folded):
            return _transliterate(folded)  # most names in English news: nothing else to fold
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    key = _APOSTROPHES.sub("", folded)
    key = _DROP.sub(" ", _SEPARATORS.sub(" ", key))
    # inner abbreviation dots go ("St. Louis" = "St Louis"); a final one stays, so that "Calif." and
    # "La." are keys of their own while "London." at the end of a sentence is not a name
    key = key.replace(". ", " ").strip(" ")
    return " ".join(_transliterate(key).split())


def _transliterate(key: str) -> str:
    if "y" not in key:  # every habit folded here involves a "y"; most names have none
        return key
    for pattern, repl in _TRANSLIT_RE:
        key = pattern.sub(repl, key)
    return key


def is_latin(text: str) -> bool:
    """Whether a name is written in the Latin script (the only names English news uses)."""
    for ch in text:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True


def usable_alternate(alt: str, primary: str) -> bool:
    """Keep Latin-script names; drop airport/IATA-like codes ("IEV", "OZH") and lower-case junk ("sky")."""
    if not alt or alt == primary or any(ch.isdigit() for ch in alt) or not is_latin(alt):
        return False
    if len(alt) <= 3:
        return False  # "Ben" for Bern, "Us": short alternates are words far more often than names
    letters = [c for c in alt if c.isalpha()]
    if not letters or not alt[0].isupper():
        return False
    return not (len(letters) <= 4 and all(c.isupper() for c in letters))
