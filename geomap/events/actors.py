"""Who acts in an event: countries, organisations and named officials with their role.

Officials are found by title patterns ("US Defense Secretary Pete Hegseth"); once a document has
introduced someone, a later bare surname ("Hegseth said") refers to the same person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from geomap.events.lexicon import Phrases, fold_case, words
from geomap.gazetteer import Gazetteer
from geomap.model import GeoPrecision, Mention

_NAME = r"(?:[A-Z][a-z-]+|[A-Z]{1,2}\.?)(?:[ \t]+(?:[A-Z][a-z-]+|[A-Z]\.)){0,2}[ \t]+[A-Z][a-z-]+"
_CAPITALISED = re.compile(r"[A-Z][a-z-]+")
_BLANKS = " \t"  # what parts the words of a title and a name
_LEADING_WORDS = re.compile(r"^(?:(?:But|And|The|However|Meanwhile|Also|So|Then|While|As)[ \t]+)+")


@cache
def _title_pattern() -> re.Pattern[str]:
    titles = sorted(words()["person_titles"], key=len, reverse=True)
    title = "|".join(re.escape(t) for t in titles)
    # optional qualifiers before the title: "US", "Ukrainian", "Russia's Foreign Ministry", "UK"
    # qualifiers before the title ("US", "Russia's Foreign Ministry"), on one line, no sentence break
    return re.compile(
        rf"(?P<role>\b(?:(?:[A-Z][\w'\u2019-]*|of|the)[ \t]+){{0,4}}?(?:{title}))(?:,)?[ \t]+(?P<name>{_NAME})"
    )


@cache
def _titles() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for title in words()["person_titles"]:
        automaton.add_word(title, len(title))
    automaton.make_automaton()
    return automaton


def _officials(text: str) -> Iterator[re.Match[str]]:
    """What ``_title_pattern().finditer(text)`` finds, searched for only around the titles in the text.

    A match is a title with at most four words before it and a name of at most four words after it, its
    words parted by blanks (spaces, tabs): it lies within four runs of non-blank characters either side of
    its title. Most of a text is far from any title, and the pattern is slow to rule a position out."""
    windows: list[list[int]] = []
    for last, length in sorted(_titles().iter(text), key=lambda hit: hit[0] - hit[1]):
        start = _run_start(text, last + 1 - length)
        end = _run_end(text, last)
        for _ in range(4):
            start, end = _run_start(text, start - 1), _run_end(text, end)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    pattern = _title_pattern()
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _run_start(text: str, at: int) -> int:
    """Where the run of non-blank characters holding ``at`` starts; the run before, when ``at`` is a blank."""
    while at >= 0 and text[at] in _BLANKS:
        at -= 1
    if at < 0:
        return 0
    return max(text.rfind(" ", 0, at), text.rfind("\t", 0, at)) + 1


def _run_end(text: str, at: int) -> int:
    """Where the run of non-blank characters holding ``at`` ends; the run after, when ``at`` is a blank."""
    while at < len(text) and text[at] in _BLANKS:
        at += 1
    ends = [end for end in (text.find(" ", at), text.find("\t", at)) if end >= 0]
    return min(ends, default=len(text))


@cache
def _org_spellings() -> list[str]:
    listed = words()["organisations"]
    # a name written in lower case ("al-Shabaab") is capitalised at the start of a sentence or by some writers
    return sorted(set(listed) | {o[0].upper() + o[1:] for o in listed}, key=len, reverse=True)


@cache
def _org_spelled() -> ahocorasick.Automaton:
    """Finds the spellings of :func:`_org_pattern` anywhere, words or not: where none stands, it matches nothing."""
    automaton = ahocorasick.Automaton()
    for org in _org_spellings():
        automaton.add_word(org, len(org))
    automaton.make_automaton()
    return automaton


@cache
def _org_pattern() -> re.Pattern[str]:
    orgs = _org_spellings()
    # checking first for a letter some name starts with rules out most positions at once (3x faster)
    first_letters = "".join(sorted({re.escape(o[0]) for o in orgs}))
    return re.compile(rf"(?=[{first_letters}])\b(?:" + "|".join(re.escape(o) for o in orgs) + r")\b")


@dataclass(slots=True)
class PeopleRegistry:
    """Officials introduced so far in a document, by full name and by surname."""

    roles: dict[str, str] = field(default_factory=dict)  # full name -> role
    surnames: dict[str, str] = field(default_factory=dict)  # surname -> full name

    def learn(self, text: str) -> None:
        for m in _officials(text):
            name = m["name"].strip()
            role = _LEADING_WORDS.sub("", " ".join(m["role"].split()))
            if name.split()[-1].lower() in {"said", "says"}:
                continue
            self.roles.setdefault(name, role)
            surname = name.split()[-1]
            self.surnames.setdefault(surname, name)
            # "Zelensky" and "Zelenskyy": a spelling variant ending differs by a letter
            self.surnames.setdefault(surname.rstrip("y"), name)

    def mentioned_in(self, sentence: str) -> list[str]:
        found: list[str] = []
        if not self.surnames:
            return found  # most documents introduce no official
        for token in _CAPITALISED.findall(sentence):
            full = self.surnames.get(token) or self.surnames.get(token.rstrip("y"))
            if full and full not in found:
                found.append(full)
        return found

    def label(self, name: str) -> str:
        role = self.roles.get(name)
        return f"{name} ({role})" if role else name


def find_actors(sentence: str, mentions: Sequence[Mention], people: PeopleRegistry, gaz: Gazetteer) -> list[str]:
    """Actors named in one sentence: officials (with role), organisations, and the states that
    countries, capitals and seats stand for ("Moscow has denied" -> Russia)."""
    actors: list[str] = [people.label(n) for n in people.mentioned_in(sentence)]
    # one pass in C rules out the many sentences that name no organisation, before the slower pattern
    for m in _org_pattern().finditer(sentence) if next(_org_spelled().iter(sentence), None) else ():
        if m.group(0) not in actors:
            actors.append(m.group(0))
    for mention in mentions:
        name = _state_of(mention, gaz)
        if name and name not in actors:
            actors.append(name)
    return actors


def _state_of(mention: Mention, gaz: Gazetteer) -> str | None:
    place = mention.place
    if place is None or mention.role != "associative" or not place.country_code:
        return None
    if place.precision == GeoPrecision.COUNTRY:
        return place.name
    if place.precision == GeoPrecision.SITE and (place.feature_code == "PPLC" or gaz.stands_for(place)):
        country = gaz.country(place.country_code)
        return country.name if country else None
    return None


def unnamed_speaker(before: str) -> str | None:
    """Who speaks, when the words ``before`` a statement's verb name no one but an office or a body ("police in
    Vienna said", "the minister urged"): the last speaker noun of lexicon.json ``speaker_nouns`` there."""
    held = _speaker_nouns().held_by(before)
    folded = fold_case(before)
    return max(held, key=lambda noun: (folded.rfind(noun) + len(noun), len(noun))) if held else None


@cache
def _speaker_nouns() -> Phrases:
    return Phrases(words()["speaker_nouns"])
