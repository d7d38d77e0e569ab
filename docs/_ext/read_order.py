"""Pages read in an order that keeps both of the build's processes busy.

With ``-j``, Sphinx reads the pages to (re)build in parallel, handing each
process a contiguous run of their sorted names
(``sphinx.util.parallel.make_chunks``), and myst-nb executes a chapter's
code as the chapter is read.  Alphabetically, chapter 7, whose experiments
run several times longer than any other chapter, shares its process with
three more chapters while the other process gets three light ones, and a
cold build waits for the slow process.  ``read_costs`` in conf.py gives
each chapter's run time in seconds (from the execution status page); this
extension reorders the pages, before they are read, so that Sphinx's runs
carry about equal costs, heaviest first.  It changes only how long the
build takes, never what it builds.
"""

from sphinx.util.parallel import make_chunks


def _reorder(app, env, docnames):
    if app.parallel < 2 or len(docnames) <= app.parallel:
        return
    sizes = [len(chunk) for chunk in make_chunks(docnames, app.parallel)]
    costs = app.config.read_costs
    runs = [[] for _ in sizes]
    load = [0.0] * len(sizes)
    # largest cost first, to the lightest run that has room
    for name in sorted(docnames, key=lambda name: -costs.get(name, 0)):
        open_runs = [i for i, run in enumerate(runs) if len(run) < sizes[i]]
        lightest = min(open_runs, key=lambda i: load[i])
        runs[lightest].append(name)
        load[lightest] += costs.get(name, 0)
    docnames[:] = [name for run in runs for name in run]


def setup(app):
    app.add_config_value("read_costs", {}, "", types=[dict])
    app.connect("env-before-read-docs", _reorder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
