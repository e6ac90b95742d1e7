"""schema.org JSON-LD for claim and article pages (head_meta.html puts it in the head).

Fact-checking tools and search engines read schema.org: a claim page describes a `Claim`
(its text, who said it, when, and the paragraph it first appeared in), an article page a
`NewsArticle`. They would read it as fact, so only what the source states goes in: the
publisher only when the outlet is stated, not inferred; `datePublished` only for a single,
certain day. The dicts are built here and serialised so that no text can end the script
element: `<`, `>` and `&` become the JSON escapes \\u003c, \\u003e, \\u0026, which any JSON
parser reads back as the same characters. A data block does not run, so the CSP stays.
"""

import json

from jinja2 import pass_context
from markupsafe import Markup

from .subject import subject

SCHEMA = "https://schema.org"
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


@pass_context
def json_ld(context):
    """The page's JSON-LD, safe inside <script type="application/ld+json">; "" for pages without."""
    kind, item = subject(context)
    build = {"claim": claim_ld, "article": article_ld}.get(kind)
    return script_text(build(item, context)) if build else ""


def script_text(data):
    """JSON text in which no `</script>`, comment or entity can appear."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)


def link(context, url):
    """`url` (from the site root) as the page links it: relative with RELATIVE_URLS, which a
    JSON-LD reader resolves against the page, else absolute under SITEURL."""
    return f"{context['SITEURL']}/{url}"


def claim_ld(claim, context):
    """A schema.org Claim: the cited paragraph is its (first) appearance, given once and
    referred to by its @id."""
    data = {"@context": SCHEMA, "@type": "Claim", "url": link(context, claim.url), "text": claim.text,
            "author": author(claim)}
    if single_day(claim.when):
        data["datePublished"] = claim.when.earliest.isoformat()
    source = appearance(claim, context)
    data.update(appearance=source, firstAppearance={"@id": source["@id"]}, isBasedOn=source["url"],
                keywords=[topic.name for topic in claim.topics])
    return data


def author(claim):
    """The speaker as a Person of their party; with no one named, the voice as an
    Organization (the party itself, or the body the article names, within the party)."""
    party = {"@type": "Organization", "name": claim.party.name}
    if claim.speaker:
        person = {"@type": "Person", "name": claim.speaker.name, "affiliation": party}
        return {**person, "jobTitle": claim.speaker.role} if claim.speaker.role else person
    if claim.attribution:
        return {"@type": "Organization", "name": claim.attribution, "parentOrganization": party}
    return party


def appearance(claim, context):
    """The cited words in their paragraph: a Quotation when the claim is the speaker's own
    words, else the article's passage as a CreativeWork."""
    source = claim.source
    work = {"@type": "Quotation" if claim.kind == "quote" else "CreativeWork",
            "@id": link(context, source.url), "url": link(context, source.url), "text": source.quote,
            "isPartOf": {"@type": "NewsArticle", "headline": source.article.title,
                         "url": link(context, source.article.url)}}
    return {**work, "spokenByCharacter": author(claim)} if claim.kind == "quote" else work


def article_ld(article, context):
    """A schema.org NewsArticle: the page's heading, and what the source states about itself."""
    when = context["corpus"].articles[article.slug].when
    data = {"@context": SCHEMA, "@type": "NewsArticle", "url": link(context, article.url),
            "headline": article.title, "inLanguage": article.lang}
    if single_day(when):
        data["datePublished"] = when.earliest.isoformat()
    return {**data, **provenance(article.metadata)}


def provenance(meta):
    """An inferred title is flagged in `description`; an inferred outlet is left out, as
    JSON-LD cannot carry the reasoning the page shows; the original URL is `isBasedOn`."""
    data = {}
    if meta.get("title_inferred"):
        data["description"] = f"Title inferred: {meta['title_inferred']}"
    if meta.get("outlet") and not meta.get("outlet_inferred"):
        data["publisher"] = {"@type": "Organization", "name": meta["outlet"]}
    if meta.get("byline"):
        data["creditText"] = meta["byline"]
    if meta.get("source_url"):
        data["isBasedOn"] = meta["source_url"]
    return data


def single_day(when):
    """True for a date that is one day, not qualified as uncertain or approximate."""
    return when.precision == "day" and not when.qualified
