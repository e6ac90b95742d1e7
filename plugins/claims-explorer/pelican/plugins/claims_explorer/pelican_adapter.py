"""What the plugin takes from Pelican: its articles, as `model.Article`s, and its settings."""

import os

from pelican.generators import ArticlesGenerator

from .dates import parse_when
from .model import Article
from .paragraphs import split_blocks

DEFAULT_CLAIMS_FILE = "claims.yaml"


def claims_path(settings):
    """CLAIMS_FILE: the corpus file; a relative path is taken from the working directory."""
    return os.path.abspath(settings.get("CLAIMS_FILE", DEFAULT_CLAIMS_FILE))


def display_path(path):
    """The path as an editor would type it: relative to the working directory if inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def articles_from(pelican_articles):
    """Published Pelican articles by slug, their bodies split into numbered paragraphs."""
    return {
        article.slug: Article(
            slug=article.slug,
            title=article.title,
            url=article.url,
            date=article.date.date(),
            when=parse_when(getattr(article, "date_edtf", "") or article.date.date().isoformat()),
            source_path=display_path(article.source_path),
            blocks=split_blocks(article._content),
            pelican=article,
        )
        for article in pelican_articles
    }


def read_articles(settings):
    """Pelican's published articles, read as a build would read them, nothing written."""
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=settings["SITEURL"])
    generator = ArticlesGenerator(
        context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"], output_path=None,
    )
    generator.generate_context()
    return generator.articles
