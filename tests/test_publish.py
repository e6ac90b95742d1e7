"""Builds are deterministic, and the publish settings give absolute URLs."""

import filecmp
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
    """Pagefind reruns for a bundle only when a page it indexes changed (search.py)."""
    output = project / "output"

    def build():
        result = run_explorer(project, "build", "-o", str(output))
        assert result.returncode == 0, result.stderr
        return {bundle: (output / bundle / "pagefind-entry.json").stat().st_mtime_ns
                for bundle in ("pagefind", "pagefind-claims")}

    first = build()
    assert build() == first  # nothing changed: both bundles kept
    css = project / "themes" / "explorer" / "static" / "css" / "site.css"
    css.write_text(css.read_text() + "\n/* a change to the theme's CSS changes no indexed page */\n")
    assert build() == first
    claims = project / "claims.yaml"
    old = "text: Washington vows to quit the INF Treaty."
    claims.write_text(claims.read_text().replace(old, "text: Washington vows to leave the INF Treaty."))
    last = build()
    assert last["pagefind-claims"] != first["pagefind-claims"]  # the claim's page changed
    claim_pages = [p for p in (output / "claims").glob("*.html") if "vows to leave" in p.read_text()]
    assert claim_pages
