"""Word lists for the geoparser, loaded once from ``geomap/data/geoparse_lexicon.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    person_titles: frozenset[str]
    org_heads: frozenset[str]
    org_heads_literal: frozenset[str]
    place_modifiers: frozenset[str]
    connectors: frozenset[str]
    region_heads: frozenset[str]
    speech_verbs: frozenset[str]
    literal_prepositions: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    never_places: frozenset[str]
    organisation_names: frozenset[str]  # "Boko Haram", "Hayat Tahrir al-Sham": bodies whose names hold a place name
    speech_after_person: frozenset[str]
    auxiliaries: frozenset[str]  # "has", "will", "been": verbs that need another after them
    copulas: frozenset[str]  # forms of "be": "Kyiv was hit" says what was done to the place, not what it did
    settlement_nouns: frozenset[str]  # "the village of X": X is a place even when the gazetteer lacks it
    settlement_heads: frozenset[str]  # "X district": likewise
    populated_place_nouns: frozenset[str]  # "the city of X", "X village": a settlement, not an area of that name
    demonym_place_nouns: frozenset[str]  # "the Syrian capital", "the Turkish border": a demonym naming a place
    institution_nouns: frozenset[str]
    # "Fano forces", "Wagner fighters": after a name these make it the name of an armed group (see armed_groups.py)
    armed_actor_nouns: frozenset[str]
    town_institutions: frozenset[str]  # "Cambridge University": bodies named after their town, which is a place
    partner_prepositions: frozenset[str]  # "talks with Moscow": a capital or country as a party
    # "support for Kyiv", "the regime in Damascus": a capital or country after these stands for its government
    actor_phrases: frozenset[tuple[str, ...]]
    literal_phrases: frozenset[tuple[str, ...]]  # "such as", "border with", "leaving for": the name after them is a place
    place_prepositions: frozenset[str]  # "held in Nice": a common word after these may still be a place
    given_name_locales: frozenset[str]  # the locales of Faker's person data whose given names are read
    name_particles: frozenset[str]  # "Mike de Kock": between a given name and a surname
    common_word_zipf: float  # words at least this common in English are ambiguous as names
    initial_word_zipf: float  # at a sentence's start, words this common need more than a small town
    minor_place_prior: float  # below this prior a place must not be a common word to be recognised
    function_word_zipf: float  # "In", "Then": words this common are function words, not given names
    locative_prior_discount: float  # "held in Nice": after a locative preposition a smaller prior suffices


@cache
def load_lexicon() -> Lexicon:
    raw = json.loads(resources.files("geomap.data").joinpath("geoparse_lexicon.json").read_text("utf-8"))
    numbers = {"common_word_zipf", "initial_word_zipf", "minor_place_prior", "locative_prior_discount",
               "function_word_zipf"}
    fields = {name: frozenset(raw[name]) for name in Lexicon.__dataclass_fields__ if name not in numbers}
    for phrases in ("literal_phrases", "actor_phrases"):
        fields[phrases] = frozenset(tuple(phrase.split()) for phrase in raw[phrases])
    return Lexicon(**fields, **{name: float(raw[name]) for name in numbers})


@cache
def word_zipf(word: str) -> float:
    """How common ``word`` is in English (Zipf scale, 0 = unknown, 7 = "the"), case-insensitively."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@cache
def given_names() -> frozenset[str]:
    """Given names ("Sofia", "Victoria", "Austin") from Faker's person data (MIT) of the lexicon's locales.

    Loaded on first use only: most texts never ask, and Faker takes a fifth of a second to import."""
    from importlib import import_module

    names: set[str] = set()
    for locale in sorted(load_lexicon().given_name_locales):
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(name for name in getattr(provider, attr, ()) if name.isalpha())
    return frozenset(names)
