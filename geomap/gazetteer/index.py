"""The name index: built once from the sources, cached as memory-mapped numpy arrays, loaded in milliseconds.

Layout (one directory per source fingerprint under the user cache dir):
place columns (lat, lon, prior, population, ...), display names as one UTF-8 blob with offsets, and
the name index as sorted 64-bit hashes of normalised names with CSR postings into the place rows
(best prior first). Each hash hit is checked against the stored normalised name, so a collision can
never return a wrong place. Nothing is unpickled: a cold load maps the files and reads a small JSON.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from geomap.gazetteer import compass, dumps, romanise, sources, spelling
from geomap.gazetteer.normalize import normalize_name
from geomap.model import GeoPrecision

log = logging.getLogger(__name__)
FORMAT_VERSION = 6
_SOURCES = ("geonames", "curated", "user", "katottg", "register")
_MAX_TOKENS = 7
_BUILDER_MODULES = ("sources.py", "rows.py", "admin2.py", "ukraine.py", "dumps.py", "index.py", "normalize.py",
                    "spelling.py", "romanise.py", "nigeria.py", "compass.py", "spatial.py")
# A name reached only through a GeoNames alternate ("Victoria" for Hong Kong) is a weaker match than a
# primary name or a curated alias.
_ALTERNATE_WEIGHT = 0.8
# Single generic words that some regions carry as a bare name ("West", "Central", "Capital"): as a name
# on their own they mean a direction or an adjective far more often than a Cameroonian region.
_GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center capital coast coastal "
    "island islands republic federal upper lower middle highlands lowlands lakes mountains plateau valley "
    "north east north west south east south west northeast northwest southeast southwest".split()
)


def name_hash(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little")


def prior(row: sources.Row) -> float:
    """How likely a bare mention of this name means this entry, before any context (0..1)."""
    pop_score = min(1.0, math.log10(row.population + 1) / 7.0)
    if row.precision == GeoPrecision.COUNTRY:
        return 1.0
    if row.precision == GeoPrecision.VAGUE:
        return 0.9  # "Africa" is the continent, not an alternate name of Mahdia
    if row.feature_code == "PPLC":
        return 0.85 + 0.1 * pop_score
    if row.feature_code == "ADM1":
        return 0.45 + 0.3 * pop_score
    if row.source in ("curated", "user"):
        return 0.9  # curated entries are the well-known places conflict news names
    return 0.1 + 0.65 * pop_score


def fingerprint(dump_files: tuple[Path, ...] = ()) -> str:
    h = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for path in sources.source_files():
        st = path.stat()
        h.update(f"{path.name}:{st.st_size}:{int(st.st_mtime)}".encode())
    for path in dump_files:  # the user's GeoNames dumps: each set of them has an index of its own
        st = path.stat()
        h.update(f"dump:{path.resolve()}:{st.st_size}:{int(st.st_mtime)}".encode())
    for module in _BUILDER_MODULES:  # the code that builds the index is a source too
        h.update((Path(__file__).parent / module).read_bytes())
    h.update(spelling.rules_text() + romanise.rules_text() + compass.rules_text())
    return h.hexdigest()[:16]


def index_dir(dump_files: tuple[Path, ...] = ()) -> Path:
    return sources.cache_root() / f"gazetteer-{fingerprint(dump_files)}"


def build_index(target: Path, dump_files: tuple[Path, ...] = ()) -> Path:
    """Build the index from the sources and any GeoNames dumps into ``target`` (atomically: a temp dir,
    then a rename)."""
    rows = list(sources.read_rows())
    bundled = len(rows)
    rows += list(dumps.dump_rows(list(dump_files), rows))
    by_gid = {r.geonameid: i for i, r in enumerate(rows) if r.source == "geonames" and r.precision == 1}
    country_row = {r.country_code: i for i, r in enumerate(rows) if r.precision == GeoPrecision.COUNTRY}
    admin1_row = {f"{r.country_code}.{r.admin1}": i for i, r in enumerate(rows) if r.feature_code == "ADM1"}
    aliases = sources.read_aliases()
    for cc, (lat, lon) in aliases.country_points.items():
        if cc in country_row:
            rows[country_row[cc]].lat, rows[country_row[cc]].lon = lat, lon

    postings: dict[str, set[int]] = defaultdict(set)
    strong: set[tuple[str, int]] = set()  # (name, row) pairs matched by a primary name or an alias
    for i, row in enumerate(rows):
        for k, name in enumerate(row.names):
            norm = normalize_name(name)
            if norm not in _GENERIC_WORDS:
                postings[norm].add(i)
                if k == 0 or row.source != "geonames":
                    strong.add((norm, i))
        if row.feature_code == "ADM1":
            for name in row.names:  # "Zaporizhzhia Oblast" is also "... region" and "... province"
                low = name.rsplit(" ", 1)
                if len(low) == 2 and low[1].lower() in ("oblast", "region", "province"):
                    for head in ("oblast", "region", "province"):
                        postings[normalize_name(f"{low[0]} {head}")].add(i)
    curated_links = [(alias, by_gid.get(gid)) for alias, gid in aliases.of_place]
    curated_links += [(alias, country_row.get(cc)) for alias, cc in aliases.of_country]
    curated_links += [(alias, admin1_row.get(code)) for alias, code in aliases.of_region]
    for alias, row_index in curated_links:
        if row_index is not None:
            postings[normalize_name(alias)].add(row_index)
            strong.add((normalize_name(alias), row_index))
    postings.pop("", None)

    priors = np.array([prior(r) for r in rows], dtype=np.float32)
    names = sorted(postings, key=name_hash)
    hashes = np.array([name_hash(n) for n in names], dtype=np.uint64)
    offsets = np.zeros(len(names) + 1, dtype=np.int64)
    flat: list[int] = []
    weights: list[float] = []
    for k, n in enumerate(names):
        scored = sorted(
            ((float(priors[i]) * (1.0 if (n, i) in strong else _ALTERNATE_WEIGHT), i) for i in postings[n]),
            key=lambda t: (-t[0], bool(rows[t[1]].approximation), t[1]),  # at a tie, a place's own point first
        )
        flat.extend(i for _, i in scored)
        weights.extend(w for w, _ in scored)
        offsets[k + 1] = len(flat)

    approximations = sorted({r.approximation for r in rows})  # "" (the place's own point) first
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        arrays = {
            "lat": np.array([r.lat for r in rows], dtype=np.float64),
            "lon": np.array([r.lon for r in rows], dtype=np.float64),
            "prior": priors,
            "population": np.array([r.population for r in rows], dtype=np.int64),
            "geonameid": np.array([r.geonameid for r in rows], dtype=np.int64),
            "precision": np.array([r.precision for r in rows], dtype=np.int8),
            "source": np.array([_SOURCES.index(r.source) for r in rows], dtype=np.int8),
            "country_code": np.array([r.country_code for r in rows], dtype="U3"),
            "admin1": np.array([r.admin1 for r in rows], dtype="U20"),
            "feature_class": np.array([r.feature_class for r in rows], dtype="U1"),
            "feature_code": np.array([r.feature_code for r in rows], dtype="U6"),
            "approximation": np.array([approximations.index(r.approximation) for r in rows], dtype=np.int8),
            "name_hash": hashes,
            # the leading words of every longer name ("new", "new york" for "New York Mills"): the recogniser
            # extends a name one word at a time and stops as soon as no longer name can follow
            "prefix_hash": np.unique(np.array(_prefix_hashes(names), dtype=np.uint64)),
            "posting_offsets": offsets,
            "postings": np.array(flat, dtype=np.int32),
            "posting_prior": np.array(weights, dtype=np.float32),
        }
        arrays.update(_spelling_postings(names))
        arrays.update(_blob("display", [r.name for r in rows]))
        # keys other than "gn:<id>" (curated, register and postal rows), "" for the rest: a blob, not JSON,
        # as a dump can bring millions of them and the JSON is parsed on every load
        arrays.update(_blob("key", ["" if r.key == f"gn:{r.geonameid}" else r.key for r in rows]))
        arrays.update(_blob("norm", names))
        for key, arr in arrays.items():
            np.save(tmp / f"{key}.npy", arr)
        meta = {
            "version": FORMAT_VERSION,
            "stands_for": {str(i): r.stands_for for i, r in enumerate(rows) if r.stands_for},
            "approximations": approximations,
            "dumps": {"files": [str(p) for p in dump_files], "places": len(rows) - bundled},
            "countries": country_row,
            "admin1": admin1_row,
            "demonyms": {normalize_name(w): place for w, place in aliases.demonyms.items()},
            "max_name_tokens": min(_MAX_TOKENS, max(len(n.split()) for n in names)),
        }
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if target.exists():
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("gazetteer index built: %d places, %d names", len(rows), len(names))
    return target


def _spelling_postings(names: list[str]) -> dict[str, np.ndarray]:
    """Spelling keys (see :mod:`geomap.gazetteer.spelling`) as sorted hashes with CSR postings into ``names``."""
    by_key: dict[int, list[int]] = defaultdict(list)
    for k, name in enumerate(names):
        key = spelling.spelling_key(name)
        if key is not None:
            by_key[name_hash(key)].append(k)
    hashes = sorted(by_key)
    offsets = np.zeros(len(hashes) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(by_key[h]) for h in hashes])
    return {"spelling_hash": np.array(hashes, dtype=np.uint64), "spelling_offsets": offsets,
            "spelling_names": np.array([k for h in hashes for k in by_key[h]], dtype=np.int32)}


def _prefix_hashes(names: list[str]) -> list[int]:
    out = []
    for name in names:
        words = name.split(" ")
        out += [name_hash(" ".join(words[:k])) for k in range(1, len(words))]
    return out


def _blob(prefix: str, strings: list[str]) -> dict[str, np.ndarray]:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded])
    return {f"{prefix}_blob": np.frombuffer(b"".join(encoded), dtype=np.uint8), f"{prefix}_offsets": offsets}


def ensure_index(dump_files: tuple[Path, ...] = ()) -> Path:
    """The index directory of the sources (and these GeoNames dumps), building it first when they changed."""
    target = index_dir(dump_files)
    if not (target / "meta.json").exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        log.warning("building the gazetteer index in %s (once; about half a minute, more with big dumps)", target)
        build_index(target, dump_files)
    return target


def load_arrays(folder: Path) -> tuple[dict[str, np.ndarray], dict]:
    # plain ndarray views of the mapped files: no copy, without np.memmap's slow per-item indexing
    arrays = {p.stem: np.asarray(np.load(p, mmap_mode="r")) for p in folder.glob("*.npy")}
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return arrays, meta
