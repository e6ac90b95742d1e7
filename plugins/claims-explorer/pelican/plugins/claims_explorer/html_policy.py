"""What an article's HTML may contain: one allowlist, applied to what Markdown rendered.

Scanning the Markdown source for bad links misses what Markdown allows (a reference
definition inside a block quote or a list item, an indented one). So the policy is stated
once, as the table below, and applied to the HTML Pelican's reader produced:

- `problems` walks that HTML and reports each element, attribute or URL the table does not
  allow, at the line of the Markdown source it came from (when the text can be found there);
- `clean` is what the build publishes: the same table given to nh3 (Rust's ammonia), so
  even a construct the walk missed cannot reach a page.
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

# -- the policy: a reviewer reads these four lines
ELEMENTS = {"p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "br",
            "h2", "h3", "h4", "h5", "h6", "img"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https"}  # plus #fragments and relative paths, which have no scheme
LOCAL_ONLY = {("img", "src")}  # images come from the site itself: the CSP forbids others

ELEMENT_HINTS = {"h1": "the page's title is its only top heading: start headings in the text with ##"}
URL_ATTRIBUTES = {"href", "src"}
LINK_FORMS = "https:, http:, #fragment, a relative path, or {filename}, {static}, {attach} and a path"
CODE_SCHEMES = ("javascript", "vbscript", "data")  # run or embed code in the reader's browser
_SQUEEZE = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def scheme_of(url):
    """The scheme as a browser reads it: no spaces or control characters anywhere,
    lowercase; so ' JaVa\tscript:' is 'javascript'. None for a relative URL."""
    match = _SCHEME.match(_SQUEEZE.sub("", url).lower())
    return match[1] if match else None


def is_remote(url):
    squeezed = _SQUEEZE.sub("", url)
    return scheme_of(url) is not None or squeezed.startswith(("//", "\\\\", "/\\", "\\/"))


def _keep_attribute(element, attribute, value):
    """nh3's filter: a remote image keeps no src."""
    if (element, attribute) in LOCAL_ONLY and is_remote(value):
        return None
    return value


def clean(fragment):
    """The fragment with everything the policy does not allow removed."""
    return nh3.clean(fragment, tags=ELEMENTS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_keep_attribute, link_rel=None, strip_comments=True)


def problems(fragment):
    """(what is wrong, hint, text to look for in the source) for each construct the policy
    does not allow, in document order. Pelican's {filename}/{static}/{attach} links are
    left for the caller, which knows the file they are relative to."""
    walker = _Walker()
    walker.feed(fragment)
    walker.close()
    return walker.found


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, element, attrs):
        raw = self.get_starttag_text() or ""
        if element not in ELEMENTS:
            self.found.append((f"the element <{element}> is not allowed", ELEMENT_HINTS.get(element, "write Markdown"), raw))
            return
        for attribute, value in attrs:
            value = value or ""
            if attribute not in ATTRIBUTES.get(element, ()):
                self.found.append((f"the attribute {attribute} on <{element}> is not allowed", "write Markdown", raw))
            elif attribute in URL_ATTRIBUTES:
                self.check_url(element, attribute, value, raw)

    handle_startendtag = handle_starttag

    def check_url(self, element, attribute, value, raw):
        if value.strip().startswith(("{", "|")):
            self.found.append(("pelican-link", value, value))  # for the caller: a Pelican link
            return
        scheme = scheme_of(value)
        if scheme is not None and scheme not in URL_SCHEMES:
            why = "it could run code in the reader's browser; " if scheme in CODE_SCHEMES else ""
            self.found.append((f"{scheme}: URL is not allowed", f"{why}link to {LINK_FORMS}", value))
        elif (element, attribute) in LOCAL_ONLY and is_remote(value):
            self.found.append(("remote images are not allowed",
                               "the page may load nothing from other sites; put the image in content/ "
                               "and link it with {static}", value))

    def handle_comment(self, data):
        self.found.append(("an HTML comment is not allowed", "write Markdown", f"<!--{data}"))

    def handle_decl(self, decl):
        self.found.append(("an HTML declaration is not allowed", "write Markdown", f"<!{decl}"))

    def handle_pi(self, data):
        self.found.append(("an HTML processing instruction is not allowed", "write Markdown", f"<?{data}"))


def source_line(lines, first_line, needle):
    """The line number (from `first_line`) of the first source line holding `needle` or
    its visible text, else `first_line`: where an editor should look."""
    candidates = [needle, html.unescape(needle), _SQUEEZE.sub("", html.unescape(needle))]
    for offset, line in enumerate(lines):
        squeezed = _SQUEEZE.sub("", html.unescape(line))
        if any(c and (c in line or c in squeezed) for c in candidates):
            return first_line + offset
    return first_line
