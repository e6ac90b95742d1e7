"""Rendering on two cores (parallel.py): the same bytes as one process, and whatever goes
wrong in the second process fails the build as it would in one."""

import filecmp
import logging
from types import SimpleNamespace

import pytest
from pelican.writers import FileOverwriteFailedError

from claims_explorer import parallel
from claims_explorer.errors import CorpusError, Problem
from conftest import run_explorer
from test_publish import tree

TWO = {"CLAIMS_RENDER_PROCESSES": 2}


def test_two_processes_write_what_one_writes(project, site):
    """The shared site is built on two processes (the default); this one on one."""
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nCLAIMS_RENDER_PROCESSES = 1\n")
    output = project / "one"
    result = run_explorer(project, "build", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert tree(output) == tree(site)
    for name in tree(site):
        assert filecmp.cmp(site / name, output / name, shallow=False), name


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    """The fork is tested even on a machine of one core, where the build would not fork."""
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)


def writer():
    return SimpleNamespace(_written_files={"/site/earlier.html"})


def writes(writer, path):
    """A job writing `path`, refusing to write it twice as Pelican's writer does."""
    def job():
        if path in writer._written_files:
            raise FileOverwriteFailedError(f'Failed to overwrite "{path}"')
        writer._written_files.add(path)
    return job


def test_both_processes_run_their_share_and_the_parent_learns_what_was_written(tmp_path):
    w = writer()
    jobs = [writes(w, f"/site/{n}.html") for n in range(5)]
    marker = tmp_path / "rest-ran"
    parallel.run(jobs, [lambda: marker.write_text("yes")], w, TWO)
    assert w._written_files == {"/site/earlier.html"} | {f"/site/{n}.html" for n in range(5)}
    assert marker.read_text() == "yes"


def test_an_error_in_the_second_process_is_raised_here(tmp_path):
    problem = Problem("claims.yaml", 3, 1, "something is wrong")

    def fail():
        raise CorpusError([problem])

    with pytest.raises(CorpusError) as caught:
        parallel.run([lambda: None], [fail], writer(), TWO)
    assert caught.value.problems == [problem]

    def undefined():
        raise KeyError("party")

    with pytest.raises(RuntimeError, match="party") as caught:
        parallel.run([lambda: None], [undefined], writer(), TWO)
    assert type(caught.value).__name__ == "KeyError"


def test_a_warning_in_the_second_process_is_logged_here(caplog):
    def warn():
        logging.getLogger("pelican.test").warning("a warning from the other process")

    with caplog.at_level(logging.WARNING):
        parallel.run([lambda: None], [warn], writer(), TWO)
    assert [r.getMessage() for r in caplog.records] == ["a warning from the other process"]


def test_one_path_written_twice_fails_whichever_processes_write_it():
    w = writer()
    with pytest.raises(FileOverwriteFailedError, match="same.html"):
        parallel.run([writes(w, "/site/same.html"), writes(w, "/site/same.html")], [], w, TWO)


def test_pelicans_article_pages_are_written_among_the_plugins_on_two_cores(project, monkeypatch):
    """plugin.share_article_pages: Pelican's generator lists its article writes, and they go
    into the pages both processes share, not one after another before them."""
    from pelican.settings import read_settings

    from claims_explorer import cli

    shared = []
    real_run = parallel.run

    def run(pages, rest, writer, settings):
        shared.extend(page.keywords["article"].slug for page in pages if "article" in getattr(page, "keywords", {}))
        return real_run(pages, rest, writer, settings)

    monkeypatch.setattr(parallel, "run", run)
    monkeypatch.chdir(project)
    settings = read_settings("pelicanconf.py", override={"OUTPUT_PATH": str(project / "out")})
    cli.run_pipeline(settings)
    articles = sorted(p.stem for p in (project / "out" / "articles").glob("*.html") if p.stem != "index")
    assert len(articles) >= 3 and sorted(shared) == articles
