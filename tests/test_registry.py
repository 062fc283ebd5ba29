"""The registry is the single list of tabs: every demo folder is in it, and every entry is
complete (examples with a licence, an api_name equal to its slug, a test file)."""

from pathlib import Path

import pytest

from apps import REGISTRY
from conftest import ROOT

APPS = ROOT / "apps"
FOLDERS = sorted(p.name for p in APPS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def all_specs():
    from apps._template import SPEC as TEMPLATE

    return [*REGISTRY, TEMPLATE]


def test_every_demo_folder_is_registered():
    registered = [spec.slug for spec in REGISTRY]
    missing = set(FOLDERS) - set(registered)
    assert not missing, f"add these to apps/__init__.py REGISTRY: {sorted(missing)}"
    assert len(registered) == len(set(registered)), "a slug is registered twice"
    assert set(registered) <= set(FOLDERS), "a registered slug has no folder of that name"


@pytest.mark.parametrize("spec", all_specs(), ids=lambda s: s.slug)
def test_spec_is_complete(spec):
    assert spec.title and spec.description and callable(spec.build_ui)
    assert spec.api_names and spec.api_names[0] == spec.slug, "the main api_name is the slug"
    assert spec.models, "list at least one model choice"
    assert any(choice.embedded for choice in spec.models), "offline needs an embedded model"
    assert spec.examples and all(Path(p).is_file() for p in spec.examples)
    for folder in {Path(p).parent for p in spec.examples}:
        assert (folder / "LICENSE.md").is_file(), f"say where {folder} came from, with its licence"
    assert (ROOT / "tests" / f"test_{spec.slug}.py").is_file(), f"write tests/test_{spec.slug}.py"


def test_built_app_exposes_each_api_name_once():
    import app

    api_names = [fn.api_name for fn in app.demo.fns.values() if fn.api_name]
    for spec in REGISTRY:
        for name in spec.api_names:
            assert api_names.count(name) == 1, f"api_name {name!r} appears {api_names.count(name)} times"


def test_demos_do_not_import_each_other():
    """Each demo stands alone (copy a few lines rather than reach into another demo)."""
    for folder in FOLDERS + ["_template"]:
        for source in (APPS / folder).glob("*.py"):
            text = source.read_text()
            others = [f for f in FOLDERS + ["_template"] if f != folder and f"apps.{f}" in text]
            assert not others, f"{source} imports {others}"
