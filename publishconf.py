"""Settings for the published site: absolute URLs from SITEURL (set it in the environment)."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")  # with or without a trailing slash
RELATIVE_URLS = not SITEURL
DELETE_OUTPUT_DIRECTORY = True
