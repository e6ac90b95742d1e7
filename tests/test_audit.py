"""The cheap half of `make audit`, on every run of the suite: the weight budget on every page,
axe-core on one page of every type in light and dark colour schemes, and the Nu HTML checker
when audit/node_modules has it (`make audit` installs it). Lighthouse and linkchecker run in
`make audit` only."""

import shutil

import pytest

import a11y
import html_check
import pages
import weight


def test_every_page_with_its_css_and_js_is_within_the_weight_budget(site):
    """60 KiB for every page, no exceptions (tests/test_pagination.py holds a larger corpus to it too)."""
    assert len(weight.weigh(site)) == len(pages.html_pages(site)) > 100
    over, missing = weight.problems(site)
    assert not missing, "a page references a file the site lacks"
    assert not over, f"over {weight.BUDGET} bytes: {over}"


def test_every_page_type_has_a_page(site):
    assert set(pages.one_page_per_type(site)) == {kind for kind, _ in pages.PAGE_TYPES}
    assert pages.page_type("claims/page/2.html") == "claims index"
    assert pages.page_type("parties/us/page/2.html") == "party"


@pytest.mark.parametrize("scheme", a11y.SCHEMES)
@pytest.mark.parametrize("kind", [kind for kind, _ in pages.PAGE_TYPES])
def test_axe_finds_no_violations(browser, server, site, kind, scheme):
    path = pages.one_page_per_type(site)[kind]
    context = browser.new_context(color_scheme=scheme)
    try:
        violations = a11y.check_page(context.new_page(), f"{server}/{path}", kind)
    finally:
        context.close()
    assert violations == [], "\n".join(f"{rule} [{impact}] {help_text}: {targets[:5]}"
                                       for rule, impact, help_text, targets in violations)


@pytest.mark.skipif(not (html_check.VNU.is_file() and shutil.which("java")),
                    reason="the Nu HTML checker needs Java and `npm ci --prefix audit` (make audit)")
def test_the_nu_html_checker_finds_no_errors(site):
    errors = html_check.check(site)
    assert errors == [], "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)
