"""Print the single-page HTML build of the book to one PDF (``make pdf``).

Serves ``_build/singlehtml`` on 127.0.0.1, opens it in Debian's headless
Chromium (through Playwright, never a downloaded browser), whose formulas
were typeset when the book was built (as text in MathJax's web fonts, so the
PDF's formulas can be searched and copied), and turns the web page into a book before
printing it: a title page, a table of contents with page numbers, every
chapter on a new page, page numbers in the margin, PDF bookmarks for every
chapter and section, solutions opened under their exercises, and nothing that
only makes sense on a screen (toggles, copy buttons, links back to the local
server).  The contents' page numbers come from a first printing: the
contents' own links say where each heading landed.  The bookmarks are then
written from the contents.

Pages are filled as a typesetter would fill them: where a printing leaves a
page less than half full before a figure or a code cell, the figure is drawn
smaller or moved after the text that follows it, or the code may break
across pages, and the book is printed again (REFLOW).

Then it checks the PDF: every chapter and the apparatus are there, no raw TeX
(``$$``, ``\\frac``) survived, formulas can be found as text, it is under
MAX_MB, the bookmarks and page numbers are there, each chapter starts a
page, no page but a chapter's last is less than a quarter full or (unless
before a figure that could not be moved) less than half, no printed code is
under 8.5 pt or has a wrapped line, and no screen-only label or build-time
address was printed.  Any failure exits non-zero.

Usage: python docs/_tools/print_pdf.py SITE_DIR OUTPUT.pdf
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path

CHROMIUM = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")
CHAPTERS = ["Notation", "Deciding with a dot product", "Training a perceptron", "Minimising a cost by gradient descent",
            "Backpropagation by the scalar chain rule", "A neural network for XOR in NumPy",
            "Backpropagation with matrix calculus", "Backpropagation in full", "API reference", "References"]
# The apparatus that must survive printing: exercises with their solutions
# (opened, not left as closed dropdowns), theorem boxes and citations.
APPARATUS = ["Exercise 1.1", "Solution to Exercise 1.1", "Exercise 4.1", "Solution to Exercise 5.1",
             "Exercise 6.1", "Solution to Exercise 6.1", "Exercise 7.1", "Solution to Exercise 7.1",
             "Theorem 6.1", "Rumelhart"]
RAW_TEX = ["$$", "\\frac", "\\begin{", "\\mathbf"]
# Formulas are printed as text (CommonHTML's fonts), so a reader can search
# and copy them: each of these, from formulas of chapters 1 to 7, must be
# found in the PDF's text.
FORMULA_TEXT = ["w⊤x", "σ(z", "∂C/∂W", "∂C/∂b", "diag(", "softmax(z", "λmax"]
# Paper: the whole book under 8 MB (figures at 150 dpi).
MAX_MB = 8
REFLOWS = 3
# A4 and the margins of BOOK_CSS's @page, in millimetres.
PAGE_MM = (210, 297)
TOP_MM, SIDE_MM, BOTTOM_MM = 20, 18, 22
TEXT_WIDTH_PX = round((PAGE_MM[0] - 2 * SIDE_MM) * 96 / 25.4)
# The document-information entry that lists the figures REFLOW could neither
# shrink nor move (a page before each may be left more than half empty).
FIGURES_KEPT = "/FiguresLeftInPlace"
# Words that belong to the screen only: fold/unfold toggles, copy buttons.
SCREEN_ONLY = ["Show code cell", "Hide code cell", "Show the solution", "Hide the solution",
               "Copy to clipboard", "Skip to main content", "Toggle primary sidebar"]
# Addresses of the build's local server must not end up as links in the PDF.
BUILD_ADDRESSES = [b"127.0.0.1", b"localhost"]
TITLE = "Backpropagation, Executed"


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


# Turns the single-page site into a book, in the page, before printing.
PREPARE = r"""
(book) => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  // Screen furniture: headers, sidebars, toggles, copy buttons, the theme's
  // own print-only page title and contents.
  document.querySelectorAll('#jb-print-docs-body, .bd-header-article, .bd-sidebar-primary, '
      + '.bd-sidebar-secondary, .prev-next-area, footer, .bd-footer-article, .skip-link, '
      + 'button.toggle-button, .copybtn, a.headerlink, #pst-back-to-top')
    .forEach(e => e.remove());
  // Code a page folds away (the plotting code above a figure) stays on the
  // web page: the book prints the figure.  Anything else folded is opened,
  // its "Show ..." label hidden by the print style.
  document.querySelectorAll('details.above-input').forEach(d => d.remove());
  document.querySelectorAll('details').forEach(d => { d.open = true; });

  // A code cell is kept on one page, unless it is longer than half a page:
  // moved whole, a cell that long leaves most of a page (or all of one) empty.
  article.querySelectorAll('pre').forEach(pre => {
    if (pre.textContent.split('\n').length <= 38) return;
    for (let e = pre; e && e !== article; e = e.parentElement) e.style.breakInside = 'auto';
  });

  // Links: in-book links stay (they become links inside the PDF); links to a
  // file on the local server (an image's full-size version) are unwrapped.
  article.querySelectorAll('a[href]').forEach(a => {
    const url = new URL(a.href, location.href);
    const here = url.origin === location.origin && url.pathname === location.pathname;
    if (url.origin === location.origin && !(here && url.hash)) a.replaceWith(...a.childNodes);
  });

  // Heading levels: each document's title becomes an <h1> and its sections
  // <h2>, <h3>, ..., so the contents (and the bookmarks made from it) nest
  // by chapter.
  const retag = (h, level) => {
    const n = document.createElement('h' + Math.min(6, Math.max(1, level)));
    for (const attr of h.attributes) n.setAttribute(attr.name, attr.value);
    while (h.firstChild) n.appendChild(h.firstChild);
    h.replaceWith(n);
  };
  const front = article.querySelector('h1');
  front.textContent = book.preface;
  document.querySelectorAll('span[id^="document-"]').forEach(span => {
    const section = span.nextElementSibling;
    if (!section || section.tagName !== 'SECTION') return;
    section.classList.add('print-chapter');
    const headings = Array.from(section.querySelectorAll('h1, h2, h3, h4, h5, h6'));
    if (!headings.length) return;
    const shift = parseInt(headings[0].tagName[1]) - 1;
    headings.forEach(h => retag(h, parseInt(h.tagName[1]) - shift));
  });

  // Title page and contents, in front of everything.
  const title = document.createElement('section');
  title.className = 'print-title-page';
  title.innerHTML = `<p class="print-title">${book.title}</p>
    <p class="print-subtitle">${book.subtitle}</p>
    <p class="print-credit">${book.credit}</p>
    <p class="print-built">${book.built}</p>`;
  const contents = document.createElement('nav');
  contents.className = 'print-contents';
  const heading = document.createElement('h1');
  heading.id = 'print-contents';
  heading.textContent = 'Contents';
  const list = document.createElement('ol');
  // Section ids repeat across chapters in the single page ("exercises"), so
  // each listed heading gets an id of its own to link to.
  const entries = [];
  article.querySelectorAll('h1, h2').forEach((h, i) => {
    h.id = 'print-heading-' + i;
    const target = h;
    const text = h.textContent.trim();
    const item = document.createElement('li');
    item.className = 'print-toc-' + h.tagName.toLowerCase();
    item.innerHTML = `<a href="#${target.id}"><span class="print-toc-title"></span>`
      + `<span class="print-toc-leader"></span><span class="print-toc-page">000</span></a>`;
    item.querySelector('.print-toc-title').textContent = text;
    list.appendChild(item);
    entries.push([parseInt(h.tagName[1]), text.replace(/\s+/g, ' ')]);
  });
  contents.append(heading, list);
  article.prepend(title, contents);

  return entries;
}
"""

# Figures at the resolution paper needs: each drawn again at 150 dots per
# inch of its printed width (CSS has 96 px to the inch), on white.  The web
# pages keep their sharper images for high-density screens; printed at full
# size they made up most of the PDF.
DOWNSAMPLE = r"""
async () => {
  let redrawn = 0;
  for (const img of document.querySelectorAll('.bd-article img')) {
    await img.decode().catch(() => null);
    const width = Math.round(img.getBoundingClientRect().width * 150 / 96);
    if (!img.naturalWidth || width <= 0 || width >= img.naturalWidth) continue;
    const height = Math.round(img.naturalHeight * width / img.naturalWidth);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(img, 0, 0, width, height);
    const source = img.closest('picture');
    if (source) source.querySelectorAll('source').forEach(s => s.remove());
    img.removeAttribute('srcset');
    img.src = canvas.toDataURL('image/png');
    await img.decode().catch(() => null);
    redrawn += 1;
  }
  return redrawn;
}
"""

# The book's print layout (the web pages' own print rules are in book.css).
# Where a printing left a page less than half full before a figure or a code
# cell (the block did not fit in what was left), the block is drawn smaller,
# moved or split, as a typesetter would.  A figure is drawn smaller if, at
# no less than half its size, it fits; otherwise it goes after the blocks that
# follow it, enough of them to fill the page (into the next section if need
# be, as a float does: it keeps its number, and the text refers to it by
# number).  A code cell on the next page may break across pages.  Each page's
# blocks are named by the text the next page starts with; the layout here only
# estimates the printed one, so a figure still reported after being drawn
# smaller is drawn smaller again (a figure moves once at most).
REFLOW = r"""
(blocks) => {
  const squeeze = (s) => s.replace(/\s+/g, '');
  const pagePx = %(content_mm)s * 96 / 25.4;
  const done = [], kept = [];
  const height = (e) => e.getBoundingClientRect().height;
  // the blocks after e in reading order, entering sections (not chapters)
  const following = function* (e) {
    for (;;) {
      while (e && !e.nextElementSibling) {
        e = e.parentElement;
        if (!e || e.matches('.print-chapter, article')) return;
      }
      if (!e) return;
      e = e.nextElementSibling;
      while (e.matches('section') && e.firstElementChild) e = e.firstElementChild;
      yield e;
    }
  };
  for (const [start, room] of blocks) {
    const number = /^Figure(\d+\.\d+)/.exec(start);
    if (number) {
      const caption = [...document.querySelectorAll('figcaption .caption-number')]
        .find(c => squeeze(c.textContent) === 'Figure' + number[1]);
      if (!caption) continue;
      const figure = caption.closest('figure');
      const block = figure.closest('div.cell') || figure;
      const image = figure.querySelector('img');
      if (image) {
        const now = height(image);
        const first = +(image.dataset.printHeight ||= now);
        const smaller = now - Math.max(height(block) - (room * pagePx - 24), 0) - 24;
        if (smaller >= %(shrink)s * first) {
          image.style.maxHeight = smaller + 'px';
          done.push('Figure ' + number[1] + ' smaller');
          continue;
        }
      }
      // Moved once at most: a figure that the text up to the chapter's next
      // figure cannot bring within reach stays, and the page is left as is.
      // Figures passed on the way go along, after it: figures keep their order.
      let after = null, filled = 0;
      const carried = [];
      if (!block.dataset.moved) {
        for (const next of following(block)) {
          if (next.matches('.print-chapter, h1')) break;
          if (next.matches('figure, div.cell:has(figure)')) { carried.push(next); continue; }
          after = next;
          filled += height(next);
          if (filled >= room * pagePx && !/^H\d$/.test(next.tagName)) break;
        }
      }
      if (after && !/^H\d$/.test(after.tagName)) {
        after.after(block, ...carried.filter(c => after.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_PRECEDING));
        block.dataset.moved = 'yes';
        done.push('Figure ' + number[1] + ' moved' + (carried.length ? ', with the figures after it' : ''));
      } else {
        kept.push('Figure ' + number[1]);
      }
      continue;
    }
    const cells = [...document.querySelectorAll('article div.cell_input, article div.cell_output')]
      .filter(c => c.style.breakInside !== 'auto' && squeeze(c.textContent).length > 20
                   && start.includes(squeeze(c.textContent).slice(0, 40)));
    for (const cell of cells) {
      cell.querySelectorAll('*').forEach(e => { e.style.breakInside = 'auto'; });
      for (let e = cell; e && e.tagName !== 'ARTICLE'; e = e.parentElement) e.style.breakInside = 'auto';
      done.push('code ' + squeeze(cell.textContent).slice(0, 30) + ' split');
    }
  }
  return [done, kept];
}
""" % {"content_mm": PAGE_MM[1] - TOP_MM - BOTTOM_MM, "shrink": 0.5}


# Printed code is 8.5 pt (BOOK_CSS), wrapping rather than running off the
# paper: the book's lines are short enough that none needs to wrap.  Each
# block taller than its lines, or set smaller, is named by its longest line.
WRAPPED = r"""
() => [...document.querySelectorAll('article pre')].flatMap(pre => {
  const lines = pre.textContent.replace(/\n$/, '').split('\n');
  const style = getComputedStyle(pre);
  const height = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  // (the highlighted spans' line height, where larger than the block's, sets the lines apart)
  // ("normal" is about 1.2 times the font size)
  const lineHeight = (s) => parseFloat(s.lineHeight) || 1.2 * parseFloat(s.fontSize);
  const line = Math.max(lineHeight(style), ...[...pre.querySelectorAll('span')].map(s => lineHeight(getComputedStyle(s))));
  if (height <= (lines.length + 0.5) * line && parseFloat(style.fontSize) >= 8.5 * 96 / 72 - 0.01)
    return [];
  const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
  return [`${+(parseFloat(style.fontSize) * 72 / 96).toFixed(1)} pt: ${longest.trim().slice(0, 60)} (${longest.length} characters)`];
})
"""


BOOK_CSS = """
@page {
  size: A4;
  margin: %(top)smm %(side)smm %(bottom)smm %(side)smm;
  @bottom-center { content: counter(page); font: 9pt sans-serif; color: #444; }
}
@page :first { @bottom-center { content: none; } }
html, body { background: #fff !important; }
.bd-main .bd-content { margin-left: 0 !important; }
.print-title-page {
  height: 230mm; display: flex; flex-direction: column; justify-content: center;
  text-align: center; break-after: page;
}
.print-title { font-size: 34pt; font-weight: 600; margin-bottom: 8mm; }
.print-subtitle { font-size: 14pt; max-width: 130mm; margin: 0 auto 20mm; }
.print-credit, .print-built { font-size: 10pt; color: #444; max-width: 130mm; margin: 0 auto 4mm; }
.print-contents { break-after: page; }
.print-contents ol { list-style: none; padding: 0; margin: 0; }
.print-contents li { margin: 0; padding: 0; }
.print-contents li a {
  display: flex; align-items: baseline; color: inherit; text-decoration: none;
}
.print-toc-title { flex: 0 1 auto; }
/* The leader is lifted to the middle of the line by position, not by a
   transform: Chromium prints a transformed dotted border as a pattern laid
   over every page of the book (3 million dots, 1.8 MB). */
.print-toc-leader {
  flex: 1 1 auto; margin: 0 2mm; border-bottom: 1px dotted #888; position: relative; top: -0.3em;
}
.print-toc-page { flex: 0 0 auto; font-variant-numeric: tabular-nums; }
.print-toc-h1 { font-weight: 600; margin-top: 2.5mm !important; }
.print-toc-h2 { padding-left: 7mm !important; font-size: 10pt; }
/* The theme hides each page's first <h1> in print (it prints its own title);
   in the book every chapter's title is that <h1>. */
.bd-main .bd-content .bd-article h1:first-of-type { display: block !important; }
section.print-chapter { break-before: page; }
/* Code at 80 characters a line: no line of the book's code wraps, in the
   column or in an exercise's or a solution's box (narrower margins inside the
   boxes than on screen; WRAPPED checks). */
.bd-article pre, .bd-article pre span { font-size: 8.5pt !important; line-height: 1.35; }
.bd-article pre { padding: 0.5em 0.6em !important; }
.bd-article div.admonition { padding-left: 0.7rem !important; padding-right: 0.7rem !important; }
.bd-article div.admonition > *:not(.admonition-title) { margin-left: 0 !important; margin-right: 0 !important; }
.bd-article div.admonition section > * { margin-left: 0 !important; margin-right: 0 !important; }
/* Boxes without their drop shadows: on paper a shadow is a grey bitmap
   printed under every box (300 of them, 4 MB), and the boxes have borders. */
/* (an id in the selector outweighs the theme's own !important shadows) */
html:not(#none) *, html:not(#none) *::before, html:not(#none) *::after { box-shadow: none !important; }
/* A chapter's title stands above its sections' headings. */
.bd-article h1 { font-size: 26pt !important; margin-top: 0 !important; }
.bd-article h2 { font-size: 16pt !important; }
.bd-article h3 { font-size: 13pt !important; }
.bd-article h4 { font-size: 11.5pt !important; }
/* Nothing but trailing margins may spill onto a page of its own. */
.bd-article section, .bd-article dl, .bd-article dd, .bd-article p, .bd-article div {
  margin-bottom: 0.5em;
}
.bd-article section:last-child, .bd-article dl:last-child, .bd-article dd:last-child,
.bd-article p:last-child, .bd-article div:last-child { margin-bottom: 0 !important; padding-bottom: 0 !important; }
""" % {"top": TOP_MM, "side": SIDE_MM, "bottom": BOTTOM_MM}


def _print(page, output: Path) -> None:
    page.pdf(path=str(output), prefer_css_page_size=True, print_background=True, tagged=True)


def _add_bookmarks(path: Path, entries, pages) -> None:
    """Bookmarks for every chapter and its sections, written from the contents.

    (Chromium's own outline, made from the headings, drops the space where a
    heading wraps, repeats some words and leaves out the formulas.)
    """
    import logging

    from pypdf import PdfReader, PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=PdfReader(path))
    chapter = None
    for (level, title), page in zip(entries, pages, strict=True):
        parent = None if level == 1 else chapter
        item = writer.add_outline_item(title=title, page_number=page - 1, parent=parent)
        if level == 1:
            chapter = item
    writer.page_mode = "/UseOutlines"
    with open(path, "wb") as out:
        writer.write(out)


def _compact(path: Path, info: dict[str, str]) -> None:
    """Save the PDF again with its small objects packed into compressed object streams.

    Chromium writes every object of the tagged PDF's structure tree (which
    lets a screen reader follow headings, lists and tables) uncompressed: a
    few megabytes of plain text.  qpdf (through pikepdf) packs them, changing
    nothing that is drawn.
    """
    import pikepdf

    packed = path.with_suffix(".packed.pdf")
    with pikepdf.open(path) as pdf:
        for key, value in info.items():
            if value:
                pdf.docinfo[key] = value
        pdf.save(packed, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    packed.replace(path)


def _internal_links(path: Path, first_page: int, count: int) -> list[int]:
    """Target pages (from 1) of the first ``count`` in-document links from page ``first_page`` on,
    top to bottom: the rows of the contents, whose links lead to the headings."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(str(path))
    targets = []
    try:
        for index in range(first_page - 1, len(document)):
            page, position, link, found = document[index], ctypes.c_int(0), raw.FPDF_LINK(), []
            while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
                destination = raw.FPDFLink_GetDest(document.raw, link)
                if destination:
                    box = raw.FS_RECTF()
                    raw.FPDFLink_GetAnnotRect(link, ctypes.byref(box))
                    found.append((-box.top, raw.FPDFDest_GetDestPageIndex(document.raw, destination) + 1))
            targets += [target for _, target in sorted(found)]
            if len(targets) >= count:
                return targets[:count]
    finally:
        document.close()
    raise SystemExit(f"the printed contents has {len(targets)} links for its {count} entries")


def _bookmarks(path: Path):
    """(level, title, page number from 1) of every bookmark in the PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [(item.level, " ".join(item.get_title().split()), item.get_dest().get_index() + 1)
                for item in document.get_toc()]
    finally:
        document.close()


def print_pdf(site: Path, output: Path) -> None:
    import datetime

    from playwright.sync_api import sync_playwright

    book = {
        "title": TITLE,
        "preface": "About this book",
        "subtitle": "How a neural network learns, derived and checked by code that runs when the book is built",
        "credit": "An executable companion to Alex Punnen, <i>The Mathematical Intuition Behind Deep Learning</i>",
        "built": f"Every number and figure in this edition was computed on {datetime.date.today():%-d}&nbsp;{datetime.date.today():%B %Y}.",
    }
    with serve(site) as base:
        url = f"{base}/index.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.evaluate("() => document.fonts.ready")   # MathJax's web fonts
            if not page.locator("mjx-container").count() or page.locator("mjx-merror").count():
                raise SystemExit("the single-page book's formulas are not typeset, or MathJax reported errors")
            if errors:
                raise SystemExit(f"JavaScript errors in the single-page book: {errors}")
            # Chromium's PDF printing fires no "beforeprint" event, on which
            # sphinx-togglebutton opens the solutions: fire it ourselves.
            page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
            if page.locator(".admonition.toggle.toggle-hidden").count():
                raise SystemExit("some solutions are still folded away in the printed book")
            page.emulate_media(media="print", color_scheme="light")
            # laid out at the width of the paper's text, to measure as printed
            page.set_viewport_size({"width": TEXT_WIDTH_PX, "height": 1000})
            entries = page.evaluate(PREPARE, book)
            page.add_style_tag(content=BOOK_CSS)
            wrapped = page.evaluate(WRAPPED)
            if wrapped:
                raise SystemExit(f"printed code smaller than 8.5 pt or with wrapped lines: {wrapped}")
            if not page.evaluate(DOWNSAMPLE):
                raise SystemExit("no figure was redrawn at print resolution")
            output.parent.mkdir(parents=True, exist_ok=True)

            # First printing: where did each chapter and section land?  The
            # contents' links (page 2 on) point at the pages of their headings.
            _print(page, output)
            numbers = _internal_links(output, 2, len(entries))
            # Figures moved or drawn smaller, and code split, where that
            # printing left a page half empty (REFLOW); each change moves what
            # follows, so again, up to REFLOWS times.
            kept = set()
            for _ in range(REFLOWS):
                chapter_pages = [n for (level, _), n in zip(entries, numbers) if level == 1]
                blocks = [(start, 1 - fill) for _, fill, start in underfull(output, chapter_pages)]
                done, left = page.evaluate(REFLOW, blocks) if blocks else ([], [])
                kept.update(left)
                if not done:
                    break
                _print(page, output)
                numbers = _internal_links(output, 2, len(entries))
            # Second printing, with those page numbers in the contents (they
            # take the place of same-width placeholders, so nothing moves).
            page.evaluate("(numbers) => document.querySelectorAll('.print-toc-page').forEach("
                          "(s, i) => { s.textContent = numbers[i]; })", [str(n) for n in numbers])
            _print(page, output)
            browser.close()
    _add_bookmarks(output, entries, numbers)
    _compact(output, {FIGURES_KEPT: ", ".join(sorted(kept))})


def first_page_with_a_figure(path: Path, start: int) -> int:
    """The number of the first page from ``start`` on that holds an image."""
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(str(path))
    try:
        for number in range(start, len(document) + 1):
            if any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in document[number - 1].get_objects()):
                return number
    finally:
        document.close()
    raise ValueError(f"no image on pages {start} and after")


MM = 72 / 25.4            # PDF points per millimetre
QUARTER, HALF = 0.25, 0.5


def page_fill(path: Path) -> list[tuple[float, str]]:
    """(fill, text) of every page: fill is how far down the text area (between the
    top and bottom margins of BOOK_CSS's @page) its lowest mark reaches, 0 to 1."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    pages = []
    try:
        for page in document:
            height = page.get_height()
            top, bottom = height - TOP_MM * MM, BOTTOM_MM * MM
            low = top
            for obj in page.get_objects(max_depth=2):
                left, b, right, t = obj.get_bounds()
                # the page number sits in the bottom margin; the page's
                # background fills the whole page
                if t < bottom or t - b > 0.8 * height:
                    continue
                low = min(low, max(b, bottom))
            pages.append(((top - low) / (top - bottom), page.get_textpage().get_text_range()))
    finally:
        document.close()
    return pages


def underfull(path: Path, chapter_pages) -> list[tuple[int, float, str]]:
    """(page, fill, what the next page starts with) of each page below half full that
    does not end a chapter (the next page starts one) or the book; not the title page."""
    pages = page_fill(path)
    starts = set(chapter_pages)
    found = []
    for number, (fill, _) in enumerate(pages, start=1):
        if number == 1 or number == len(pages) or number + 1 in starts or fill >= HALF:
            continue
        text = "".join(pages[number][1].split())[:3000]
        found.append((number, fill, text[len(str(number + 1)):] if text.startswith(str(number + 1)) else text))
    return found


def check_pdf(path: Path) -> int:
    # PDFium reads the text of a 190-page book in about a second; pypdf
    # took 45 s, parsing every path of the typeset formulas.
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    bookmarks = _bookmarks(path)
    text = "\n".join(texts)
    problems = []
    missing = [title for title in CHAPTERS + APPARATUS if title not in text]
    if missing:
        problems.append(f"chapters or apparatus missing {missing}")
    raw = [tex for tex in RAW_TEX if tex in text]
    if raw:
        problems.append(f"raw TeX found {raw}")
    unsearchable = [formula for formula in FORMULA_TEXT if formula not in text]
    if unsearchable:
        problems.append(f"formulas not found as text {unsearchable}")
    if path.stat().st_size > MAX_MB * 1e6:
        problems.append(f"{path.stat().st_size / 1e6:.1f} MB, over the {MAX_MB} MB limit")
    screen = [label for label in SCREEN_ONLY if label in text]
    if screen:
        problems.append(f"screen-only labels printed {screen}")
    data = path.read_bytes()
    addresses = [a.decode() for a in BUILD_ADDRESSES if a in data]
    if addresses:
        problems.append(f"links to the build's server {addresses}")

    # A book: a title page, then contents; bookmarks for every chapter; each
    # chapter starts a page; every page but the title page is numbered.
    def squeeze(text):
        return "".join(text.split())

    def body(number):
        """The text of a page without its page number (printed at the top of its text)."""
        text = squeeze(texts[number - 1])
        return text[len(str(number)):] if text.startswith(str(number)) else text

    if squeeze(TITLE) not in squeeze(texts[0]):
        problems.append("no title page")
    if len(texts) < 2 or not body(2).startswith("Contents"):
        problems.append("no contents after the title page")
    chapters = [(title, number) for level, title, number in bookmarks if level == 0]
    # (word for word: a bookmark reading "dotproduct" is a defect)
    unmarked = [c for c in CHAPTERS if not any(c in title for title, _ in chapters)]
    if not bookmarks or unmarked:
        problems.append(f"no PDF bookmarks for {unmarked or 'anything'}")
    if bookmarks and not any(level == 1 for level, _, _ in bookmarks):
        problems.append("no PDF bookmarks for sections")
    # (PDFium may read a floated column, such as the labels of the reference
    # list, before the heading: the title must come early, not necessarily first.)
    not_on_top = [title for title, number in chapters if squeeze(title)[:20] not in body(number)[:400]]
    if not_on_top:
        problems.append(f"chapters that do not start a page {not_on_top}")
    unnumbered = [n for n in range(2, len(texts) + 1) if str(n) not in texts[n - 1].split()[:2]]
    blank = [n for n in range(2, len(texts) + 1) if len(squeeze(texts[n - 1])) <= len(str(n))]
    if blank:
        problems.append(f"blank pages {blank}")
    if unnumbered:
        problems.append(f"pages without a page number {unnumbered[:10]}")
    import pikepdf

    with pikepdf.open(path) as pdf:
        kept = [f.replace(" ", "") for f in str(pdf.docinfo.get(FIGURES_KEPT, "")).split(", ") if f]
    short = [(n, fill, start) for n, fill, start in underfull(path, [number for _, number in chapters])
             if not any(re.match(re.escape(f) + r"\D", start) for f in kept)]
    if short:
        quarter = [n for n, fill, _ in short if fill < QUARTER]
        if quarter:
            problems.append(f"pages less than a quarter full, not at a chapter's end {quarter}")
        problems.append("pages more than half empty, before a block that could be split or moved: "
                        + ", ".join(f"{n} ({fill:.0%} full, then {start[:30]!r})" for n, fill, start in short))
    if problems:
        raise SystemExit(f"{path}: " + "; ".join(problems))
    return len(texts)


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
    print(f"{output}: {pages} pages, {size:.1f} MB, every chapter present, formulas searchable, no raw TeX")


if __name__ == "__main__":
    main()
