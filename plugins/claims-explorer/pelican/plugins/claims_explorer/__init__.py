"""claims_explorer: a Pelican plugin that turns articles plus claims.yaml into a browsable
timeline of dated events and attributed claims, each linked to its source paragraph."""

from .plugin import register  # noqa: F401
