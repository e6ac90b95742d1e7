"""Nothing from claims.yaml reaches the page as live markup, and pages load nothing from
elsewhere: canaries in every text field must come out as plain text."""

import itertools
import json
import re

import pytest
import yaml

from conftest import run_explorer, soup

CANARIES = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert('x')>",
    '" onmouseover="alert(1)',
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "{{ 7*7 }}{% raw %}",
]
TEXT_FIELDS = {
    "parties": ["name", "short", "description"],
    "speakers": ["name", "role"],
    "topics": ["name", "description"],
    "claims": ["text", "attribution", "date_basis"],
    "events": ["title", "date_basis"],
}


@pytest.fixture
def poisoned_site(harbour):
    """The harbour corpus with a canary appended to every text field, built."""
    path = harbour / "claims.yaml"
    data = yaml.safe_load(path.read_text())
    canaries = itertools.cycle(CANARIES)
    for key, fields in TEXT_FIELDS.items():
        for item in data[key]:
            for field in fields:
                item[field] = f"{item.get(field, '')} {next(canaries)}".strip()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = run_explorer(harbour, "build", "-o", str(harbour / "out"))
    assert result.returncode == 0, result.stderr
    return harbour / "out"


def pages(site):
    return sorted(site.rglob("*.html"))


def test_canaries_come_out_as_text_never_as_markup(poisoned_site):
    seen = set()
    for page in pages(poisoned_site):
        document = soup(page)
        for script in document.find_all("script"):
            assert_inert_or_ours(script, page)
        assert not document.find_all("img"), page
        for tag in document.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], (page, tag)
            for name in ("href", "src", "action"):
                value = tag.get(name, "")
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (page, tag)
        seen |= {canary for canary in CANARIES if canary in document.get_text()}
    assert seen == set(CANARIES)  # every canary was rendered somewhere, as text


DATA_TYPES = ("application/json", "application/ld+json")


def assert_inert_or_ours(script, page):
    """A script element is either our own file or a data block (JSON, JSON-LD) whose text
    holds no `<` or `&` and still parses, so no canary closed it early; returns its data."""
    if script.get("type") in DATA_TYPES:
        assert "<" not in script.string and "&" not in script.string, page
        return json.loads(script.string)
    assert re.fullmatch(r"(\.\.?/)*theme/js/(site|timeline|explorer|search|results)\.js", script.get("src", "")) and not script.string, (page, script)
    return None


@pytest.fixture
def canaries_in_claims(harbour):
    """The harbour corpus with every canary in every claim's text, built; and the claims."""
    path = harbour / "claims.yaml"
    data = yaml.safe_load(path.read_text())
    for claim in data["claims"]:
        claim["text"] = f"{claim['text']} {' '.join(CANARIES)}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = run_explorer(harbour, "build", "-o", str(harbour / "out"))
    assert result.returncode == 0, result.stderr
    return harbour / "out", data["claims"]


def test_canaries_cannot_break_out_of_json_ld(canaries_in_claims):
    """The claim's text, every canary in it, comes back whole as data from its page's JSON-LD."""
    site, claims = canaries_in_claims
    for claim in claims:
        page = site / f"claims/{claim['id']}.html"
        [script] = soup(page).find_all("script", type="application/ld+json")
        assert assert_inert_or_ours(script, page)["text"] == claim["text"]
        assert [s for s in soup(page).find_all("script") if s.string] == [script]  # no script got out


def test_template_syntax_in_data_is_not_evaluated(poisoned_site):
    texts = [soup(page).get_text() for page in pages(poisoned_site)]
    assert any("{{ 7*7 }}{% raw %}" in text for text in texts)
    assert not any("49{" in text or " 49" in text for text in texts)


def test_every_page_starts_with_a_strict_content_security_policy(site):
    for page in pages(site):
        head = soup(page).head
        first = head.find(True)
        assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", page
        policy = first["content"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy and "'unsafe-eval'" not in policy


def test_pages_request_nothing_from_other_sites(site):
    for page in pages(site):
        for tag in soup(page).find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            for name in ("href", "src"):
                assert not re.match(r"(https?:)?//", tag.get(name, "")), (page, tag)
