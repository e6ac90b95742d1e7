"""What the audit scripts share: the built site's page types, a loopback server, a table.

Every page type is audited on its largest page (the most content, so the most to find);
the weight budget is checked on every page. Nothing here knows the corpus: a new corpus is
audited the same way."""

import contextlib
import fnmatch
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUTPUT = PROJECT / "output"

# (type, the pages of that type as globs under the site root); the first match wins, and a
# glob without "*" is only that page. The later pages of a paginated list (PAGINATION_PATTERNS
# in pelicanconf.py: timeline/page/2.html, parties/us/page/2.html) are of the list's type.
PAGE_TYPES = [
    ("home", ("index.html",)),
    ("timeline", ("timeline.html", "timeline/page/*.html")),
    ("claims index", ("claims/index.html", "claims/page/*.html")),
    ("claim", ("claims/*.html",)),
    ("events index", ("events/index.html", "events/page/*.html")),
    ("event", ("events/*.html",)),
    ("speakers index", ("speakers/index.html",)),
    ("speaker", ("speakers/*.html",)),
    ("parties index", ("parties/index.html",)),
    ("party", ("parties/*.html",)),
    ("topics index", ("topics/index.html",)),
    ("topic", ("topics/*.html",)),
    ("contested", ("contested.html", "contested/page/*.html")),
    ("articles index", ("articles/index.html", "articles/page/*.html")),
    ("article", ("articles/*.html",)),
    ("about", ("about.html",)),
    ("search", ("search.html",)),
]
# The search page is audited with a query, so that its results are on the page.
QUERIES = {"search": "?q=treaty"}
# The five pages Lighthouse scores (the issue names them).
LIGHTHOUSE_TYPES = ["home", "timeline", "claims index", "claim", "article"]


def html_pages(site=OUTPUT):
    """Every HTML page of the site, as paths relative to its root; not Pagefind's own files."""
    site = Path(site)
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] != "pagefind")


def page_type(path):
    """The type of a page, from its path relative to the site root."""
    taken = {glob for _, globs in PAGE_TYPES for glob in globs if "*" not in glob}
    for name, globs in PAGE_TYPES:
        for glob in globs:
            if fnmatch.fnmatchcase(path, glob) and ("*" not in glob or path not in taken):
                return name
    return "other"


def one_page_per_type(site=OUTPUT):
    """{type: path with its query}: the largest page of each type."""
    site = Path(site)
    chosen = {}
    for path in html_pages(site):
        kind = page_type(path)
        if kind not in chosen or (site / path).stat().st_size > (site / chosen[kind]).stat().st_size:
            chosen[kind] = path
    return {kind: chosen[kind] + QUERIES.get(kind, "") for kind, _ in PAGE_TYPES if kind in chosen}


@contextlib.contextmanager
def serve(site=OUTPUT):
    """Serve `site` over loopback HTTP on a free port (audit/serve.py); yields the base URL."""
    process = subprocess.Popen(
        [sys.executable, "-u", str(Path(__file__).with_name("serve.py")), str(site)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = process.stdout.readline()  # "Serving HTTP on 127.0.0.1 port NNNN ..."
        yield f"http://127.0.0.1:{int(line.split(' port ')[1].split()[0])}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def table(header, rows):
    """Print rows under a header, each column as wide as its widest cell."""
    rows = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(header)]
    for row in [list(map(str, header)), ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


@contextlib.contextmanager
def served(url=None, site=OUTPUT):
    """The site at `url` if given (make audit serves it once for every check), else served here."""
    if url:
        yield url.rstrip("/")
    else:
        with serve(site) as here:
            yield here
