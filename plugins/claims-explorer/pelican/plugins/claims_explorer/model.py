"""The corpus as plain objects: parties, speakers, topics, claims, events and their sources.

Built once by `corpus.build_corpus`; templates and exports only read it. References are
objects (claim.party is a Party), and back-references (party.claims) are filled in, so a
template never has to look anything up. The one value set later is each claim's and
event's `timeline_url`, which depends on the site's page size (pagination.py).
"""

import functools
from dataclasses import dataclass, field
from itertools import groupby

from . import urls
from .paragraphs import Quote, note_label, split_blocks
from .text import text_fragment

# A party's visual key: one of PARTY_COLOURS colours (--p0..--p7 in the theme's site.css)
# and one of PARTY_SHAPES marks (.shape-* there, and timeline_chart.html's lane keys). The
# shape turns with the colour, so neighbours differ in shape as well as colour (a reader who
# cannot tell the colours apart still can), and back with each further round of colours, so
# the first PARTY_COLOURS * len(PARTY_SHAPES) (48) parties all look different; after that
# the looks repeat.
PARTY_COLOURS = 8
PARTY_SHAPES = ("circle", "square", "diamond", "triangle", "ring", "down")

KINDS = {
    "quote": "Direct quote",
    "paraphrase": "Paraphrase",
    "position": "Reported position",
    "assertion": "Outlet's assertion",
}


def in_date_order(items):
    """Claims or events by the earliest day their date can mean, then by id."""
    return sorted(items, key=lambda item: item.sort_key)


def in_timeline_order(items):
    """Events and claims together, by earliest possible day, events first on a tie."""
    return sorted(items, key=lambda item: (item.sort_key[0], isinstance(item, Claim), item.sort_key[1]))


def by_period(items):
    """Items in timeline order cut into runs under one heading (a year, or a decade)."""
    return [(period, list(run)) for period, run in groupby(items, key=lambda item: item.when.period)]


@dataclass(eq=False)
class Article:
    """A source article as the plugin sees it: Pelican's article plus its blocks."""

    slug: str
    title: str
    url: str
    date: object  # datetime.date Pelican sorts by
    when: object  # dates.When: the publication date as sure as the text makes it
    source_path: str
    blocks: list
    pelican: object = None  # the Pelican Article, for provenance metadata
    claims: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def paragraphs(self):
        return [block for block in self.blocks if hasattr(block, "number")]

    def body(self, html):
        """Blocks of `html` (the body as rendered for the current page); each paragraph comes
        with its HTML, every quote in it marked with its own number, and its notes: the
        claims and events citing it, in the order their words come, each with the label
        its highlight carries."""
        by_paragraph = {}
        for owner, c in self.citations():
            by_paragraph.setdefault(c.paragraph.number, []).append((c.span, owner, c))
        for block in split_blocks(html):
            if not hasattr(block, "number"):
                yield block, None
                continue
            here = sorted(by_paragraph.get(block.number, []), key=lambda found: found[0])
            notes = [Note(owner, c, Quote(*c.span, n, note_label(n), c.anchor))
                     for n, (_, owner, c) in enumerate(here, start=1)]
            yield block, {"html": block.annotated([note.quote for note in notes]), "notes": notes}

    def citations(self):
        """(claim or event, citation) for every citation of this article."""
        pairs = [(claim, claim.source) for claim in self.claims]
        return pairs + [(event, c) for event in self.events for c in event.sources if c.article is self]


@dataclass(eq=False)
class Note:
    """A claim or event beside the paragraph it cites, and its quote's marks there."""

    owner: object  # Claim or Event
    citation: object  # Citation
    quote: Quote

    @property
    def is_claim(self):
        return isinstance(self.owner, Claim)


@dataclass(eq=False)
class Citation:
    """Where a claim or event comes from: exact words in one paragraph of one article."""

    article: Article
    quote: str
    paragraph: object  # paragraphs.Paragraph
    span: tuple  # (start, end) of the quote in paragraph.text
    anchor: str = ""  # id of the quote's words on the article's page, set by its claim or event

    @property
    def url(self):
        return urls.paragraph_url(self.article.url, self.paragraph.id)

    @property
    def quote_url(self):
        """The quote's own anchor on the article's page: targeting it highlights these words
        and no others (the paragraph's URL, `url`, holds them too). A citation the article
        does not mark (an era's) has no anchor: its paragraph's URL."""
        return urls.anchor(self.article.url, self.anchor) if self.anchor else self.url

    @property
    def fragment_url(self):
        """The quote's URL with a text fragment, so browsers highlight the words (these
        words: a few of the paragraph's words either side tell them from any others, such as
        a margin note's summary; before a paragraph's first words, its label, which starts
        it on the page)."""
        start, end = self.span
        text = self.paragraph.text
        before = text[:start] if text[:start].strip() else self.paragraph.label
        return f"{self.quote_url}{text_fragment(self.quote, before, text[end:])}"

    @property
    def html(self):
        return self.paragraph.html([self.span])


@dataclass(eq=False)
class Party:
    id: str
    name: str
    short: str
    description: str
    index: int  # position in claims.yaml; decides its colour and shape
    claims: list = field(default_factory=list)
    events: list = field(default_factory=list)
    speakers: list = field(default_factory=list)

    @property
    def colour(self):
        """Which of the theme's party colours it is drawn in (0 to PARTY_COLOURS - 1)."""
        return self.index % PARTY_COLOURS

    @property
    def shape(self):
        """Which of PARTY_SHAPES marks it: the next one for each next colour, turned back
        one for each round of colours, so two parties of one colour never share a shape and
        neither do two neighbours (the last of a round and the first of the next)."""
        round_ = self.index // PARTY_COLOURS
        return PARTY_SHAPES[(self.colour - round_) % len(PARTY_SHAPES)]

    @property
    def style(self):
        """The CSS classes that draw it: every template, badge and mark uses these."""
        return f"party-{self.colour} shape-{self.shape}"

    @property
    def url(self):
        return urls.page_url("party", self.id)

    @property
    def badge(self):
        """How a badge draws it: short name, colour, shape, page (data/facets.json, and the
        claims and search pages' scripts, which draw results' badges from it)."""
        return {"short": self.short, "colour": self.colour, "shape": self.shape, "url": self.url}

    @property
    def timeline(self):
        """Its claims and events, as its page lists them."""
        return in_timeline_order(self.claims + self.events)


@dataclass(eq=False)
class Speaker:
    id: str
    name: str
    role: str
    party: Party
    claims: list = field(default_factory=list)

    @property
    def url(self):
        return urls.page_url("speaker", self.id)

    @property
    def timeline(self):
        """Its claims, as its page lists them."""
        return in_date_order(self.claims)


@dataclass(eq=False)
class Topic:
    id: str
    name: str
    description: str
    aliases: list = field(default_factory=list)  # other names the texts use for it, found by search
    claims: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def url(self):
        return urls.page_url("topic", self.id)

    @property
    def timeline(self):
        return in_timeline_order(self.claims + self.events)


@dataclass(eq=False)
class Claim:
    id: str
    text: str
    kind: str
    when: object  # dates.When
    date_basis: str
    party: Party
    speaker: Speaker | None
    attribution: str
    topics: list
    source: Citation
    disputes: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    disputed_by: list = field(default_factory=list)
    answered_by: list = field(default_factory=list)
    timeline_url: str = ""  # its permalink on the timeline, set by pagination.place_on_timeline

    def __post_init__(self):
        self.source.anchor = urls.quote_anchor("claim", self.id)

    @property
    def url(self):
        return urls.page_url("claim", self.id)

    @property
    def is_quote(self):
        """Whether the cited words are the speaker's own; otherwise they are the article's."""
        return self.kind == "quote"

    @property
    def kind_label(self):
        return KINDS[self.kind]

    @property
    def voice(self):
        """Who says it, as a reader would name them."""
        if self.speaker:
            return self.speaker.name
        return self.attribution or self.party.name

    @property
    def counterparts(self):
        """Claims this one disputes or is disputed by, in date order."""
        return sorted(set(self.disputes) | set(self.disputed_by), key=lambda c: c.sort_key)

    @property
    def responses(self):
        return sorted(set(self.answers) | set(self.answered_by), key=lambda c: c.sort_key)

    @property
    def sort_key(self):
        return (self.when.sort_key, self.id)

    @property
    def title(self):
        return self.text

    @property
    def facets(self):
        """(facet, [values]) a reader filters claims by: the search index's filters on the
        claim's page and the claims page's counts both come from here. Values are the names
        a reader sees, so a filter needs no lookup table in the browser."""
        return [("party", [self.party.name]), ("speaker", [self.speaker.name] if self.speaker else []),
                ("topic", [t.name for t in self.topics]), ("year", [self.when.period]), ("kind", [self.kind_label])]

    @property
    def search_order(self):
        """Its place in date order as text that sorts the same way (Pagefind sorts strings)."""
        first, last, edtf = self.when.sort_key
        return f"{first.isoformat()} {last.isoformat()} {self.id}"


FACET_LABELS = {"party": "Party", "speaker": "Speaker", "topic": "Topic", "year": "Year", "kind": "Kind"}


@dataclass(eq=False)
class Event:
    id: str
    title: str
    when: object
    date_basis: str
    parties: list
    topics: list
    sources: list
    timeline_url: str = ""  # as Claim.timeline_url

    def __post_init__(self):
        for number, citation in enumerate(self.sources, start=1):
            citation.anchor = urls.quote_anchor("event", self.id, number)

    @property
    def url(self):
        return urls.page_url("event", self.id)

    @property
    def sort_key(self):
        return (self.when.sort_key, self.id)


@dataclass(eq=False)
class Era:
    """A named stretch of time the articles state (a treaty in force, a notice period),
    shaded on the timeline behind the items."""

    id: str
    title: str
    when: object  # dates.When: an interval closed at both ends
    date_basis: str
    sources: list  # Citations; may be empty when date_basis says where the dates come from

    @property
    def sort_key(self):
        return (self.when.sort_key, self.id)


@dataclass
class Corpus:
    parties: list
    speakers: list
    topics: list
    claims: list
    events: list
    articles: dict  # slug -> Article
    eras: list = field(default_factory=list)  # in date order

    @property
    def timeline(self):
        return in_timeline_order(self.events + self.claims)

    @property
    def contested(self):
        """(claim, [claims it disputes]) for every claim that disputes another, so that each
        dispute is listed once: where two claims dispute each other, under the first only."""
        shown, pairs = set(), []
        for claim in self.claims:
            others = [other for other in claim.disputes if (other, claim) not in shown]
            shown.update((claim, other) for other in others)
            if others:
                pairs.append((claim, others))
        return pairs

    def most_contested(self, count):
        """The `count` disputes with the most claims in them (a claim, the claims it disputes,
        and the other claims disputing those), for the home page."""
        def size(pair):
            claim, others = pair
            return len({claim, *others, *(c for other in others for c in other.disputed_by)})
        return sorted(self.contested, key=size, reverse=True)[:count]

    @property
    def facet_names(self):
        """Display names of every facet value, and what a claim card shows of its party and
        speaker (data/facets.json, open data; the claims page itself uses claim_facets)."""
        parties = [p for p in self.parties if p.claims]
        speakers = [s for s in self.speakers if s.claims]
        return {
            "labels": {"party": "Party", "speaker": "Speaker", "topic": "Topic", "article": "Article", "kind": "Kind"},
            "party": {p.id: p.name for p in parties},
            "speaker": {s.id: s.name for s in speakers},
            "topic": {t.id: t.name for t in self.topics if t.claims},
            "article": {a.slug: a.title for a in self.articles.values() if a.claims},
            "kind": {kind: label for kind, label in KINDS.items() if any(c.kind == kind for c in self.claims)},
            "badges": {p.id: p.badge for p in parties},
            "speaker_urls": {s.id: s.url for s in speakers},
        }

    @functools.cached_property
    def claim_facets(self):
        """[(facet, label, [(value, count, page url or None)])] for the claims page: counted
        at build time from Claim.facets, the values the search index filters by. Counted
        once: every page of the claims list shows them (a thousand pages at 20,000 claims)."""
        counts = {facet: {} for facet in FACET_LABELS}
        for claim in self.claims:
            for facet, values in claim.facets:
                for value in values:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
        pages = {"party": {p.name: p.url for p in self.parties}, "speaker": {s.name: s.url for s in self.speakers},
                 "topic": {t.name: t.url for t in self.topics}}
        order = {"year": lambda item: item[0], "kind": lambda item: list(KINDS.values()).index(item[0])}
        return [(facet, label, [(value, n, pages.get(facet, {}).get(value))
                                for value, n in sorted(counts[facet].items(), key=order.get(facet, lambda item: (-item[1], item[0])))])
                for facet, label in FACET_LABELS.items()]

    @property
    def counts(self):
        return {name: len(getattr(self, name)) for name in ("articles", "claims", "events", "speakers")}
