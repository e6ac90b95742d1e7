"""Where an article's quotations are: the spans of a paragraph between quotation marks.

A reporter marks a speaker's own words with quotation marks; everything else in a paragraph
is the reporter's. The curation checks (curation.py) use these spans to tell whether a
claim's words are the speaker's. Marks are read as the articles have them:

- curly “…” and ‘…’ (and «…», „…“) say which way they face; a straight " or ' faces the way
  its neighbours say: after a space or an opening bracket, or at the start, it opens;
  otherwise it closes;
- single marks quote only when they pair: a ’ or ' between two letters (it's, Moscow’s) or
  closing nothing (the residents’ concerns) is an apostrophe;
- quotations nest ("… ‘new ground’ …");
- a quotation that runs on past its paragraph has no closing mark there (the next paragraph
  opens again with its own mark, as English print does), so an unclosed quotation ends with
  its paragraph; a closing double mark that closes nothing (a quotation whose opening mark
  is missing) closes one that began where the paragraph did.
"""

import functools
from dataclasses import dataclass

OPENING = {"“": "double", "„": "double", "«": "double", "‘": "single"}
CLOSING = {"”": "double", "»": "double", "’": "single"}
STRAIGHT = {'"': "double", "'": "single"}
OPENS_AFTER = set("([{—–-/") | set(OPENING)


@dataclass(frozen=True)
class Quotation:
    """One quotation in a paragraph's text: `start`/`end` bound the quoted words, `outer_*`
    also take in the marks (a missing mark: the paragraph's start or end)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    depth: int  # 0 for a quotation in the reporter's words, 1 for one nested in it, …

    def holds(self, span):
        """Whether `span` lies within this quotation (its own marks may be included)."""
        return self.outer_start <= span[0] and span[1] <= self.outer_end

    def crossed_by(self, span):
        """'opening' or 'closing' if `span` runs across that edge of the quotation: it has
        quoted words and words outside, without taking in the whole quotation."""
        start, end = span
        if end <= self.start or start >= self.end or self.holds(span):
            return None
        if start <= self.outer_start and end >= self.outer_end:
            return None
        return "closing" if start >= self.start else "opening"


@functools.lru_cache(maxsize=4096)
def quotations(text):
    """Every quotation in `text`, outermost first where two start together. Cached: a
    paragraph cited by several claims is read once."""
    found, stack = [], []  # stack: (kind, index of the opening mark) of the open quotations
    for index, char in enumerate(text):
        kind, facing = _mark(text, index, char)
        if facing == "closing" and any(k == kind for k, _ in stack):
            while True:  # a mark left open inside ends with the quotation around it
                open_kind, opened = stack.pop()
                found.append(Quotation(opened + 1, index, opened, index + 1, len(stack)))
                if open_kind == kind:
                    break
        elif facing == "closing" and kind == "double" and not stack:
            found.append(Quotation(0, index, 0, index + 1, 0))
        elif facing == "opening" and (kind == "double" or _closes_later(text, index)):
            stack.append((kind, index))
    while stack:  # unclosed: it runs on to the end of the paragraph
        _, opened = stack.pop()
        found.append(Quotation(opened + 1, len(text), opened, len(text), len(stack)))
    return tuple(sorted(found, key=lambda q: (q.outer_start, -q.outer_end)))


def _mark(text, index, char):
    """(kind, 'opening' or 'closing') if the character is a quotation mark here, else (None, None)."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char in OPENING:
        return OPENING[char], "opening"
    if char in CLOSING or char in STRAIGHT:
        kind = CLOSING.get(char) or STRAIGHT[char]
        if kind == "single" and before.isalnum() and after.isalnum():
            return None, None  # an apostrophe inside a word
        if char in STRAIGHT and (not before or before.isspace() or before in OPENS_AFTER) and after and not after.isspace():
            return kind, "opening"
        return kind, "closing"
    return None, None


def _closes_later(text, index):
    """A single mark opens a quotation only if one closes it later in the paragraph:
    otherwise it is an apostrophe ('90s, ’em)."""
    for later in range(index + 1, len(text)):
        kind, facing = _mark(text, later, text[later])
        if kind == "single" and facing == "closing":
            return True
    return False
