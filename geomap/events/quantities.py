"""Numbers an event report states: casualties, missiles and drones, territory, money.

Conventions: an exact figure is a number; "at least 1" / "more than 112,000" is ``{"low": n}``;
"just under 20" / "nearly 50" is ``{"high": n}``; a range "10 to 12" is ``{"low": 10, "high": 12}``;
"around 450" is 450 (an approximate figure is still the figure the text gives). Money is
``{"amount": n, "currency": "EUR"}``. Only what the text states is returned.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from geomap.events.lexicon import words

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"


def _number_regex() -> str:
    w = words()
    names = sorted(w["number_words"], key=len, reverse=True)
    scale = "|".join(w["scales"])
    return rf"(?:{_NUM}|{'|'.join(map(re.escape, names))})(?:\s+(?:{scale}))?"


def _qualifier_regex() -> str:
    w = words()
    quals = sorted(w["low_bound"] + w["high_bound"] + w["approximate"], key=len, reverse=True)
    return "|".join(map(re.escape, quals))


def parse_number(text: str) -> float | None:
    """"112,000" -> 112000, "six" -> 6, "40 billion" -> 4e10, "dozens" -> 24."""
    w = words()
    text = text.strip().lower()
    parts = text.split()
    multiplier = 1
    if len(parts) > 1 and parts[-1] in w["scales"]:
        multiplier = w["scales"][parts[-1]]
        text = " ".join(parts[:-1])
    if text in w["number_words"]:
        value = float(w["number_words"][text])
    else:
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return None
    value *= multiplier
    return value if math.isfinite(value) else None  # "999...9" (400 digits) is not a figure anyone stated


def _value(qualifier: str | None, number: float) -> Any:
    n: Any = int(number) if float(number).is_integer() else number
    q = (qualifier or "").lower()
    w = words()
    if q in w["low_bound"]:
        return {"low": n}
    if q in w["high_bound"]:
        return {"high": n}
    return n


def extract_quantities(sentence: str) -> dict[str, Any]:
    """The quantities ``sentence`` states, keyed by the names of the event schema."""
    try:
        return _extract(sentence)
    except (ValueError, re.error):  # a malformed figure never stops extraction
        return {}


@cache
def _patterns() -> dict[str, Any]:
    """Every pattern of :func:`_extract`, compiled once (they are built from the word lists)."""
    w = words()
    num, qual = _number_regex(), _qualifier_regex()
    # what a number, or a number after its qualifier, starts with (see _starting)
    num_start = _starting(w["number_words"])
    q_num = rf"(?:(?P<q>{qual})\s+)?(?P<n>{num})"
    q_num_start = _starting([*w["number_words"], *w["low_bound"], *w["high_bound"], *w["approximate"]])
    casualties = {}
    for field, verbs in w["casualty_verbs"].items():
        verb = "|".join(map(re.escape, verbs))
        casualties[field] = (
            # "killed at least one civilian", "injured four others"
            re.compile(rf"{_starting(verbs, digit=False)}\b(?:{verb})\s+{q_num}\b"),
            # "at least 12 people were killed", "three dead"
            re.compile(
                rf"{q_num_start}{q_num}\s+(?:\w+\s+){{0,3}}?(?:were\s+|was\s+|have been\s+|are\s+)?(?:{verb})\b"),
        )
    return {
        # "six out of seven ballistic missiles", "40 out of 123 total drones launched"
        "out_of": re.compile(
            rf"{num_start}(?P<a>{num})\s+(?:out\s+)?of\s+(?:the\s+)?(?P<b>{num})\s+(?:total\s+|\w+\s+){{0,2}}?"
            r"(?P<w>missiles?|drones?)"
        ),
        # "71 drones launched", "shot down ... and 71 drones"
        "weapons": re.compile(rf"{q_num_start}{q_num}\s+(?:\w+\s+){{0,2}}?(?P<w>missiles?|drones?|rockets?)\b"),
        # "..., of which 74 were shot down", "74 of them were intercepted": the share of the figure before
        "of_which": re.compile(
            rf"(?P<pre>\bof\s+(?:which|them|these)\s+)?{q_num}(?P<post>\s+of\s+(?:which|them|these))?\s+"
            r"(?:\w+\s+)?(?:(?:were|was|have been|had been)\s+)?"
            r"(?:shot down|downed|intercepted|destroyed|neutrali[sz]ed)"
        ),
        "casualties": casualties,
        "area": re.compile(rf"{q_num_start}{q_num}\s*(?:square kilometers|square kilometres|sq\.? km|km2|km²)"),
        "percent": re.compile(rf"{q_num_start}{q_num}\s*(?:%|percent|per cent)(?!\s+of\s+(?:gdp|gross))"),
        "settlements": re.compile(rf"{q_num_start}{q_num}\s+(?:villages|settlements|towns|localities)"),
        "money": re.compile(rf"(?P<c>€|\$|£)\s?{q_num}"),
    }


def _starting(texts: Iterable[str], *, digit: bool = True) -> str:
    """A lookahead for what a match starts with: the first character of one of ``texts``, or a digit. The
    regex engine then skips ahead to such a character instead of trying the whole pattern at every position
    (the patterns run on lowercased text, as the word lists are written)."""
    firsts = "".join(sorted({re.escape(t[0]) for t in texts})) + (r"\d" if digit else "")
    return rf"(?=[{firsts}])"


_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


@cache
def _number_tokens() -> frozenset[str]:
    return frozenset(name.split()[-1] for name in words()["number_words"])


def _may_state_a_number(low: str) -> bool:
    """A cheap test before the real patterns: a digit, or a word that ends a number word ("six", "dozens")."""
    return _DIGIT.search(low) is not None or not _number_tokens().isdisjoint(_WORD.findall(low))


_SETTLEMENT_WORDS = ("villages", "settlements", "towns", "localities")
_LAUNCHED_AFTER = re.compile(r"\s*(?:were\s+)?(?:launched|fired)")
# "Russia launched 3 missiles and 112 drones": a launch verb earlier in the clause, no full stop between
_LAUNCHED_BEFORE = re.compile(r"\b(?:launched|fired|attacked\s+(?:\w+\s+)?with)\b[^.;]*$")
_TERRITORY_WORDS = re.compile(r"\b(?:control|occup|held|holds|territory)")


def _extract(sentence: str) -> dict[str, Any]:
    pat = _patterns()
    low = sentence.lower()
    out: dict[str, Any] = {}
    if not _may_state_a_number(low):
        return out  # most sentences state no figure at all

    # each pattern runs only where its words occur: plain substring tests cost next to nothing
    if any(w in low for w in ("missile", "drone", "rocket")):
        _weapons(low, pat, out)
    for field, (verb_first, number_first) in pat["casualties"].items():
        if not any(v in low for v in words()["casualty_verbs"][field]):
            continue
        m = verb_first.search(low) or number_first.search(low)
        if m and parse_number(m["n"]) is not None and not _is_year(m["n"]):
            out[field] = _value(m["q"], parse_number(m["n"]))

    m = pat["area"].search(low) if ("km" in low or "kilomet" in low) else None
    if m and parse_number(m["n"]) is not None:
        out["area_km2"] = _value(m["q"], parse_number(m["n"]))
    m = pat["percent"].search(low) if ("%" in low or "percent" in low or "per cent" in low) else None
    if m and parse_number(m["n"]) is not None and _TERRITORY_WORDS.search(low):
        out["percent"] = _value(m["q"], parse_number(m["n"]))
    m = pat["settlements"].search(low) if any(w in low for w in _SETTLEMENT_WORDS) else None
    if m and parse_number(m["n"]) is not None:
        out["settlements"] = _value(m["q"], parse_number(m["n"]))
    m = pat["money"].search(low) if any(c in low for c in words()["currencies"]) else None
    if m:
        amount = parse_number(m["n"])
        if amount is not None:
            out["money"] = {"amount": _value(m["q"], amount), "currency": words()["currencies"][m["c"]]}
    return out


def _weapons(low: str, pat: dict[str, Any], out: dict[str, Any]) -> None:
    """Missiles and drones launched and shot down ("6 out of 7 missiles", "71 drones launched")."""
    for m in pat["out_of"].finditer(low):
        kind = "missiles" if m["w"].startswith("missile") else "drones"
        part, total = parse_number(m["a"]), parse_number(m["b"])
        if total is not None:
            out[f"{kind}_launched"] = _value(None, total)
        if part is not None and _shot_down_before(low, m.start()):
            out[f"{kind}_shot_down"] = _value(None, part)
    last_launched: tuple[int, str, float] | None = None  # where the latest launch figure ends, its kind, its number
    for m in pat["weapons"].finditer(low):
        kind = "missiles" if m["w"].startswith(("missile", "rocket")) else "drones"
        number = parse_number(m["n"])
        if number is None:
            continue
        value = _value(m["q"], number)
        if _shot_down_before(low, m.start()):
            out.setdefault(f"{kind}_shot_down", value)
        elif _LAUNCHED_AFTER.match(low, m.end()) or _LAUNCHED_BEFORE.search(low, 0, m.start()):
            out.setdefault(f"{kind}_launched", value)
            last_launched = (m.end(), kind, number)
    for m in pat["of_which"].finditer(low):
        share = parse_number(m["n"])
        # "3 missiles and 112 drones, of which 74 were shot down": the share of the nearest figure it fits
        if not (m["pre"] or m["post"]) or last_launched is None or share is None:
            continue
        if last_launched[0] <= m.start() and share <= last_launched[2]:
            out.setdefault(f"{last_launched[1]}_shot_down", _value(m["q"], share))


def _shot_down_before(low: str, pos: int) -> bool:
    return bool(re.search(r"(?:shot down|shoot down|intercepted|downed|destroyed)[^.;]*$", low[:pos]))


def _is_year(token: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}", token))
