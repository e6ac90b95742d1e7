"""The full-text search index: Pagefind, run over the written site once Pelican is done.

Pagefind ships as a binary inside its PyPI wheel (`pagefind[bin]`), so nothing is fetched at
build time. Only elements marked `data-pagefind-body` (claim, event and article pages) are
indexed, and claim pages mark only their own words (summary, quote, topics), not the
paragraph around the quote, which the article's page already holds.

Pagefind holds every page it indexes in memory until it writes the index: about 70 KB a
claim page and 65 KB an event page (measured with Pagefind 1.5.2 on the repeated corpus;
its metadata words are indexed too), whatever the words. So the index is built in parts,
one Pagefind run after another, each its own bundle: the articles and events, then the
claims in runs of at most `CLAIMS_SEARCH_SHARD_PAGES` pages (10,000: at most about 700 MB).
The peak is the largest part, not the sum. The browser merges the bundles with Pagefind's
`mergeIndex`.

The claims page lists matching claims in date order (`ORDER`) across the claim shards, but
a merged search orders its results by score, and a sorted search scores a result by its
place in its own bundle's order (0, -1, -2, … ascending; Pagefind 1.5). So the claims are
dealt out in date order, one to each shard in turn: the claim at place p of shard i is the
(p × shards + i)-th in date order, and explorer.js gives shard i the weight 1 + i × 1e-7,
which orders the merged results by place, then shard, that is by date. The dealing also
gives each shard a like share of the words, which keeps relevance comparable between them.

Each Pagefind run sees only its own pages (hard links in a folder of their own), so none
walks the other 90,000 files of the site. A bundle whose pages are byte for byte those it
was last built from is kept: an edit to one claim re-indexes that claim's shard only. What a
page holds for this (its SHA-256 and sort key) is remembered from one build to the next, so
that a page hard-linked from the live build is not read again (`_Known`).

The CLI (`cli.build`) indexes the staged build after Pelican's process has exited, so that
its memory is free; plain `pelican` indexes in its `finalized` signal (`build_index`).
"""

import functools
import hashlib
import html
import importlib.metadata
import json
import logging
import math
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from . import staging, urls
from .errors import CorpusError, Problem

logger = logging.getLogger(__name__)

SETTING = "CLAIMS_SEARCH_INDEX"  # True (default): build the index after every build
SHARD_SETTING = "CLAIMS_SEARCH_SHARD_PAGES"  # the most claim pages one Pagefind run indexes
SHARD_PAGES = 10_000
DEFERRED = "CLAIMS_SEARCH_DEFERRED"  # set by the CLI, which indexes once Pelican's process is gone
MAIN_BUNDLE = "pagefind"  # search.js loads this one; the others are merged into it
CLAIMS_BUNDLE = "pagefind-claims"  # the first claim shard; the next are pagefind-claims-2, …
ORDER = "date"  # the sort (data-pagefind-sort) the claims page lists claims in
PAGEFIND_VERSION = importlib.metadata.version("pagefind")
BODY = b"data-pagefind-body"  # Pagefind leaves out a page without it (claims/index.html, say)
SORT_KEY = re.compile(rb'data-pagefind-sort="' + ORDER.encode() + rb':([^"]*)"')
MARK = b"data-pagefind-"  # in every tag Pagefind reads besides the title and first h1 and image
TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)")
FIRST = [re.compile(rb"<html\b[^>]*>"), re.compile(rb"<title\b[^>]*>.*?</title>", re.S),
         re.compile(rb"<h1\b[^>]*>.*?</h1>", re.S)]
IMAGE = re.compile(rb"<img\b[^>]*>")
VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"}


def claim_shards(settings, claims):
    """How many bundles `claims` claim pages are indexed in."""
    return max(1, math.ceil(claims / settings.get(SHARD_SETTING, SHARD_PAGES)))


def bundles(settings, claims):
    """(bundle folder, the page patterns it indexes, shard number, shards) for each part of
    the index of a site of `claims` claims."""
    folders = sorted({posixpath.dirname(settings["ARTICLE_SAVE_AS"]) or ".", urls.FOLDERS["event"]})
    rest = [f"{folder}/*.html" if folder != "." else "*.html" for folder in folders]
    shards = claim_shards(settings, claims)
    claim_pages = [f"{urls.FOLDERS['claim']}/*.html"]
    return [(MAIN_BUNDLE, rest, 1, 1)] + [
        (CLAIMS_BUNDLE + (f"-{n}" if n > 1 else ""), claim_pages, n, shards) for n in range(1, shards + 1)]


def merged_bundles(settings, claims):
    """The bundles search.js merges into the main one, for the search page's template: each
    one's folder, and the filter Pagefind gives all its pages (`mergeFilter`): a bundle of
    claim pages only is type Claim there, so the pages need not carry that filter (at 20,000
    claims it would cost the claims page 45 KB of filter index to fetch)."""
    return [{"path": folder + "/", "filter": {"type": "Claim"} if _claims_only(patterns) else {}}
            for folder, patterns, _, _ in bundles(settings, claims) if folder != MAIN_BUNDLE]


def _claims_only(patterns):
    return all(p.startswith(urls.FOLDERS["claim"] + "/") for p in patterns)


def claim_bundles(settings, claims):
    """The bundles that index claim pages, in shard order, for the claims page's filters
    (explorer.js): never the articles' and events' words."""
    return [folder + "/" for folder, patterns, _, _ in bundles(settings, claims) if _claims_only(patterns)]


def build_index(pelican):
    """Signal receiver (finalized): index the output folder of plain `pelican`; the CLI
    indexes its staged build itself (`index`), after Pelican's process has exited."""
    settings = pelican.settings
    if settings.get(DEFERRED):
        return
    index(settings, Path(pelican.output_path), settings.get(staging.LIVE_SETTING))


def index(settings, output, live=None, pages_first=False):
    """Index `output`, bundle by bundle, or fail the build saying why (CorpusError).

    A bundle is kept when its pages are those it was built from, or differ only where
    Pagefind does not read them (`_read_by_pagefind`: a list of related claims, say):
    Pagefind takes a third of a cold build at 1,000 articles, and a change to the theme's
    CSS, or to one claim, changes none or one of the bundles. In a staged build (staging.py)
    the kept bundle is the live site's (`live`), hard-linked into the new build. A log line
    says which bundles were kept and which indexed.

    With `pages_first` (the devserver, cli.build), a bundle that needs indexing is linked
    from the live site as it is, its stamp left saying what it was built from, so that the
    pages can be published before it is brought up to date by indexing the published build
    again; returned are the bundles so left (none if every bundle is up to date, or if one
    has no live bundle to stand in for it: then all are indexed here)."""
    if not settings.get(SETTING, True):
        return []
    output = Path(output)
    live = Path(live or output)
    command = [sys.executable, "-m", "pagefind", "--site", "SITE", "--output-path", "BUNDLE", "--silent"]
    known = _Known(settings, output, live)
    plan = []
    for folder, pages in _parts(settings, output, known):
        stamp = _stamp_file(settings, live, folder)
        digest = _digest(pages, command)
        plan.append((folder, pages, stamp, digest,
                     _still_valid(live / folder, stamp, digest, pages, output, live, command, known)))
    stale = [folder for folder, *_, valid in plan if not valid]
    later = pages_first and all((live / folder / "pagefind-entry.json").is_file() for folder in stale)
    for folder, pages, stamp, digest, valid in plan:
        kept = live / folder
        if valid or later:
            if kept.resolve() != (output / folder).resolve():
                staging.link_tree(kept, output / folder)
            if valid:
                logger.info("claims_explorer: search bundle %s/ is up to date", folder)
                stamp.write_text(_stamped(digest, output))  # the same bundle, now in this build
            continue
        start = time.perf_counter()
        _run_pagefind(command, output, folder, [page.path for page in pages])
        logger.info("claims_explorer: search bundle %s/ indexed: %d pages in %.1f s",
                    folder, len(pages), time.perf_counter() - start)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(_stamped(digest, output))
    known.save()
    return stale if later else []


def bundle_folders(site):
    """The search bundles in a built site: its folders that hold a Pagefind entry."""
    return sorted(entry.parent.name for entry in Path(site).glob("*/pagefind-entry.json"))


def _still_valid(kept, stamp, digest, pages, output, live, command, known):
    """Whether the live bundle `kept` indexes `pages` as Pagefind would index them now: its
    stamp says it was built from these very pages, or from the live site's pages at the
    same paths, and each page that differs from the live one differs where Pagefind does
    not read it (worked out for those pages only: it costs a tenth of a millisecond a page)."""
    if not (kept / "pagefind-entry.json").is_file() or not stamp.is_file():
        return False
    if stamp.read_text() == _stamped(digest, live):
        return True
    if live.resolve() == output.resolve():  # pages rewritten in place: nothing to compare with
        return False
    try:
        before = [known.live_sha256(page.path) for page in pages]
    except OSError:
        return False
    if stamp.read_text() != _stamped(_digest([Page(page.path, sha, None) for page, sha in zip(pages, before)],
                                             command), live):
        return False
    return all(sha == page.sha256 or _read_by_pagefind((live / page.path).read_bytes()) ==
               _read_by_pagefind((output / page.path).read_bytes())
               for page, sha in zip(pages, before))


class _Known:
    """What the last indexing learnt of each page of the live build (its SHA-256, its `ORDER`
    value, whether Pagefind indexes it), kept in the cache folder: a staged build's page that
    is the live one's file, hard-linked (staging.py: never written in place), need not be
    read again. At 20,000 claims reading and hashing the pages took a second each time."""

    def __init__(self, settings, output, live):
        self.output, self.live = output, live
        self.path = _stamp_file(settings, live, "pages").with_suffix(".json")
        self.pages, self.seen = {}, {}
        if live.resolve() == output.resolve():  # one folder rewritten in place: nothing is known
            self.path = None
            return
        try:
            saved = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return
        if isinstance(saved, dict) and saved.get("build") == live.resolve().name:
            self.pages = saved.get("pages") if isinstance(saved.get("pages"), dict) else {}

    def _entry(self, path):
        """The live build's [SHA-256 hex, `ORDER` value, indexed] of page `path`, if known and sound."""
        entry = self.pages.get(path)
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str) and len(entry[0]) == 64:
            return entry
        return None

    def page(self, path):
        """(SHA-256, `ORDER` value, indexed) of page `path` of the build being indexed."""
        entry = self._entry(path)
        if entry is None or not _same_file(self.output / path, self.live / path):
            text = (self.output / path).read_bytes()
            order = SORT_KEY.search(text)
            entry = [hashlib.sha256(text).hexdigest(), html.unescape(order.group(1).decode()) if order else None,
                     BODY in text]
        self.seen[path] = entry
        return bytes.fromhex(entry[0]), entry[1], entry[2]

    def live_sha256(self, path):
        """The SHA-256 of the live build's page `path` (OSError if it has none)."""
        entry = self._entry(path)
        return bytes.fromhex(entry[0]) if entry else hashlib.sha256((self.live / path).read_bytes()).digest()

    def save(self):
        """What was learnt, for the next build, once this one is indexed."""
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"build": self.output.resolve().name, "pages": self.seen}))


def _same_file(one, other):
    try:
        return os.path.samefile(one, other)
    except OSError:  # either is missing
        return False


class Page(NamedTuple):
    """A page Pagefind indexes: its path in the site, its bytes' SHA-256, its `ORDER` value."""
    path: str
    sha256: bytes
    order: str | None


def _parts(settings, output, known):
    """(bundle folder, [its pages]) for each bundle: the claims, in `ORDER`, dealt out to
    the claim shards in turn."""
    found = {folder: _indexed_pages(output, patterns, known)
             for folder, patterns, shard, _ in bundles(settings, 0) if shard == 1}
    claims = sorted(found.get(CLAIMS_BUNDLE, []), key=_order_key(found.get(CLAIMS_BUNDLE, [])))
    parts = []
    for folder, _, shard, shards in bundles(settings, len(claims)):
        if folder == MAIN_BUNDLE:
            parts.append((folder, found[folder]))
        else:
            parts.append((folder, claims[shard - 1::shards]))
    return parts


def _indexed_pages(output, patterns, known):
    """The pages matching `patterns` that Pagefind indexes (those with a body marked), each
    read once, or not at all if the live build's file is known (`_Known`)."""
    pages = []
    for path in sorted({p for pattern in patterns for p in output.glob(pattern)}):
        relative = path.relative_to(output).as_posix()
        sha256, order, indexed = known.page(relative)
        if indexed:
            pages.append(Page(relative, sha256, order))
    return pages


def _read_by_pagefind(page):
    """What of a page Pagefind reads (its parser, 1.5): the language, the title and the first
    h1 (the result's title) and the first image after it, every element marked
    `data-pagefind-…` (filters, metadata, sort keys), and the text of the marked bodies
    less what they mark ignored. A change elsewhere (a list of related claims, the theme's
    navigation) leaves the index as it was, so the bundle is kept."""
    parts = [found.group(0) for pattern in FIRST for found in [pattern.search(page)] if found]
    image = IMAGE.search(page, page.find(b"<h1")) if b"<h1" in page else None
    if image:
        parts.append(image.group(0))
    for start, end, name in _marked_tags(page):
        tag = page[start:end]
        if b"data-pagefind-ignore" in tag and BODY not in tag:
            continue  # its filters and metadata are marked tags of their own, found here too
        element = page[start:_end_of(page, end, name, tag)]
        parts.append(_without_ignored(element) if BODY in tag else element)
    return b"\0".join(parts)


def _marked_tags(page, at=0):
    """(start, end, name) of every tag in `page` with a `data-pagefind-…` attribute."""
    end = at
    while (found := page.find(MARK, end)) != -1:
        start = page.rfind(b"<", 0, found)
        end = page.find(b">", found) + 1 or len(page)
        name = TAG_NAME.match(page, start)
        if name and start >= at:
            yield start, end, name.group(1).lower()


def _without_ignored(element):
    """`element` less the elements inside it marked `data-pagefind-ignore`."""
    kept, start = [], 0
    for tag_start, tag_end, name in _marked_tags(element, 1):
        if tag_start >= start and b"data-pagefind-ignore" in element[tag_start:tag_end]:
            kept.append(element[start:tag_start])
            start = _end_of(element, tag_end, name, element[tag_start:tag_end])
    return b"".join(kept) + element[start:]


def _end_of(page, end, name, tag):
    """Where the element whose opening `tag` named `name` ends at `end` ends: after its
    closing tag, or after the tag itself for a void one; the end of the page if never closed."""
    if name in VOID or tag.endswith(b"/>"):
        return end
    if page.startswith(b"</" + name + b">", end):  # empty, as filters and metadata often are
        return end + len(name) + 3
    depth = 1
    for found in _tags_named(name).finditer(page, end):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return len(page)


@functools.cache
def _tags_named(name):
    """A pattern matching the opening and closing tags named `name` (bytes)."""
    return re.compile(rb"<(/?)" + re.escape(name) + rb"\b[^>]*>", re.I)


def _order_key(pages):
    """A sort key giving `pages` in the order Pagefind sorts them by `ORDER`: as numbers if
    every value is one, else as text; a page without the value after those with it."""
    try:
        numbers = {page.path: float(page.order) for page in pages if page.order is not None}
    except ValueError:
        numbers = None
    if numbers is not None:
        return lambda page: (page.path not in numbers, numbers.get(page.path, 0.0), page.path)
    return lambda page: (page.order is None, page.order or "", page.path)


def _run_pagefind(command, output, folder, pages):
    """Pagefind over `pages` only: hard links to them in a folder of their own inside the
    site (so that the links can be made), removed after."""
    farm = Path(tempfile.mkdtemp(prefix=".search-", dir=output))
    try:
        for page in pages:
            (farm / page).parent.mkdir(parents=True, exist_ok=True)
            _link(output / page, farm / page)
        command = [str(farm) if word == "SITE" else str((output / folder).resolve()) if word == "BUNDLE" else word
                   for word in command]
        result = subprocess.run(command, capture_output=True, text=True)
    finally:
        shutil.rmtree(farm, ignore_errors=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise CorpusError([Problem("pagefind", 1, 0, "the search index could not be built",
                                   detail[-1] if detail else "run it by hand to see why")])


def _link(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _stamp_file(settings, output, folder):
    """Where the digest of a bundle's pages is kept: Pelican's cache folder, per output folder
    (the path readers use, not the build folder a staged output points to)."""
    key = hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"search-{folder}-{key}.sha256"


def _stamped(digest, output):
    """The stamp's text: the digest, and the build folder it was made in, so a bundle built
    by a staged build that then failed is never taken for the live one."""
    return f"{digest} {output.resolve().name}"


def _digest(pages, command):
    """SHA-256 of the command (Pagefind's version included) and of every page it indexes."""
    digest = hashlib.sha256("\0".join(command[2:] + [PAGEFIND_VERSION]).encode())
    for page in pages:
        digest.update(page.path.encode() + b"\0" + page.sha256)
    return digest.hexdigest()
