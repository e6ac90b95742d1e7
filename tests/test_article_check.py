"""Editors' mistakes in the article files stop `check` and `build` before Pelican runs, each
as `content/…md:LINE: message (hint)`, all in one run; and any warning Pelican logs fails the
build, listed as `pelican: …`. Never a traceback."""


import pytest

from claims_explorer.dates import ACCEPTED_FORMS
from conftest import line_of, run_explorer

NEW = "content/articles/test.md"
GOOD_HEADER = "Title: A test article\nDate: 2019-03-01\nSlug: test-article\n"
LINKS = "https:, http:, #fragment, a relative path, or {filename}, {static}, {attach} and a path"
CODE_HINT = f"it could run code in the reader's browser; link to {LINKS}"


def write(project, text, name=NEW):
    path = project / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def failing(project, command="check"):
    """stderr lines of a run that must fail, without a traceback."""
    result = run_explorer(project, command, "-o", str(project / "out"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stderr.strip().splitlines()


CASES = {
    "missing Title": (
        "Date: 2019-03-01\n\nText.\n",
        ["1: missing 'Title' in the metadata header (every article needs Title and Date)"],
    ),
    "missing Date": (
        "Title: A test article\n\nText.\n",
        ["1: missing 'Date' in the metadata header (every article needs Title and Date)"],
    ),
    "misspelt key": (
        "Titel: A test article\nDate: 2019-03-01\n\nText.\n",
        ["1: missing 'Title' in the metadata header (every article needs Title and Date)",
         "1: unknown metadata key 'Titel' (did you mean 'Title'?)"],
    ),
    "misspelt project key, other case": (
        GOOD_HEADER + "source_ulr: https://example.org/a\n\nText.\n",
        ["4: unknown metadata key 'source_ulr' (did you mean 'Source_url'?)"],
    ),
    "unknown key, nothing close": (
        GOOD_HEADER + "Keywords: INF, NATO\n\nText.\n",
        ["4: unknown metadata key 'Keywords' (the keys are listed in README.md, under Articles)"],
    ),
    "key given twice, in another case": (
        GOOD_HEADER + "slug: another-slug\n\nText.\n",
        ["4: 'Slug' is given twice (first on line 3)"],
    ),
    "Date_edtf that is not EDTF": (
        GOOD_HEADER + "Date_edtf: early March 2019\n\nText.\n",
        ["4: Date_edtf: 'early March 2019' is not a valid EDTF date (" + ACCEPTED_FORMS + ")"],
    ),
    "Date outside its Date_edtf": (
        GOOD_HEADER + "Date_edtf: 2019-04/2019-05?\n\nText.\n",
        ["4: Date 2019-03-01 is not within Date_edtf '2019-04/2019-05?' "
         "(Date is the day the site sorts the article by: one day Date_edtf allows)"],
    ),
    "partial date, month": (
        "Title: A test article\nDate: 2019-02\n\nText.\n",
        ["2: Date '2019-02' is a partial date (write YYYY-MM-DD; Pelican would fill in today's day)"],
    ),
    "partial date, year": (
        "Title: A test article\nDate: 2019\n\nText.\n",
        ["2: Date '2019' is a partial date (write YYYY-MM-DD; Pelican would fill in today's month and day)"],
    ),
    "ambiguous date": (
        "Title: A test article\nDate: 02/01/2019\n\nText.\n",
        ["2: Date '02/01/2019' is ambiguous or not ISO (write YYYY-MM-DD, or YYYY-MM-DD HH:MM)"],
    ),
    "date in words": (
        "Title: A test article\nDate: Feb 2, 2019\n\nText.\n",
        ["2: Date 'Feb 2, 2019' is ambiguous or not ISO (write YYYY-MM-DD, or YYYY-MM-DD HH:MM)"],
    ),
    "impossible date": (
        "Title: A test article\nDate: 2019-02-30\n\nText.\n",
        ["2: Date '2019-02-30' is not a real date (day is out of range for month)"],
    ),
    "impossible time in Modified": (
        GOOD_HEADER + "Modified: 2019-03-02 24:30\n\nText.\n",
        ["4: Modified '2019-03-02 24:30' is not a real date (hour must be in 0..23)"],
    ),
    "bad Status": (
        GOOD_HEADER + "Status: publshed\n\nText.\n",
        ["4: Status 'publshed' is not supported: only 'published' is (did you mean 'published'?)"],
    ),
    "Status draft": (
        GOOD_HEADER + "Status: draft\n\nText.\n",
        ["4: Status 'draft' is not supported: only 'published' is "
         "(keep an unfinished article out of content/ until it is ready)"],
    ),
    "Save_as": (
        GOOD_HEADER + "Save_as: index.html\n\nText.\n",
        ["4: 'Save_as' is not supported: it changes where Pelican writes the page "
         "(the site names every page from its Slug)"],
    ),
    "Url, other case": (
        GOOD_HEADER + "url: javascript:alert(1)\n\nText.\n",
        ["4: 'Url' is not supported: it changes the page's address, and the links to it "
         "(the site names every page from its Slug)"],
    ),
    "Template": (
        GOOD_HEADER + "Template: claim\n\nText.\n",
        ["4: 'Template' is not supported: it changes the template the page is made with "
         "(every article is made the same way)"],
    ),
    "Lang": (
        GOOD_HEADER + "Lang: fr\n\nText.\n",
        ["4: 'Lang' is not supported: it makes Pelican write the page elsewhere, as a translation "
         "(the site has one language)"],
    ),
    "Slug that is not an id": (
        "Title: A test article\nDate: 2019-03-01\nSlug: ../../outside\n\nText.\n",
        ["3: slug '../../outside' is not a valid id (write a Slug line: lowercase letters and digits "
         "joined by single hyphens, e.g. us-rejects-offer)"],
    ),
    "slug made from a title of symbols": (
        "Title: ---\nDate: 2019-03-01\n\nText.\n",
        ["1: slug '-' (made from the title) is not a valid id (write a Slug line: lowercase letters and digits "
         "joined by single hyphens, e.g. us-rejects-offer)"],
    ),
    "javascript: reference definition inside a block quote": (
        GOOD_HEADER + "\nText with [a link][1].\n\n> [1]: javascript:alert(1)\n",
        [f"7: javascript: URL is not allowed ({CODE_HINT})"],
    ),
    "javascript: reference definition inside a list item": (
        GOOD_HEADER + "\nText with [a link][1].\n\n- an item\n\n    [1]: javascript:alert(1)\n",
        [f"9: javascript: URL is not allowed ({CODE_HINT})"],
    ),
    "remote image": (
        GOOD_HEADER + "\n![a map](https://example.org/map.png)\n",
        ["5: remote images are not allowed (the page may load nothing from other sites; "
         "put the image in content/ and link it with {static})"],
    ),
    "protocol-relative image": (
        GOOD_HEADER + "\nText.\n\n![a map](//example.org/map.png)\n",
        ["7: remote images are not allowed (the page may load nothing from other sites; "
         "put the image in content/ and link it with {static})"],
    ),
    "unclosed bracket": (
        GOOD_HEADER + "\nText [a( and more.\n",
        ["5: a '[' is never closed by ']' (write \\[ for a bracket that starts no link)"],
    ),
    "link address never closed": (
        GOOD_HEADER + "\nText.\n\nSee [this](https://example.org/a\nand more.\n",
        ["7: a link's '(' is never closed by ')' (end the link's address with ')')"],
    ),
    "paragraph too long": (
        GOOD_HEADER + "\n" + "word " * 1200 + "\n",
        ["5: a paragraph of 6,000 characters is too long (at most 5,000) "
         "(split it where the source starts a new paragraph)"],
    ),
    "javascript: Source_url": (
        GOOD_HEADER + "Source_url: javascript:alert(1)\n\nText.\n",
        ["4: Source_url 'javascript:alert(1)' is not an absolute http: or https: URL "
         "(copy the whole address, starting https://)"],
    ),
    "relative Source_url": (
        GOOD_HEADER + "Source_url: www.example.org/story\n\nText.\n",
        ["4: Source_url 'www.example.org/story' is not an absolute http: or https: URL "
         "(copy the whole address, starting https://)"],
    ),
    "raw HTML in the body": (
        GOOD_HEADER + "\nText.\n\n<div class=\"x\">Boxed.</div>\n\nMore <!-- a comment --> text.\n",
        ["7: raw HTML is not allowed (write Markdown)", "9: raw HTML is not allowed (write Markdown)"],
    ),
    "script in the body": (
        GOOD_HEADER + "\nText.\n<SCRIPT>alert(1)</SCRIPT>\n",
        ["6: <script> is not allowed (an article cannot run scripts; write Markdown)"],
    ),
    "raw HTML in a header value": (
        GOOD_HEADER + "Byline: <a href=x>Reporter</a>\n\nText.\n",
        ["4: raw HTML is not allowed (write Markdown)"],
    ),
    "javascript: link": (
        GOOD_HEADER + "\nText with [a link](javascript:alert(1)).\n",
        [f"5: javascript: URL is not allowed ({CODE_HINT})"],
    ),
    "javascript: link, mixed case and spaces": (
        GOOD_HEADER + "\nText with [a link]( JaVaScRiPt:alert(1)).\n",
        [f"5: javascript: URL is not allowed ({CODE_HINT})"],
    ),
    "javascript: link written with entities": (
        GOOD_HEADER + "\nText with [a link](&#106;ava&#x09;script:alert(1)).\n",
        [f"5: javascript: URL is not allowed ({CODE_HINT})"],
    ),
    "data: image": (
        GOOD_HEADER + "\n![a picture](data:image/svg+xml;base64,PHN2Zz4=)\n",
        [f"5: data: URL is not allowed ({CODE_HINT})"],
    ),
    "vbscript: reference definition, target on the next line": (
        GOOD_HEADER + "\nText with [a link][1].\n\n[1]:\n    VBScript:msgbox\n",
        [f"8: vbscript: URL is not allowed ({CODE_HINT})"],
    ),
    "mailto: link": (
        GOOD_HEADER + "\nWrite to [us](mailto:desk@example.org).\n",
        [f"5: mailto: URL is not allowed (link to {LINKS})"],
    ),
    "broken {filename} link": (
        GOOD_HEADER + "\nSee [the other article]({filename}missing.md).\n",
        ["5: broken link: {filename}missing.md does not exist "
         "(a path starting with / is taken from content/, any other from this file's folder)"],
    ),
    "broken {static} link from the content root": (
        GOOD_HEADER + "\n![A map]({static}/images/map.png)\n",
        ["5: broken link: {static}/images/map.png does not exist "
         "(a path starting with / is taken from content/, any other from this file's folder)"],
    ),
    "unsupported Pelican link": (
        GOOD_HEADER + "\nSee [more]({tag}project).\n",
        ["5: '{tag}' links are not supported (use {filename}, {static} or {attach})"],
    ),
    "HTML in the title": (
        "Title: NATO <em>and</em> Russia\nDate: 2019-03-01\n\nText.\n",
        ["1: the title contains HTML (a title is plain text)"],
    ),
    "javascript: in the title": (
        "Title: JavaScript:alert(1)\nDate: 2019-03-01\n\nText.\n",
        ["1: the title contains 'javascript:' (a title is plain text)"],
    ),
    "invisible character": (
        GOOD_HEADER + "\nThe talks\u200b were held.\n",
        ["5: invisible character U+200B ZERO WIDTH SPACE (delete it; most editors do not show it)"],
    ),
    "bidi control character": (
        GOOD_HEADER + "\nThe talks \u202eheld were.\n",
        ["5: invisible bidi control character U+202E RIGHT-TO-LEFT OVERRIDE "
         "(delete it; it can change the order in which the text is shown)"],
    ),
    "control character": (
        GOOD_HEADER + "\nThe talks\x07 were held.\n",
        ["5: invisible control character U+0007 (delete it; most editors do not show it)"],
    ),
    "text not in NFC": (
        GOOD_HEADER + "\nFirst.\n\nThe cafe\u0301 in Gene\u0300ve.\n\nAnd cafe\u0301 again.\n",
        ["7: the text is not in Unicode NFC form (a letter and its accent are stored as two characters; "
         "type them again, or save the file as NFC)"],
    ),
    "not UTF-8": (
        (GOOD_HEADER + "\nFirst.\n\nCaf").encode() + b"\xe9 in Latin-1.\n",
        ["7: byte 0xE9 is not valid UTF-8 (save the file as UTF-8)"],
    ),
    "header line without a colon": (
        "Title: A test article\nDate: 2019-03-01\nSlug test-article\nOutlet: The Test Gazette\n\nText.\n",
        ["3: not a 'Key: value' line, so the metadata header ends here "
         "(leave one blank line between the header and the text)"],
    ),
    "value continued on an indented line": (
        GOOD_HEADER + "Editing: Lines joined\n    and hyphens removed\n\nText.\n",
        ["5: 'Editing' continues on an indented line (Pelican would show the value as a list; write it on one line)"],
    ),
    "slug of another article": (
        "Title: A test article\nDate: 2019-03-01\nSlug: us-rejects-russian-offer-inf\n\nText.\n",
        ["3: slug 'us-rejects-russian-offer-inf' is also used by "
         "content/articles/2019-01-16-us-rejects-russian-offer-inf.md "
         "(each article needs its own Slug: its id in claims.yaml and its URL)"],
    ),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_a_mistake_in_an_article_stops_check_with_its_line(project, text, expected):
    write(project, text)
    lines = failing(project)
    assert lines == [f"{NEW}:{message}" for message in expected] + [
        f"{len(expected)} problem{'s' if len(expected) != 1 else ''} found; nothing was built."
    ]


def test_build_stops_too_and_writes_nothing(project):
    write(project, "Title: A test article\nDate: 2019-02\n\nText.\n")
    lines = failing(project, "build")
    assert lines == [
        f"{NEW}:2: Date '2019-02' is a partial date (write YYYY-MM-DD; Pelican would fill in today's day)",
        "1 problem found; nothing was built.",
    ]
    assert not (project / "out").exists()


def test_every_mistake_of_a_file_in_one_run_sorted_by_line(project):
    write(project, (
        "Title: <b>Talks</b>\n"
        "Date: 01/11/2018\n"
        "Status: Published\n"
        "Outlett: Reuters\n"
        "Source_url: ftp://example.org/story\n"
        "\n"
        "NATO and Russia <span>held</span> talks, see <https://example.org/talks>.\n"
        "\n"
        "[Earlier]({filename}2018-11-01-nato-russia-rare-talks.md) and [later]({filename}later.md).\n"
        "\n"
        "[Click](javascript:void(0))\n"
    ))
    assert failing(project) == [
        f"{NEW}:1: the title contains HTML (a title is plain text)",
        f"{NEW}:2: Date '01/11/2018' is ambiguous or not ISO (write YYYY-MM-DD, or YYYY-MM-DD HH:MM)",
        f"{NEW}:4: unknown metadata key 'Outlett' (did you mean 'Outlet'?)",
        f"{NEW}:5: Source_url 'ftp://example.org/story' is not an absolute http: or https: URL "
        "(copy the whole address, starting https://)",
        f"{NEW}:7: raw HTML is not allowed (write Markdown)",
        f"{NEW}:9: broken link: {{filename}}later.md does not exist "
        "(a path starting with / is taken from content/, any other from this file's folder)",
        f"{NEW}:11: javascript: URL is not allowed ({CODE_HINT})",
        "7 problems found; nothing was built.",
    ]


def test_mistakes_in_several_files_are_sorted_by_file_then_line(project):
    write(project, "Title: A\nDate: 2019-13-01\n\nText.\n", "content/articles/b.md")
    write(project, "Title: B\nDate: 2019-01-01\nSlug: b\n\n<p>Text.</p>\n", "content/articles/a.md")
    page = project / "content/pages/about.md"
    page.write_text(page.read_text().replace("Title: About: how this site reads the articles\n", ""))
    assert failing(project) == [
        "content/articles/a.md:5: raw HTML is not allowed (write Markdown)",
        "content/articles/b.md:2: Date '2019-13-01' is not a real date (month must be in 1..12)",
        "content/pages/about.md:1: missing 'Title' in the metadata header (every page needs Title)",
        "3 problems found; nothing was built.",
    ]


def test_an_edited_article_reports_the_line_of_the_mistake(project):
    path = project / "content/articles/2019-08-02-pentagon-missiles-after-inf.md"
    text = path.read_text()
    path.write_text(text.replace("Date: 2019-08-02\n", "Date: 2019-08\n").replace(
        "Last month, the US mission", "Last month, the <b>US mission</b>"))
    lines = failing(project)
    display = "content/articles/2019-08-02-pentagon-missiles-after-inf.md"
    assert lines == [
        f"{display}:3: Date '2019-08' is a partial date (write YYYY-MM-DD; Pelican would fill in today's day)",
        f"{display}:{line_of(path, 'Last month, the <b>')}: raw HTML is not allowed (write Markdown)",
        "2 problems found; nothing was built.",
    ]


def test_claims_yaml_is_not_checked_while_an_article_has_a_mistake(project):
    claims = project / "claims.yaml"
    claims.write_text(claims.read_text().replace("speaker: andrea-thompson", "speaker: andrea-thomson", 1))
    assert "claims.yaml" in "".join(failing(project))  # on its own, the claims.yaml mistake is reported
    write(project, "Title: A test article\n\nText.\n")
    assert failing(project) == [
        f"{NEW}:1: missing 'Date' in the metadata header (every article needs Title and Date)",
        "1 problem found; nothing was built.",
    ]


def test_valid_markdown_passes(project):
    write(project, GOOD_HEADER + (
        "Status: published\n"
        "Source_url: https://example.org/a?b=1#c\n"
        "\n"
        "An autolink <https://example.org/talks> and <HTTP://example.org/>, a < b and 3 <4.\n"
        "\n"
        "[Earlier]({filename}2018-11-01-nato-russia-rare-talks.md#p-2), [about]({filename}/pages/about.md), "
        "[a paragraph](#p-1), [relative](../about.html), [web](http://example.org/x \"title\").\n"
        "\n"
        "Café in Genève, “quoted”, 1 000 km — with no-break spaces.\n"
    ))
    result = run_explorer(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_untouched_project_checks_and_builds_with_no_warning(project):
    check = run_explorer(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("OK: 3 articles, ")
    assert check.stderr == ""
    build = run_explorer(project, "build", "-o", str(project / "out"))
    assert build.returncode == 0, build.stdout + build.stderr
    assert "WARNING" not in build.stdout and build.stderr == ""


def test_a_pelican_warning_fails_the_build(project):
    """A {filename} link to a file that exists but is not an article or page: the article
    check lets it pass, Pelican warns and leaves the link broken, and the build fails."""
    (project / "content/articles/notes.txt").write_text("Notes.\n")
    path = project / "content/articles/2018-11-01-nato-russia-rare-talks.md"
    path.write_text(path.read_text() + "\nSee [the notes]({filename}notes.txt).\n")
    assert failing(project, "build") == [
        "pelican: Unable to find 'notes.txt', skipping url replacement.",
        "1 Pelican warning; the build fails on any warning.",
        "The build failed; nothing was written to out.",
    ]


def test_every_pelican_warning_is_listed(project):
    for name in ("notes.txt", "more.txt"):
        (project / "content/articles" / name).write_text("Notes.\n")
    path = project / "content/articles/2018-11-01-nato-russia-rare-talks.md"
    path.write_text(path.read_text() + "\nSee [the notes]({filename}notes.txt) and [more]({filename}more.txt).\n")
    assert failing(project, "build") == [
        "pelican: Unable to find 'notes.txt', skipping url replacement.",
        "pelican: Unable to find 'more.txt', skipping url replacement.",
        "2 Pelican warnings; the build fails on any warning.",
        "The build failed; nothing was written to out.",
    ]


def test_files_the_command_line_checked_are_not_checked_again_in_the_build(project, monkeypatch):
    """The CLI checks the articles before Pelican runs and the plugin checks them for a plain
    `pelican` run: in one build, the same files with the same settings are read once, and a
    file changed in between is checked again."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from claims_explorer import article_check
    from claims_explorer.pelican_adapter import read_articles

    monkeypatch.chdir(project)
    monkeypatch.setattr(article_check, "_PASSED", set())
    read = []
    monkeypatch.setattr(article_check, "read_source", lambda *args, read_source=article_check.read_source:
                        read.append(args[0]) or read_source(*args))
    settings = read_settings("pelicanconf.py")
    assert article_check.article_problems(settings) == []
    checked = len(read)
    assert checked == len(list((project / "content").rglob("*.md")))
    pelican_settings = Pelican(settings).settings  # as the plugin sees them, after Pelican read the files
    read_articles(pelican_settings)
    assert article_check.article_problems(pelican_settings) == []
    assert len(read) == checked  # not read again

    write(project, "Date: 2019-03-01\n\nText.\n")
    problems = [str(p) for p in article_check.article_problems(pelican_settings)]
    assert problems == [f"{NEW}:1: missing 'Title' in the metadata header (every article needs Title and Date)"]
    assert len(read) == 2 * checked + 1  # every file read again, the new one too
