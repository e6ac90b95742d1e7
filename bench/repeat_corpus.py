"""Generate a benchmark corpus shaped like the real one: the real corpus repeated.

    python bench/repeat_corpus.py FOLDER [--articles N] [--source DIR]

copies every article of DIR/content/articles (default: this repository's) and every claim
and event of DIR/claims.yaml as many times as it takes to reach N articles (N = 1,000 with
the three INF articles makes 334 copies: 1,002 articles), each copy's ids suffixed with
`-r0001`, `-r0002`...: article slugs and file names, claim and event ids, and every reference
to them (a claim's source article, its disputes and answers, an event's sources) in the same
copy. Quotes, dates, titles and texts stay verbatim, so every quote still resolves in its
copy of the article, and the corpus keeps the real one's shape: long quotes, disputes, EDTF
intervals, events with several sources. Parties, speakers, topics and anything else at the
top of claims.yaml (eras) are shared by every copy, as they are one world; what they cite is
in the first copy. content/pages is copied as it is. The result passes `python -m claims_explorer check` (tests/test_bench_corpus.py).

The synthetic corpus (bench/make_corpus.py) scales the corpus's breadth; this one its
real texture.
"""

import argparse
import math
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# Keys whose values are words or ids of the shared world (parties, speakers, topics), never a
# reference to an article, claim or event: left as they are even if they equal such an id.
NOT_REFERENCES = {"text", "quote", "title", "date", "date_basis", "attribution", "kind", "description",
                  "topics", "party", "parties", "speaker", "speakers", "name", "short", "role"}
SLUG = re.compile(r"^Slug:[ \t]*(\S+)[ \t]*$", re.MULTILINE | re.IGNORECASE)


def suffix(number):
    return f"-r{number:04d}"


def renamed(value, key, names, end):
    """`value` with every reference to an article, claim or event given the copy's suffix."""
    if isinstance(value, dict):
        return {k: renamed(v, k, names, end) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, key, names, end) for v in value]
    if isinstance(value, str) and key not in NOT_REFERENCES and value in names:
        return value + end
    return value


def read_articles(source):
    """[(file name, slug, text)] of the source's articles, in file order."""
    articles = []
    for path in sorted((source / "content" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        slug = SLUG.search(text)
        articles.append((path, slug.group(1) if slug else path.stem, text))
    return articles


def make_corpus(folder, articles=100, source=REPO):
    """Write the repeated corpus into `folder`; return its counts."""
    folder, source = Path(folder), Path(source)
    originals = read_articles(source)
    claims_text = (source / "claims.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(claims_text)
    copies = math.ceil(articles / len(originals))
    names = {slug for _, slug, _ in originals}
    names |= {record["id"] for key in ("claims", "events") for record in data.get(key) or []}

    target = folder / "content" / "articles"
    target.mkdir(parents=True, exist_ok=True)
    # the world (parties, speakers, topics, eras…) is shared; what it cites is the first copy's
    repeated = {key: renamed(value, key, names, suffix(1)) for key, value in data.items()
                if key not in ("claims", "events")}
    repeated["claims"], repeated["events"] = [], []
    for number in range(1, copies + 1):
        end = suffix(number)
        for path, slug, text in originals:
            header = SLUG.sub(lambda m: f"Slug: {m.group(1)}{end}", text, count=1)
            if not SLUG.search(text):  # the slug came from the file name
                header = f"Slug: {slug}{end}\n{text}"
            (target / f"{path.stem}{end}.md").write_text(header, encoding="utf-8")
        for key in ("claims", "events"):
            for record in data.get(key) or []:
                repeated[key].append({k: (v + end if k == "id" else renamed(v, k, names, end))
                                      for k, v in record.items()})

    pages = source / "content" / "pages"
    if pages.is_dir():
        shutil.copytree(pages, folder / "content" / "pages", dirs_exist_ok=True)
    header = "".join(line + "\n" for line in claims_text.splitlines() if line.startswith("# yaml-language-server"))
    body = yaml.safe_dump(repeated, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    (folder / "claims.yaml").write_text(header + body, encoding="utf-8")
    return {"articles": copies * len(originals), "claims": len(repeated["claims"]), "events": len(repeated["events"]),
            "parties": len(data.get("parties") or []), "speakers": len(data.get("speakers") or []),
            "topics": len(data.get("topics") or [])}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="where to write content/ and claims.yaml")
    parser.add_argument("--articles", "-n", type=int, default=100, help="at least this many articles")
    parser.add_argument("--source", type=Path, default=REPO, help="the project whose corpus is repeated")
    args = parser.parse_args(argv)
    counts = make_corpus(args.folder, args.articles, args.source)
    print(", ".join(f"{n} {k}" for k, n in counts.items()))


if __name__ == "__main__":
    main()
