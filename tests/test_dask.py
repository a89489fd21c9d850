"""A run on a Dask cluster (a LocalCluster here) gives the local run's events, and partitioned GeoParquet."""

from __future__ import annotations

from pathlib import Path

import pytest

import geomap

distributed = pytest.importorskip("distributed")
dask_geopandas = pytest.importorskip("dask_geopandas")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _records(events):
    return sorted((e.to_record() for e in events), key=lambda r: r["id"])


def test_dask_run_equals_the_local_run(scheduler):
    local = geomap.run_pipeline([SEEDS])
    remote = geomap.run_pipeline([SEEDS], engine="dask", scheduler=scheduler)
    assert remote.summary.documents == local.summary.documents == 2
    assert _records(remote.events) == _records(local.events)


def test_partitioned_geoparquet_reads_back_in_dask_geopandas(tmp_path):
    from geomap.dask_engine import write_partitioned_parquet

    events = geomap.run_pipeline([SEEDS]).events
    out = write_partitioned_parquet(events, tmp_path / "events", partitions=3)
    assert len(list(out.glob("*.parquet"))) == 3
    frame = dask_geopandas.read_parquet(out).compute()
    assert sorted(frame["id"]) == sorted(e.id for e in events)
    assert frame.crs.to_epsg() == 4326
    kyiv = frame[frame["place_name"] == "Kyiv"]
    assert len(kyiv) and abs(kyiv.geometry.iloc[0].x - 30.52) < 0.1


def test_an_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="engine"):
        geomap.run_pipeline([SEEDS], engine="spark")


def test_cli_exports_partitioned_geoparquet_from_a_dask_run(scheduler, tmp_path):
    from typer.testing import CliRunner

    from geomap.cli import app

    out = tmp_path / "events"
    result = CliRunner().invoke(app, ["export", str(SEEDS), "--engine", "dask", "--scheduler", scheduler,
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = dask_geopandas.read_parquet(out).compute()
    assert len(frame) == len(geomap.run_pipeline([SEEDS]).events)


def test_ingest_on_dask_stores_what_a_local_ingest_stores(scheduler, tmp_path):
    from geomap.store import EventStore, ingest

    local = ingest([SEEDS], tmp_path / "local.gpkg")
    remote = ingest([SEEDS], tmp_path / "dask.gpkg", engine="dask", scheduler=scheduler)
    assert (remote.documents, remote.events_stored) == (local.documents, local.events_stored)
    with EventStore(tmp_path / "local.gpkg") as a, EventStore(tmp_path / "dask.gpkg") as b:
        assert sorted(e.id for e in a.events()) == sorted(e.id for e in b.events())
