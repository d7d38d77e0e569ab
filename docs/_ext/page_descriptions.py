"""Every page says what it is about to a search engine or a link preview.

A chapter's description is written in its front matter (MyST's
``html_meta``), as a book's blurb is.  A page without one gets a
``<meta name="description">`` taken from its first paragraph of
prose: the first one outside admonitions, captions and tables with no
formula in it (a description is plain text, and a formula's TeX is not
readable as text), cut at a word to at most 160 characters.  A page
without such a paragraph (the index of terms, the search page) gets the
front page's.
"""

import html

from docutils import nodes

LIMIT = 160
_FRONT = "index"


def _first_prose(doctree):
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(a, (nodes.Admonition, nodes.caption, nodes.table, nodes.field_list, nodes.footnote))
               for a in _ancestors(paragraph)):
            continue
        if any(node.tagname in ("math", "math_block") for node in paragraph.findall()):
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) >= 60:
            return text
    return None


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def _shorten(text):
    if len(text) <= LIMIT:
        return text
    cut = text[:LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _collect(app, doctree):
    text = _first_prose(doctree)
    if text:
        descriptions = app.env.__dict__.setdefault("page_descriptions", {})
        descriptions[app.env.docname] = _shorten(text)


def _merge(app, env, docnames, other):
    env.__dict__.setdefault("page_descriptions", {}).update(getattr(other, "page_descriptions", {}))


def _purge(app, env, docname):
    getattr(env, "page_descriptions", {}).pop(docname, None)


def _add_meta(app, pagename, templatename, context, doctree):
    if 'name="description"' in context.get("metatags", ""):
        return
    descriptions = getattr(app.env, "page_descriptions", {})
    text = descriptions.get(pagename) or descriptions.get(_FRONT)
    if text:
        context["metatags"] = context.get("metatags", "") + \
            f'\n    <meta name="description" content="{html.escape(text, quote=True)}" />'


def setup(app):
    app.connect("doctree-read", _collect)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    app.connect("html-page-context", _add_meta)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
