"""The data's licence, a setting (DATA_LICENSE) shown in the footer, the data package, the
index of data files and every data file's schema. The code's licence is the repository's
LICENSE file; the articles' text is not the site's to license, and the default says so.
"""

DEFAULT = {
    "name": "CC-BY-4.0",  # an SPDX id, as Frictionless data packages name licences
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "note": "The licence covers the curation (claims, events, dates, attributions and links); "
            "the articles' text, and the words quoted from it, remain their publishers'.",
}


def use_default(pelican):
    """Signal receiver (initialized): DATA_LICENSE, if the site sets none."""
    pelican.settings.setdefault("DATA_LICENSE", DEFAULT)
