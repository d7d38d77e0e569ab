"""The "download .ipynb" button: each chapter's notebook runs where a reader saves it.

Takes the notebooks from the built site (`make html`, which `make test` runs
first), copies each into an empty temporary folder, far from the book's
docs/ (so its `_page.py` cannot be imported), and executes it top to bottom
with nbclient in the project's kernel.  Every cell must run; the exercises'
solutions assert their answers there too.
"""

import os
import shutil
from pathlib import Path

import pytest
from _shared import chapters

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "_build" / "html" / "_sources"

pytestmark = pytest.mark.book


def _notebook(name):
    path = SOURCES / f"{name}.ipynb"
    if not path.is_file():
        reason = f"no {path}: run `make html` first (`make test` does)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


def _run(path, folder):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(shutil.copy(path, folder), as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    return client.execute()


@pytest.mark.parametrize("name", chapters())
def test_a_downloaded_notebook_runs_in_an_empty_folder(name, tmp_path):
    path = _notebook(name)
    assert not any(tmp_path.iterdir())
    executed = _run(path, tmp_path)
    codes = [c for c in executed.cells if c.cell_type == "code"]
    assert codes and all(c.get("execution_count") for c in codes)
    errors = [o for c in codes for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[0]


# -- Visible code runs as shown ------------------------------------------------
# A reader sees every code cell but those tagged remove-cell (gone) and
# remove-input (only the output is shown).  Run just the cells a reader sees,
# in order, after a set-up that does no more than the hidden first cell is
# allowed to: the plotting style and `glue`.  A visible cell that uses a name
# defined only in a hidden cell fails here with a NameError.
HIDDEN = {"remove-cell", "remove-input"}
SETUP = """\
from _page import glue, setup
setup()
"""


def _failing_visible_cells(text):
    """(source, error) for each visible cell of a MyST chapter that fails when run without the hidden ones."""
    import nbformat
    from myst_nb.core.read import read_myst_markdown_notebook
    from nbclient import NotebookClient

    notebook = read_myst_markdown_notebook(text)
    visible = [c for c in notebook.cells if c.cell_type == "code" and not HIDDEN & set(c.metadata.get("tags", []))]
    assert visible, "the page shows no code"
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), *visible]
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(ROOT / "docs")}},
    )
    client.execute()
    return [(cell.source, f"{o.ename}: {o.evalue}") for cell in notebook.cells[1:] for o in cell.outputs if o.output_type == "error"]


@pytest.mark.parametrize("name", chapters())
def test_the_code_a_reader_sees_runs_on_its_own(name):
    failures = _failing_visible_cells((ROOT / "docs" / f"{name}.md").read_text())
    assert not failures, f"{name}: a visible cell fails without the hidden ones: {failures[0][1]}\n--- the cell ---\n{failures[0][0]}"


def test_a_visible_cell_that_needs_a_hidden_name_is_caught():
    page = """\
```{code-cell} ipython3
:tags: [remove-cell]

secret = 2
```

```{code-cell} ipython3
:tags: [hide-input]

print(secret + 1)
```
"""
    failures = _failing_visible_cells(page)
    assert [error for _, error in failures] == ["NameError: name 'secret' is not defined"]
