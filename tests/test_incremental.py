"""Incremental builds (digests.py): a rebuild renders only the pages whose inputs changed
and hard-links the others from the live build, and what it publishes is byte for byte what a
cold build of the same inputs publishes, whatever was edited."""

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from conftest import copy_project, run_explorer

# (what is edited, file, old text, new text): each kind of edit the brief names.
EDITS = [
    ("a claim's text", "claims.yaml", "text: Washington vows to quit the INF Treaty.",
     "text: Washington vows to leave the INF Treaty."),
    ("a claim's date, moving it on the timeline", "claims.yaml",
     'id: us-vows-to-quit-inf\n    party: us\n    attribution: Washington\n    date: "2018-11-01"',
     'id: us-vows-to-quit-inf\n    party: us\n    attribution: Washington\n    date: "2014"'),
    ("a dispute added", "claims.yaml",
     "pretext to quit the INF\n    disputes: [us-blames-russian-breach-for-exit]",
     "pretext to quit the INF\n    disputes: [us-blames-russian-breach-for-exit, us-vows-to-quit-inf]"),
    ("a dispute removed", "claims.yaml",
     "quote: Russia denies any such strategy\n    disputes: [stoltenberg-russian-sphere-of-influence]\n",
     "quote: Russia denies any such strategy\n"),
    ("an event's sources", "claims.yaml",
     "      - article: us-rejects-russian-offer-inf\n        quote: the 1987 Intermediate-Range Nuclear Forces Treaty (INF)\n"
     "  - id: inf-treaty-senate-ratification\n", "  - id: inf-treaty-senate-ratification\n"),
    ("an event's title (the calendar and the events' files, not the annotations)", "claims.yaml",
     "title: Reagan and Gorbachev negotiate the INF Treaty, which bans",
     "title: Reagan and Gorbachev sign the INF Treaty, which bans"),
    ("a party's name", "claims.yaml", "    name: United States\n", "    name: The United States\n"),
    ("an article's title", "content/articles/2018-11-01-nato-russia-rare-talks.md",
     "Title: NATO and Russia Hold Rare Talks on Military Drills, INF Missile Treaty",
     "Title: NATO and Russia Hold Rare Talks on Drills and the INF Treaty"),
    ("an era's title", "claims.yaml", "title: The INF Treaty, from 1987 to its end",
     "title: The INF Treaty, from its signing to its end"),
    ("a template", "themes/explorer/templates/claim.html", '<p class="eyebrow">Claim · ', '<p class="eyebrow">A claim · '),
    ("a setting", "pelicanconf.py", 'SEARCH_EXAMPLE = "9M729"', 'SEARCH_EXAMPLE = "Ryabkov"'),
    ("nothing a page shows (a comment)", "claims.yaml", "claims:\n", "claims:\n  # edited\n"),
]


DATA_FOLDERS = ("data/", "feeds/")  # the data files (datafiles.py)


def snapshot(output):
    """Every file of the site: path -> bytes."""
    return {path.relative_to(output).as_posix(): path.read_bytes()
            for path in sorted(output.rglob("*")) if path.is_file()}


def edit(project, file, old, new):
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def build(project, output, *args, env=None):
    result = run_explorer(project, "build", *args, "-o", str(project / output), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / output


def manifest(project, output):
    """The live build's manifest (digests.py): every digested page and those rendered."""
    [path] = [p for p in (project / "cache").glob("pages-*.json")
              if not p.name.endswith(".next.json") and json.loads(p.read_text())["build"] == (project / output).resolve().name]
    return json.loads(path.read_text())


def a_project(folder):
    """A copy of the real project without the search index (Pagefind is the engine's, and
    search.py keeps its bundles by its own digest)."""
    project = copy_project(Path(folder))
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write("\nCLAIMS_SEARCH_INDEX = False\n")
    return project


# One order of the edits by default (about two minutes: two builds an edit); INCREMENTAL_EXAMPLES=3
# tries three orders, the first of them the list's own.
@settings(max_examples=int(os.environ.get("INCREMENTAL_EXAMPLES", 1)), derandomize=True, deadline=None,
          database=None, suppress_health_check=list(HealthCheck), phases=(Phase.generate,))
@given(st.permutations(EDITS))
def test_every_rebuild_publishes_what_a_cold_build_would(edits):
    """Edits made one after another, each followed by an incremental build of the live
    site and a cold build of the same inputs into a fresh folder: the two are byte for byte
    the same, every file. (An edit that changes a setting, the theme or a record shown on
    every page, or the page sizes fit_to_budget chooses, renders every page.)"""
    with tempfile.TemporaryDirectory(prefix="incremental-") as folder:
        project = a_project(folder)
        build(project, "output")
        reused = []
        for number, (what, file, old, new) in enumerate(edits):
            edit(project, file, old, new)
            live = snapshot(build(project, "output"))
            cold = snapshot(build(project, f"cold-{number}"))
            assert live.keys() == cold.keys(), what
            assert [path for path in live if live[path] != cold[path]] == [], what
            reused.append(manifest(project, "output")["reused"])
        assert any(reused)  # most edits render a few pages and link the rest (see below)


def test_a_claim_text_edit_renders_only_the_pages_that_show_it(tmp_path):
    """The pages rendered after one claim's text changed are those whose bytes changed (its
    page, its article's, its answers', the list pages that hold it) and the few pages
    without a digest (the home page and the indexes), not one more; every other page is the
    live build's own file, hard-linked."""
    project = a_project(tmp_path)
    before = snapshot(build(project, "output"))
    edit(project, *EDITS[0][1:])
    output = build(project, "output")
    after = snapshot(output)
    done = manifest(project, "output")
    changed = {path for path in after if path.endswith(".html") and before.get(path) != after[path]}
    undigested = {path for path in after if path.endswith(".html") and path not in done["pages"]}
    rendered = set(done["rendered"])
    assert "claims/us-vows-to-quit-inf.html" in changed and "claims/nato-hopes-us-stays-in-inf.html" in changed
    assert changed <= rendered
    assert rendered <= changed | undigested
    assert len(undigested) <= 8 and "index.html" in undigested
    assert done["reused"] == len(done["pages"]) - len(rendered & set(done["pages"]))
    kept = output / "claims/nato-envoys-discussed-drills-and-inf.html"
    assert kept.stat().st_nlink >= 2  # the live build's file, not a copy
    # the data files (datafiles.py): those written are those whose bytes changed, the rest the live build's
    data = {path for path in after if path.startswith(DATA_FOLDERS)}
    assert data == set(done["files"])
    changed_data = {path for path in data if before.get(path) != after[path]}
    assert {"data/claims.json", "data/claims.csv", "data/claims.db", "feeds/claims.atom.xml"} <= changed_data
    assert set(done["written"]) == changed_data
    assert all((output / path).stat().st_nlink >= 2 for path in data - changed_data)
    assert {"data/events.ics", "data/events.json", "data/annotations.jsonld"} <= data - changed_data


def test_an_event_title_edit_rewrites_the_files_that_hold_it_and_keeps_the_rest(tmp_path):
    """An event's title is in the calendar, the events' JSON and CSV and the database, not in
    the annotations (which anchor its words) nor in any claims' file: exactly the data files
    whose bytes changed are written."""
    project = a_project(tmp_path)
    before = snapshot(build(project, "output"))
    edit(project, *EDITS[5][1:])
    after = snapshot(build(project, "output"))
    written = set(manifest(project, "output")["written"])
    changed = {path for path in after if path.startswith(DATA_FOLDERS) and before.get(path) != after[path]}
    assert written == changed == {"data/events.ics", "data/events.json", "data/events.csv", "data/claims.db"}


def test_a_rebuild_that_changes_nothing_shown_renders_only_undigested_pages(tmp_path):
    project = a_project(tmp_path)
    build(project, "output")
    edit(project, *EDITS[-1][1:])
    build(project, "output")
    done = manifest(project, "output")
    assert set(done["rendered"]).isdisjoint(done["pages"])
    assert done["reused"] == len(done["pages"]) > 100
    assert done["written"] == [] and len(done["files"]) > 40  # every data file the live build's


def test_a_published_site_rebuilds_as_a_cold_build(tmp_path):
    """With publishconf.py (absolute URLs, the sitemap, the feeds' links) too."""
    project, published = a_project(tmp_path), ("-s", "publishconf.py")
    env = {"SITEURL": "https://example.org/inf"}
    build(project, "output", *published, env=env)
    edit(project, *EDITS[0][1:])
    live = snapshot(build(project, "output", *published, env=env))
    cold = snapshot(build(project, "cold", *published, env=env))
    assert live == cold and "sitemap.xml" in live
    assert 0 < manifest(project, "output")["reused"]


def test_compiled_templates_are_kept_and_never_used_with_other_jinja_options(tmp_path):
    """Jinja's compiled templates are kept in the cache folder (template_cache.py); a
    template compiled with other options (JINJA_ENVIRONMENT) is not reused: after the
    options change, the rebuild equals a build from a project that never compiled them."""
    project = a_project(tmp_path / "kept")
    build(project, "output")
    assert list((project / "cache" / "jinja").glob("*/__jinja2_*.cache"))
    options = ('JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True,',
               'JINJA_ENVIRONMENT = {"trim_blocks": False, "lstrip_blocks": False,')
    edit(project, "pelicanconf.py", *options)
    rebuilt = snapshot(build(project, "output"))
    fresh = a_project(tmp_path / "fresh")
    edit(fresh, "pelicanconf.py", *options)
    cold = snapshot(build(fresh, "output"))
    assert rebuilt.keys() == cold.keys()
    assert [path for path in rebuilt if rebuilt[path] != cold[path]] == []
    assert len(list((project / "cache" / "jinja").iterdir())) == 2
