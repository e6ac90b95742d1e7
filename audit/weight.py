"""Weight budget: every HTML page plus the CSS and JS it references, at most 60 KiB.

Bytes as served (the loopback server, like a plain static host, does not compress); the
gzip column is for information. Not counted: Pagefind's files (pagefind/, fetched only when
a reader searches), data files (JSON) and images such as the favicon.

    python audit/weight.py [--site output]     exit 1 if any page is over the budget
"""

import argparse
import gzip
import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from pages import OUTPUT, html_pages, table

BUDGET = 60 * 1024  # bytes, for every page: lists that grow with the corpus are paginated
SHOWN = 10


class Assets(HTMLParser):
    """The stylesheets and scripts a page loads, as written in its HTML."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "script" and a.get("src"):
            self.found.append(a["src"])
        elif tag == "link" and a.get("href") and (
                "stylesheet" in rel or ({"preload", "modulepreload"} & set(rel) and a.get("as", "script") in ("script", "style"))):
            self.found.append(a["href"])


def resolve(page, href):
    """A reference from `page` as a path under the site root, or None if it leaves the site."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
        return None
    href = href.split("#")[0].split("?")[0]
    path = href.lstrip("/") if href.startswith("/") else posixpath.join(posixpath.dirname(page), href)
    return posixpath.normpath(path)


def css_imports(site, path):
    """Stylesheets a stylesheet @imports, recursively."""
    text = (site / path).read_text(encoding="utf-8", errors="replace")
    for href in re.findall(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", text):
        target = resolve(path, href)
        if target and (site / target).is_file():
            yield target
            yield from css_imports(site, target)


def assets(site, page):
    """The CSS and JS files `page` references that count towards its weight."""
    parser = Assets()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found = []
    for href in parser.found:
        path = resolve(page, href)
        if path is None or path.startswith("pagefind/") or path.endswith(".json"):
            continue
        found.append(path)
        if path.endswith(".css") and (site / path).is_file():
            found.extend(css_imports(site, path))
    return list(dict.fromkeys(found))


def weigh(site=OUTPUT):
    """[(page, total bytes, gzip bytes, [(asset, bytes)], [missing assets])], heaviest first."""
    site = Path(site)
    rows = []
    for page in html_pages(site):
        files = [page, *assets(site, page)]
        present = [f for f in files if (site / f).is_file()]
        body = b"".join((site / f).read_bytes() for f in present)
        sizes = [(f, (site / f).stat().st_size) for f in present[1:]]
        rows.append((page, len(body), sum(len(gzip.compress((site / f).read_bytes(), 9)) for f in present),
                     sizes, sorted(set(files) - set(present))))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def problems(site=OUTPUT):
    """({page: bytes} of the pages over the budget, [(page, asset)] of files a page loads that
    the site lacks): both empty when the site passes."""
    rows = weigh(site)
    return ({page: total for page, total, _, _, _ in rows if total > BUDGET},
            [(page, asset) for page, *_, missing in rows for asset in missing])


def verdict(total):
    return "ok" if total <= BUDGET else "OVER"


def kib(n):
    return f"{n / 1024:.1f} KiB"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows = weigh(args.site)
    over = [row for row in rows if row[1] > BUDGET]
    missing = [(row[0], m) for row in rows for m in row[4]]
    print(f"Weight: HTML + referenced CSS and JS per page, budget {kib(BUDGET)} ({BUDGET:,} bytes); "
          f"the {min(SHOWN, len(rows))} heaviest of {len(rows)} pages")
    table(["page", "total", "HTML", "CSS+JS", "gzip", "verdict"],
          [(page, kib(total), kib(total - sum(s for _, s in sizes)), kib(sum(s for _, s in sizes)), kib(gz),
            verdict(total)) for page, total, gz, sizes, _ in rows[:SHOWN]])
    for page, asset in missing:
        print(f"MISSING: {page} references {asset}, which is not in the site")
    if over:
        print(f"FAIL: {len(over)} page(s) over {kib(BUDGET)}: "
              + ", ".join(f"{row[0]} ({kib(row[1])})" for row in over))
    if over or missing:
        return 1
    print(f"OK: all {len(rows)} pages within {kib(BUDGET)} (heaviest {kib(rows[0][1]) if rows else '-'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
