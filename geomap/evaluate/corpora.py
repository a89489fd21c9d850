"""Readers for the gold geoparsing corpora (GeoWebNews, LGL) kept outside the repository.

The corpora live in ``../shared/eval/`` (or ``$GEOMAP_EVAL_DIR``); they are read, never copied.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: GeoWebNews pragmatic types that denote a location (the rest are associative uses).
GWN_LITERAL_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion"})
#: Types that mark something other than a toponym; excluded from scoring, as the corpus README says.
GWN_EXCLUDED_TYPES = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    literal: bool | None  # None where the corpus does not say
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    url: str | None = None  # where it was published: documents of one outlet share context


def default_eval_dir() -> Path:
    env = os.environ.get("GEOMAP_EVAL_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in (Path.cwd(), *here.parents):
        candidate = parent.parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return Path("../shared/eval")


def read_geowebnews(path: Path) -> Iterator[GoldArticle]:
    for art in ET.parse(path).getroot().iter("article"):
        topos = []
        for t in art.iter("toponym"):
            kind = _text(t, "type")
            if kind in GWN_EXCLUDED_TYPES:
                continue
            topos.append(
                GoldToponym(
                    start=int(_text(t, "start")),
                    end=int(_text(t, "end")),
                    text=_text(t, "extractedName"),
                    literal=kind in GWN_LITERAL_TYPES,
                    lat=_float(_text(t, "latitude")),
                    lon=_float(_text(t, "longitude")),
                    geonameid=_int(_text(t, "geonamesID")),
                )
            )
        yield GoldArticle(art.get("file", ""), _text(art, "text"), tuple(topos), _text(art, "link") or None)


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    for art in ET.parse(path).getroot().iter("article"):
        topos = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            topos.append(
                GoldToponym(
                    start=int(_text(t, "start")),
                    end=int(_text(t, "end")),
                    text=_text(t, "phrase"),
                    literal=None,
                    lat=_float(_text(gaz, "lat")) if gaz is not None else None,
                    lon=_float(_text(gaz, "lon")) if gaz is not None else None,
                    geonameid=_int(gaz.get("geonameid", "")) if gaz is not None else None,
                )
            )
        yield GoldArticle(art.get("docid", ""), _text(art, "text"), tuple(topos), _text(art, "url") or None)


def _text(node: ET.Element | None, tag: str) -> str:
    child = node.find(tag) if node is not None else None
    return (child.text or "") if child is not None else ""


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
