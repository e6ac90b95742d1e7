"""The full-text search index: Pagefind, run over the written site once Pelican is done.

Pagefind ships as a binary inside its PyPI wheel (`pagefind[bin]`), so nothing is fetched at
build time. Only elements marked `data-pagefind-body` (claim, event and article pages) are
indexed, and claim pages mark only their own words (summary, speaker, quote), not the
paragraph around the quote, which the article's page already holds.

Pagefind's memory follows the number of words it indexes (about 1 KiB a word, measured: 2.4
GB for 1,000 articles and 20,000 claims in one run). So the index is built in parts, one
after another: the articles and events, then the claims, each its own bundle. The peak is
the largest part, not the sum; the search page merges the bundles in the browser with
Pagefind's `mergeIndex`.
"""

import hashlib
import importlib.metadata
import logging
import os
import posixpath
import subprocess
import sys
from pathlib import Path

from . import staging, urls
from .errors import CorpusError, Problem

logger = logging.getLogger(__name__)

SETTING = "CLAIMS_SEARCH_INDEX"  # True (default): build the index after every build
MAIN_BUNDLE = "pagefind"  # search.js loads this one; the others are merged into it
CLAIMS_BUNDLE = "pagefind-claims"
PAGEFIND_VERSION = importlib.metadata.version("pagefind")


def bundles(settings):
    """(bundle folder, the page patterns it indexes) for each part of the index."""
    folders = sorted({posixpath.dirname(settings["ARTICLE_SAVE_AS"]) or ".", urls.FOLDERS["event"]})
    rest = [f"{folder}/*.html" if folder != "." else "*.html" for folder in folders]
    return [(MAIN_BUNDLE, rest), (CLAIMS_BUNDLE, [f"{urls.FOLDERS['claim']}/*.html"])]


def merged_bundles(settings):
    """The bundles search.js merges into the main one, for the search page's template: each
    one's folder, and the filter Pagefind gives all its pages (`mergeFilter`): a bundle of
    claim pages only is type Claim there, so the pages need not carry that filter (at 20,000
    claims it would cost the claims page 45 KB of filter index to fetch)."""
    return [{"path": folder + "/", "filter": {"type": "Claim"} if _claims_only(patterns) else {}}
            for folder, patterns in bundles(settings) if folder != MAIN_BUNDLE]


def _claims_only(patterns):
    return all(p.startswith(urls.FOLDERS["claim"] + "/") for p in patterns)


def claim_bundles(settings):
    """The bundles that index claim pages, for the claims page's filters (explorer.js): it
    loads the first and merges the others, and never the articles' and events' words."""
    return [folder + "/" for folder, patterns in bundles(settings) if _claims_only(patterns)]


def build_index(pelican):
    """Signal receiver (finalized): index the output folder, or fail the build saying why.

    A bundle whose pages are byte for byte those it was last built from is kept: Pagefind
    takes a quarter of a build at 1,000 articles, and a rebuild after a change to the
    theme's CSS, say, changes no page it indexes. In a staged build (staging.py) the kept
    bundle is the live site's, hard-linked into the new build."""
    if not pelican.settings.get(SETTING, True):
        return
    output = Path(pelican.output_path)
    live = Path(pelican.settings.get(staging.LIVE_SETTING) or output)
    for folder, patterns in bundles(pelican.settings):
        glob = "{" + ",".join(patterns) + "}"
        command = [sys.executable, "-m", "pagefind", "--site", "SITE", "--glob", glob,
                   "--output-subdir", folder, "--silent"]
        stamp = _stamp_file(pelican.settings, live, folder)
        digest = _digest(output, patterns, command)
        kept = live / folder
        if (kept / "pagefind-entry.json").is_file() and stamp.is_file() and stamp.read_text() == _stamped(digest, live):
            logger.info("claims_explorer: search bundle %s/ is up to date", folder)
            if kept.resolve() != (output / folder).resolve():
                staging.link_tree(kept, output / folder)
                stamp.write_text(_stamped(digest, output))  # the same bundle, now in this build
            continue
        command[4] = str(output)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise CorpusError([Problem("pagefind", 1, 0, "the search index could not be built",
                                       detail[-1] if detail else "run it by hand to see why")])
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(_stamped(digest, output))


def _stamp_file(settings, output, folder):
    """Where the digest of a bundle's pages is kept: Pelican's cache folder, per output folder
    (the path readers use, not the build folder a staged output points to)."""
    key = hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"search-{folder}-{key}.sha256"


def _stamped(digest, output):
    """The stamp's text: the digest, and the build folder it was made in, so a bundle built
    by a staged build that then failed is never taken for the live one."""
    return f"{digest} {output.resolve().name}"


def _digest(output, patterns, command):
    """SHA-256 of the command (Pagefind's version included) and of every page it would index."""
    digest = hashlib.sha256("\0".join(command[2:] + [PAGEFIND_VERSION]).encode())
    for path in sorted(p for pattern in patterns for p in output.glob(pattern)):
        digest.update(path.relative_to(output).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
