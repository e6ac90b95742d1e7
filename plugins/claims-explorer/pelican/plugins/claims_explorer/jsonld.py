"""schema.org JSON-LD in the head of the home, claim, event, party, speaker and article pages
(head_meta.html puts it there).

Fact-checking tools and search engines read schema.org, and a data user merges the pages'
JSON-LD into one graph, so every thing has one `@id`, the same on every page that names it:
its page's URL and a fragment saying what it is (`claims/x.html#claim`, `events/x.html#event`,
`parties/x.html#party`, `speakers/x.html#person`, `articles/x.html#article`), and each
paragraph its own URL (`articles/x.html#p-4`). A thing's text is given on one page only: a
paragraph's on its article's page, the quoted words on the claim's (as the claim's
`appearance`, a node of its own that is part of the paragraph). So the merged graph has one
text per paragraph and one per quote.

Readers take structured data for fact and cannot see the page's caveats, so only what the
source states goes in: the publisher only when the outlet is stated, not inferred; a date
only when it is sure (`datePublished` one certain day; an event's `startDate`/`endDate` a
date known at both ends and not uncertain). The dicts are serialised so that no text can end
the script element: `<`, `>` and `&` become the JSON escapes \\u003c, \\u003e, \\u0026, which
any JSON parser reads back as the same characters. A data block does not run, so the CSP
stays.
"""

import json

from jinja2 import pass_context
from markupsafe import Markup

from . import urls
from .subject import subject
from .text import normalise

SCHEMA = "https://schema.org"
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
FRAGMENTS = {"claim": "claim", "event": "event", "party": "party", "speaker": "person", "article": "article"}


@pass_context
def json_ld(context):
    """The page's JSON-LD, safe inside <script type="application/ld+json">; "" for pages without."""
    kind, item = subject(context)
    build = BUILDERS.get(kind)
    return script_text({"@context": SCHEMA, **build(item, context)}) if build else ""


def script_text(data):
    """JSON text in which no `</script>`, comment or entity can appear; compact, as no one
    reads it by eye and it is on every item's page (README, "What is published")."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)


def link(context, url):
    """`url` (from the site root) as the page links it: relative with RELATIVE_URLS, which a
    JSON-LD reader resolves against the page, else absolute under SITEURL."""
    return f"{context['SITEURL']}/{url}"


def node_id(context, kind, url):
    """The @id of the thing page `url` is about."""
    return f"{link(context, url)}#{FRAGMENTS[kind]}"


def ref(context, kind, page, known):
    """A reference to a thing by its @id, with its type and whatever else is `known`."""
    return {"@id": node_id(context, kind, page), **known}


def claim_ld(claim, context):
    """A Claim: who made it, when if sure, and its appearance: the quoted words, part of the
    cited paragraph, part of the article."""
    data = {"@type": "Claim", "@id": node_id(context, "claim", claim.url), "url": link(context, claim.url),
            "text": claim.text, "author": author(claim, context)}
    if single_day(claim.when):
        data["datePublished"] = claim.when.earliest.isoformat()
    source = appearance(claim, context)
    data.update(appearance=source, firstAppearance={"@id": source["@id"]},
                isBasedOn={"@id": link(context, claim.source.url)},
                keywords=[topic.name for topic in claim.topics])
    return data


def party_ref(party, context):
    return ref(context, "party", party.url, {"@type": "Organization", "name": party.name})


def person(speaker, context):
    data = ref(context, "speaker", speaker.url, {"@type": "Person", "name": speaker.name})
    if speaker.role:
        data["jobTitle"] = speaker.role
    return {**data, "affiliation": party_ref(speaker.party, context)}


def author(claim, context):
    """The speaker as a Person of their party; with no one named, the voice as an
    Organization (the party itself, or the body the article names, within the party)."""
    if claim.speaker:
        return person(claim.speaker, context)
    if claim.attribution:
        return {"@type": "Organization", "name": claim.attribution,
                "parentOrganization": party_ref(claim.party, context)}
    return party_ref(claim.party, context)


def appearance(claim, context):
    """The quoted words: a Quotation when the claim is the speaker's own words, else the
    passage as a CreativeWork; part of the paragraph, which is part of the article."""
    source = claim.source
    article = ref(context, "article", source.article.url, {"@type": "NewsArticle", "headline": source.article.title,
                                                           "url": link(context, source.article.url)})
    work = {"@type": "Quotation" if claim.kind == "quote" else "CreativeWork",
            "@id": f"{link(context, claim.url)}#quote", "url": link(context, source.url), "text": source.quote,
            "isPartOf": {"@id": link(context, source.url), "@type": "WebPageElement", "isPartOf": article}}
    return {**work, "spokenByCharacter": author(claim, context)} if claim.kind == "quote" else work


def article_ld(article, context):
    """A NewsArticle: the page's heading, what the source states about itself, and its
    numbered paragraphs, each with its text (white space collapsed) and its own @id."""
    source = context["corpus"].articles[article.slug]
    url = article.url  # Pelican works it out from its settings at every call
    data = {"@type": "NewsArticle", "@id": node_id(context, "article", url), "url": link(context, url),
            "headline": article.title, "inLanguage": article.lang}
    if single_day(source.when):
        data["datePublished"] = source.when.earliest.isoformat()
    parts = [{"@id": link(context, urls.paragraph_url(url, p.id)), "@type": "WebPageElement",
              "position": p.number, "text": normalise(p.text)[0]} for p in source.paragraphs]
    return {**data, **provenance(article.metadata), "hasPart": parts}


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


def event_ld(event, context):
    """An Event, dated only when its date is known at both ends and sure, else described in
    words; the paragraphs that report it are `subjectOf`."""
    when = event.when
    data = {"@type": "Event", "@id": node_id(context, "event", event.url), "url": link(context, event.url),
            "name": event.title, "description": f"Date: {when.words}.",
            "about": [party_ref(party, context) for party in event.parties],
            "subjectOf": [{"@id": link(context, c.url), "@type": "WebPageElement"} for c in event.sources]}
    if when.start and when.end and not when.qualified and when.start.iso and when.end.iso:
        data.update(startDate=when.start.iso, endDate=when.end.iso)
    return data


def party_ld(party, context):
    return {**party_ref(party, context), "url": link(context, party.url), "alternateName": party.short,
            **({"description": party.description} if party.description else {})}


def speaker_ld(speaker, context):
    return {**person(speaker, context), "url": link(context, speaker.url)}


def home_ld(_, context):
    """The site, and its data as a schema.org Dataset with a download per format."""
    licence = context["DATA_LICENSE"]
    downloads = [(urls.DATA["claims"], "application/json"), (urls.CSV["claims"], "text/csv"),
                 (urls.DATABASE, "application/vnd.sqlite3"), (urls.DATA_PACKAGE, "application/json"),
                 (urls.CALENDAR, "text/calendar"), (urls.ANNOTATIONS, "application/ld+json")]
    return {"@graph": [
        {"@type": "WebSite", "@id": f"{link(context, 'index.html')}#website", "url": link(context, "index.html"),
         "name": context["SITENAME"], "description": context.get("SITESUBTITLE") or context["SITENAME"]},
        {"@type": "Dataset", "@id": link(context, urls.DATA_INDEX), "name": f"{context['SITENAME']}: data",
         "description": f"{context.get('SITESUBTITLE') or context['SITENAME']}: every claim and event as data, "
                        "each linked to the paragraph of the article it comes from.",
         "license": licence["url"], "isAccessibleForFree": True,
         "distribution": [{"@type": "DataDownload", "contentUrl": link(context, url), "encodingFormat": media_type}
                          for url, media_type in downloads]},
    ]}


def single_day(when):
    """True for a date that is one day, not qualified as uncertain or approximate."""
    return when.precision == "day" and not when.qualified


BUILDERS = {"claim": claim_ld, "article": article_ld, "event": event_ld, "party": party_ld,
            "speaker": speaker_ld, "index": home_ld}
