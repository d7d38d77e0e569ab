"""The book builds strictly, rebuilds from its cache, and breaks with the package.

Builds a copy of the book (conf.py, docs/, src/, vendor/) in a temporary folder, so
the package can be broken there without touching the repository.  The
kernel imports the copy's package through PYTHONPATH.  The copy starts with
the repository's execution cache (`make test` builds the book first), so
its first build reuses the executed chapters; the tests that change a
chapter or the package prove that execution happens when it must.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _shared import chapters

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.book


def sphinx(tree):
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(tree), "-d", str(tree / "_build" / "doctrees"), "-n", "-W", "--keep-going",
           str(tree / "docs"), str(tree / "_build" / "html")]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    tree = tmp_path_factory.mktemp("book")
    shutil.copy(ROOT / "conf.py", tree)
    shutil.copytree(ROOT / "docs", tree / "docs")
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    # the browser libraries `make html` installed from npm (vendor/package.json)
    shutil.copytree(ROOT / "vendor", tree / "vendor")
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.is_dir():  # keyed on the package's hash, which the copy shares
        shutil.copytree(cache, tree / "_build" / ".jupyter_cache")
    first = sphinx(tree)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-5000:]
    return tree


def test_build_log_is_clean(tree):
    # Built above with -W; and the kernel's TCP warning and config dumps are gone.
    second = sphinx(tree)
    log = second.stdout + second.stderr
    assert second.returncode == 0, log[-3000:]
    assert "running over TCP" not in log
    assert "MdParserConfig(" not in log


def test_rebuild_with_nothing_changed_reuses_the_cache(tree):
    again = sphinx(tree)
    log = again.stdout + again.stderr
    assert again.returncode == 0, log[-3000:]
    assert "Executing notebook" not in log


@pytest.mark.parametrize("name", chapters())
def test_every_image_has_alt_text_and_every_figure_a_caption(tree, name, figures=4):
    pages = sorted((tree / "_build" / "html").glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "notation.html", f"{name}.html"}
    chapter = (tree / "_build" / "html" / f"{name}.html").read_text()
    images = re.findall(r'<img [^>]*src="_images/[^>]*>', chapter)  # the figures, not the theme's icons
    assert len(images) >= figures
    for img in images:
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and len(alt.group(1)) > 20, img
    assert chapter.count("<figcaption>") >= figures
    assert re.search(r'href="api.html#backprop\.', chapter), "no link from the prose to the API reference"


class _TextOutsideMath(HTMLParser):
    """The text of a page that is not math, code, script or style."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.skipping, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.skipping.append(tag in {"script", "style", "pre", "code"} or "math" in classes)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not any(self.skipping):
            self.text.append(data)


def stray_tex(html):
    """TeX that reaches the reader as text: a backslash command or a dollar outside math."""
    parser = _TextOutsideMath()
    parser.feed(html)
    text = "".join(parser.text)
    return [text[max(0, m.start() - 30):m.end() + 30] for m in re.finditer(r"\\[A-Za-z]+|\$", text)]


def untypeset_math(html):
    """What keeps a page's formulas from reaching the reader typeset at build time."""
    problems = []
    if "\\(" in html or "\\[" in html:
        problems.append("TeX delimiters left")
    if re.search(r"<script[^>]*(mathjax|tex-[a-z-]+\.js)", html, re.I):
        problems.append("loads MathJax")
    if 'class="math notranslate' in html and not ('id="MJX-CHTML-styles"' in html and "<mjx-assistive-mml" in html):
        problems.append("formulas without CommonHTML styles or MathML")
    return problems


def unneeded_loads(html, search_page=False):
    """What a page loads that it need not, or sooner than it must.

    Font Awesome's script or an undrawn icon; a script that stops the first
    paint (only the few bytes of documentation_options.js may); the search
    index anywhere but the search page; a figure that is eager, unsized or
    offered without its WebP twin.
    """
    problems = []
    if "fontawesome.js" in html:
        problems.append("loads Font Awesome's script")
    if re.search(r'<(i|span) class="[^"]*\bfa-[a-z]', html):
        problems.append("an icon left undrawn")
    head = html.split("</head>")[0]
    for script in re.findall(r"<script [^>]*\bsrc=[^>]*>", head):
        if not (re.search(r"\b(defer|async)\b", script) or "documentation_options.js" in script or search_page):
            problems.append("blocks the first paint: " + script)
    if not search_page and re.search(r'src="[^"]*(searchindex|searchtools)\.js', html):
        problems.append("loads the search index")
    for img in re.findall(r'(?:<source [^>]*>)?<img [^>]*src="_images/[^>]*>', html):
        if not ('loading="lazy"' in img and re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img)
                and re.match(r'<source srcset="_images/[^"]+\.webp" type="image/webp">', img)):
            problems.append(img[:200])
    return problems


def test_the_page_checks_catch_what_they_look_for():
    # A line of inline math that starts with "- " split the dollars of chapter 5.
    assert stray_tex('<li><p>\\operatorname{sigmoid}(t)\\big) < 0$ for</p></li>')
    assert not stray_tex('<p>so <span class="math notranslate nohighlight">\\(x\\)</span>.</p>')
    assert untypeset_math('<span class="math notranslate nohighlight">\\(x\\)</span>') == [
        "TeX delimiters left", "formulas without CommonHTML styles or MathML"]
    assert untypeset_math('<script defer src="_static/mathjax/tex-svg-full.js"></script>') == ["loads MathJax"]
    assert unneeded_loads('<script src="_static/scripts/fontawesome.js?d=1"></script><i class="fab fa-github"></i>'
                          '<script src="searchindex.js"></script></head><img src="_images/a.png" width="3" height="2">') == [
        "loads Font Awesome's script", "an icon left undrawn",
        'blocks the first paint: <script src="_static/scripts/fontawesome.js?d=1">',
        'blocks the first paint: <script src="searchindex.js">', "loads the search index",
        '<img src="_images/a.png" width="3" height="2">']
    figure = ('<picture><source srcset="_images/a.webp" type="image/webp">'
              '<img loading="lazy" src="_images/a.png" width="3" height="2"></picture>')
    assert not unneeded_loads('<script src="_static/documentation_options.js"></script>'
                              '<script defer src="_static/doctools.js"></script></head>' + figure)
    assert unneeded_loads(figure.replace('<source srcset="_images/a.webp" type="image/webp">', "")) == [
        '<img loading="lazy" src="_images/a.png" width="3" height="2">']


def test_no_tex_is_left_outside_the_math(tree):
    for page in sorted((tree / "_build" / "html").glob("*.html")):
        if page.name not in {"genindex.html", "search.html", "py-modindex.html"}:
            assert not stray_tex(page.read_text()), (page.name, stray_tex(page.read_text())[:3])


def test_formulas_are_typeset_when_the_book_is_built(tree):
    # Every formula reaches the reader typeset (CommonHTML with MathML); no page
    # keeps TeX delimiters or loads a TeX engine.
    for page in sorted((tree / "_build" / "html").glob("*.html")):
        assert not untypeset_math(page.read_text()), (page.name, untypeset_math(page.read_text()))


def test_pages_load_only_what_they_show(tree):
    # The theme's icons are inline SVG (no Font Awesome script); scripts wait
    # for the first paint and the search index for the search page; figures
    # come as WebP, lazily, and carry their size, so nothing shifts when they arrive.
    for page in sorted((tree / "_build" / "html").glob("*.html")):
        problems = unneeded_loads(page.read_text(), search_page=page.name == "search.html")
        assert not problems, (page.name, problems[:3])



def test_every_page_describes_itself_once(tree):
    # A search engine's snippet or a link preview: one meta description per
    # page, plain text of a useful length (a chapter's own, from its front
    # matter; otherwise the page's first paragraph of prose).
    seen = {}
    for page in sorted((tree / "_build" / "html").glob("*.html")):
        found = re.findall(r'<meta [^>]*name="description"[^>]*>', page.read_text())
        assert len(found) == 1, (page.name, found)
        text = re.search(r'content="([^"]*)"', found[0]).group(1)
        assert 40 <= len(text) <= 170 and "\\" not in text and "$" not in text, (page.name, text)
        seen[page.stem] = text
    chapter_texts = [seen[name] for name in chapters()]
    assert len(set(chapter_texts)) == len(chapter_texts), "two chapters share a description"

def test_web_fonts_hold_every_character_the_pages_use_and_little_else(tree):
    # docs/_ext/subset_fonts.py: each served font is its pinned original cut to
    # the characters the built site draws with it.
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import subset_fonts
    from fontTools.ttLib import TTFont

    site = tree / "_build" / "html"
    for originals, served, chars, _ in subset_fonts.font_folders(site):
        assert len(chars) > 10, served
        fonts = sorted(served.glob("*.woff*"))
        assert fonts, served
        for font in fonts:
            kept = set(map(chr, TTFont(font).getBestCmap() or {}))
            wanted = set(map(chr, TTFont(originals / font.name).getBestCmap() or {})) & chars
            # every character drawn; beyond them, only a few that share their glyphs
            assert wanted <= kept and len(kept - wanted) <= 5, (font.name, sorted(wanted - kept), sorted(kept - wanted))
    assert (site / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2").stat().st_size < 10_000


def test_a_formula_mathjax_cannot_typeset_and_an_unknown_icon_fail(tmp_path):
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import build_math
    import icons_at_build
    from sphinx.errors import ExtensionError

    page = tmp_path / "page.html"
    page.write_text('<html><body><p><span class="math notranslate nohighlight">\\(\\frac{1}\\)</span> and '
                    '<span class="math notranslate nohighlight">\\(\\undefinedmacro x\\)</span></p></body></html>')
    done = subprocess.run([str(build_math.node_executable()), str(ROOT / "docs" / "_ext" / "typeset_math.js"),
                           str(build_math.mathjax_es5()), build_math.FONTS, str(page)],
                          capture_output=True, text=True, timeout=120)
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and len(reports) == 1, done.stdout + done.stderr
    assert reports[0]["formulas"] == 2 and len(reports[0]["errors"]) == 2, reports   # both reported
    with pytest.raises(ExtensionError, match="no-such-icon"):
        icons_at_build._ICON.sub(lambda m: icons_at_build._svg(m, "page.html"),
                                 '<i class="fa-solid fa-no-such-icon"></i>')
    assert "<svg" in icons_at_build._ICON.sub(lambda m: icons_at_build._svg(m, "page.html"),
                                              '<i class="fa-solid fa-bars"></i>')


def test_the_api_reference_documents_every_public_name_as_users_import_it(tree):
    import backprop as bp

    api = (tree / "_build" / "html" / "api.html").read_text()
    missing = [name for name in bp.__all__ if f'id="backprop.{name}"' not in api]
    assert not missing, missing
    # no private module paths, in the reference or in the chapters' links to it
    assert not re.search(r'backprop\.(network|activations|costs|jacobians|gradcheck|training|metrics|datasets|measure|plotting)\.', api)
    for name in chapters():
        chapter = (tree / "_build" / "html" / f"{name}.html").read_text()
        links = re.findall(r'href="api.html#(backprop[^"]*)"', chapter)
        assert links and all(f'id="{target}"' in api for target in links), name


def test_chapters_are_numbered_1_to_7_in_order(tree):
    """The seven chapters of the book they accompany, numbered by their place in the
    table of contents: headings, figures, equations, exercises, in that chapter's number."""
    html = tree / "_build" / "html"
    index = (html / "index.html").read_text()
    names = chapters()
    assert len(names) == 7
    order = []
    for number, name in enumerate(names, start=1):
        page = (html / f"{name}.html").read_text()
        title = re.search(r"<h1>(.*?)<a", page).group(1)
        assert title.startswith(f'<span class="section-number">{number}. </span>'), (name, title)
        for thing in [f"Figure {number}.1", f"Exercise {number}.1", f"({number}.1)", f">{number}.1. "]:
            assert thing in page, (name, thing)
        assert not re.search(rf">\s*(?!{number}\.)\d+\.\d+\. ", page), f"{name}: a section with another chapter's number"
        order.append(index.index(f'{number}. ', index.index(f'href="{name}.html"')))
    assert order == sorted(order)
    chapter = (html / "matrix-calculus.html").read_text()
    assert "6.3.1. The chain rule" in chapter and "Theorem 6.1" in chapter and "Table 6.1" in chapter


def test_the_execution_status_page_reports_every_chapter_of_this_build(tree):
    """Linked from the front page: the build's date and versions, then every chapter in
    order, numbered, with the seconds its code took and that every cell ran."""
    import datetime
    from importlib.metadata import version

    html = tree / "_build" / "html"
    assert 'href="execution.html"' in (html / "index.html").read_text()
    page = re.sub(r"<[^>]+>", " ", (html / "execution.html").read_text())
    page = " ".join(page.split())
    today = datetime.date.today()
    assert f"built on {today.day} {today:%B %Y}" in page and f"backprop {version('backprop')}" in page
    rows = re.findall(r"(\d)\. ([^\d]+?) (\d+\.\d) every cell ran", page)
    assert [int(number) for number, _, _ in rows] == list(range(1, 8)), rows
    assert all(float(seconds) > 0 for _, _, seconds in rows)


def test_reader_buttons_are_on_every_chapter(tree):
    html = tree / "_build" / "html"
    for name in chapters():
        page = (html / f"{name}.html").read_text()
        for title in ["Source repository", "Open an issue", "Download source file", "Download notebook file",
                      "The whole book as a PDF", "Launch on Binder"]:
            assert f'title="{title}"' in page, (name, title)
        assert "copybutton.js" in page
        assert (html / "_sources" / f"{name}.ipynb").is_file()

def test_a_page_that_warns_fails_every_build_until_fixed(tree):
    page = tree / "docs" / "notation.md"
    text = page.read_text()
    page.write_text(text + "\nSee {doc}`no-such-page`.\n")
    for _ in range(2):  # the second run must not skip the unchanged page
        run = sphinx(tree)
        assert run.returncode != 0 and "no-such-page" in run.stdout + run.stderr
    page.write_text(text)
    fixed = sphinx(tree)
    assert fixed.returncode == 0, (fixed.stdout + fixed.stderr)[-3000:]


def test_a_wrong_exercise_solution_fails_the_build(tree):
    # Solutions are executed like every other cell and assert their answers.
    page = tree / "docs" / "matrix-calculus.md"
    text = page.read_text()
    right = "Delta = (As[L] - Y) * (1 - As[L] * As[L]) / m      # BP1"
    assert text.count(right) == 1 and "solution-start} ex-mc-tanh" in text
    page.write_text(text.replace(right, right.replace(" / m", "    ")))  # forgets the 1/m of the mean
    wrong = sphinx(tree)
    log = wrong.stdout + wrong.stderr
    page.write_text(text)
    assert wrong.returncode != 0
    assert "Executing notebook" in log  # the changed chapter ran again
    assert "AssertionError" in log and "max(errors.values()) < 1e-7" in log


def test_a_broken_package_breaks_the_build_despite_the_cache(tree):
    # Runs last in this module: the cache from the good build is warm.
    act = tree / "src" / "backprop" / "activations.py"
    text = act.read_text()
    assert "return s * (1 - s)" in text
    act.write_text(text.replace("return s * (1 - s)", "return s"))  # sigma' taken as sigma
    broken = sphinx(tree)
    log = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "Executing notebook" in log
    assert "AssertionError" in log

