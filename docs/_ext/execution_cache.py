"""The chapters' execution cache is keyed on the package as well as on the notebooks.

myst-nb's cache key is a notebook's code, not the modules it imports: a
change under ``src/backprop`` alone would reuse outputs of the old code.
conf.py therefore puts the cache in a folder named for a hash of the
package (and of the helpers the chapters import from ``docs/``), and
declares that hash as an "env" configuration value, whose change makes
Sphinx re-read, and so re-execute, every page.  Folders of earlier hashes
are deleted at the start of a build: their outputs are never reused.
"""

import hashlib
import shutil
from pathlib import Path


def package_hash(root):
    """A short hash of src/backprop/**/*.py and docs/*.py under ``root``."""
    root = Path(root)
    h = hashlib.sha256()
    paths = [*(root / "src" / "backprop").rglob("*.py"), *(root / "docs").glob("*.py")]
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _prune_stale_caches(app, config):
    current = Path(config.nb_execution_cache_path)
    if current.parent.is_dir():
        for old in current.parent.iterdir():
            if old.is_dir() and old != current:
                shutil.rmtree(old, ignore_errors=True)


def setup(app):
    app.add_config_value("backprop_source_hash", "", "env")
    app.connect("config-inited", _prune_stale_caches)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
