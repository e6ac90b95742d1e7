"""Atomic builds (staging.py): a build that fails at any step, the search index included,
leaves the last good site byte for byte and says so; one that succeeds replaces it whole."""

import gzip
import json
import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings

from claims_explorer import search, staging
from conftest import run_explorer

CLAIM_TEXT = "text: Washington vows to quit the INF Treaty."


def snapshot(output):
    """Every file of the site as a reader of `output` gets it: path -> bytes."""
    return {path.relative_to(output).as_posix(): path.read_bytes()
            for path in sorted(output.rglob("*")) if path.is_file()}


def build(project, *args, env=None):
    return run_explorer(project, "build", *args, "-o", str(project / "output"), env=env)


def builds(project):
    """The builds kept beside the output (hidden names: the lock, builds being deleted)."""
    return sorted(p.name for p in (project / ".output.builds").iterdir() if not p.name.startswith("."))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_a_template(project):
    """A filter that does not exist: Jinja fails when Pelican first renders a claim page,
    after the article pages are written."""
    edit(project / "themes/explorer/templates/claim.html", "{% block content %}",
         "{% block content %}{{ claim.id | no_such_filter }}")


def break_pagefind(project):
    """A `pagefind` module that fails, found first on the build's PYTHONPATH (the plugin
    folder), and a changed claim, so the search index must be rebuilt: the very last step."""
    fake = project / "plugins/claims-explorer/pelican/plugins/pagefind"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text('raise SystemExit("Error: no space left on device")\n')
    edit(project / "claims.yaml", CLAIM_TEXT, "text: Washington vows to leave the INF Treaty.")


@pytest.mark.parametrize("breaking", [break_a_template, break_pagefind])
@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_a_failed_build_leaves_the_last_good_site_byte_for_byte(project, breaking, settings):
    env = {"SITEURL": "https://example.org/inf"}
    good = build(project, "-s", settings, env=env)
    assert good.returncode == 0, good.stderr
    output = project / "output"
    before, live = snapshot(output), output.resolve()
    assert len(before) > 100 and "index.html" in before and "pagefind/pagefind-entry.json" in before

    breaking(project)
    failed = build(project, "-s", settings, env=env)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1] == \
        "The build failed; output still holds the last good site, unchanged."
    assert output.resolve() == live
    assert snapshot(output) == before
    assert builds(project) == [live.name], "the failed build's folder is removed"


def test_a_good_build_replaces_the_site_whole(project):
    assert build(project).returncode == 0
    output = project / "output"
    first = output.resolve()
    edit(project / "claims.yaml", CLAIM_TEXT, "text: Washington vows to leave the INF Treaty.")
    assert build(project).returncode == 0
    assert output.resolve() != first, "a new build folder, swapped in"
    assert any("vows to leave" in p.read_text() for p in (output / "claims").glob("*.html"))
    assert not any("Washington vows to quit the INF Treaty" in p.read_text() for p in (output / "claims").glob("*.html"))
    assert builds(project) == sorted([first.name, output.resolve().name]), "the live build and the one before"
    edit(project / "claims.yaml", "vows to leave", "vows to exit")
    assert build(project).returncode == 0
    assert first.name not in builds(project), "older builds are removed"


def test_an_unchanged_rebuild_writes_nothing_and_any_change_rebuilds(project):
    """The build's inputs as one digest (inputs.py): the same inputs, no new build at all."""
    env = {"SITEURL": "https://example.org/inf"}
    assert build(project, "-s", "publishconf.py", env=env).returncode == 0
    output = project / "output"
    live = output.resolve()
    files = {p: p.stat().st_mtime_ns for p in live.rglob("*")}

    def unchanged():
        again = build(project, "-s", "publishconf.py", env=env)
        assert again.returncode == 0, again.stderr
        return "Nothing changed since the last build: output is up to date." in again.stdout

    article = next((project / "content/articles").glob("*.md"))
    article.write_bytes(article.read_bytes())  # saved again, the same bytes
    assert unchanged()
    assert output.resolve() == live and {p: p.stat().st_mtime_ns for p in live.rglob("*")} == files
    assert builds(project) == [live.name]

    edits = [lambda: edit(project / "claims.yaml", CLAIM_TEXT, "text: Washington vows to leave the INF Treaty."),
             lambda: edit(article, "\n\n", "\n\n\n"),
             lambda: edit(project / "themes/explorer/templates/base.html", "<body", "<body "),
             lambda: env.update(SITEURL="https://example.org/elsewhere")]
    for change in edits:
        change()
        assert not unchanged()
        assert output.resolve() != live
        live = output.resolve()
        assert unchanged()


def test_a_real_output_folder_is_replaced_by_the_first_build(project):
    """`-o DIR` on an existing folder (an older build, or one a test made): kept aside, and
    `DIR` becomes the link to the new build."""
    output = project / "output"
    output.mkdir()
    (output / "stale.html").write_text("from an older build")
    assert build(project).returncode == 0
    assert output.is_symlink() and (output / "index.html").is_file()
    assert not (output / "stale.html").exists()


def test_a_first_build_that_fails_writes_nothing(project):
    break_a_template(project)
    failed = build(project)
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines()[-1] == "The build failed; nothing was written to output."
    assert not (project / "output").exists() and not (project / ".output.builds").exists()


def test_pages_first_keeps_the_new_pages_when_the_index_fails_and_indexes_again_next_time(project):
    """`build --pages-first` (the devserver's): the pages are published, then the stale search
    bundle is indexed in a second swap. If that fails, the site keeps its new pages and the
    index of the build before, says so, and the next build indexes again."""
    assert build(project).returncode == 0
    output = project / "output"
    index_before = {p: b for p, b in snapshot(output).items() if p.startswith("pagefind")}
    assert index_before
    break_pagefind(project)  # and a claim's text changed, so the claims' bundle is stale

    failed = build(project, "--pages-first")
    assert failed.returncode == 1
    assert "Published the pages in" in failed.stdout
    assert "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1] == (
        "The search index could not be brought up to date; output holds the new pages, "
        "searched with the index of the build before.")
    site = snapshot(output)
    assert {p: b for p, b in site.items() if p.startswith("pagefind")} == index_before
    assert any(b"vows to leave the INF Treaty." in b for p, b in site.items() if p.startswith("claims/"))

    assert "1 problem found; the pages were published, not the search index." in failed.stderr
    shutil.rmtree(project / "plugins/claims-explorer/pelican/plugins/pagefind")  # Pagefind works again
    again = build(project, "--pages-first")
    assert again.returncode == 0, again.stderr
    assert "Nothing changed" not in again.stdout, "no inputs were recorded: the index is still to be made"
    index_after = {p: b for p, b in snapshot(output).items() if p.startswith("pagefind-claims/")}
    assert index_after != {p: b for p, b in index_before.items() if p.startswith("pagefind-claims/")}
    assert "Nothing changed since the last build" in build(project, "--pages-first").stdout

    cold = run_explorer(project, "build", "-o", str(project / "cold"))  # the same inputs, from nothing
    assert cold.returncode == 0, cold.stderr
    site, cold_site = snapshot(output), snapshot(project / "cold")
    assert {p: b for p, b in site.items() if not p.startswith("pagefind")} == \
        {p: b for p, b in cold_site.items() if not p.startswith("pagefind")}
    assert titles(site, "pagefind-claims/") == titles(cold_site, "pagefind-claims/")


def titles(site, bundle):
    """The titles of the pages a search bundle holds (its fragments are gzip, JSON)."""
    found = set()
    for path, data in site.items():
        if path.startswith(bundle + "fragment/"):
            text = gzip.decompress(data)
            found.add(json.loads(text[len(b"pagefind_dcd"):])["meta"]["title"])
    return found


def test_indexing_a_staged_build_reads_only_the_pages_it_does_not_know(project, monkeypatch):
    """search.py's `_Known`: a page of a staged build that is the live build's own file,
    hard-linked, is not read again (its digest and sort key are remembered from the live
    build's indexing); one written anew is read, even with the same bytes."""
    assert build(project).returncode == 0
    output = project / "output"
    live = output.resolve()
    settings = read_settings(str(project / "pelicanconf.py"))
    settings["CACHE_PATH"] = str(project / "cache")
    stage = live.parent / "a-stage"
    staging.link_tree(live, stage, leave_out=search.bundle_folders(live))
    claim = next(p.relative_to(stage).as_posix() for p in sorted((stage / "claims").glob("*.html"))
                 if b"data-pagefind-body" in p.read_bytes())
    text = (stage / claim).read_bytes()
    (stage / claim).unlink()
    (stage / claim).write_bytes(text)  # the same bytes, in a file of its own

    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path) or real(path))
    assert search.index(settings, stage, live=output) == []
    assert [p.relative_to(stage).as_posix() for p in read if stage in p.parents] == [claim]
    bundles = search.bundle_folders(live)
    assert len(bundles) >= 2 and search.bundle_folders(stage) == bundles
    assert all((stage / b / "pagefind-entry.json").samefile(live / b / "pagefind-entry.json") for b in bundles), \
        "every bundle kept: nothing Pagefind reads changed"


@pytest.mark.parametrize("damage", ["not json", '{"build": 1, "pages": []}', '["x"]', "every entry [1, 2]"])
def test_a_damaged_search_cache_is_read_as_nothing_known(project, damage):
    """search.py's memory of the pages is a cache: whatever is in it, the build works."""
    assert build(project).returncode == 0
    [cache] = (project / "cache").glob("search-pages-*.json")
    if damage == "every entry [1, 2]":  # for the live build, each page's entry unusable
        saved = json.loads(cache.read_text())
        damage = json.dumps({**saved, "pages": {path: [1, 2] for path in saved["pages"]}})
    cache.write_text(damage)
    edit(project / "claims.yaml", CLAIM_TEXT, "text: Washington vows to leave the INF Treaty.")
    again = build(project)
    assert again.returncode == 0, again.stderr
    assert "indexed:" in again.stderr + again.stdout


@pytest.mark.parametrize("cache", ["pages-*.json", "build-*.json"])
@pytest.mark.parametrize("damage", ["not json", '["x"]', '{"build": 1, "pages": []}'])
def test_a_damaged_cache_of_pages_or_inputs_means_a_build_not_a_failure(project, cache, damage):
    """The digests of the live build's pages (digests.py) and of its inputs (inputs.py) are
    caches too."""
    assert build(project).returncode == 0
    for path in (project / "cache").glob(cache):
        path.write_text(damage)
    edit(project / "claims.yaml", CLAIM_TEXT, "text: Washington vows to leave the INF Treaty.")
    again = build(project)
    assert again.returncode == 0, again.stderr
    assert any(b"vows to leave" in p.read_bytes() for p in (project / "output" / "claims").glob("*.html"))
