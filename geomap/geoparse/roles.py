"""Literal or associative: is the name a location, or a stand-in for a government, people or organisation?

"an attack on Kyiv", "met in Paris" are literal; "Kyiv claims", "Moscow has denied", "Russian forces",
"Ukraine Defense Contact Group" are associative. Associative mentions still resolve (they give actors
and countries) but never become event locations by themselves.
"""

from __future__ import annotations

from functools import cache

from geomap.geoparse.lexicon import load_lexicon
from geomap.geoparse.recognize import Candidate
from geomap.model import GeoPrecision, Place, Role

_OFFICES = frozenset({"defense", "defence", "foreign", "interior", "treasury", "state", "armed", "air", "military",
                      "security", "intelligence", "special", "national", "federal", "navy", "border", "energy"})
_ADVERBS = frozenset({"also", "now", "still", "again", "already", "once", "later", "then", "never", "not", "too"})


def _modifies_its_word(cand: Candidate) -> bool:
    """"the Russian-occupied city": a demonym joined to lower-case words modifies them, not the noun after
    them; "the Lebanese-Israeli border" joins names, which the noun after it is of."""
    word = cand.tokens[cand.first].text
    return word != cand.text and any(part[:1].islower() for part in word.split("-"))


def assign_role(cand: Candidate, place: Place | None, *, stands_for: str | None = None) -> Role:
    """The role of one recognised name, from its form and the words around it."""
    lex = load_lexicon()
    if cand.kind == "demonym" and not cand.adjectival and not _modifies_its_word(cand):
        after = cand.word_after()
        return "literal" if after in lex.demonym_place_nouns else "associative"  # "the Syrian capital"
    if cand.kind == "demonym" or cand.in_org_name or cand.adjectival:
        return "associative"
    tokens = cand.tokens
    before = _words_before(cand, lex.place_modifiers)
    prev_word = before[-1] if before else ""
    can_stand_for_actor = stands_for is not None or (
        place is not None and (place.precision == GeoPrecision.COUNTRY or place.feature_code == "PPLC")
    )
    if can_stand_for_actor and _after_phrase(before, lex.actor_phrases):
        return "associative"  # "support for Kyiv", "not to abandon Kyiv", "the government in Kyiv"
    if prev_word in lex.literal_prepositions or _based_in(cand) or _after_phrase(before, lex.literal_phrases):
        return "literal"
    if _names_an_institution(cand, lex):
        return "associative"
    if not can_stand_for_actor:
        # a state or province speaks through its government too: "Tamil Nadu said", "Texas sued"
        is_region = place is not None and place.feature_code == "ADM1"
        return "associative" if is_region and _followed_by_verb(cand, lex.speech_verbs) else "literal"
    if prev_word in lex.partner_prepositions:
        return "associative"  # "talks with Moscow", "sanctions against Russia" (not "the border with Mexico")
    nxt = cand.last + 1
    if nxt < len(tokens) and tokens[nxt].text in {"'s", "\u2019s"}:
        # "Russia's war" stands for the state; "Russia's Kursk region" is a place
        after = tokens[nxt + 1].text if nxt + 1 < len(tokens) else ""
        named_place = after[:1].isupper() and not _office_in_run(tokens, nxt + 1, lex)
        return "literal" if named_place or after.lower() in lex.region_heads else "associative"
    if _followed_by_verb(cand, lex.speech_verbs):
        return "associative"
    if nxt < len(tokens) and _is_office_word(tokens[nxt].text, lex):
        return "associative"  # "US Defense Secretary", "Ukraine Foreign Ministry"
    if stands_for is not None or place.precision == GeoPrecision.COUNTRY:
        # "the Kremlin" as an institution; a country named outside a locative phrase is mostly its state
        return "associative"
    return "literal"


def _after_phrase(before: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether the words before the name end in one of ``phrases``."""
    return any(tuple(before[-n:]) in phrases for n in _phrase_lengths(phrases) if n <= len(before))


@cache
def _phrase_lengths(phrases: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
    """How many words the phrases have: the words before a name are looked up once per length, not per phrase."""
    return tuple(sorted({len(phrase) for phrase in phrases}))


def _names_an_institution(cand: Candidate, lex) -> bool:
    """"Rome police captain", "Manila Archbishop", "Kyiv officials": a place naming the people or body after it."""
    nxt = cand.last + 1
    if nxt >= len(cand.tokens):
        return False
    low = cand.tokens[nxt].text.lower()
    if low in lex.org_heads_literal:
        return False  # "Kyiv airport", "Kharkiv station" are places
    return low in lex.institution_nouns or low in lex.person_titles or (
        low in lex.org_heads and not cand.tokens[nxt].text[:1].isupper()
    )


def _based_in(cand: Candidate) -> bool:
    """"Britain-based", "Kyiv-based": where something is."""
    token = cand.tokens[cand.first].text
    return token.lower().endswith("-based") and token.startswith(cand.text)


def _office_in_run(tokens: list, k: int, lex) -> bool:
    """"Russia's Deputy Prime Minister", "Britain's High Court": an office or body among the capitalised
    words from ``k`` on."""
    while k < len(tokens) and tokens[k].text[:1].isupper():
        if _is_office_word(tokens[k].text, lex):
            return True
        k += 1
    return False


def _is_office_word(word: str, lex) -> bool:
    low = word.lower()
    return word[:1].isupper() and (low in lex.person_titles or low in lex.org_heads or low in _OFFICES)


def _words_before(cand: Candidate, modifiers: frozenset[str], n: int = 3) -> list[str]:
    """The ``n`` words before the name and its modifiers: [.., "in"] for "in the northern Israel" and for
    "over northern and southern Iraq"."""
    tokens = cand.tokens
    k = cand.first - 1
    while k >= 0 and (
        tokens[k].text.lower() in modifiers or tokens[k].text.lower() == "the"
        or (tokens[k].text.lower() in ("and", "or") and k > 0 and tokens[k - 1].text.lower() in modifiers)
    ):
        k -= 1
    return [t.text.lower() for t in tokens[max(0, k - n + 1) : k + 1]]


def _followed_by_verb(cand: Candidate, verbs: frozenset[str]) -> bool:
    """"Moscow has denied", "Russia and Ukraine have accused", "Kyiv, which ..., says"; not "Kyiv was hit" nor
    "Kyiv has been shelled", where a form of "be" makes the place what the verb is done to."""
    tokens = cand.tokens
    k = cand.last + 1
    # skip a coordinated subject: "Russia and Ukraine", "Washington, Moscow and Kyiv"
    while k + 1 < len(tokens) and tokens[k].text.lower() in {"and", ","} and tokens[k + 1].text[:1].isupper():
        k += 2
    while k < len(tokens) and tokens[k].text.lower() in _ADVERBS:
        k += 1
    if not (k < len(tokens) and tokens[k].text.lower() in verbs):
        return False
    lex = load_lexicon()
    passive = False
    while k < len(tokens) and (tokens[k].text.lower() in lex.auxiliaries or tokens[k].text.lower() in _ADVERBS):
        passive = passive or tokens[k].text.lower() in lex.copulas
        k += 1
    if not passive:
        return True
    # "Moscow is expected to", "Kyiv was accused of": after "be", only a verb of the list says it acts or speaks
    return k < len(tokens) and tokens[k].text.lower() in verbs and tokens[k].text.lower() not in lex.auxiliaries


def coordinated_roles(cands: list[Candidate], roles: list[Role]) -> list[Role]:
    """Names in one list share the role of its first: "in Cyprus, Greece, Italy or Spain" are all places, and so
    is the country after a town too small for the gazetteer ("in Kananaskis, Canada")."""
    out = list(roles)
    for k in range(1, len(cands)):
        prev, cand = cands[k - 1], cands[k]
        if cand.kind != "name" or prev.kind == "demonym" or prev.sentence is not cand.sentence:
            continue
        if out[k - 1] != "literal" or not 0 < cand.first - prev.last - 1 <= 2:
            continue  # only a literal name begins such a list, and one or two words join its names
        between = [t.text.lower() for t in cand.tokens[prev.last + 1 : cand.first]]
        if between in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
            if not _followed_by_verb(cand, load_lexicon().speech_verbs):
                out[k] = "literal"
    return out
