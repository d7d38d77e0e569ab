"""Helpers shared by the test modules."""

import importlib.util
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def load_print_pdf():
    """The `make pdf` script (docs/_tools/print_pdf.py) as a module: its checker and local server."""
    spec = importlib.util.spec_from_file_location("print_pdf", ROOT / "docs" / "_tools" / "print_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_same_gradients(grads, reference, atol):
    """``grads`` (a Gradients) equals ``reference``, a list of (dW, db) per layer."""
    for l, (gW, gb) in enumerate(reference):
        np.testing.assert_allclose(grads.weights[l], gW, rtol=1e-10, atol=atol)
        np.testing.assert_allclose(grads.biases[l], gb, rtol=1e-10, atol=atol)


def chapters():
    """The chapters' page names in book order: the numbered toctree of docs/index.md."""
    index = (ROOT / "docs" / "index.md").read_text()
    for block in re.findall(r"```\{toctree\}\n(.*?)```", index, re.S):
        lines = [line.strip() for line in block.splitlines()]
        if ":numbered:" in lines:
            return [line for line in lines if line and not line.startswith(":")]
    raise AssertionError("no numbered toctree in docs/index.md")
