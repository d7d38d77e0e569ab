"""What a reader sees: every page of the built book, opened in headless Chromium.

Needs the built site (`make html`) and Debian's Chromium at /usr/bin/chromium,
driven by Playwright's Python package.  Playwright's own browser download
(`playwright install`) is never used.  Outside CI a missing browser or site
skips this module with a message; in CI (the CI variable is set) it fails.

Run alone with:  .venv/bin/python -m pytest -m browser
"""

import os
import re
from pathlib import Path

import pytest
from _shared import chapters, load_print_pdf

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("BOOK_SITE", ROOT / "_build" / "html"))
CHROMIUM = Path(os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "_build" / "screenshots"

pytestmark = pytest.mark.browser


def _unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not CHROMIUM.is_file():
    _unavailable(f"no Chromium at {CHROMIUM}: install Debian's with `sudo apt-get install chromium` "
                 "(or point BOOK_CHROMIUM at one) to run the browser tests")
if not (SITE / "index.html").is_file():
    _unavailable(f"no built book in {SITE}: run `make html` first")

PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture(scope="module")
def server():
    with load_print_pdf().serve(SITE) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Debian's browser; `playwright install` (a download) is never needed.
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402


def open_page(browser, server, name, width=1280):
    """Load a page, record every request and error, wait for the page to settle."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen = {"requests": [], "errors": [], "console": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    # a web font the browser refuses is only a warning, and its text falls back
    page.on("console", lambda m: m.type == "warning" and "font" in m.text and seen["console"].append(m.text))
    page.on("requestfailed", lambda r: seen["errors"].append(f"request failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and seen["errors"].append(f"HTTP {r.status}: {r.url}"))
    response = page.goto(f"{server}/{name}", wait_until="load")
    assert response is not None and response.ok, f"{name}: HTTP {response and response.status}"
    # The formulas were typeset when the book was built; the page only loads
    # MathJax's web fonts.
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
        page.evaluate("() => document.fonts.ready")
        # Sections are laid out, and figures loaded, as the reader scrolls
        # (content-visibility, loading="lazy"): lay out and fetch everything
        # now, so that what follows measures the whole page.
        page.add_style_tag(content="article section { content-visibility: visible !important; }")
        page.evaluate("() => Promise.all(Array.from(document.images).map(i => { i.loading = 'eager';"
                      " return i.complete ? null : new Promise(r => { i.onload = i.onerror = r; }); }))")
    except PlaywrightTimeout:
        seen["errors"].append("the page did not settle within 15 s")
    return context, page, seen


@pytest.mark.parametrize("name", PAGES)
def test_page_as_a_reader_sees_it(browser, server, name):
    context, page, seen = open_page(browser, server, name)
    try:
        # No request leaves the local server (data: URLs stay in the page).
        foreign = [u for u in seen["requests"] if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
        assert not foreign, f"{name} requested {foreign}"
        assert not seen["errors"], f"{name}: {seen['errors']}"
        assert not seen["console"], f"{name}: console errors {seen['console']}"

        # Formulas: every math element typeset at build time, none with a
        # MathJax error, and no TeX engine loaded to do it in the browser.
        math = page.locator("span.math, div.math").count()
        typeset = page.locator("mjx-container").count()
        assert typeset >= math, f"{name}: {math} formulas but {typeset} typeset"
        assert page.locator("mjx-merror, [data-mjx-error]").count() == 0, f"{name}: MathJax error nodes"
        scripts = [u for u in seen["requests"] if u.endswith(".js")]
        assert not [u for u in scripts if "mathjax" in u.lower() or "tex-" in u], f"{name} loads {scripts}"
        assert page.evaluate("() => typeof window.MathJax") == "undefined", f"{name}: MathJax runs in the page"
        raw = page.evaluate("() => document.querySelector('article') ? document.querySelector('article').innerText : ''")
        assert "\\frac" not in raw and "$$" not in raw, f"{name}: raw TeX left in the text"

        # Images: all loaded, all described.
        images = page.evaluate(
            "() => Array.from(document.querySelectorAll('article img')).map(i => "
            "({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0, alt: i.getAttribute('alt') || ''}))"
        )
        broken = [i["src"] for i in images if not i["ok"]]
        assert not broken, f"{name}: images that did not load: {broken}"
        undescribed = [i["src"] for i in images if len(i["alt"].strip()) < 10]
        assert not undescribed, f"{name}: images without alt text: {undescribed}"
        figures = page.evaluate(
            "() => Array.from(document.querySelectorAll('figure')).map(f => "
            "({img: !!f.querySelector('img'), alt: (f.querySelector('img') || {}).alt || '', "
            "caption: !!f.querySelector('figcaption')}))"
        )
        for figure in figures:
            assert figure["caption"], f"{name}: a figure without a caption"
            if figure["img"]:
                assert figure["alt"].strip(), f"{name}: a figure whose image has no alt text"
    finally:
        context.close()


def test_chapters_have_their_formulas_and_figures(browser, server, formulas=20, figures=4):
    """The pages that should have math and figures do (a guard against testing an empty page)."""
    for name in (f"{chapter}.html" for chapter in chapters()):
        context, page, _ = open_page(browser, server, name)
        try:
            assert page.locator("mjx-container").count() >= formulas, name
            assert page.locator("figure img").count() >= figures, name
        finally:
            context.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_figures_keep_their_aspect_ratio(browser, server, width):
    """Each figure is scaled, never stretched, on a desktop and on a phone."""
    for name in (f"{chapter}.html" for chapter in chapters()):
        context, page, _ = open_page(browser, server, name, width=width)
        try:
            shapes = page.eval_on_selector_all(
                "figure img",
                "imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight])")
            assert shapes, name
            for nw, nh, w, h in shapes:
                assert w <= width and abs((w / h) / (nw / nh) - 1) < 0.02, (name, width, (nw, nh), (w, h))
        finally:
            context.close()


SMALLEST_TEXT_PX = 9


def _smallest_text_px(src):
    """The size of a figure's smallest lettering, in CSS px at its width attribute:
    docs/_page.py writes it into each PNG as it draws the figure."""
    from PIL import Image

    with Image.open(SITE / src) as image:
        value = image.text.get("smallest-text-px")
    return float(value) if value is not None else None


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_phone_shows_no_figure_text_smaller_than_9_px(browser, server, mode):
    """At 390 px each figure's smallest letters, scaled from the width the PNG was drawn
    for to the width the phone shows it at (inside the dark theme's white card), are at
    least 9 CSS px tall: the size of its type times displayed width over drawn width."""
    small = []
    for name in (f"{chapter}.html" for chapter in chapters()):
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=mode)
        page = context.new_page()
        try:
            page.goto(f"{server}/{name}", wait_until="load")
            shown = page.eval_on_selector_all("figure img", """imgs => imgs.map(i => {
                const s = getComputedStyle(i);
                return [i.getAttribute('src'), +i.getAttribute('width'),
                        i.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
                          - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth)];
            })""")
            assert shown, name
            for src, drawn, displayed in shown:
                text = _smallest_text_px(src)
                assert text is not None, f"{name}: {src} does not say how large its text is"
                if text * displayed / drawn < SMALLEST_TEXT_PX:
                    small.append(f"{name} {src}: {text:.1f} px drawn at {drawn} px wide, shown at "
                                 f"{displayed:.0f} px: {text * displayed / drawn:.1f} px")
        finally:
            context.close()
    assert not small, small


def test_a_phone_says_a_figure_opens_full_size(browser, server):
    """On a phone a figure's caption ends with the cue that tapping opens the full image
    (the image links to it); a desktop caption carries no such line."""
    cues = {}
    for width in (390, 1400):
        context, page, _ = open_page(browser, server, "softmax-cross-entropy.html", width=width)
        try:
            cues[width] = page.eval_on_selector_all(
                "figure:has(> a.image-reference[href$='.png']) > figcaption",
                "caps => caps.map(c => getComputedStyle(c, '::after').content)")
        finally:
            context.close()
    assert cues[390] and all("full size" in cue for cue in cues[390]), cues[390]
    assert all(cue in ("none", "normal") for cue in cues[1400]), cues[1400]


def test_screenshot_of_the_matrix_calculus_chapter(browser, server):
    context, page, _ = open_page(browser, server, "matrix-calculus.html")
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / "matrix-calculus.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 20_000
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_screenshots_of_every_chapter_on_a_phone(browser, server, mode):
    """For a reader's look (CI keeps _build/screenshots/): each chapter at 390 px, its
    first screen, its first figure, its first code cell and its first table."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for number, chapter in enumerate(chapters(), start=1):
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=mode,
                                      device_scale_factor=2)
        page = context.new_page()
        try:
            page.goto(f"{server}/{chapter}.html", wait_until="load")
            page.wait_for_load_state("networkidle")
            # every section laid out, so that scrolling to a block lands on it
            page.add_style_tag(content="article section { content-visibility: visible !important; }")
            shots = {"first-screen": None, "figure": "article figure", "code": "article div.cell_input",
                     "table": "article table"}
            for what, selector in shots.items():
                if selector is not None:
                    target = page.locator(selector).first
                    if not target.count():
                        continue
                    target.scroll_into_view_if_needed()
                    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                    page.wait_for_timeout(300)
                path = SCREENSHOTS / f"phone-{mode}-ch{number}-{what}.png"
                page.screenshot(path=str(path))
                assert path.stat().st_size > 10_000, path
        finally:
            context.close()


def test_site_is_self_contained_and_small():
    # files the theme copies and no page loads are left out (docs/_ext/light_pages.py)
    assert not (SITE / "_static" / "scripts" / "fontawesome.js").exists()
    assert not (SITE / "_static" / "locales").exists()
    size = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file() and p.suffix != ".pdf")
    # Seven chapters: about 4 MB of figures, 5 MB of executed notebooks (which
    # carry the same figures) and the theme, MathJax's fonts and the search index.
    assert size < 20e6, f"the built site (without its PDF edition) is {size / 1e6:.1f} MB; the limit is 20 MB"
    pdf = SITE / "backpropagation-executed.pdf"
    if pdf.is_file():
        assert size + pdf.stat().st_size < 25e6, f"the site with its PDF is {(size + pdf.stat().st_size) / 1e6:.1f} MB"
    assert not (SITE / ".doctrees").exists(), "Sphinx's doctrees belong outside the published site"
    # No TeX engine is served: the formulas are typeset at build time.
    assert not list(SITE.rglob("tex-*.js")) and not (SITE / "_static" / "mathjax").exists()
    assert sorted(p.suffix for p in (SITE / "_static" / "mathjax-fonts").iterdir()) == [".woff"] * 23


def test_phone_menu_opens_and_navigates(browser, server):
    """On a 390 x 844 phone the ☰ button opens the chapter list, whose links work,
    and the contents button opens the page's outline."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{server}/matrix-calculus.html", wait_until="load")
        page.locator(".primary-toggle").first.click()
        menu = page.locator("#pst-primary-sidebar-modal")
        page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open", timeout=5_000)
        target = chapters()[0]
        menu.locator(f"a[href='{target}.html']").click()
        page.wait_for_url(f"**/{target}.html", timeout=10_000)

        page.goto(f"{server}/matrix-calculus.html", wait_until="load")
        page.locator(".secondary-toggle").first.click()
        page.wait_for_function("() => document.getElementById('pst-secondary-sidebar-modal').open", timeout=5_000)
        assert page.locator("#pst-secondary-sidebar-modal a").count() >= 5
    finally:
        context.close()


def _open_everything(page):
    """Unfold solutions and hidden code, as a reader who opens them all would."""
    # sphinx-togglebutton opens the solutions before printing; hidden code cells are <details>.
    page.evaluate("() => { window.dispatchEvent(new Event('beforeprint'));"
                  " document.querySelectorAll('details').forEach(d => d.open = true); }")
    assert page.locator(".admonition.toggle.toggle-hidden").count() == 0


def _overflowing(browser, server, names, width, script):
    """(page, text) for every element that ``script`` (a JS function returning texts) reports,
    on each page opened at ``width`` with its solutions and folded code opened."""
    problems = []
    for name in names:
        context, page, _ = open_page(browser, server, name, width=width)
        try:
            _open_everything(page)
            problems += [(name, text) for text in page.evaluate(script)]
        finally:
            context.close()
    return problems


@pytest.mark.parametrize("width", [1400, 390])
def test_display_equations_fit_their_column(browser, server, width):
    """No typeset display is wider than the box it sits in, on a desktop or a phone,
    solutions and proofs included (long displays are broken into aligned lines)."""
    problems = _overflowing(
        browser, server, [f"{chapter}.html" for chapter in chapters()] + ["notation.html"], width,
        "() => Array.from(document.querySelectorAll('article mjx-container[display=\"true\"]'))"
        ".filter(m => m.offsetParent !== null && (m.scrollWidth > m.clientWidth + 1"
        "  || m.scrollWidth > m.parentElement.clientWidth + 1))"
        ".map(m => ((m.querySelector('mjx-assistive-mml') || m).textContent || '').slice(0, 50))")
    assert not problems, f"{len(problems)} displays wider than their column at {width} px: {problems}"


def test_code_is_not_cut_on_a_desktop(browser, server):
    """At 1400 px every code cell and output fits its box: nothing hides past the right edge."""
    problems = _overflowing(
        browser, server, [f"{chapter}.html" for chapter in chapters()] + ["notation.html", "api.html"], 1400,
        "() => Array.from(document.querySelectorAll('article pre'))"
        ".filter(p => p.offsetParent !== null && p.scrollWidth > p.clientWidth + 1)"
        ".map(p => p.textContent.split('\\n').sort((a, b) => b.length - a.length)[0].slice(0, 60))")
    assert not problems, f"{len(problems)} code boxes cut at 1400 px: {problems}"


def test_a_link_deep_into_a_chapter_lands_on_its_target(browser, server):
    """Sections far down are laid out only when shown (content-visibility): a link to
    a late equation must still land on it, and stay there once the page settles."""
    html = (SITE / "matrix-calculus.html").read_text()
    target = re.findall(r'id="(equation-[^"]+)"', html)[-1]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{server}/matrix-calculus.html#{target}", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        top = page.evaluate(f"() => document.getElementById('{target}').getBoundingClientRect().top")
        assert 0 <= top < 844, f"#{target} is at {top:.0f} px, off the screen"
    finally:
        context.close()


def test_keyboard_travel_skips_formulas(browser, server):
    """Formulas are not tab stops (chapter 6 alone has 200), but stay readable by
    assistive technology (MathJax's hidden MathML is kept)."""
    context, page, _ = open_page(browser, server, "matrix-calculus.html")
    try:
        stops = page.locator("mjx-container[tabindex='0']").count()
        assert stops == 0, f"{stops} formulas are tab stops"
        assert page.locator("mjx-container mjx-assistive-mml").count() >= 20
    finally:
        context.close()


def test_site_links_its_pdf_edition():
    """`make pdf` puts the book's PDF next to the front page, which links it, as does
    every page's download menu (instead of printing the web page)."""
    pdf = SITE / "backpropagation-executed.pdf"
    assert pdf.is_file(), f"no {pdf}: `make pdf` copies it there"
    assert 'href="backpropagation-executed.pdf"' in (SITE / "index.html").read_text()
    for chapter in chapters():
        page = (SITE / f"{chapter}.html").read_text()
        assert 'href="backpropagation-executed.pdf"' in page and "window.print()" not in page, chapter


def _axe_script():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1400, 390])
def test_accessibility_audit_finds_nothing(browser, server, width):
    """axe-core (the copy bundled in the pinned axe-playwright-python wheel) finds no
    violation on any page, in the light theme and the dark one, on a desktop and a phone."""
    axe = _axe_script()
    found = []
    for name in PAGES:
        context, page, _ = open_page(browser, server, name, width=width)
        try:
            page.evaluate(axe)
            for mode in ("light", "dark"):
                page.evaluate(f"() => {{ document.documentElement.dataset.mode = '{mode}';"
                              f" document.documentElement.dataset.theme = '{mode}'; }}")
                result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                found += [(name, mode, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        finally:
            context.close()
    assert not found, f"{len(found)} accessibility violations at {width} px: {found[:10]}"


def test_the_accessibility_audit_catches_what_it_looks_for(browser):
    """The audit above is not vacuous: on a crafted page it reports an unnamed button,
    an image without alt text and pale text on white."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                         '<button></button><img src="data:,">'
                         '<p style="color: #bbb; background: #fff">faint</p></main></body></html>')
        page.evaluate(_axe_script())
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        assert {"button-name", "image-alt", "color-contrast"} <= {v["id"] for v in result["violations"]}
    finally:
        context.close()


def test_the_page_test_catches_a_refused_web_font(browser, tmp_path):
    """The console check of test_page_as_a_reader_sees_it is not vacuous: a page whose
    web font is MathJax_Zero cut to no character (an empty character map) is reported."""
    import io
    import sys

    from fontTools import subset
    from fontTools.ttLib import TTFont

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    from build_math import mathjax_es5

    font = TTFont(mathjax_es5() / "output" / "chtml" / "fonts" / "woff-v2" / "MathJax_Zero.woff")
    options = subset.Options()
    options.flavor = "woff"
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[])
    cutter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    (tmp_path / "empty.woff").write_bytes(buffer.getvalue())
    (tmp_path / "index.html").write_text(
        '<html><head><style>@font-face { font-family: E; src: url(empty.woff) format("woff"); }'
        "</style></head><body><p style=\"font-family: E\">x</p></body></html>", encoding="utf-8")
    with load_print_pdf().serve(tmp_path) as base:
        context, _, seen = open_page(browser, base, "index.html")
        context.close()
    assert any("Failed to decode downloaded font" in text for text in seen["console"]), seen["console"]


def test_solution_buttons_say_which_solution_they_open(browser, server):
    """Each solution's button is named for its exercise, and its name follows its state."""
    context, page, _ = open_page(browser, server, "matrix-calculus.html")
    try:
        button = page.locator(".solution button.toggle-button").first
        name = button.get_attribute("aria-label")
        assert re.fullmatch(r"Show the solution to Exercise 6\.\d+.*", name), name
        button.click()
        assert button.get_attribute("aria-label") == name.replace("Show", "Hide", 1)
        assert button.get_attribute("aria-expanded") == "true"
    finally:
        context.close()


def test_a_phone_reads_every_page_without_sideways_scrolling_or_clipping(browser, server):
    """At 390 px no page scrolls sideways; no table is cut off (it fits, or its box
    scrolls); the previous and next chapters' titles wrap instead of being clipped."""
    problems = []
    for name in PAGES:
        context, page, _ = open_page(browser, server, name, width=390)
        try:
            _open_everything(page)
            found = page.evaluate("""() => {
              const out = [];
              const width = document.scrollingElement.scrollWidth;
              if (width > innerWidth) out.push(`the page is ${width} px wide`);
              document.querySelectorAll('article table').forEach(t => {
                const box = t.parentElement;
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                if (t.getBoundingClientRect().width > box.clientWidth + 1 && !scrolls)
                  out.push(`table cut off: ${(t.textContent || '').trim().slice(0, 40)}`);
              });
              document.querySelectorAll('.prev-next-area a').forEach(a => {
                if (a.scrollWidth > a.clientWidth + 1) out.push(`link clipped: ${a.textContent.trim()}`);
              });
              return out;
            }""")
            problems += [(name, p) for p in found]
        finally:
            context.close()
    assert not problems, problems


def test_a_block_that_scrolls_sideways_shows_it(browser, server):
    """On a phone, a code cell wider than the screen carries a shadow on the side with
    more to see, which moves to the other side once it is scrolled to its end."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{server}/matrix-calculus.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        blocks = page.locator("article div.cell_input pre")
        wide = None
        for i in range(blocks.count()):
            block = blocks.nth(i)
            block.scroll_into_view_if_needed()
            if block.evaluate("b => b.scrollWidth > b.clientWidth + 1"):
                wide = block
                break
        assert wide is not None, "no code cell scrolls sideways at 390 px"
        page.wait_for_function("b => b.classList.contains('scrolls-right')", arg=wide.element_handle(), timeout=5_000)
        assert wide.evaluate("b => getComputedStyle(b).boxShadow") != "none"
        wide.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        page.wait_for_function("b => b.classList.contains('scrolls-left') && !b.classList.contains('scrolls-right')",
                               arg=wide.element_handle(), timeout=5_000)
    finally:
        context.close()


def test_search_finds_sections_first_and_previews_read_as_prose(browser, server):
    """Searching "jacobian" lists chapter 6's section on the Jacobian matrix first, sections
    ahead of API members; previews (for "derivative" too) quote the page's prose, not its
    toolbar, and write formulas as linear text, never as TeX source."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        found = {}
        for query in ("jacobian", "derivative"):
            page.goto(f"{server}/search.html?q={query}", wait_until="load")
            page.wait_for_function("() => document.querySelectorAll('#search-results p.context').length >= 5",
                                   timeout=30_000)
            results = page.eval_on_selector_all(
                "#search-results li", "ls => ls.map(l => [l.className, l.querySelector('a').textContent])")
            previews = page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
            found[query] = results, previews
            raw = [p[:80] for p in previews if "\\(" in p or "\\frac" in p or "\\partial" in p]
            assert not raw, (query, raw)
            furniture = [p[:60] for p in previews if re.search(r"Binder|Open issue|Repository|\.ipynb", p)]
            assert not furniture, (query, furniture)
        results, previews = found["jacobian"]
        assert "The Jacobian matrix" in results[0][1], results[:3]
        kinds = [kind for kind, _ in results]
        if "kind-object" in kinds:
            assert "kind-title" not in kinds[kinds.index("kind-object"):], kinds
        assert any("R^n" in p or "^(" in p for p in previews), previews[:3]
    finally:
        context.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_focus_returns_to_the_control_that_opened_a_dialog(browser, server, width):
    """A keyboard user who opens the chapter list, the outline, the search box or a menu and
    presses Escape, or who switches the colour theme, is left on that control, not at the top
    of the page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/chain-rule.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        tried = 0
        for selector in [".bd-header-article button.dropdown-toggle", ".bd-header-article .theme-switch-button",
                         ".bd-header-article .search-button", ".primary-toggle", ".secondary-toggle"]:
            control = page.locator(selector).first
            if not control.count() or not control.is_visible():
                continue
            control.focus()
            control.press("Enter")
            page.wait_for_timeout(300)
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
            assert control.evaluate("c => document.activeElement === c"), (width, selector, page.evaluate(
                "() => document.activeElement.outerHTML.slice(0, 80)"))
            tried += 1
        assert tried >= 3, tried
    finally:
        context.close()


def assert_self_contained(seen, server):
    """The page asked nothing of any other server (data: URLs stay in the page) and raised no error."""
    assert all(url.startswith(server) or url.startswith("data:") for url in seen["requests"]), seen["requests"]
    assert not seen["errors"], seen["errors"]


@pytest.mark.parametrize("width", [1400, 390])
def test_the_interactive_figure_moves_with_its_slider(browser, server, width):
    """Chapter 3's learning-rate slider, by keyboard: each step redraws the descent path
    and says what the cost did; past the limit the path leaves the picture.  The figure
    fits the screen, and the page asks nothing of any other server."""
    context, page, seen = open_page(browser, server, "gradient-descent.html", width=width)
    try:
        figure = page.locator("#fig-gd-valley-interactive")
        slider = figure.locator("input[type=range]")
        assert figure.locator("label").inner_text().startswith("Learning rate")
        slider.focus()
        path = lambda: figure.locator(".gdi-path").get_attribute("points")
        state = lambda: figure.locator("output").inner_text()
        before, said = path(), state()
        assert "falls" in said and len(before.split()) == 41
        page.keyboard.press("Home")
        assert path() != before and state() != said and "falls" in state()
        page.keyboard.press("End")
        assert "grows" in state() and len(path().split()) < 41     # it left the picture
        assert slider.get_attribute("aria-valuetext") == state()
        box = figure.locator("svg").bounding_box()
        assert box["width"] <= width - 20 and box["height"] > 100
        assert_self_contained(seen, server)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_the_backward_sweep_steps_node_by_node(browser, server, width):
    """Chapter 4's stepper: at first no node shows a derivative; Next (a tap, or the
    arrow keys on the slider) visits C, then y, then a2, each visit outlining the node, drawing
    its outgoing arrows in red and revealing its derivative, and Back undoes it.  The
    figure fits the screen, and the page asks nothing of any other server."""
    context, page, seen = open_page(browser, server, "chain-rule.html", width=width)
    try:
        figure = page.locator("#fig-cr-sweep-interactive")
        slider = figure.locator("input[type=range]")
        grads = figure.locator("[data-node]:not(.pending) .bsw-grad")
        state = lambda: figure.locator("output").inner_text()
        current = lambda: figure.locator("[data-node].current").get_attribute("data-node")
        assert figure.locator("label").inner_text() == "Step of the backward sweep"
        assert grads.count() == 0 and "forward pass is done" in state()
        visible = figure.locator(".bsw-grad").evaluate_all(
            "els => els.filter(e => getComputedStyle(e).visibility === 'visible').length")
        assert visible == 0
        next_, back = figure.locator("button[data-step='1']"), figure.locator("button[data-step='-1']")
        next_.click()
        assert current() == "C" and grads.count() == 1 and "∂C/∂C = 1" in state()
        next_.click()
        assert current() == "y" and grads.count() == 2 and state().startswith("Step 2 of 11, node y:")
        slider.focus()
        page.keyboard.press("ArrowRight")
        assert current() == "a2" and grads.count() == 3 and "∂C/∂a² = ∂C/∂C ×" in state()
        assert figure.locator("line.current").count() == 1           # a2 feeds only C
        page.keyboard.press("End")
        assert grads.count() == 11 and state().startswith("Step 11 of 11, node x")
        assert slider.get_attribute("aria-valuetext") == state()
        back.click()
        assert grads.count() == 10 and current() != "x"
        box = figure.locator("svg").bounding_box()
        assert box["width"] <= width - 20 and box["height"] > 100
        for button in (next_, back):     # a target a finger can hit
            b = button.bounding_box()
            assert b["width"] >= 40 and b["height"] >= 40, b
        assert_self_contained(seen, server)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_the_xor_training_replays_under_the_slider(browser, server, width):
    """Chapter 5's replay: it opens on the still its caption names; the slider (keys),
    the run's radio buttons and Play each redraw both squares, the shading, the output
    line and the hidden points, and say what the network outputs.  It fits the screen,
    its controls take a finger, and the page asks nothing of any other server."""
    context, page, seen = open_page(browser, server, "numpy-network.html", width=width)
    try:
        figure = page.locator("#fig-nn-xor-interactive")
        slider = figure.locator("input[type=range]")
        state = lambda: figure.locator("output").inner_text()

        def picture():
            return figure.evaluate("""f => [...f.querySelectorAll("svg")].map(svg => [
                svg.querySelector("image").getAttribute("href"),
                svg.querySelector(".xor-output").getAttribute("d"),
                [...svg.querySelectorAll("circle")].map(c => c.getAttribute("cx") + "," + c.getAttribute("cy")).join(" ")])""")

        still = slider.input_value()
        caption = figure.locator("figcaption").inner_text()
        assert f"step {still} of the successful run" in caption
        assert state().startswith(f"Step {still},") and "4 of 4" in state()
        first = picture()
        assert all(href.startswith("data:image/png") for href, _, _ in first)
        assert all(d.startswith("M") for _, d, _ in first)
        assert figure.locator(".xor-unit").first.get_attribute("d").startswith("M")
        play = figure.locator("button.xor-play")
        play.click()
        play.click()            # before the reader picks a step, Play starts at step 0
        assert int(slider.input_value()) < int(still)
        slider.focus()
        page.keyboard.press("Home")
        assert state().startswith("Step 0,")
        start = picture()
        assert start[0][0] != first[0][0] and start[1][0] != first[1][0]   # both squares
        assert start[1][2] != first[1][2]                                  # hidden points moved
        assert start[0][2] == first[0][2]                                  # inputs did not
        page.keyboard.press("ArrowRight")
        assert state().startswith("Step 10,")
        assert slider.get_attribute("aria-valuetext") == state()
        figure.locator("fieldset label").nth(1).click()
        assert figure.locator("input[type=radio]").nth(1).is_checked()
        assert state().startswith("Step 10,") and picture()[1][2] != start[1][2]
        play.click()
        assert play.get_attribute("aria-pressed") == "true"
        page.wait_for_function("() => +document.querySelector('#xor-step').value >= 100")
        play.click()
        assert play.get_attribute("aria-pressed") == "false" and play.inner_text() == "Play"
        stopped = slider.input_value()
        page.wait_for_timeout(200)
        assert slider.input_value() == stopped
        page.evaluate("dispatchEvent(new Event('beforeprint'))")   # paper: the caption's still
        assert state().startswith(f"Step {still},") and picture() == first
        page.evaluate("dispatchEvent(new Event('afterprint'))")
        assert slider.input_value() == stopped
        box = figure.locator(".xor-panels").bounding_box()
        assert box["width"] <= width - 20 and box["height"] > 100
        for control in [play, *figure.locator("fieldset label").all()]:
            b = control.bounding_box()
            assert b["height"] >= 40, b
        assert_self_contained(seen, server)
    finally:
        context.close()


def test_a_page_printed_from_the_dark_theme_is_printed_light(browser, server):
    """Paper is white: before printing, a page in the dark theme turns light (its grey
    text would be faint on paper), and after printing it is dark again."""
    context, page, _ = open_page(browser, server, "chain-rule.html")
    try:
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        ink = "() => getComputedStyle(document.querySelector('article p')).color"
        on_screen = page.evaluate(ink)
        page.evaluate("dispatchEvent(new Event('beforeprint'))")
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        printed = page.evaluate(ink)
        assert printed != on_screen
        assert sum(map(int, printed[printed.index("(") + 1 : -1].split(",")[:3])) < 3 * 100, printed
        page.evaluate("dispatchEvent(new Event('afterprint'))")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    finally:
        context.close()


# One link of each kind that has a preview: (page, the link, what its preview must hold).
PREVIEW_KINDS = {
    "equation": ("gradient-descent.html", 'a[data-preview][href^="#equation-"]', "mjx-container"),
    "figure": ("gradient-descent.html", 'a[data-preview][href^="#fig-"]', "figure img"),
    "table": ("numpy-network.html", 'a[data-preview][href^="#tab-"]', "table td"),
    "theorem": ("gradient-descent.html", 'a[data-preview][href^="#thm-"]', ".proof.theorem"),
    "exercise": ("gradient-descent.html", 'a[data-preview][href^="#ex-"]', ".exercise"),
    "citation": ("gradient-descent.html", 'a[data-preview][href^="references.html#"]', ".citation"),
    "API entry": ("gradient-descent.html", 'a[data-preview][href^="api.html#"]', "dt.sig"),
}


def _preview(page):
    return page.locator("[data-tippy-root] .preview")


@pytest.mark.parametrize("width", [1400, 390])
def test_hovering_a_reference_previews_its_target(browser, server, width):
    """Each kind of reference previews its target beside the link (typeset, with its
    text), on hover and on keyboard focus; Escape closes it; the page asks nothing of
    another server, and loads the previews only once a reader reaches for one."""
    for kind, (name, selector, holds) in PREVIEW_KINDS.items():
        context, page, seen = open_page(browser, server, name, width=width)
        try:
            assert not any("/_static/previews/" in url for url in seen["requests"]), "loaded before a hover"
            link = page.locator(f"article {selector}").first
            link.scroll_into_view_if_needed()
            link.hover()
            preview = _preview(page)
            preview.wait_for(state="visible", timeout=5_000)
            assert preview.locator(holds).count() >= 1, f"{kind}: no {holds} in {preview.inner_html()[:300]}"
            assert "\\(" not in preview.inner_text() and "\\[" not in preview.inner_text(), kind
            href = link.get_attribute("href")
            if href.startswith("#"):   # the preview shows the target's own words
                words = [w for w in page.locator(f"[id='{href[1:]}']").first.inner_text().split()
                         if not re.fullmatch(r"\(\d+\.\d+\)", w)][:6]   # not an equation's number
                assert " ".join(words) in " ".join(preview.inner_text().split()), (kind, words)
            box = page.locator("[data-tippy-root] .tippy-box").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (kind, box)
            page.mouse.move(0, 0)
            preview.wait_for(state="hidden", timeout=5_000)
            link.focus()
            preview.wait_for(state="visible", timeout=5_000)
            page.keyboard.press("Escape")
            preview.wait_for(state="hidden", timeout=5_000)
            assert all(url.startswith(server) or url.startswith("data:") for url in seen["requests"]), seen["requests"]
            assert not seen["errors"] and not seen["console"], (kind, seen["errors"], seen["console"])
        finally:
            context.close()


def test_a_tap_previews_a_reference_and_a_second_tap_follows_it(browser, server):
    """On a phone the first tap on "(3.4)" shows the equation where the reader is; the
    second follows the link."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{server}/gradient-descent.html", wait_until="load")
        link = page.locator('article a[data-preview][href^="#equation-"]').first
        link.scroll_into_view_if_needed()
        link.tap()
        _preview(page).wait_for(state="visible", timeout=5_000)
        assert "#" not in page.url and _preview(page).locator("mjx-container").count() >= 1
        link.tap()
        page.wait_for_function("() => location.hash !== ''", timeout=5_000)
        assert page.url.endswith(link.get_attribute("href"))
    finally:
        context.close()


def test_the_pdf_page_has_no_previews():
    """The single page that `make pdf` prints loads no preview script and marks no link."""
    single = SITE.parent / "singlehtml" / "index.html"
    if not single.is_file():
        pytest.skip("no single-page build: run `make pdf`")
    text = single.read_text(encoding="utf-8")
    assert "previews.js" not in text and "data-preview" not in text and "book-previews" not in text
