# Build, serve, check and test the claims explorer. The first target that needs Python
# creates .venv and installs requirements.txt into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
EXPLORER := PYTHONPATH=plugins/claims-explorer/pelican/plugins $(BIN)/python -m claims_explorer

.PHONY: help venv chromium html serve devserver check find review test audit clean publish

help:
	@echo "make serve      build the site and serve it on http://127.0.0.1:$(PORT)"
	@echo "make devserver  serve, and rebuild when content, claims.yaml, theme or plugin change"
	@echo "make html       build the site into $(OUTPUTDIR)/"
	@echo "make check      validate content/ and claims.yaml without building"
	@echo "make find Q=\"words\"  show where the words occur in the articles, with the YAML to quote them"
	@echo "make review BASE=origin/main  what this branch changes in the corpus, in Markdown, with the checks' results"
	@echo "make test       run every test"
	@echo "make audit      build, serve on loopback and check every budget (weight, axe, vnu, links, Lighthouse)"
	@echo "make publish    build with $(PUBLISHCONF) (set SITEURL)"
	@echo "make clean      remove $(OUTPUTDIR)/ and caches"
	@echo "make bench      time and measure the build on two corpora of 100 and 1,000 articles (~15 min); writes docs/benchmarks.md"

# Said before it starts, with pip's line per package and progress bars: on a first run this
# takes a few minutes, and a silent terminal looks like a hang.
$(STAMP): requirements.txt
	@echo "Setting up: a Python environment in $(VENV)/ with the $$(grep -c '^[A-Za-z]' requirements.txt) packages" \
	  "pinned in requirements.txt (first run only; a few minutes):"
	@echo "  $$(grep '^[A-Za-z]' requirements.txt | sed -e 's/[=<>~!].*//' -e 's/\[.*//' | tr '\n' ' ')"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	@echo "Set up. Next time this step is skipped."
	touch $@

venv: $(STAMP)

html: $(STAMP)
	$(EXPLORER) build -s $(CONFFILE) -o $(OUTPUTDIR)

serve: html
	@echo "The site is served at http://127.0.0.1:$(PORT)/ : open it in your browser (Ctrl-C to stop)."
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(OUTPUTDIR) $(PORT)

# Pelican's own --autoreload does not watch claims.yaml or the plugin, and stops watching a
# file an editor saves by rename: the plugin's devserver watches their folders, rebuilds in a
# fresh process, and serves the last good site while a build fails (devserver.py).
devserver: $(STAMP)
	$(EXPLORER) devserver -s $(CONFFILE) -o $(OUTPUTDIR) --port $(PORT)

check: $(STAMP)
	$(EXPLORER) check -s $(CONFFILE)

# Q goes to the command as typed: $(value Q) stops make expanding a '$' in it, the single
# quotes (with each ' inside written '\'') stop the shell reading quotes, '$' or '`', and
# '--' lets it start with '-'. `unexport`: make puts a variable given on its command line
# into every recipe's environment, expanded, which would run a $(shell …) in it. Every
# variable a user passes as text (Q, BASE) is listed here; tests/test_gate.py tries each.
USER_TEXT := Q BASE
unexport $(USER_TEXT)
find: $(STAMP)
	$(EXPLORER) find -s $(CONFFILE) -- '$(subst ','\'',$(value Q))'

# What the working tree changes since the git revision BASE, as a reviewer reads it (Markdown
# on stdout). In CI, BASE is the pull request's base commit and GITHUB_STEP_SUMMARY the job
# summary, where the report is appended too. BASE is quoted as `find` quotes Q.
BASE ?= origin/main
review: $(STAMP)
	$(EXPLORER) review -s $(CONFFILE) --base '$(subst ','\'',$(value BASE))' $(if $(GITHUB_STEP_SUMMARY),--summary "$$GITHUB_STEP_SUMMARY")

# The browser tests drive Debian's chromium; Playwright never downloads a browser. apt-get
# needs root: any other user (as on a GitHub runner) goes through sudo, where there is one.
SUDO = $(shell [ "$$(id -u)" -eq 0 ] || command -v sudo)
chromium:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# On every core (pytest-xdist); tests sharing a built site build it once (tests/conftest.py).
# TEST_ARGS for more, e.g. make test TEST_ARGS="-k staging --durations=20".
test: $(STAMP) chromium
	$(BIN)/python -m pytest -n auto $(TEST_ARGS)

# The audit's npm tools (vnu-jar, lighthouse), pinned in audit/package-lock.json. No install
# scripts: vnu-jar's would download a Java runtime, and the machine's Java is used instead.
AUDIT_TOOLS := audit/node_modules/.installed
$(AUDIT_TOOLS): audit/package.json audit/package-lock.json
	npm ci --prefix audit --ignore-scripts --no-audit --no-fund
	touch $@

# Every budget, on the site as built: page weight, axe-core, the Nu HTML checker, linkchecker
# with anchors, Lighthouse. Each prints its table; audit/run.py serves the site on a free
# loopback port and exits non-zero if any check fails.
audit: $(STAMP) chromium $(AUDIT_TOOLS)
	$(EXPLORER) build -s $(CONFFILE) -o $(OUTPUTDIR)
	$(BIN)/python audit/run.py --site $(OUTPUTDIR)

publish: $(STAMP)
	$(EXPLORER) build -s $(PUBLISHCONF) -o $(OUTPUTDIR)

# $(OUTPUTDIR) is a link to the live build in .$(OUTPUTDIR).builds/ (staging.py).
clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).builds cache .pytest_cache test-artifacts

# Speed, memory and output of the build on two corpora (bench/make_corpus.py, bench/repeat_corpus.py), written to
# docs/benchmarks.md. Not part of `make test`: timings are measured here, never asserted.
# More: make bench BENCH_ARGS="--sizes --profile 1000 --no-cprofile" (see README, Benchmark).
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
