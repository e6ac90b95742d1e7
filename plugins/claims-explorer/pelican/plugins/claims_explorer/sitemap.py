"""sitemap.xml: every HTML page of the site, for search engines (sitemaps.org protocol).

The protocol takes absolute URLs only, so the sitemap is written when SITEURL is set (as
`make publish` does) and skipped otherwise: a local build is not crawled, and a sitemap of
relative paths would be invalid. There is no <lastmod>: the corpus has no edit dates, and
the build's clock would make two builds differ.
"""

import logging
import os
from urllib.parse import quote
from xml.etree import ElementTree

from . import urls

logger = logging.getLogger(__name__)

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(pelican):
    """Signal receiver (finalized): list every .html file the build wrote, in path order."""
    siteurl = pelican.settings["SITEURL"]
    if not siteurl:
        logger.info("claims_explorer: no %s, as SITEURL is empty", urls.SITEMAP)
        return
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for page in html_pages(pelican.output_path):
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = urls.absolute(siteurl, quote(page))
    ElementTree.indent(root)
    ElementTree.ElementTree(root).write(os.path.join(pelican.output_path, urls.SITEMAP),
                                        encoding="utf-8", xml_declaration=True)


def html_pages(output_path):
    """Paths of every .html file under `output_path`, from the site root, sorted."""
    found = (os.path.relpath(os.path.join(folder, name), output_path)
             for folder, _, names in os.walk(output_path) for name in names if name.endswith(".html"))
    return sorted(path.replace(os.sep, "/") for path in found)
