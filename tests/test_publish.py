"""Builds are deterministic, and the publish settings give absolute URLs."""

import filecmp
import gzip
import json
import re

from conftest import PROJECT, run_explorer


# Pagefind's filter and meta index files are not yet stable from run to run (upstream
# Pagefind/pagefind#638: fragments are stable since 1.3, "filter/metadata indexes" not), so
# the search bundle is compared by its fragments, and everything else byte for byte.
# The index comes in bundles (pagefind/, pagefind-claims/), each with these files.
UNSTABLE = re.compile(r"pagefind[^/]*/(filter/|pagefind\.|pagefind-entry\.json|index/)")


def tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                  and not UNSTABLE.match(str(p.relative_to(folder))))


def test_repeated_builds_are_byte_identical(tmp_path, site):
    other = tmp_path / "elsewhere" / "site"
    env = {"PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati"}
    result = run_explorer(PROJECT, "build", "-o", str(other), env=env)
    assert result.returncode == 0, result.stderr
    assert tree(other) == tree(site)
    for bundle in ("pagefind", "pagefind-claims"):
        assert any(name.startswith(f"{bundle}/fragment/") for name in tree(site)), bundle
    for name in tree(site):
        assert filecmp.cmp(site / name, other / name, shallow=False), name


def test_publish_settings_use_the_site_url(tmp_path):
    output = tmp_path / "published"
    result = run_explorer(PROJECT, "build", "-s", "publishconf.py", "-o", str(output),
                          env={"SITEURL": "https://example.org/inf"})
    assert result.returncode == 0, result.stderr
    page = (output / "claims/thompson-no-new-ground.html").read_text()
    assert 'href="https://example.org/inf/theme/css/site.css"' in page
    assert 'href="https://example.org/inf/articles/us-rejects-russian-offer-inf.html#claim-thompson-no-new-ground:~:text=' in page


def test_a_search_bundle_is_rebuilt_only_when_its_pages_change(project):
    """Pagefind reruns for a bundle only when what it reads of its pages changed (search.py):
    with the claims in three bundles, a one-claim edit re-indexes the bundle that holds the
    claim's page, not those holding pages that only list the claim outside what is indexed."""
    with open(project / "pelicanconf.py", "a") as settings:
        settings.write("\nCLAIMS_SEARCH_SHARD_PAGES = 20\n")  # 51 claims: three bundles
    output = project / "output"

    def build():
        result = run_explorer(project, "build", "-o", str(output))
        assert result.returncode == 0, result.stderr
        return {bundle.name: (bundle / "pagefind-entry.json").stat() for bundle in output.glob("pagefind*")}

    def kept(before, after):  # the same file: hard-linked from the build before
        return {name for name in before if (before[name].st_ino, before[name].st_mtime_ns) ==
                (after[name].st_ino, after[name].st_mtime_ns)}

    first = build()
    assert sorted(first) == ["pagefind", "pagefind-claims", "pagefind-claims-2", "pagefind-claims-3"]
    css = project / "themes" / "explorer" / "static" / "css" / "site.css"
    css.write_text(css.read_text() + "\n/* a change to the theme's CSS changes no indexed page */\n")
    second = build()
    assert kept(first, second) == set(first)
    claims = project / "claims.yaml"
    before = {p.name: p.read_bytes() for p in (output / "claims").glob("*.html")}
    old = "text: Washington vows to quit the INF Treaty."
    claims.write_text(claims.read_text().replace(old, "text: Washington vows to leave the INF Treaty."))
    last = build()
    changed = {name for name, page in before.items() if (output / "claims" / name).read_bytes() != page}
    edited = {name for name in changed if "<h1 data-pagefind-body>Washington vows to leave" in (output / "claims" / name).read_text()}
    assert len(edited) == 1

    def holding(names):
        return {bundle for bundle in last if bundle.startswith("pagefind-claims") and names & claim_pages_of(output / bundle)}
    assert len(holding(changed)) > len(holding(edited)) == 1, "no other bundle has a changed page: the test proves nothing"
    assert set(last) - kept(second, last) == holding(edited)


def claim_pages_of(bundle):
    """The names of the claim pages a bundle indexes, from its fragments (gzip, JSON)."""
    names = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        text = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        names.add(json.loads(text)["url"].rsplit("/", 1)[-1])
    return names
