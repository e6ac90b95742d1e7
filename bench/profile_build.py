"""Run `python -m claims_explorer ARGS` with timers around each phase of the build.

    cd PROJECT && PYTHONPATH=plugins/claims-explorer/pelican/plugins python bench/profile_build.py --report phases.json \
        [--cprofile build.prof] -- build -s pelicanconf.py -o output

Used by `bench/run.py --profile N`; nothing here changes what the build does. The phases
are timed by wrapping the plugin's and Pelican's own functions with a wall clock (a few
microseconds a call), so, unlike cProfile, the shares are the real ones. Writes a JSON report:
each phase's seconds and calls, the seconds per template (pages written, total, slowest
page), the process's resident memory after each phase, and Pagefind's own peak.
"""

import argparse
import cProfile
import functools
import json
import resource
import sys
import time
from collections import defaultdict

TIMES = defaultdict(float)
CALLS = defaultdict(int)
ORDER = []  # phase names in the order first seen
RSS_AFTER = {}  # phase -> MB resident after it last ended
TEMPLATES = defaultdict(lambda: [0, 0.0, 0.0, ""])  # name -> [pages, seconds, slowest, slowest page]
PAGEFIND = {}


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def timed(name, function, memory=True):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if name not in TIMES:
            ORDER.append(name)
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - start
            CALLS[name] += 1
            if memory:
                RSS_AFTER[name] = round(rss_mb())
    return wrapper


def patch(owner, attribute, name, memory=True):
    setattr(owner, attribute, timed(name, getattr(owner, attribute), memory))


def instrument():
    from pelican import generators, writers

    from claims_explorer import cli, corpus, pelican_adapter, plugin, search, text

    # the CLI checks the articles, then the plugin again (at once: the same files, already checked)
    patch(cli, "article_problems", "article_check (cli, before Pelican)")
    patch(plugin, "article_problems", "article_check (again, in the plugin)")
    patch(generators.ArticlesGenerator, "generate_context", "pelican: read + Markdown articles")
    patch(generators.PagesGenerator, "generate_context", "pelican: read pages")
    patch(generators.StaticGenerator, "generate_output", "pelican: copy theme static files")
    patch(plugin, "articles_from", "plugin: split articles into paragraphs")
    patch(pelican_adapter, "articles_from", "plugin: split articles into paragraphs")
    patch(plugin, "load_corpus", "plugin: load_corpus (total)")
    patch(corpus, "read_yaml", "  load_corpus: read_yaml (strict YAML walk)")
    patch(corpus, "shape_problems", "  load_corpus: shape_problems (JSON Schema)")
    patch(corpus._Builder, "build", "  load_corpus: _Builder.build (references, dates, quotes)")
    patch(corpus, "parse_when", "    build: parse_when (EDTF dates)", memory=False)
    if hasattr(text, "Haystack"):  # an article's paragraphs searched at once, a quote a call
        patch(text.Haystack, "find_all", "    build: find_all (quotes in paragraphs)", memory=False)
    else:
        patch(corpus, "find_all", "    build: find_all (quotes in paragraphs)", memory=False)
    patch(plugin, "build_chart", "plugin: build_chart (timeline chart)")
    patch(generators.ArticlesGenerator, "generate_output", "pelican: write article pages (+index, articles)")
    patch(generators.PagesGenerator, "generate_output", "pelican: write pages")
    patch(plugin.ClaimsGenerator, "generate_output", "plugin: write its pages + data (total)")
    patch(plugin, "write_data", "  plugin: write_data (JSON)")
    patch(plugin.ClaimsGenerator, "check_all_written", "  plugin: check_all_written")
    for attribute, name in (("fit_to_budget", "plugin: fit_to_budget (page sizes by weight)"),
                            ("place_on_timeline", "plugin: place_on_timeline (permalinks)"),
                            ("write_csv", "  plugin: write_csv"), ("write_feeds", "  plugin: write_feeds (Atom)"),
                            ("write_calendar", "  plugin: write_calendar (iCalendar)"),
                            ("write_database", "  plugin: write_database (SQLite)"),
                            ("write_annotations", "  plugin: write_annotations (Web Annotations)"),
                            ("write_schemas", "  plugin: write_schemas"), ("write_catalogue", "  plugin: write_catalogue")):
        if hasattr(plugin, attribute):  # the open-data writers, where the plugin has them
            patch(plugin, attribute, name)
    from claims_explorer import digests, gate
    if hasattr(gate.GuardedWriter, "reuse"):  # incremental builds: each page's digest, and linking the unchanged
        patch(gate.GuardedWriter, "reuse", "  in page writing: reuse (digest, and link if unchanged)", memory=False)
        patch(digests.Pages, "digest", "    reuse: digest of a page", memory=False)
        patch(gate.GuardedWriter, "_link_live", "    reuse: link from the live build", memory=False)
    # signal receivers are connected when Pelican registers the plugin, so patch them before
    # that, and keep the wrappers alive (signals hold weak references)
    if hasattr(plugin, "write_twin"):
        plugin.write_twin = plugin._bench_twin = timed("  in page writing: write_twin (JSON twin per page)",
                                                       plugin.write_twin, memory=False)
    if hasattr(plugin, "write_sitemap"):
        plugin.write_sitemap = plugin._bench_sitemap = timed("sitemap", plugin.write_sitemap)
    # the CLI renders in a forked process and indexes after it (cli.in_child): here both run
    # in this process, so that the timers and cProfile see them
    cli.APART = False
    search_index = search.index

    @functools.wraps(search_index)
    def pagefind(*args, **kwargs):
        timed("pagefind (search index)", search_index)(*args, **kwargs)
        PAGEFIND["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    search.index = pagefind

    write_file = writers.Writer.write_file

    @functools.wraps(write_file)
    def write_file_timed(self, name, template, *args, **kwargs):
        start = time.perf_counter()
        try:
            return write_file(self, name, template, *args, **kwargs)
        finally:
            seconds = time.perf_counter() - start
            entry = TEMPLATES[getattr(template, "name", str(template))]
            entry[0] += 1
            entry[1] += seconds
            if seconds > entry[2]:
                entry[2], entry[3] = seconds, name
    writers.Writer.write_file = write_file_timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", required=True, help="JSON file to write the timings to")
    parser.add_argument("--cprofile", help="also run under cProfile and write its stats here")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the claims_explorer arguments")
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args

    from claims_explorer import cli

    instrument()
    start = time.perf_counter()
    profiler = cProfile.Profile() if options.cprofile else None
    if profiler:
        profiler.enable()
    code = cli.main(args)
    if profiler:
        profiler.disable()
        profiler.dump_stats(options.cprofile)
    total = time.perf_counter() - start
    report = {
        "exit_code": code,
        "total_s": round(total, 3),
        "phases": [{"phase": name, "seconds": round(TIMES[name], 3), "calls": CALLS[name],
                    "rss_after_mb": RSS_AFTER.get(name)} for name in ORDER],
        "templates": sorted(
            ({"template": name, "pages": n, "seconds": round(s, 3), "slowest_s": round(top, 3), "slowest_page": page}
             for name, (n, s, top, page) in TEMPLATES.items()),
            key=lambda t: -t["seconds"]),
        "python_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "pagefind_peak_mb": PAGEFIND.get("maxrss_mb"),
        "cprofile": bool(profiler),
    }
    with open(options.report, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2)
    return code


if __name__ == "__main__":
    sys.exit(main())
