"""scripts/new_tab.py: a bad slug is refused in one line and changes nothing; a good one makes
a tab that, with no other edit, is served at /<slug> and passes every test that concerns it
(`pytest -k <slug>`: its own tests, the registry, every bad input of every argument, i18n and
the browser run), in a copy of this checkout."""

import hashlib
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from scripts import new_tab

SLUG = "zzedge"


@pytest.mark.parametrize("slug, message", [
    ("My-Demo", "not a valid slug"), ("1demo", "not a valid slug"), ("", "not a valid slug"),
    ("class", "reserved"), ("system", "reserved"), ("template", "reserved"), ("json", "reserved"),
    ("classify", "taken"), ("clip", "taken"),
])
def test_a_bad_slug_is_refused_in_one_line_and_changes_nothing(slug, message):
    before = snapshot(ROOT / "apps"), (ROOT / "apps" / "__init__.py").read_text()
    with pytest.raises(SystemExit) as refused:
        new_tab.main([slug])
    text = str(refused.value)
    assert message in text and "\n" not in text
    assert (snapshot(ROOT / "apps"), (ROOT / "apps" / "__init__.py").read_text()) == before


def snapshot(folder):
    """{relative path: content hash} of every file under `folder` (caches left out)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
            and p.suffix != ".pyi"}


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A copy of this checkout's files (tracked and new, not ignored): what a fork has."""
    copy = tmp_path_factory.mktemp("fork")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "-co", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_bytes(source.read_bytes())
    return copy


def test_a_new_tab_is_its_folder_its_test_and_one_registry_line(checkout):
    before = snapshot(checkout)
    done = subprocess.run([sys.executable, "scripts/new_tab.py", SLUG], cwd=checkout, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"python -m pytest -q -k {SLUG}" in done.stdout
    after = snapshot(checkout)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed == {"apps/__init__.py", f"tests/test_{SLUG}.py",
                       *(p for p in after if p.startswith(f"apps/{SLUG}/"))}
    assert f"    {SLUG}.SPEC,\n]" in (checkout / "apps" / "__init__.py").read_text()


def test_the_new_tab_passes_every_test_that_concerns_it(checkout):
    """No edit after the script: `pytest -k <slug>` runs the tab's unit and API tests, its every
    bad input, its i18n and registry checks and its browser run, and they pass."""
    env = dict(os.environ, APP_OFFLINE="1")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-k", SLUG, "-p", "no:cacheprovider"],
                          cwd=checkout, capture_output=True, text=True, timeout=900, env=env)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:]
    assert done.returncode == 0, done.stdout[-4000:]
    passed = int(summary.split(" passed")[0].split()[-1])
    assert passed >= 20, summary  # unit + API, registry, bad inputs of every argument, i18n
    for test in ("test_e2e.py::test_tab_runs_its_first_example", "test_bad_inputs.py::test_the_valid_calls_work",
                 f"test_{SLUG}.py::test_api_endpoint", "test_registry.py::test_spec_is_complete"):
        ran = f"PASSED tests/{test}[{SLUG}]" in done.stdout or f"PASSED tests/{test}" in done.stdout
        if "e2e" in test and not ran and os.environ.get("REQUIRE_E2E") != "1":
            continue  # no chromium here, and not required
        assert ran, f"{test} did not run and pass:\n{done.stdout[-3000:]}"
