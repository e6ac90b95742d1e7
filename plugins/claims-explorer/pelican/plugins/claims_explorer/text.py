"""The quote normaliser: how a claim's quote is matched to a paragraph, and linked to.

A quote must appear word for word; only runs of white space (line wraps, no-break spaces)
are treated as one space. Offsets found in the normalised text map back to the paragraph's
own text so the exact words can be highlighted.
"""

import bisect
import functools
import itertools
import re
from urllib.parse import quote as percent_encode

FRAGMENT_WORDS = 4  # a longer quote is linked by its first and last words
CONTEXT_WORDS = 3  # words of the paragraph either side of a quote, to tell it from others
_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=4096)
def normalise(text):
    """Collapse white space; return the new text and, per character, its index in `text`.

    Cached: every claim's quote is looked for in each paragraph of its article, so the same
    paragraphs are normalised once per claim otherwise."""
    words, index = [], []
    for match in _WORD.finditer(text):
        if words:  # the one space stands for the first white-space character of the run
            index.append(previous_end)
        words.append(match.group())
        index.extend(range(*match.span()))
        previous_end = match.end()
    return " ".join(words), tuple(index)


def find_all(quote, text):
    """Every (start, end) in `text` where `quote` occurs, white space aside."""
    needle = normalise(quote)[0]
    haystack, index = normalise(text)
    found, start = [], haystack.find(needle) if needle else -1
    while start != -1:
        found.append((index[start], index[start + len(needle) - 1] + 1))
        start = haystack.find(needle, start + 1)
    return found


class Haystack:
    """Several texts (an article's paragraphs) searched as one: `find_all` on each, in one
    search. The texts are normalised once and joined by a line break, which no normalised
    quote holds, so no match runs from one text into the next."""

    def __init__(self, texts):
        self.texts = [normalise(text) for text in texts]
        self.joined = "\n".join(text for text, _ in self.texts)
        self.starts = list(itertools.accumulate((len(text) + 1 for text, _ in self.texts[:-1]), initial=0))

    def find_all(self, quote):
        """(index of the text, (start, end) in it) of every match, as `find_all` would give."""
        needle = normalise(quote)[0]
        found, start = [], self.joined.find(needle) if needle else -1
        while start != -1:
            number = bisect.bisect_right(self.starts, start) - 1
            offset, index = start - self.starts[number], self.texts[number][1]
            found.append((number, (index[offset], index[offset + len(needle) - 1] + 1)))
            start = self.joined.find(needle, start + 1)
        return found


def text_fragment(quote, before="", after=""):
    """A `:~:text=` directive that makes supporting browsers scroll to and highlight `quote`.

    `before` and `after` are the text around the quote in its paragraph: a few words of each
    become the directive's prefix and suffix, so the browser picks these words and not the
    same words elsewhere on the page (in a margin note, or an earlier paragraph)."""
    words = normalise(quote)[0].split(" ")
    if len(words) <= 2 * FRAGMENT_WORDS:
        terms = [_encode(" ".join(words))]
    else:
        terms = [_encode(" ".join(words[:FRAGMENT_WORDS])), _encode(" ".join(words[-FRAGMENT_WORDS:]))]
    prefix, suffix = before.split()[-CONTEXT_WORDS:], after.split()[:CONTEXT_WORDS]
    if prefix:
        terms.insert(0, _encode(" ".join(prefix)) + "-")
    if suffix:
        terms.append("-" + _encode(" ".join(suffix)))
    return ":~:text=" + ",".join(terms)


def _encode(term):
    return percent_encode(term, safe="").replace("-", "%2D")
