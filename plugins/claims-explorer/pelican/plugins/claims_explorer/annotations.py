"""data/annotations.jsonld: one W3C Web Annotation per claim, per event source and per era
source.

An annotation client (Hypothesis, or any reader of the Web Annotation model) can show each
claim on the text it comes from. The target is the original article where the article gives
its `Source_url`, else the paragraph on this site; the body is the claim's (or event's) page.
An era has no page: its body is its name and dates as text (a TextualBody describing the
words that state it).
Each target has two selectors, as Hypothesis writes them:

- a TextQuoteSelector: `exact` the quoted words as the text has them, with `prefix` and
  `suffix` (up to CONTEXT characters) from the same paragraph;
- a TextPositionSelector: `start` and `end` in Unicode code points, counted in the text of
  the target: for the site's paragraph, that paragraph's text; for the original article, the
  article's text, its paragraphs one after another with a blank line ("\\n\\n") between.

A paragraph's text is what the article page shows inside its `<p id="p-N">` without the ¶
link, with every run of white space read as one space and none at either end (the
article's JSON twin has the same text before white space is collapsed). The original page
has other text around the article, so there the position is a hint and the quote decides,
as the model intends.

URLs are absolute under SITEURL, else relative to this file (JSON-LD resolves them against
it), so the file works wherever the site is served.
"""

import os

from . import urls
from .export import write_json
from .model import in_date_order
from .text import normalise

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
CONTEXT = 32  # characters of prefix and suffix, as Hypothesis keeps


def paragraph_text(paragraph):
    """The paragraph's text, white space collapsed, and for each character its index in
    `paragraph.text`."""
    return normalise(paragraph.text)


def article_text(article):
    """The article's text: its paragraphs' texts, a blank line between them."""
    return "\n\n".join(paragraph_text(p)[0] for p in article.paragraphs)


def locate(citation):
    """(start, end) of the quote in the paragraph's collapsed text, where the build found it."""
    text, index = paragraph_text(citation.paragraph)
    start = index.index(citation.span[0])
    end = index.index(citation.span[1] - 1) + 1
    return text, start, end


def selectors(citation, offset):
    """The quote and position selectors of one citation; `offset` is where its paragraph
    starts in the target's text."""
    text, start, end = locate(citation)
    quote = {"type": "TextQuoteSelector", "exact": text[start:end]}
    if start:
        quote["prefix"] = text[max(0, start - CONTEXT):start]
    if end < len(text):
        quote["suffix"] = text[end:end + CONTEXT]
    return [quote, {"type": "TextPositionSelector", "start": offset + start, "end": offset + end}]


def paragraph_offset(citation):
    """Where the citation's paragraph starts in its article's text."""
    before = citation.article.paragraphs[:citation.paragraph.number - 1]
    return sum(len(paragraph_text(p)[0]) + 2 for p in before)


def target(citation, link):
    """The original article where the source gives it, else the paragraph on this site."""
    original = citation.article.pelican.metadata.get("source_url")
    if original:
        return {"source": original, "selector": selectors(citation, paragraph_offset(citation))}
    return {"source": link(citation.url), "selector": selectors(citation, 0)}


def annotation(identifier, page, citation, link):
    """A claim's or event source's annotation: linking the quoted words to the item's page."""
    return {
        "id": f"{link(urls.ANNOTATIONS)}#{identifier}",
        "type": "Annotation",
        "motivation": "linking",
        "body": {"id": link(page), "type": "Text", "format": "text/html"},
        "target": target(citation, link),
    }


def era_annotation(era, number, citation, link):
    """An era source's annotation: the era's name and dates describing the words that state
    them. `era/<id>/<n>`, as event sources are `event/<id>/<n>`: a slash is in no id, so
    no claim's id can equal either."""
    return {
        "id": f"{link(urls.ANNOTATIONS)}#era/{era.id}/{number}",
        "type": "Annotation",
        "motivation": "describing",
        "body": {"type": "TextualBody", "value": f"{era.title} ({era.when.words})", "format": "text/plain",
                 "purpose": "describing"},
        "target": target(citation, link),
    }


def annotations(corpus, link):
    """One annotation per claim, then one per event source, then one per era source, each
    list in date order."""
    items = [annotation(claim.id, claim.url, claim.source, link) for claim in in_date_order(corpus.claims)]
    items += [annotation(f"event/{event.id}/{number}", event.url, citation, link)
              for event in in_date_order(corpus.events)
              for number, citation in enumerate(event.sources, start=1)]
    items += [era_annotation(era, number, citation, link)
              for era in in_date_order(corpus.eras)
              for number, citation in enumerate(era.sources, start=1)]
    return items


def write_annotations(corpus, settings, output_path):
    siteurl = settings["SITEURL"]

    def link(url):
        return urls.absolute(siteurl, url) if siteurl else urls.relative_to(urls.ANNOTATIONS, url)

    items = annotations(corpus, link)
    collection = {
        "@context": CONTEXT_URL,
        "id": link(urls.ANNOTATIONS),
        "type": "AnnotationCollection",
        "label": f"Claims, events and eras of {settings['SITENAME']}, on the words they quote",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    write_json(os.path.join(output_path, urls.ANNOTATIONS), collection)
