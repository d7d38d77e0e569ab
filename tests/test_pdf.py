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


def _printed(tmp_path, html, **options):
    _need(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM}: `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "page.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(html)
        page.pdf(path=str(path), **options)
        browser.close()
    return path


def test_checker_rejects_raw_tex(tmp_path):
    html = "<h1>Notation</h1><p>Backpropagation with matrix calculus. Backpropagation in full.</p><p>$$\\frac{a}{b}$$</p>"
    with pytest.raises(SystemExit, match=r"raw TeX found \['\$\$', '\\\\frac'\]"):
        print_pdf.check_pdf(_printed(tmp_path, html))


def test_checker_rejects_a_web_page_printed(tmp_path):
    """A page printed as it is (no title page, contents, bookmarks or page numbers,
    a link to the build's server, a toggle's label) is not a book."""
    html = ("<h1>Notation</h1><p><a href='http://127.0.0.1:8000/_images/f.png'>figure</a></p>"
            "<p><button>Show code cell source</button></p>")
    with pytest.raises(SystemExit) as failure:
        print_pdf.check_pdf(_printed(tmp_path, html, tagged=True, outline=True))
    message = str(failure.value)
    for problem in ["screen-only labels printed ['Show code cell", "links to the build's server ['127.0.0.1']",
                    "no title page", "no contents after the title page", "no PDF bookmarks for",
                    "no PDF bookmarks for sections", "formulas not found as text ['w⊤x'"]:
        assert problem in message, (problem, message)


def test_checker_rejects_underfull_pages(tmp_path):
    """A page cut short where no chapter ends is reported, as less than a quarter full."""
    html = ("<h1>Notation</h1><p>A first page.</p><p style='break-before: page'>A line, then a break.</p>"
            "<p style='break-before: page'>The last page.</p>")
    with pytest.raises(SystemExit, match=r"pages less than a quarter full, not at a chapter's end \[2\]"):
        print_pdf.check_pdf(_printed(tmp_path, html))


def test_wrapped_or_small_printed_code_is_found():
    """WRAPPED names a code block whose line wraps in its box, and one under 8.5 pt."""
    _need(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM}: `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    line = "x = " + " + ".join(["value"] * 15)
    html = ("<article><pre style='font-size: 8.5pt; width: 20em; white-space: pre-wrap'>short = 1\n"
            f"{line}</pre><pre style='font-size: 8.5pt; white-space: pre-wrap'>fits = 1</pre>"
            "<pre style='font-size: 7pt'>small = 1</pre></article>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(html)
        found = page.evaluate(print_pdf.WRAPPED)
        browser.close()
    assert len(found) == 2 and line[:40] in found[0] and found[1].startswith("7 pt: small = 1"), found


def test_the_books_pdf_is_a_book():
    """Every chapter, typeset math, a title page, contents, bookmarks per chapter and
    section, page numbers, chapters on new pages, nothing screen-only (check_pdf)."""
    _need(PDF.is_file(), f"no {PDF}: run `make pdf` first")
    assert print_pdf.check_pdf(PDF) > 20
    marks = print_pdf._bookmarks(PDF)
    assert sum(level == 0 for level, _, _ in marks) >= 9 and sum(level == 1 for level, _, _ in marks) >= 40


def test_pictures_of_the_pdf():
    """Pictures of the title page, the contents, the first page of chapter 6 and its first
    page with a figure, for a reader's look (CI keeps _build/screenshots/ with the PDF)."""
    import pypdfium2

    _need(PDF.is_file(), f"no {PDF}: run `make pdf` first")
    chapter6 = next(page for level, title, page in print_pdf._bookmarks(PDF)
                    if level == 0 and title.startswith("6. "))
    figure = print_pdf.first_page_with_a_figure(PDF, chapter6)
    screenshots = ROOT / "_build" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(PDF))
    try:
        for number in (1, 2, chapter6, figure):
            path = screenshots / f"pdf-page-{number}.png"
            # (to_pil: PDFium's own arrays are in BGR order)
            document[number - 1].render(scale=1.2).to_pil().save(path)
            assert path.stat().st_size > 10_000
    finally:
        document.close()
