"""Generate a synthetic corpus in the project's own formats, for the benchmark.

    python bench/make_corpus.py FOLDER [--articles N] [--seed S]

writes FOLDER/content/articles/*.md (N articles of about 600 words in 12 paragraphs),
FOLDER/content/pages/about.md and FOLDER/claims.yaml (8 parties, 5 speakers each, 12 topics,
20 claims and 3 events per article, some disputes and answers, dates at every precision the
site shows). Everything passes `python -m claims_explorer check`.

The text is plainly synthetic: words made of syllables, no real names. Every sentence holds
one marker word, the only words that contain a 'z' (a 'z' and four syllables, so all markers
have one length): a quote that starts with a marker is therefore found exactly once in the
whole corpus. The same N and seed always give the same files, and article i is the same for
any N (a corpus of 100 is the first 100 articles of a corpus of 1,000).
"""

import argparse
import datetime
import json
import random
from pathlib import Path

PARAGRAPHS = 12
CLAIMS_PER_ARTICLE = 20
EVENTS_PER_ARTICLE = 3
PARTIES = 8
SPEAKERS_PER_PARTY = 5
TOPICS = 12
KINDS = ("quote", "paraphrase", "position", "assertion")
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = 8 * 365  # articles are dated 2015-2022
SCHEMA_LINE = "# yaml-language-server: $schema=plugins/claims-explorer/pelican/plugins/claims_explorer/claims.schema.json"

CONSONANTS = "bdfgklmnprstv"  # no 'z': only marker words have one
VOWELS = "aeiou"
SYLLABLES = [c + v for c in CONSONANTS for v in VOWELS]  # 65
MARKER_SYLLABLES = 4  # 65**4 = 17.8 million markers, one per sentence


def vocabulary(seed, size=1500):
    """Filler words, two to four letters per syllable, no 'z' anywhere."""
    rng = random.Random(f"{seed}:vocabulary")
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


def marker(number):
    """The number-th marker word: 'z' + four syllables; unique, and all of one length."""
    syllables = []
    for _ in range(MARKER_SYLLABLES):
        number, digit = divmod(number, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return "z" + "".join(reversed(syllables))


def name(rng, words, count=2):
    return " ".join(rng.choice(words).capitalize() for _ in range(count))


def kebab(text):
    return "-".join(text.lower().split())


class World:
    """Parties, speakers, topics and outlets: the same for every article."""

    def __init__(self, seed):
        self.words = vocabulary(seed)
        rng = random.Random(f"{seed}:world")
        self.parties = []
        for index in range(PARTIES):
            label = name(rng, self.words)
            self.parties.append({
                "id": f"party-{index + 1}-{kebab(label)}", "name": f"{label} Union",
                "short": label.split()[0][:8], "description": f"Synthetic party {index + 1} for the benchmark.",
            })
        self.speakers = []
        for party in self.parties:
            for index in range(SPEAKERS_PER_PARTY):
                label = name(rng, self.words)
                self.speakers.append({
                    "id": f"{kebab(label)}-{len(self.speakers) + 1}", "name": label,
                    "role": f"{rng.choice(self.words)} {rng.choice(('minister', 'spokesperson', 'envoy', 'adviser'))}",
                    "party": party["id"],
                })
        self.topics = []
        for index in range(TOPICS):
            label = name(rng, self.words)
            self.topics.append({"id": f"topic-{index + 1}-{kebab(label)}", "name": label})
        self.outlets = [f"The {name(rng, self.words, 1)} {kind}"
                        for kind in ("Courier", "Herald", "Gazette", "Post", "Times", "Ledger", "Mirror", "Journal")]


class Article:
    """One synthetic article: its header, its paragraphs of sentences, and the sentences
    set aside for claims, events, and other articles' events."""

    def __init__(self, world, seed, index):
        rng = self.rng = random.Random(f"{seed}:article:{index}")
        words = world.words
        self.index = index
        self.date = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        title_words = [rng.choice(words) for _ in range(rng.randint(5, 8))]
        self.title = " ".join([title_words[0].capitalize()] + title_words[1:])
        self.slug = f"a{index + 1:05d}-{kebab(' '.join(title_words[:2]))}"
        self.outlet = rng.choice(world.outlets)
        self.byline = f"By {name(rng, words)}"
        self.paragraphs = []  # list of sentences; a sentence is a list of words
        number = index * 100  # markers: 100 per article, no article has more sentences
        for _ in range(PARAGRAPHS):
            sentences = []
            for _ in range(rng.choice((4, 4, 5))):
                before = [rng.choice(words) for _ in range(rng.randint(1, 3))]
                after = [rng.choice(words) for _ in range(rng.randint(6, 9))]
                sentences.append(before + [marker(number)] + after)
                number += 1
            self.paragraphs.append(sentences)
        # (paragraph, sentence) pairs, shuffled: claims, then events, then spare ones that the
        # next article's events may cite; each pair is quoted once at most
        places = [(p, s) for p, sentences in enumerate(self.paragraphs) for s in range(len(sentences))]
        rng.shuffle(places)
        self.claim_places = places[:CLAIMS_PER_ARTICLE]
        # a quarter of the claims are direct quotes: their sentences are in quotation marks,
        # as a reporter marks a speaker's own words (the curation checks ask for it)
        self.quoted = set(self.claim_places[:CLAIMS_PER_ARTICLE // 4])
        self.event_places = places[CLAIMS_PER_ARTICLE:CLAIMS_PER_ARTICLE + EVENTS_PER_ARTICLE]
        self.spare_places = places[CLAIMS_PER_ARTICLE + EVENTS_PER_ARTICLE:]

    def quote(self, place, rng):
        """A marker and the three to six words after it: found once in the whole corpus."""
        sentence = self.paragraphs[place[0]][place[1]]
        start = next(i for i, word in enumerate(sentence) if word.startswith("z"))
        return " ".join(sentence[start:start + 1 + rng.randint(3, 6)])

    def markdown(self):
        lines = [f"Title: {self.title}", f"Date: {self.date.isoformat()}", f"Slug: {self.slug}",
                 f"Outlet: {self.outlet}", f"Byline: {self.byline}", ""]
        for p, sentences in enumerate(self.paragraphs):
            written = [" ".join([words[0].capitalize()] + words[1:]) + "." for words in sentences]
            lines.append(" ".join(f"“{text}”" if (p, s) in self.quoted else text for s, text in enumerate(written)))
            lines.append("")
        return "\n".join(lines)


def edtf_date(rng, latest, allow_open_end=False):
    """An EDTF date no later than `latest` at a random precision: mostly days, then months,
    years, uncertain and approximate dates, intervals and open intervals."""
    day = latest - datetime.timedelta(days=rng.randrange(90))
    roll = rng.random()
    if roll < 0.40:
        return day.isoformat()
    if roll < 0.55:
        return day.strftime("%Y-%m")
    if roll < 0.60:
        return day.strftime("%Y")
    if roll < 0.70:
        return day.isoformat() + "?"
    if roll < 0.75:
        return day.strftime("%Y-%m") + "?"
    if roll < 0.78:
        return day.isoformat() + "~"
    if roll < 0.90:
        end = day + datetime.timedelta(days=rng.randrange((latest - day).days + 1))
        start = day - datetime.timedelta(days=rng.choice((0, 10, 100, 300)))
        return f"{start.isoformat()}/{end.isoformat()}"
    if roll < 0.95:
        return f"{day.strftime('%Y-%m')}/{latest.strftime('%Y-%m')}"
    if allow_open_end and roll < 0.98:
        return f"{day.strftime('%Y-%m')}/.."
    return f"../{day.isoformat()}"


def claims_and_events(world, articles, seed):
    claims, events = [], []
    for article in articles:
        rng = random.Random(f"{seed}:claims:{article.index}")
        words = world.words
        for number, place in enumerate(article.claim_places, 1):
            claim = {"id": f"{article.slug}-c{number:02d}"}
            if rng.random() < 0.8:
                speaker = rng.choice(world.speakers)
                claim["speaker"] = speaker["id"]
                voice = speaker["name"]
            else:
                party = rng.choice(world.parties)
                claim["party"] = party["id"]
                claim["attribution"] = voice = f"the {rng.choice(words)} office"
            claim["date"] = edtf_date(rng, article.date)
            if "/" in claim["date"] or not claim["date"][-1].isdigit():
                claim["date_basis"] = "Synthetic: the article gives no exact day."
            claim["kind"] = "quote" if place in article.quoted else rng.choice(KINDS[1:])
            claim["text"] = f"{voice} says {' '.join(rng.choice(words) for _ in range(rng.randint(6, 12)))}."
            claim["topics"] = [t["id"] for t in rng.sample(world.topics, rng.choice((1, 1, 2, 3)))]
            claim["source"] = {"article": article.slug, "quote": article.quote(place, rng)}
            if len(claims) >= 2 and rng.random() < 0.10:  # about 1 claim in 10 disputes an earlier one
                claim["disputes"] = [rng.choice(claims[-40:])["id"]]
            elif len(claims) >= 2 and rng.random() < 0.05:
                claim["answers"] = [rng.choice(claims[-40:])["id"]]
            claims.append(claim)
        for number, place in enumerate(article.event_places, 1):
            event = {"id": f"{article.slug}-e{number}", "date": edtf_date(rng, article.date, allow_open_end=True)}
            event["title"] = f"The {' '.join(rng.choice(words) for _ in range(rng.randint(4, 8)))}"
            event["parties"] = [p["id"] for p in rng.sample(world.parties, rng.choice((1, 1, 2)))]
            if rng.random() < 0.7:
                event["topics"] = [t["id"] for t in rng.sample(world.topics, rng.choice((1, 2)))]
            sources = [{"article": article.slug, "quote": article.quote(place, rng)}]
            previous = articles[article.index - 1] if article.index else None
            if previous and previous.spare_places and rng.random() < 0.3:  # also cited by the article before
                sources.append({"article": previous.slug, "quote": previous.quote(previous.spare_places.pop(), rng)})
            event["sources"] = sources
            events.append(event)
    return claims, events


# -- YAML, written by hand: ids plain, every other value in double quotes (JSON strings are
# valid YAML double-quoted scalars), so nothing is read as a number, a date or true/false


def q(value):
    return json.dumps(value, ensure_ascii=False)


def ids(values):
    return "[" + ", ".join(values) + "]"


def claims_yaml(world, claims, events):
    out = [SCHEMA_LINE, "parties:"]
    for p in world.parties:
        out.append(f"  - {{id: {p['id']}, name: {q(p['name'])}, short: {q(p['short'])}, "
                   f"description: {q(p['description'])}}}")
    out.append("speakers:")
    for s in world.speakers:
        out.append(f"  - {{id: {s['id']}, name: {q(s['name'])}, role: {q(s['role'])}, party: {s['party']}}}")
    out.append("topics:")
    for t in world.topics:
        out.append(f"  - {{id: {t['id']}, name: {q(t['name'])}}}")
    out.append("claims:")
    for c in claims:
        out.append(f"  - id: {c['id']}")
        if "speaker" in c:
            out.append(f"    speaker: {c['speaker']}")
        else:
            out += [f"    party: {c['party']}", f"    attribution: {q(c['attribution'])}"]
        out.append(f"    date: {q(c['date'])}")
        if "date_basis" in c:
            out.append(f"    date_basis: {q(c['date_basis'])}")
        out += [f"    kind: {c['kind']}", f"    text: {q(c['text'])}", f"    topics: {ids(c['topics'])}"]
        for relation in ("disputes", "answers"):
            if relation in c:
                out.append(f"    {relation}: {ids(c[relation])}")
        out += ["    source:", f"      article: {c['source']['article']}", f"      quote: {q(c['source']['quote'])}"]
    out.append("events:")
    for e in events:
        out += [f"  - id: {e['id']}", f"    date: {q(e['date'])}", f"    title: {q(e['title'])}",
                f"    parties: {ids(e['parties'])}"]
        if "topics" in e:
            out.append(f"    topics: {ids(e['topics'])}")
        out.append("    sources:")
        out += [f"      - {{article: {s['article']}, quote: {q(s['quote'])}}}" for s in e["sources"]]
    return "\n".join(out) + "\n"


ABOUT = """Title: About this synthetic corpus
Slug: about

A corpus generated by `bench/make_corpus.py` for the benchmark: invented words, invented
parties and speakers. Nothing here is true.
"""


def make_corpus(folder, articles=100, seed=1):
    """Write the corpus into `folder`; return its counts."""
    folder = Path(folder)
    world = World(seed)
    corpus = [Article(world, seed, index) for index in range(articles)]
    claims, events = claims_and_events(world, corpus, seed)
    (folder / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "content" / "pages").mkdir(parents=True, exist_ok=True)
    for article in corpus:
        (folder / "content" / "articles" / f"{article.slug}.md").write_text(article.markdown(), encoding="utf-8")
    (folder / "content" / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    (folder / "claims.yaml").write_text(claims_yaml(world, claims, events), encoding="utf-8")
    return {"articles": articles, "claims": len(claims), "events": len(events),
            "parties": len(world.parties), "speakers": len(world.speakers), "topics": len(world.topics)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="where to write content/ and claims.yaml")
    parser.add_argument("--articles", "-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = make_corpus(args.folder, args.articles, args.seed)
    print(", ".join(f"{n} {k}" for k, n in counts.items()))


if __name__ == "__main__":
    main()
