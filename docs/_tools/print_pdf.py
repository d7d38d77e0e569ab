"""Print the single-page HTML build of the book to one PDF (``make pdf``).

Serves ``_build/singlehtml`` on 127.0.0.1, opens it in Debian's headless
Chromium (through Playwright, never a downloaded browser), waits until
MathJax has typeset every formula, prints with the print style sheet, and
then checks the PDF's text: every chapter is there, and no raw TeX
(``$$``, ``\\frac``) survived.  Any failure exits non-zero.

Usage: python docs/_tools/print_pdf.py SITE_DIR OUTPUT.pdf
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from pathlib import Path

CHROMIUM = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")
CHAPTERS = ["Notation", "Deciding with a dot product", "Training a perceptron", "Minimising a cost by gradient descent",
            "Backpropagation with matrix calculus", "Backpropagation in full", "References"]
# The apparatus that must survive printing: exercises with their solutions
# (opened, not left as closed dropdowns), theorem boxes and citations.
APPARATUS = ["Exercise 1.1", "Solution to Exercise 1.1", "Exercise 6.1", "Solution to Exercise 6.1",
             "Exercise 7.1", "Solution to Exercise 7.1", "Theorem 6.1", "Rumelhart"]
RAW_TEX = ["$$", "\\frac", "\\begin{", "\\mathbf"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve ``site`` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def print_pdf(site: Path, output: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(site) as base:
        url = f"{base}/index.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="load")
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                                   timeout=60_000)
            page.evaluate("() => MathJax.startup.promise")
            page.wait_for_load_state("networkidle")
            if page.locator("mjx-merror").count():
                raise SystemExit("MathJax reported errors in the single-page book")
            if errors:
                raise SystemExit(f"JavaScript errors in the single-page book: {errors}")
            # Chromium's PDF printing fires no "beforeprint" event, on which
            # sphinx-togglebutton opens the solutions: fire it ourselves.
            page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
            if page.locator(".admonition.toggle.toggle-hidden").count():
                raise SystemExit("some solutions are still folded away in the printed book")
            page.emulate_media(media="print")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(output), format="A4", print_background=True,
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            browser.close()


def check_pdf(path: Path) -> int:
    # PDFium reads the text of a 190-page book in about a second; pypdf
    # took 45 s, parsing every path of the typeset formulas.
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
        pages = len(document)
    finally:
        document.close()
    missing = [title for title in CHAPTERS + APPARATUS if title not in text]
    raw = [tex for tex in RAW_TEX if tex in text]
    if missing or raw:
        raise SystemExit(f"{path}: chapters or apparatus missing {missing}, raw TeX found {raw}")
    return pages


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    site, output = Path(sys.argv[1]), Path(sys.argv[2])
    if not (site / "index.html").is_file():
        raise SystemExit(f"no {site / 'index.html'}: build the single-page book first")
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"no Chromium at {CHROMIUM}: `sudo apt-get install chromium` (or set BOOK_CHROMIUM)")
    print_pdf(site, output)
    pages = check_pdf(output)
    size = output.stat().st_size / 1e6
    print(f"{output}: {pages} pages, {size:.1f} MB, every chapter present, no raw TeX")


if __name__ == "__main__":
    main()
