"""Spelling keys: one key for the romanisations of a name ("Qamishly", "Al Qamishli"; "Dhamar", "Damar").

News writes Arabic, Burmese or Amharic place names however its reporter hears them, and GeoNames keeps one
or two romanisations. The key keeps what all of them share: the consonants in order, with the article
("al-", "ad-") and the marks of aspiration dropped, doubled letters single and every run of vowels one
vowel. It is only a way in: a name found through its key must still look like the gazetteer's
(:func:`similar`), and the geoparser asks for it only where the text frames an unknown name as a place.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz


@cache
def _rules() -> dict:
    return json.loads(resources.files("geomap").joinpath("data/spelling.json").read_text(encoding="utf-8"))


def rules_text() -> bytes:
    """The rules as stored: part of the gazetteer index's fingerprint."""
    return resources.files("geomap").joinpath("data/spelling.json").read_bytes()


def _without_articles(norm: str) -> str:
    """The name's words run together, without a leading article ("al qamishli"; not the "ad" of "shams ad din",
    which other spellings fuse: "shamsaddin")."""
    words = norm.split(" ")
    if len(words) > 1 and words[0] in _rules()["articles"]:
        words = words[1:]
    return "".join(words)


@lru_cache(maxsize=50_000)
def spelling_key(norm: str) -> str | None:
    """The key of a normalised name (see :func:`geomap.gazetteer.normalize.normalize_name`), or None when too
    little of it is left to tell names apart."""
    rules = _rules()
    word = _without_articles(norm)
    if not word.isalpha():
        return None
    for spelt, sound in rules["digraphs"]:
        word = word.replace(spelt, sound)
    vowels = rules["vowels"]
    key: list[str] = []
    for ch in word:
        letter = "a" if ch in vowels else ch
        if key and key[-1] == letter:
            continue  # "dd" and "eid" alike
        key.append(letter)
    if len(key) > 1 and key[-1] == "h" and key[-2] == "a":
        key.pop()  # a final "-ah" is "-a"
    consonants = sum(ch != "a" for ch in key)
    return "".join(key) if consonants >= rules["min_consonants"] else None


def similar(norm: str, other: str) -> bool:
    """Whether two normalised names that share a key are written alike enough to be one name."""
    return fuzz.ratio(_without_articles(norm), _without_articles(other)) >= _rules()["min_similarity"]


def fuzzy_cutoff() -> float:
    """How alike (rapidfuzz ratio, 0-100) a framed name and a settlement's name must be for the last-resort
    look-up (:meth:`geomap.gazetteer.Gazetteer.written_like`): high, as most framed names are simply unlisted
    and a near miss ("Kuriga", "Kura") is another place."""
    return float(_rules()["fuzzy_min_ratio"])
