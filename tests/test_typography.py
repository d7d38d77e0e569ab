"""docs/_ext/typography.py: math keeps the punctuation next to it, and the text's order."""

import sys
from pathlib import Path

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
from typography import MathKeepsItsPunctuation, scientific, _E_NUMBER  # noqa: E402


def paragraph(*children):
    document = new_document("test", get_default_settings(Parser))
    para = nodes.paragraph()
    for child in children:
        para += child
    document += para
    MathKeepsItsPunctuation(document).run()
    return para


def spans(para):
    return [s.astext() for s in para.findall(nodes.inline) if "nobr" in s["classes"]]


def test_math_keeps_its_comma_and_the_text_keeps_its_order():
    # The text after the math equals an earlier text node: a lookup by value
    # would find that one and move the math in front of it.
    para = paragraph(nodes.Text(", so "), nodes.math(text="v"), nodes.Text(", so "), nodes.math(text="H"), nodes.Text("."))
    assert para.astext() == ", so v, so H."
    assert spans(para) == ["v,", "H."]


def test_math_next_to_a_reference_stays_where_it_was():
    ref = nodes.reference("", "(7.2)", refuri="#eq")
    para = paragraph(nodes.Text("gives "), ref, nodes.Text(" for any "), nodes.math(text="v"), nodes.Text(", and "))
    assert para.astext() == "gives (7.2) for any v, and "
    assert [type(c) for c in para.children][:3] == [nodes.Text, nodes.reference, nodes.Text]


def test_an_opening_bracket_stays_with_the_math_after_it():
    para = paragraph(nodes.Text("a setosa ("), nodes.math(text="y = 0"), nodes.Text(") first"))
    assert para.astext() == "a setosa (y = 0) first"
    assert spans(para) == ["(y = 0)"]


def test_math_with_no_punctuation_is_left_alone():
    para = paragraph(nodes.Text("the vector "), nodes.math(text="x"), nodes.Text(" is"))
    assert spans(para) == [] and para.astext() == "the vector x is"


def test_e_notation_is_set_as_a_power_of_ten():
    assert _E_NUMBER.sub(scientific, "3.5e-18 and 1e-12") == "3.5\u00a0×\u00a010⁻¹⁸ and 10⁻¹²"
