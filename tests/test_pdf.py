"""`make pdf`: the PDF checker itself, and the book's PDF when it has been built.

Marked `browser` (it prints with Debian's Chromium).  The negative test proves
the checker rejects a PDF in which TeX was left raw.
"""

import os
from pathlib import Path

import pytest
from _shared import load_print_pdf

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "_build" / "pdf" / "backpropagation-executed.pdf"
CHROMIUM = Path(os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium"))

pytestmark = pytest.mark.browser

print_pdf = load_print_pdf()


def _need(condition, reason):
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def test_checker_rejects_raw_tex(tmp_path):
    _need(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM}: `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    html = "<h1>Notation</h1><p>Backpropagation with matrix calculus. Backpropagation in full.</p><p>$$\\frac{a}{b}$$</p>"
    path = tmp_path / "raw.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(html)
        page.pdf(path=str(path))
        browser.close()
    with pytest.raises(SystemExit, match=r"raw TeX found \['\$\$', '\\\\frac'\]"):
        print_pdf.check_pdf(path)


def test_the_books_pdf_has_every_chapter_and_typeset_math():
    _need(PDF.is_file(), f"no {PDF}: run `make pdf` first")
    assert print_pdf.check_pdf(PDF) > 20
