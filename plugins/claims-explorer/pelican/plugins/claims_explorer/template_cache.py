"""Jinja's compiled templates kept between builds, in Pelican's cache folder.

Every generator has its own Jinja environment and compiles every template it uses, each
build: a third of a second or more, whatever changed. Jinja's bytecode cache keeps the
compiled code under each template's name and file and checks it against a digest of the
template's source, so an edited template is compiled again. What the cache does not check,
the environment's options (JINJA_ENVIRONMENT: autoescape, trim_blocks, extensions…) and
the versions of Jinja and Python, names its folder: a change to any of them starts a new one.
"""

import hashlib
import json
import os
import sys

import jinja2
from jinja2 import FileSystemBytecodeCache


def cache_templates(generator):
    """Give the generator's Jinja environment a bytecode cache (signal generator_init)."""
    settings = generator.settings
    options = json.dumps([jinja2.__version__, sys.version, settings.get("JINJA_ENVIRONMENT")],
                         sort_keys=True, default=repr)
    folder = os.path.join(settings["CACHE_PATH"], "jinja", hashlib.sha256(options.encode()).hexdigest()[:16])
    os.makedirs(folder, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(folder)
