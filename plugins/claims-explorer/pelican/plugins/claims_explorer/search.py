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

import logging
import posixpath
import subprocess
import sys

from . import urls
from .errors import CorpusError, Problem

logger = logging.getLogger(__name__)

SETTING = "CLAIMS_SEARCH_INDEX"  # True (default): build the index after every build
MAIN_BUNDLE = "pagefind"  # search.js loads this one; the others are merged into it
CLAIMS_BUNDLE = "pagefind-claims"


def bundles(settings):
    """(bundle folder, the pages it indexes as a glob) for each part of the index."""
    folders = sorted({posixpath.dirname(settings["ARTICLE_SAVE_AS"]) or ".", urls.FOLDERS["event"]})
    rest = [f"{folder}/*.html" if folder != "." else "*.html" for folder in folders]
    return [(MAIN_BUNDLE, "{" + ",".join(rest) + "}"), (CLAIMS_BUNDLE, f"{urls.FOLDERS['claim']}/*.html")]


def merged_bundles(settings):
    """The bundles search.js merges into the main one, for the search page's template."""
    return [folder + "/" for folder, _ in bundles(settings) if folder != MAIN_BUNDLE]


def build_index(pelican):
    """Signal receiver (finalized): index the output folder, or fail the build saying why."""
    if not pelican.settings.get(SETTING, True):
        return
    for folder, glob in bundles(pelican.settings):
        command = [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--glob", glob,
                   "--output-subdir", folder, "--silent"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise CorpusError([Problem("pagefind", 1, 0, "the search index could not be built",
                                       detail[-1] if detail else "run it by hand to see why")])
