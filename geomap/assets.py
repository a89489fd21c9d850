"""Local copies of the map's third-party web assets, taken from the npm registry at set-up time.

Folium's maps load Leaflet and its plugins from CDNs. For maps that must work offline (``--offline``)
and for browser tests on machines without the internet, ``python -m geomap.assets fetch`` packs the
same packages at the same versions from the npm registry (``npm pack``) into the user cache directory.
Nothing third-party is committed to this repository. :func:`local_file` maps a CDN URL to its copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path


@cache
def _config() -> dict:
    return json.loads(resources.files("geomap.data").joinpath("web_assets.json").read_text("utf-8"))


def assets_dir() -> Path:
    env = os.environ.get("GEOMAP_ASSETS_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geomap")) / "web-assets"


def fetch(dest: Path | None = None) -> Path:
    """Pack every package of ``web_assets.json`` from the npm registry and unpack it under ``dest``."""
    dest = dest or assets_dir()
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed: it is needed once to fetch the map's web assets")
    for spec in _config()["packages"]:
        target = dest / spec
        if (target / "package.json").exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([npm, "pack", spec, "--silent", "--pack-destination", tmp],
                                 check=True, capture_output=True, text=True)
            tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
            staging = Path(tmp) / "unpacked"
            with tarfile.open(tarball) as tar:
                tar.extractall(staging, filter="data")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(staging / "package"), target)
    return dest


def local_file(url: str, root: Path | None = None) -> Path | None:
    """The local copy of a CDN ``url``, or None when it is not (or not yet) fetched."""
    root = root or assets_dir()
    for rule in _config()["rules"]:
        if not url.startswith(rule["prefix"]):
            continue
        rest = url[len(rule["prefix"]):].split("?", 1)[0].split("#", 1)[0]
        if rule["npm"] == "from-url":
            scoped = rest.startswith("@")
            parts = rest.split("/", 2 if scoped else 1)
            spec, path = ("/".join(parts[:2]), parts[2]) if scoped else (parts[0], parts[1] if len(parts) > 1 else "")
            candidate = root / spec / path
        elif rule["folder"].endswith("/") or not rule["folder"]:
            candidate = root / rule["npm"] / rule["folder"] / rest
        else:
            candidate = root / rule["npm"] / rule["folder"]
        if not candidate.is_file() and ".min." in candidate.name:
            candidate = candidate.with_name(candidate.name.replace(".min.", "."))  # the package ships it unminified
        return candidate if candidate.is_file() else None
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["fetch"]:
        print("usage: python -m geomap.assets fetch [DEST]", file=sys.stderr)
        return 2
    dest = fetch(Path(args[1]) if len(args) > 1 else None)
    print(f"web assets in {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
