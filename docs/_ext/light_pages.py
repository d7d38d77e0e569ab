"""What a page loads before its first paint: no script that can wait, no style rule the book never uses.

Scripts.  Sphinx and its extensions put their scripts in the page's head
without ``defer``: the browser stops reading the page at each one until it
has been fetched and run.  None of them is needed to draw the page, so
each is deferred: fetched in parallel and run in order once the page is
read, before the ``DOMContentLoaded`` their code waits for.  Only
``documentation_options.js`` stays ahead, because small inline scripts
set fields of the object it defines; and the search page keeps Sphinx's
order, because its search script is written into the template after them,
and alone loads the book's search-previews.js.

Style sheets.  The theme's style sheets are Bootstrap, Font Awesome's
class list and the theme's own rules: 376 kB, 64 kB gzipped, of which a
phone downloads all before drawing anything, and of which the book uses
a tenth.  After the build the themes' style sheets (``_static/styles/``
and Sphinx's ``basic.css``, which Sphinx copies afresh at every build;
extensions' sheets are small, and an extension would refuse to copy over
a changed one) keep only
the rules whose class and id names occur somewhere in the built site, in
a page or in a script (which is how a class a script adds is kept, as a
CSS purger does); at-rules keep the rules inside them that qualify, and
font faces, keyframes and custom properties are kept whole.  Names a
script composes at run time (Bootstrap's ``bs-tooltip-auto``) are kept by
prefix.

Files.  Font Awesome's script and the theme's translation catalogues, which
the theme copies into every build and no page loads (2.2 MB), are left
out of the site.
"""

import re
import shutil
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript

_STAYS_AHEAD = "_static/documentation_options.js"
# Prefixes of class names that scripts build from pieces, never written whole.
_COMPOSED = re.compile(r"(bs-|tooltip|popover|dropdown|collaps|modal|offcanvas|show|fade)")
_NAME = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
_GROUPING = re.compile(r"@(media|supports|layer|container)\b")


def _defer_scripts(app, pagename, templatename, context, doctree):
    if pagename == "search":
        # The book's search previews and section matches (docs/_static),
        # deferred so that they run after the template's searchtools.js.
        app.add_js_file("search-previews.js", loading_method="defer")
        return
    if "script_files" not in context:
        return
    # In place, after the other extensions have added theirs: the list is the
    # builder's own, which Sphinx restores after each page.
    context["script_files"][:] = [
        js if not js.filename or js.filename == _STAYS_AHEAD or {"defer", "async"} & js.attributes.keys()
        else _JavaScript(js.filename, priority=js.priority, **js.attributes, defer="defer")
        for js in context["script_files"]
    ]


def _skip(css, i, stop):
    """Index of the first character of ``stop`` at or after i, outside strings and comments."""
    quote = None
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif css.startswith("/*", i):
            i = css.index("*/", i) + 1
        elif c in stop:
            return i
        i += 1
    return len(css)


def _rules(css):
    """(prelude, body) for each top-level statement; body is None for ``@import …;``."""
    i = 0
    while i < len(css):
        j = _skip(css, i, "{;")
        prelude = re.sub(r"/\*.*?\*/", "", css[i:j], flags=re.S).strip()
        if j >= len(css) or css[j] == ";":
            if prelude:
                yield prelude, None
            i = j + 1
            continue
        depth, k = 1, j + 1
        while depth and k < len(css):
            k = _skip(css, k, "{}")
            depth += 1 if k < len(css) and css[k] == "{" else -1
            k += 1
        yield prelude, css[j + 1:k - 1]
        i = k


def _selectors(prelude):
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    return parts + [prelude[start:].strip()]


def _used(selector, names):
    bare = re.sub(r"\[[^\]]*\]|::?[\w-]+", " ", selector)     # attributes and pseudo-classes are not names
    return all(name in names or _COMPOSED.match(name) for name in _NAME.findall(bare))


def purge(css, names):
    """The style sheet ``css`` with only the rules whose class and id names are all in ``names``."""
    kept = []
    for prelude, body in _rules(css):
        if body is None:
            kept.append(prelude + ";")
        elif _GROUPING.match(prelude):
            inner = purge(body, names)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in _selectors(prelude) if _used(s, names)]
            if selectors:
                kept.append(",".join(selectors) + "{" + body + "}")
    return "".join(kept)


def _purge_style_sheets(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    names = set()
    for path in [*out.glob("*.html"), *out.rglob("*.js")]:
        names.update(re.findall(r"[\w-]+", path.read_text(encoding="utf-8", errors="ignore")))
    for sheet in [*(out / "_static" / "styles").glob("*.css"), out / "_static" / "basic.css"]:
        css = sheet.read_text(encoding="utf-8")
        sheet.write_text(purge(css, names), encoding="utf-8")


# Files the theme copies that no page loads: Font Awesome's script (the
# icons are inline SVG, docs/_ext/icons_at_build.py) and the theme's
# translation catalogues (read when the book is built, not in the browser).
_UNLOADED = ["scripts/fontawesome.js", "scripts/fontawesome.js.LICENSE.txt", "locales"]


def _drop_unloaded_files(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    # (the pages, and the scripts and style sheets they load; not the theme's
    # template macros that it also copies into _static)
    pages = [path for path in Path(app.outdir).rglob("*.html") if "_static" not in path.parts]
    texts = [path.read_text(encoding="utf-8", errors="ignore")
             for path in [*pages, *static.rglob("*.js"), *static.rglob("*.css")]
             if "locales" not in path.parts and path.name != "fontawesome.js"]
    for name in _UNLOADED:
        path = static / name
        if path.exists() and not any(name.split("/")[-1] in text for text in texts):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def setup(app):
    app.connect("html-page-context", _defer_scripts, priority=900)
    app.connect("build-finished", _purge_style_sheets, priority=900)
    app.connect("build-finished", _drop_unloaded_files, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
