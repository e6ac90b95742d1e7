"""The full-text search index: Pagefind, run over the written site once Pelican is done.

Pagefind ships as a binary inside its PyPI wheel (`pagefind[bin]`), so nothing is fetched at
build time. Only elements marked `data-pagefind-body` (claim, event and article pages) are
indexed, which keeps the index, and Pagefind's memory, proportional to the words readers
search, not to every list page.
"""

import logging
import subprocess
import sys

from .errors import CorpusError, Problem

logger = logging.getLogger(__name__)

SETTING = "CLAIMS_SEARCH_INDEX"  # True (default): build the index after every build


def build_index(pelican):
    """Signal receiver (finalized): index the output folder, or fail the build saying why."""
    if not pelican.settings.get(SETTING, True):
        return
    command = [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise CorpusError([Problem("pagefind", 1, 0, "the search index could not be built",
                                   detail[-1] if detail else "run it by hand to see why")])
