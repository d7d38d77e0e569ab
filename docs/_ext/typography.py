"""Typesetting details of the book's pages, as a small Sphinx extension.

* Numbers that Python prints in e-notation (``3.5e-18``, glued into the prose
  with a ``:.1e`` format) are set as ``3.5 × 10⁻¹⁸``, with no-break spaces,
  so a line never breaks at the exponent's hyphen.
* Inline math is kept on one line with the punctuation next to it (``($x$),``),
  so a comma never starts a line and an opening bracket never ends one.

Both run after the pages are resolved, on every builder, and touch prose only
(never code, outputs or math).
"""

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

_E_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)e([+-]?)(\d+)\b")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_NBSP = "\u00a0"


def scientific(match):
    """'3.5e-18' -> '3.5 × 10⁻¹⁸'; '1e-12' -> '10⁻¹²'; '2.0e+03' -> '2.0 × 10³'."""
    mantissa, sign, exponent = match.groups()
    power = "10" + (("-" if sign == "-" else "") + str(int(exponent))).translate(_SUPERSCRIPT)
    if mantissa == "1":
        return power
    return f"{mantissa}{_NBSP}×{_NBSP}{power}"


def _in_prose(node):
    """True unless the text sits in code, a literal, math, raw output or a cell's output."""
    current = node.parent
    while current is not None:
        if isinstance(current, (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw)):
            return False
        if "cell_output" in current.get("classes", []):
            return False
        current = current.parent
    return True


class ScientificNumbers(SphinxPostTransform):
    default_priority = 900

    def run(self, **kwargs):
        for text in list(self.document.findall(nodes.Text)):
            if "e" not in text or not _E_NUMBER.search(text) or not _in_prose(text):
                continue
            text.parent.replace(text, nodes.Text(_E_NUMBER.sub(scientific, text.astext())))


class MathKeepsItsPunctuation(SphinxPostTransform):
    """``(<math>), more`` -> ``<span class="nobr">(<math>),</span> more``.

    Children are found and replaced by position, never by value: text nodes
    compare as strings, so looking one up by value can pick an earlier,
    equal one elsewhere in the paragraph and move the math there.
    """

    default_priority = 901
    formats = ("html",)

    def run(self, **kwargs):
        for math in list(self.document.findall(nodes.math)):
            parent = math.parent
            if parent is None:
                continue
            index = next(k for k, child in enumerate(parent.children) if child is math)
            before = parent[index - 1] if index > 0 and isinstance(parent[index - 1], nodes.Text) else None
            after = parent[index + 1] if index + 1 < len(parent) and isinstance(parent[index + 1], nodes.Text) else None
            opening = re.search(r"[(\[]+$", before.astext()) if before is not None else None
            closing = re.match(r"[,.;:!?)\]]+", after.astext()) if after is not None else None
            if not (opening or closing):
                continue
            first, last = index - bool(opening), index + bool(closing)
            keep = nodes.inline(classes=["nobr"])
            pieces = []
            if opening and before.astext()[: opening.start()]:
                pieces.append(nodes.Text(before.astext()[: opening.start()]))
            if opening:
                keep += nodes.Text(opening.group())
            keep += math
            if closing:
                keep += nodes.Text(closing.group())
            pieces.append(keep)
            if closing and after.astext()[closing.end():]:
                pieces.append(nodes.Text(after.astext()[closing.end():]))
            parent[first : last + 1] = pieces


def setup(app):
    app.add_post_transform(ScientificNumbers)
    app.add_post_transform(MathKeepsItsPunctuation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
