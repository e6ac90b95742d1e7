"""Shared fixtures: the real site built once into a temp folder, and throwaway project
copies for tests that break claims.yaml on purpose.

`make test` runs the tests on every core with pytest-xdist; a site that many tests read is
built once per run, not once per worker (`built_once`)."""

import fcntl
import json
import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pages import serve as serving  # audit/pages.py: a folder served over loopback HTTP

PROJECT = Path(__file__).resolve().parents[1]
PLUGIN_FOLDER = "plugins/claims-explorer/pelican/plugins"  # holds the claims_explorer package
PROJECT_FILES = ["content", "themes", "plugins", "pelicanconf.py", "publishconf.py", "claims.yaml"]


def run_explorer(project, *args, env=None):
    """Run `python -m claims_explorer ARGS` in `project` as `make` would."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(project / PLUGIN_FOLDER)}
    return subprocess.run(
        [sys.executable, "-m", "claims_explorer", *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def copy_project(target):
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def built_once(tmp_path_factory, name, build):
    """A folder made by `build(folder)` once per test run: under xdist the first worker to
    ask builds it while the others wait, and all read the same folder (no test may write
    into it). `build` gets a path that does not exist yet."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # no xdist: this process is the run
        folder = tmp_path_factory.mktemp(name) / name
        build(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent  # the run's folder, shared by its workers
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder, done = root / name, root / f"{name}.done"
        if not done.exists():
            build(folder)
            done.touch()
    return folder


def build_site(output, *args, env=None):
    result = run_explorer(PROJECT, "build", *args, "-o", str(output), env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real project built into a temp folder; returns the output folder."""
    return built_once(tmp_path_factory, "site", build_site)


@pytest.fixture
def project(tmp_path):
    """A copy of the project that a test may edit."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def source_yaml():
    """claims.yaml as an independent reader sees it (PyYAML), to compare with the output."""
    return yaml.safe_load((PROJECT / "claims.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def data(site):
    return {name: json.loads((site / "data" / f"{name}.json").read_text()) for name in ("claims", "events")}


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def words(text):
    """Text with white space collapsed, as a reader sees it."""
    return " ".join(text.split())


def resolve(document, href):
    """A link in `document` (from the site root) as a path from the site root."""
    path, _, fragment = posixpath.normpath(posixpath.join(posixpath.dirname(document), href)).partition("#")
    return f"{path}#{fragment}" if fragment else path


def list_pages(site, first):
    """Every page of a paginated list, from the first, as a reader finds them: by each
    page's rel=next link."""
    pages, path = [], first
    while path:
        assert path not in pages, f"{path}: the next links go round in a circle"
        pages.append(path)
        link = soup(site / path).find("link", rel="next")
        path = link and resolve(path, link["href"])
    return pages


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def harbour(project):
    """A project copy whose content and claims.yaml are the synthetic 'harbour' corpus."""
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURES / "harbour" / "content", project / "content")
    shutil.copy(FIXTURES / "harbour" / "claims.yaml", project / "claims.yaml")
    return project


def line_of(path, text, occurrence=1):
    """1-based line number of the `occurrence`-th line containing `text`."""
    hits = [n for n, line in enumerate(Path(path).read_text().splitlines(), 1) if text in line]
    return hits[occurrence - 1]


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright drives Debian's chromium; no browser is ever downloaded."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def server(site):
    """The built site served over loopback HTTP."""
    with serving(site) as url:
        yield url
