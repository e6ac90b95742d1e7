"""Split an article's HTML into top-level blocks; each paragraph gets a stable id and its text.

Pelican hands us the article body as HTML from Markdown. A quote is found in a paragraph's
*text*, and highlighted by wrapping the matching text runs in <mark>, so we keep each
paragraph as a list of tokens (raw tags and unescaped text) that can be rendered again
with any set of highlighted ranges. On an article's page every quote keeps its identity
(`annotated`): quotes of different claims may overlap or nest, so the text is cut at every
quote's start and end, and each run is marked with the numbers of all the quotes covering it.
"""

import functools
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Paragraph:
    """A top-level <p>: number n, element id `p-n`, inner tokens and plain text."""

    number: int
    tokens: list  # ("tag", raw html) or ("text", unescaped text)

    @property
    def id(self):
        return f"p-{self.number}"

    @property
    def label(self):
        """Its number as the page shows it at the start of the paragraph, and as every link
        to it names it: ¶4."""
        return f"¶{self.number}"

    @functools.cached_property
    def text(self):
        """Its text, made once: a paragraph's tokens do not change."""
        return "".join(value for kind, value in self.tokens if kind == "text")

    def html(self, ranges=()):
        """Inner HTML, with the text in `ranges` (start, end offsets into .text) in <mark>."""
        spans = _merge(ranges)
        out, offset = [], 0
        for kind, value in self.tokens:
            if kind == "tag":
                out.append(value)
                continue
            out.append(_mark_runs(value, offset, spans))
            offset += len(value)
        return Markup("".join(out))

    def annotated(self, quotes):
        """Inner HTML with each Quote's words in <mark class="q qN ...">, N the number of every
        quote covering the run, and an empty anchor (the quote's id, its label for CSS to
        show) where each quote starts, so that a link can target one quote's words."""
        cuts = sorted({q.start for q in quotes} | {q.end for q in quotes})
        out, offset, anchored = [], 0, set()
        for kind, value in self.tokens:
            if kind == "tag":
                out.append(value)
                continue
            position = 0
            while position < len(value):
                here = offset + position
                for q in quotes:
                    if q.start <= here < q.end and q.number not in anchored:
                        anchored.add(q.number)
                        out.append(f'<span class="qa q{q.number}" id="{escape(q.anchor)}" data-note="{escape(q.label)}"></span>')
                stop = min([c - offset for c in cuts if c > here] + [len(value)])
                run = escape(value[position:stop], quote=False)
                covering = " ".join(f"q{q.number}" for q in quotes if q.start <= here < q.end)
                out.append(f'<mark class="q {covering}">{run}</mark>' if covering else run)
                position = stop
            offset += len(value)
        return Markup("".join(out))


@dataclass
class Quote:
    """One quote in a paragraph as its article shows it: its span of the paragraph's text,
    its number in the paragraph (1, 2, … in reading order), the label its highlight and
    margin note share (a, b, …) and the id a link targets it by."""

    start: int
    end: int
    number: int
    label: str
    anchor: str


def note_label(number):
    """a, b, … z, aa, ab, …: the mark a quote and its margin note share (1-based)."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(97 + rest) + label
    return label


@dataclass
class Block:
    """Anything else at the top level (a heading, a list): kept as it was."""

    raw: str

    def html(self):
        return Markup(self.raw)


def split_blocks(html):
    """The top-level blocks of `html`, paragraphs numbered from 1 in reading order."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    blocks, number = [], 0
    for tag, tokens in parser.blocks:
        if tag == "p":
            number += 1
            blocks.append(Paragraph(number, tokens[1:-1]))
        else:
            raw = "".join(v if k == "tag" else escape(v, quote=False) for k, v in tokens)
            if raw.strip():
                blocks.append(Block(raw))
    return blocks


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.blocks.append((tag, []))
        self._add("tag", self.get_starttag_text())
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.blocks.append((tag, []))
        self._add("tag", self.get_starttag_text())

    def handle_endtag(self, tag):
        self._add("tag", f"</{tag}>")
        self.depth = max(self.depth - 1, 0)

    def handle_data(self, data):
        if self.depth == 0:
            self.blocks.append(("#text", []))
        self._add("text", data)

    def _add(self, kind, value):
        if self.blocks:
            self.blocks[-1][1].append((kind, value))


def _merge(ranges):
    spans = []
    for start, end in sorted(ranges):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _mark_runs(text, offset, spans):
    out, cursor = [], 0
    for start, end in spans:
        start, end = max(start - offset, cursor), min(end - offset, len(text))
        if start >= end:
            continue
        out += [escape(text[cursor:start], quote=False), "<mark>", escape(text[start:end], quote=False), "</mark>"]
        cursor = end
    out.append(escape(text[cursor:], quote=False))
    return "".join(out)
