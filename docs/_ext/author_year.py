"""The bibliography labels its entries "Rumelhart et al., 1986", as the text cites them.

pybtex's standard label styles number the list ([1], [2]) or abbreviate it
([RHW86]); with citations written by author and year, those labels match
nothing in the text.  This registers the formatting style "authoryear":
pybtex's "plain" entries with author-year labels.  conf.py selects it with
``bibtex_default_style = "authoryear"``.
"""

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as Plain
from pybtex.style.labels import BaseLabelStyle


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [Text.from_latex(" ".join(p.prelast_names + p.last_names)).render_as("text") for p in people]
            who = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."
            yield f"{who}, {entry.fields.get('year', 'n.d.')}"


class AuthorYear(Plain):
    default_label_style = AuthorYearLabels


def setup(app):
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYear)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
