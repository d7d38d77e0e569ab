# Two commands on a fresh machine: `make html` builds the book, `make test`
# runs the tests.  Both create .venv and install the pinned stack first.
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed-stamp
SPHINXOPTS  ?= -n -W --keep-going
BUILDDIR    := _build

.PHONY: html test clean distclean venv bench pdf livehtml

html: $(STAMP)
	$(BIN)/sphinx-build -b html -c . -d $(BUILDDIR)/doctrees $(SPHINXOPTS) docs $(BUILDDIR)/html
	@echo "The book is in $(BUILDDIR)/html/index.html"

# The whole book as one PDF: the single-page HTML build, printed by headless
# Chromium once MathJax has typeset it (needs /usr/bin/chromium).
pdf: $(STAMP)
	$(BIN)/sphinx-build -b singlehtml -c . -d $(BUILDDIR)/doctrees-single $(SPHINXOPTS) docs $(BUILDDIR)/singlehtml
	$(BIN)/python docs/_tools/print_pdf.py $(BUILDDIR)/singlehtml $(BUILDDIR)/pdf/backpropagation-executed.pdf

# For authors: rebuild and reload the browser on every change to docs/ or src/.
livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild -b html -c . -d $(BUILDDIR)/doctrees $(SPHINXOPTS) \
	  --watch src --ignore "*/_build/*" --ignore "*/.jupyter_cache/*" docs $(BUILDDIR)/html

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_training.py
	$(BIN)/python benchmarks/bench_digits.py

venv: $(STAMP)

# Re-install only when the declared dependencies change.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1)); set PYTHON=..."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[book,test]'
	touch $(STAMP)

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV) src/*.egg-info
