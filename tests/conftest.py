"""Shared fixtures of the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def depot_csv(tmp_path: Path) -> Path:
    """A user's gazetteer file in the curated format, holding one site the registries lack: Depot Seventeen."""
    header = (Path(__file__).parents[1] / "gazetteer" / "places.csv").read_text("utf-8").splitlines()[0]
    columns = header.split(",")
    row = {c: "" for c in columns} | {
        "key": "depot-17", "name": "Depot Seventeen", "lat": "48.5", "lon": "37.9", "country_code": "UA",
        "feature_class": "S", "feature_code": "MILB", "precision": "1", "source": "test row",
    }
    extra = tmp_path / "mine.csv"
    extra.write_text(header + "\n" + ",".join(row[c] for c in columns) + "\n", "utf-8")
    return extra
