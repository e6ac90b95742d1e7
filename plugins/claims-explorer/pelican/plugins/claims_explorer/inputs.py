"""Everything a build reads, as one digest: an unchanged rebuild writes nothing.

The digest covers every file under the content folder, the theme and the plugin folders,
claims.yaml, the settings file and the Python files beside it (publishconf.py imports
pelicanconf.py), the settings as read (SITEURL from the environment included), the
environment variables the build reads, and the installed packages with their versions. It
is kept in Pelican's cache folder with the name of the build folder it produced
(staging.py), so it only ever vouches for the site that is live.
"""

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path

from .pelican_adapter import claims_path

ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # read by the build itself, not through the settings


def digest(settings, settings_file):
    """SHA-256 of everything the build reads."""
    hashed = hashlib.sha256()
    files = {Path(claims_path(settings))}
    for folder in [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]:
        files.update(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    settings_folder = Path(settings_file).resolve().parent
    files.update(settings_folder.glob("*.py"))
    for path in sorted(files):
        hashed.update(str(path).encode() + b"\0")
        hashed.update(path.read_bytes() if path.is_file() else b"(missing)")
    facts = {"settings": settings, "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
             "python": sys.version, "packages": packages()}
    hashed.update(json.dumps(facts, sort_keys=True, default=_name).encode())
    return hashed.hexdigest()


@functools.cache
def packages():
    """The installed packages, name==version, sorted: read once a process (each build is a
    process of its own, and the one forked to render inherits them), as reading them parses
    every package's metadata."""
    return sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())


def _name(value):
    """Settings that are not JSON (functions, classes) by their type: the file that defines
    them is hashed already."""
    return type(value).__name__


def stamp_file(settings, output):
    key = hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"build-{key}.json"


def up_to_date(settings, output, inputs):
    """True if `output` is live and was built from exactly these inputs."""
    stamp, live = stamp_file(settings, output), Path(output)
    if not (stamp.is_file() and live.is_dir()):
        return False
    try:
        return json.loads(stamp.read_text()) == {"inputs": inputs, "build": live.resolve().name}
    except ValueError:  # a damaged stamp: build
        return False


def record(settings, output, inputs):
    """After a build was published: the inputs it was built from."""
    stamp = stamp_file(settings, output)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"inputs": inputs, "build": Path(output).resolve().name}))
