"""Accessibility: axe-core (through axe-playwright-python) on one page of every type, in light
and in dark colour scheme, in Debian's chromium; zero violations allowed.

Each page is checked after its script has run (facets on the claims page, results on the
search page), because that is the page a reader meets.

    python audit/a11y.py [--url http://127.0.0.1:PORT] [--site output]   exit 1 on any violation
"""

import argparse
import shutil
import sys
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from pages import OUTPUT, one_page_per_type, served, table

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
SCHEMES = ("light", "dark")
# axe's default rules, and target-size (WCAG 2.2 AA, 2.5.8), which axe leaves off by default
# and Lighthouse runs.
OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# Elements the page's script adds, waited for before axe runs (selector per page type).
READY = {"claims index": ".explorer-status:not(:empty)", "search": ".search-result, #search-status:not(:empty)"}


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def check_page(page, url, kind=None):
    """axe's violations on `url`, loaded in `page` and settled: [(rule, impact, help, [targets])]."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if kind in READY:
        page.wait_for_selector(READY[kind], timeout=10_000)
    results = Axe().run(page, options=OPTIONS).response
    return [(v["id"], v["impact"], v["help"], [" ".join(map(str, n["target"])) for n in v["nodes"]])
            for v in results["violations"]]


def audit(base, pages, schemes=SCHEMES):
    """{(type, scheme): violations} for every page type in both colour schemes."""
    found = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for scheme in schemes:
                context = browser.new_context(color_scheme=scheme)
                page = context.new_page()
                for kind, path in pages.items():
                    found[(kind, path, scheme)] = check_page(page, f"{base}/{path}", kind)
                context.close()
        finally:
            browser.close()
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the site's base URL (default: serve --site here)")
    parser.add_argument("--site", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    pages = one_page_per_type(args.site)
    with served(args.url, args.site) as base:
        found = audit(base, pages)
    print(f"axe-core: {len(pages)} page types x {len(SCHEMES)} colour schemes")
    table(["type", "page", "scheme", "violations", "rules"],
          [(kind, path, scheme, sum(len(v[3]) for v in violations), ", ".join(v[0] for v in violations) or "-")
           for (kind, path, scheme), violations in found.items()])
    failed = False
    for (kind, path, scheme), violations in found.items():
        for rule, impact, help_text, targets in violations:
            failed = True
            print(f"\n{path} ({scheme}): {rule} [{impact}] {help_text}")
            for target in targets[:10]:
                print(f"    {target}")
            if len(targets) > 10:
                print(f"    … and {len(targets) - 10} more")
    total = sum(len(v[3]) for vs in found.values() for v in vs)
    print(f"\n{'FAIL' if failed else 'OK'}: {total} violating element(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
