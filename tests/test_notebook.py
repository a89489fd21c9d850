"""Run examples/quickstart.ipynb headless, as a user would, and check what they would see."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOK = EXAMPLES / "quickstart.ipynb"


def _kernel_name() -> str:
    """The ``python3`` kernel, registered for this interpreter first if this machine has none."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--user", "--name", "python3"], check=True)
    return "python3"


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return str(data.get("text/html", "")) + str(data.get("text/plain", ""))


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name=_kernel_name(),
                                     resources={"metadata": {"path": str(EXAMPLES)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_runs_without_errors(executed):
    errors = [o for cell in executed for o in cell.outputs if o.output_type == "error"]
    assert not errors, errors


def test_summary_reads_both_seed_documents(executed):
    cell = next(c for c in executed if "result.summary" in c.source)
    assert "documents read: 2, skipped: 0, failed: 0" in "".join(_text(o) for o in cell.outputs)


def test_map_displays_inline(executed):
    cell = next(c for c in executed if "geomap.make_map(" in c.source)
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in cell.outputs)
    assert "<iframe" in html and "leaflet" in html.lower()
    assert "Kyiv" in html  # the 12 February strike on Kyiv is on the map


def test_unplaced_events_are_listed_with_evidence(executed):
    cell = next(c for c in executed if "geometry.isna()" in c.source)
    text = "".join(_text(o) for o in cell.outputs)
    assert "events have no location" in text and "evidence" in text


def test_bar_chart_is_drawn(executed):
    cell = next(c for c in executed if "plot.barh" in c.source)
    assert any("image/png" in o.get("data", {}) for o in cell.outputs)
