"""`find`: where a phrase occurs in the articles, with a `source:` block ready for claims.yaml.

An editor who has a phrase in mind runs `make find Q="the phrase"` and gets, for every
paragraph that contains it, the article's slug, the paragraph's id (`p-N`), the paragraph
with the phrase marked »like this«, and the YAML to paste under a claim. The phrase is
matched exactly as the build matches a quote (`text.find_all`: white space aside, word for
word), so what `find` finds once, `make check` accepts.
"""

import yaml

from .pelican_adapter import articles_from, read_articles
from .text import find_all, normalise

SHORTEST_SUGGESTION = 3  # words: a shorter phrase is rarely found only once


def find_phrase(settings, phrase):
    """The report for `phrase` in the articles Pelican reads with `settings`, as text."""
    return find_in_articles(articles_from(read_articles(settings)), phrase)


def find_in_articles(articles, phrase):
    """The report for `phrase` in `articles` ({slug: model.Article}), as text."""
    wanted = normalise(phrase)[0]
    if not wanted:
        return 'Give the words to look for: make find Q="words copied from an article"\n'
    out, paragraphs, slugs = [], 0, 0
    for slug in sorted(articles):
        article = articles[slug]
        hits = [(paragraph, spans) for paragraph in article.paragraphs if (spans := find_all(wanted, paragraph.text))]
        if not hits:
            continue
        paragraphs, slugs = paragraphs + len(hits), slugs + 1
        out += [_paragraph_report(article, paragraph, spans) for paragraph, spans in hits]
        count = sum(len(spans) for _, spans in hits)
        if count > 1:
            where = ", ".join(f"p-{paragraph.number}" for paragraph, spans in hits for _ in spans)
            out.append(f"WARNING: the phrase occurs {count} times in '{slug}' ({where}); the build needs a quote "
                       "that occurs exactly once in its article: quote more words around the one you mean.\n")
    if not out:
        return _not_found(articles, wanted)
    out.append(f"Found in {_count(paragraphs, 'paragraph')} of {_count(slugs, 'article')}.\n")
    return "\n".join(out)


def _count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _paragraph_report(article, paragraph, spans):
    text = paragraph.text
    marked, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue  # overlaps the occurrence just marked ("aa" in "aaa")
        marked += [text[cursor:start], "»", text[start:end], "«"]
        cursor = end
    marked.append(text[cursor:])
    first_start, first_end = spans[0]
    quote = " ".join(text[first_start:first_end].split())
    return (
        f"{article.slug} p-{paragraph.number} ({article.source_path})\n"
        f"  {' '.join(''.join(marked).split())}\n"
        "\n"
        f"{source_yaml(article.slug, quote)}"
    )


def source_yaml(slug, quote):
    """The `source:` block of a claim, indented to paste under `- id: …`; the quote is
    double-quoted so that no character in it (': ', ' #', a leading digit) can change its
    meaning."""
    value = yaml.safe_dump(quote, default_style='"', allow_unicode=True, width=float("inf")).strip()
    return f"    source:\n      article: {slug}\n      quote: {value}\n"


def _not_found(articles, wanted):
    lines = [f'No paragraph of the {_count(len(articles), "article")} contains "{wanted}".']
    texts = [normalise(p.text)[0] for article in articles.values() for p in article.paragraphs]
    words = wanted.split(" ")
    shorter = next(
        (
            " ".join(words[first:first + size])
            for size in range(len(words) - 1, SHORTEST_SUGGESTION - 1, -1)
            for first in range(len(words) - size + 1)
            if any(" ".join(words[first:first + size]) in text for text in texts)
        ),
        None,
    )
    if shorter:
        lines.append(f'Try a shorter phrase; these words are found: make find Q="{shorter}"')
    else:
        lines.append("Try a shorter phrase: a few words copied from the article exactly as they are written.")
    if any(mark in wanted for mark in "'\""):
        lines.append("Check the quotation marks and apostrophes: some articles use curly ones (’ “ ”).")
    return "\n".join(lines) + "\n"
