"""MathJax served by the site itself, from a pinned PyPI package.

django-static-mathjax ships the MathJax 3.2.2 release files.  One file of it
is published: the combined component with the TeX input, every TeX
extension (so none is fetched on demand, e.g. for \\boldsymbol) and SVG
output (so no font files).  No page of the book requests anything from
another site.
"""

import importlib.util
import shutil
from pathlib import Path


def mathjax_static(build_dir):
    """Copy MathJax's one file under ``build_dir``; return (static folder, mathjax_path)."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("MathJax is missing: run `make html`, which installs the pinned stack into .venv")
    source = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5" / "tex-svg-full.js"
    target = Path(build_dir) / "mathjax" / "mathjax" / source.name
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target.parent.parent, f"mathjax/{source.name}"
