"""The execution status page: how each chapter's code ran in the build the reader is reading.

A ``{execution-status}`` directive stands where the page wants the facts.
It is replaced, once every chapter has been read (and executed, or taken
from the execution cache), by a sentence saying when the book was built and
with which versions of the package and its stack, and a table with a row
per executed page in book order: its title (a link), the seconds its code
took when it last ran, and whether every cell ran without error.  myst-nb's
own ``nb-exec-table`` lists the same data under the pages' file names, in
alphabetical order, with emoji for the result; this one reads as part of
the book.

The page is read again at every build (``env-get-outdated``), so its date
is the build's, not that of the last edit of the page.
"""

import datetime
import platform
from importlib.metadata import version

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

PAGE = "execution"
STACK = ["backprop", "numpy", "matplotlib", "myst-nb"]


class _Status(nodes.General, nodes.Element):
    """Where the facts go, once every page has run."""


class ExecutionStatus(SphinxDirective):
    def run(self):
        return [_Status()]


def _built():
    stack = ", ".join(f"{name} {version(name)}" for name in STACK)
    today = datetime.date.today()
    return nodes.paragraph(text=f"This edition was built on {today.day} {today:%B %Y}, with Python "
                                f"{platform.python_version()}, {stack}.")


def _cell(*children):
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    return nodes.entry("", paragraph)


def _table(env, docname):
    from myst_nb.sphinx_ import NbMetadataCollector

    runs = {doc: data["exec_data"] for doc, data in NbMetadataCollector.get_doc_data(env).items()
            if data.get("exec_data")}
    # book order: chapters by number, then the unnumbered pages by name
    order = sorted(runs, key=lambda doc: (env.toc_secnumbers.get(doc, {}).get("", (0,)), doc))
    table = nodes.table(classes=["colwidths-auto", "execution-status"])
    group = nodes.tgroup(cols=3)
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in range(3))
    head = nodes.thead()
    head += nodes.row("", *(_cell(nodes.Text(name)) for name in ["Page", "Run time (s)", "Result"]))
    body = nodes.tbody()
    group += [head, body]
    for doc in order:
        data = runs[doc]
        link = addnodes.pending_xref("", refdoc=docname, reftarget="/" + doc, reftype="doc", refdomain="std",
                                     refexplicit=True, refwarn=True)
        number = ".".join(map(str, env.toc_secnumbers.get(doc, {}).get("", ())))
        link += nodes.inline(text=f"{number}. {env.titles[doc].astext()}" if number else env.titles[doc].astext())
        seconds = "–" if data["runtime"] is None else f"{data['runtime']:.1f}"
        result = "every cell ran" if data["succeeded"] else f"failed: {data.get('error') or 'an error'}"
        body += nodes.row("", _cell(link), _cell(nodes.Text(seconds)), _cell(nodes.Text(result)))
    return table


class _FillIn(SphinxPostTransform):
    default_priority = 8  # before the references are resolved (10)

    def run(self, **kwargs):
        for node in self.document.findall(_Status):
            node.replace_self([_built(), _table(self.env, self.env.docname)])


def _read_again(app, env, added, changed, removed):
    return [PAGE] if PAGE in env.found_docs and PAGE not in added | changed else []


def setup(app):
    app.add_node(_Status)
    app.add_directive("execution-status", ExecutionStatus)
    app.add_post_transform(_FillIn)
    app.connect("env-get-outdated", _read_again)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
