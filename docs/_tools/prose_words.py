"""Count the words of prose in the book's chapters.

Prose is what a reader reads as sentences: the markdown outside code cells,
with display math, directive fences and their options, labels and HTML
comments left out.  Inline math counts as words where it stands in a
sentence.  Usage: ``python docs/_tools/prose_words.py [page ...]`` (default:
every chapter in docs/).
"""

import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1]


def prose(text):
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)           # front matter
    text = re.sub(r"^```\{code-cell\}.*?^```\s*$", "", text, flags=re.S | re.M)
    text = re.sub(r"^\s*\$\$.*?^\s*\$\$.*?$", "", text, flags=re.S | re.M)  # display math
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.match(r"^(:{3,}|`{3,})", stripped) or re.match(r"^:[\w-]+:", stripped):
            continue                                                      # fences, options
        if re.match(r"^\([\w-]+\)=$", stripped):
            continue                                                      # labels
        lines.append(line)
    return "\n".join(lines)


def words(path):
    return len(re.findall(r"\S+", prose(Path(path).read_text())))


if __name__ == "__main__":
    names = sys.argv[1:] or [
        "vectors-perceptron", "perceptron-training", "gradient-descent", "chain-rule",
        "numpy-network", "matrix-calculus", "softmax-cross-entropy",
    ]
    for name in names:
        path = DOCS / (name if name.endswith(".md") else f"{name}.md")
        print(f"{words(path):6d}  {path.stem}")
