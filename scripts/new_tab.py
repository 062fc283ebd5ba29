"""Make a new tab: copy apps/_template/ to apps/<slug>/, its test to tests/test_<slug>.py, and
add it to the registry in apps/__init__.py. Then `python app.py` serves it at /<slug>.

    python scripts/new_tab.py mydemo

The slug is the folder's name, written once: the tab's id, its endpoint /<slug>, its test
file and models/<slug>/ follow from it. A bad slug (not a lower-case Python identifier, taken,
reserved) is refused with one line, and nothing is changed.
"""

import argparse
import keyword
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ROOT / "apps"
TEMPLATE = APPS / "_template"
REGISTRY_FILE = APPS / "__init__.py"
# Names a tab may not take: the app's own tab and endpoint, Python's and this repo's packages.
RESERVED = {"system", "template", "app", "apps", "shared", "tests", "bench", "training", "models",
            "scripts", "docs", "gradio", "torch", "test"}
SLUG = re.compile(r"[a-z][a-z0-9_]*\Z")  # a lower-case Python identifier


def check_slug(slug: str) -> str | None:
    """Why `slug` cannot be a new tab's name, or None when it can."""
    if not SLUG.match(slug):
        return (f"{slug!r} is not a valid slug: use lower-case letters, digits and _, starting "
                "with a letter (it becomes a Python package, an endpoint /<slug> and tests/test_<slug>.py)")
    if keyword.iskeyword(slug) or slug in RESERVED or slug in sys.stdlib_module_names:
        return f"{slug!r} is reserved (a Python keyword or module, or a name this app uses): pick another"
    if (APPS / slug).exists() or (ROOT / "tests" / f"test_{slug}.py").exists():
        return f"{slug!r} is taken: apps/{slug}/ or tests/test_{slug}.py already exists"
    return None


def register(text: str, slug: str) -> str:
    """apps/__init__.py with `slug` imported and appended to REGISTRY."""
    imports = re.search(r"^from apps import (.+)$", text, flags=re.M)
    names = sorted({*imports.group(1).split(", "), slug})
    text = text[:imports.start()] + f"from apps import {', '.join(names)}" + text[imports.end():]
    end = text.index("]", text.index("REGISTRY = ["))
    return text[:end] + f"    {slug}.SPEC,\n" + text[end:]


def make_tab(slug: str):
    """Copy the template and its test, and register the tab. Checks everything first."""
    problem = check_slug(slug)
    if problem:
        raise SystemExit(problem)
    registry = register(REGISTRY_FILE.read_text(), slug)
    test = (ROOT / "tests" / "test_template.py").read_text().replace("apps._template", f"apps.{slug}")
    shutil.copytree(TEMPLATE, APPS / slug, ignore=shutil.ignore_patterns("__pycache__"))
    (ROOT / "tests" / f"test_{slug}.py").write_text(test)
    REGISTRY_FILE.write_text(registry)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slug", help="the new tab's name: lower-case letters, digits and _, e.g. mydemo")
    slug = parser.parse_args(argv).slug
    make_tab(slug)
    print(f"""Made the tab {slug!r}:
  apps/{slug}/          its code (model.py, ui.py), examples, Russian strings (ru.py), test declarations (cases.py)
  tests/test_{slug}.py  its tests
  apps/__init__.py      one line in REGISTRY
Next:
  1. python app.py                       open http://127.0.0.1:7860 and try the tab (it detects edges)
  2. edit apps/{slug}/: title and description in __init__.py, your model in model.py, the UI in ui.py
  3. python -m pytest -q -k {slug}        its unit, API, bad-input, i18n and browser tests
  4. python scripts/deploy_space.py <you>/<space> --dry-run""")


if __name__ == "__main__":
    main()
