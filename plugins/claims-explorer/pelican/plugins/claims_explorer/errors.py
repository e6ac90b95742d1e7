"""The one error type for editors' mistakes: where it is (file:line:col) and what is wrong.

Every step (load, shape, checks, quotes) collects `Problem`s instead of raising at the
first one, so an editor sees all mistakes of a file in one run.
"""

import re
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in an input file; lines and columns count from 1 (column 0: none)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self):
        where = f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        text = f"{text} ({self.hint})" if self.hint else text
        return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)  # one problem, one line


class CorpusError(Exception):
    """Raised once with every problem found, sorted by file and line."""

    def __init__(self, problems):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
