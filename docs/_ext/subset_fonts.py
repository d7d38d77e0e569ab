"""Web fonts cut to the characters the book shows.

A page that shows a note box downloads Font Awesome's solid font (115 kB)
for one icon, and a page of formulas downloads MathJax's fonts whole (its
main font alone is 34 kB) for the hundred-odd characters this book uses.
After the build, each font the site serves is replaced by a subset
(fontTools, the same glyphs and metrics) holding only:

* Font Awesome (``_static/vendor/fontawesome/webfonts``): the icon code
  points (Unicode's private use area) that the built site's style sheets
  name, the only way its pages use the fonts (the icons in the pages are
  inline SVG, docs/_ext/icons_at_build.py);
* MathJax (``_static/mathjax-fonts``): every character in the ``content``
  of the CommonHTML style sheets of the built pages, the only way
  CommonHTML draws a glyph.

Each subset is made from the pinned package's original font, so a page
that starts using a new character gets it at the next build; subsets are
kept in the doctree folder, keyed by the original and the characters, so
an unchanged build makes none.
"""

import hashlib
import io
import re
import shutil
from pathlib import Path

_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\([ef][0-9a-fA-F]{3})\b")
_CONTENT = re.compile(r'content:\s*"((?:\\.|[^"\\])*)"')
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)|([^\\])")
_MJX_STYLES = re.compile(r'<style id="MJX-CHTML-styles">(.*?)</style>', re.S)


def _chars_of_css_string(text):
    return {chr(int(h, 16)) if h else (c or p) for h, c, p in _ESCAPE.findall(text)}


def _icons(out):
    chars = set()
    for sheet in (out / "_static").rglob("*.css"):
        for m in _PRIVATE_USE.finditer(sheet.read_text(encoding="utf-8", errors="ignore")):
            chars.add(chr(int(m.group(1), 16)) if m.group(1) else m.group(0))
    return chars


def _math_chars(out):
    chars = set()
    for page in out.glob("*.html"):
        styles = _MJX_STYLES.search(page.read_text(encoding="utf-8"))
        if styles:
            for text in _CONTENT.findall(styles.group(1)):
                chars |= _chars_of_css_string(text)
    return chars


def _subset(original, chars, flavor, cache):
    """The bytes of ``original`` cut to ``chars``, from the cache when made before."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    data = original.read_bytes()
    key = hashlib.sha256(data + "".join(sorted(chars)).encode()).hexdigest()[:20]
    cached = cache / f"{key}.{flavor}"
    if not cached.is_file():
        options = subset.Options()
        options.flavor = flavor
        options.layout_features = ["*"]
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]                 # FontForge's timestamps
        font = TTFont(io.BytesIO(data))
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(map(ord, chars)))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        cache.mkdir(parents=True, exist_ok=True)
        # Cut to nothing, a font keeps an empty character map, which Chromium
        # refuses ("OTS parsing error: cmap"): one the pages draw nothing
        # with (MathJax_Zero, 1.4 kB) is served whole.
        cached.write_bytes(buffer.getvalue() if font.getBestCmap() else data)
    return cached


def _subset_folder(originals, served, chars, flavor, cache):
    for original in sorted(originals.glob(f"*.{flavor}")):
        target = served / original.name
        if target.is_file():                            # a font the site serves
            shutil.copyfile(_subset(original, chars, flavor, cache), target)


def font_folders(out):
    """(the pinned originals, the site's copies, the characters drawn, the format) for each font folder."""
    import pydata_sphinx_theme
    from build_math import FONTS, mathjax_es5

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    webfonts = Path("vendor") / "fontawesome" / "webfonts"
    return [(theme / webfonts, out / "_static" / webfonts, _icons(out), "woff2"),
            (mathjax_es5() / "output" / "chtml" / "fonts" / "woff-v2", out / FONTS, _math_chars(out), "woff")]


def _subset_fonts(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    cache = Path(app.doctreedir) / "font-subsets"
    for originals, served, chars, flavor in font_folders(Path(app.outdir)):
        _subset_folder(originals, served, chars, flavor, cache)


def setup(app):
    # After the formulas are typeset (build_math) and the style sheets cut (light_pages).
    app.connect("build-finished", _subset_fonts, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
