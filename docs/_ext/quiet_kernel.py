"""The chapters run in a kernel that logs errors only, and the build log shows what matters.

* ipykernel 7.4 warns at every start that the kernel talks over TCP, which is
  harmless for a local build.  A ``python3`` kernelspec in ``_build/jupyter``
  (found first through ``JUPYTER_PATH``) starts the kernel with
  ``--IPKernelApp.log_level=ERROR``, on the interpreter running Sphinx, with
  one BLAS thread: chapters execute in parallel, one per core, and their
  threads do not compete for the cores.
* myst-parser and myst-nb log their whole configuration at every build; a
  logging filter drops those records.
"""

import json
import logging
import os
import sys
from pathlib import Path


def _write_kernelspec(folder):
    spec = folder / "kernels" / "python3" / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"]
    env = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    spec.write_text(json.dumps({"argv": argv, "env": env, "display_name": "Python 3", "language": "python"}))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))


class _DropConfigDump(logging.Filter):
    def filter(self, record):
        return "Config(" not in record.getMessage()


def setup(app):
    _write_kernelspec(Path(app.confdir) / "_build" / "jupyter")
    for name in ("sphinx.myst_parser.sphinx_ext.main", "sphinx.myst_nb.sphinx_ext"):
        logging.getLogger(name).addFilter(_DropConfigDump())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
