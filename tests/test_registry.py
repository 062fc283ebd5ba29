"""The registry is the single list of tabs, and a tab is its folder: every demo folder is in
the registry, each entry is complete (examples with a licence, endpoints named after its slug,
a test file, a cases.py for the suite-wide tests), and no tab reaches into Gradio's internals
or into another tab."""

import ast
from pathlib import Path

import gradio as gr
import pytest

from apps import REGISTRY
from conftest import ROOT, registered_specs, tab_cases

APPS = ROOT / "apps"
FOLDERS = sorted(p.name for p in APPS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def folder(spec) -> Path:
    return APPS / spec.build_ui.__module__.split(".")[1]


def test_every_demo_folder_is_registered():
    registered = [spec.slug for spec in REGISTRY]
    missing = set(FOLDERS) - set(registered)
    assert not missing, f"add these to REGISTRY in apps/__init__.py (scripts/new_tab.py does it): {sorted(missing)}"
    assert len(registered) == len(set(registered)), "a slug is registered twice"
    assert set(registered) <= set(FOLDERS), "a registered slug has no folder of that name"


@pytest.mark.parametrize("spec", registered_specs(with_template=True), ids=lambda s: s.slug)
def test_spec_is_complete(spec):
    assert spec.title and spec.description and callable(spec.build_ui)
    assert folder(spec).name.removeprefix("_") == spec.slug, "the slug is the folder's name"
    if spec.models:  # a demo may have no model choice; one that has must work offline
        assert any(choice.embedded for choice in spec.models), "offline needs an embedded model"
    assert spec.examples and all(Path(p).is_file() for p in spec.examples)
    for examples in {Path(p).parent for p in spec.examples}:
        assert (examples / "LICENSE.md").is_file(), f"say where {examples} came from, with its licence"
    assert (ROOT / "tests" / f"test_{spec.slug}.py").is_file(), f"write tests/test_{spec.slug}.py"
    cases = tab_cases(spec)
    assert spec.slug in cases.API, f"{folder(spec)}/cases.py: API needs the main endpoint {spec.slug!r}"
    for name in cases.API:
        assert name == spec.slug or name.startswith(spec.slug + "_"), \
            f"{folder(spec)}/cases.py: endpoint {name!r} must be named {spec.slug!r} or {spec.slug}_<what>"


@pytest.mark.parametrize("spec", REGISTRY, ids=lambda s: s.slug)
def test_endpoints_follow_the_slug(spec):
    """Each public endpoint made in a tab is /<slug> or /<slug>_<what>; the main one exists once."""
    import app

    names = [event.api_name for event in app.demo.fns.values() if event.api_visibility == "public"]
    assert names.count(spec.slug) == 1, f"the tab {spec.slug!r} needs one endpoint api_name={spec.slug!r}"
    slugs = [s.slug for s in REGISTRY]
    for name in names:
        assert name == "system" or any(name == s or name.startswith(s + "_") for s in slugs), \
            f"endpoint /{name} is not named after its tab"


def test_demos_do_not_import_each_other():
    """Each demo stands alone (copy a few lines rather than reach into another demo)."""
    for name in FOLDERS + ["_template"]:
        for source in (APPS / name).glob("*.py"):
            text = source.read_text()
            others = [f for f in FOLDERS + ["_template"] if f != name and f"apps.{f}" in text]
            assert not others, f"{source} imports {others}"


# Methods of Gradio objects that a tab might be tempted to replace on an instance.
GRADIO_METHODS = {name for cls in (gr.Image, gr.ImageEditor, gr.Slider, gr.Dropdown, gr.Blocks, gr.Audio)
                  for name in dir(cls) if callable(getattr(cls, name, None))}


def test_tabs_use_only_gradios_public_api():
    """No module under apps/ imports from gradio's submodules or a private name, or replaces a
    method of a Gradio object: shared/gradio_internals.py is the one place for that."""
    for source in sorted(APPS.glob("**/*.py")):
        tree = ast.parse(source.read_text())
        where = source.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gradio."):
                pytest.fail(f"{where}:{node.lineno} imports from {node.module}: use `import gradio as gr`")
            if isinstance(node, ast.Import) and any(a.name.startswith("gradio.") for a in node.names):
                pytest.fail(f"{where}:{node.lineno} imports a gradio submodule")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "gr" \
                    and node.attr.startswith("_"):
                pytest.fail(f"{where}:{node.lineno} uses the private gr.{node.attr}")
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr in GRADIO_METHODS:
                    pytest.fail(f"{where}:{node.lineno} replaces .{target.attr} of an object: subclass the "
                                "component instead, or see shared/gradio_internals.py")


def test_only_one_module_reaches_into_gradio():
    """shared/ and app.py use gradio's public names; its internals only in shared/gradio_internals.py."""
    for source in sorted([ROOT / "app.py", *ROOT.glob("shared/**/*.py")]):
        if source.name == "gradio_internals.py":
            continue
        text = source.read_text()
        tree = ast.parse(text)
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            assert not (module or "").startswith("gradio."), f"{source.relative_to(ROOT)} imports {module}"
            if isinstance(node, ast.Attribute) and node.attr in ("_queue", "_id", "context", "fns", "process_api"):
                pytest.fail(f"{source.relative_to(ROOT)}:{node.lineno} uses .{node.attr}: "
                            "move it to shared/gradio_internals.py")


def test_a_tab_with_no_models_has_no_picker_and_no_banner():
    """A demo may have no model choice: the app builds it with no status line and no dropdown."""
    import app
    from shared.spec import DemoSpec

    def build_ui():
        text = gr.Textbox(label="Text")
        gr.Button("Echo").click(lambda text: text, text, text, api_name="echo")

    spec = DemoSpec(slug="echo", title="Echo", description="Echo.", build_ui=build_ui)
    demo = app.build_demo([spec])
    kinds = [type(block).__name__ for block in demo.blocks.values()]
    assert "Dropdown" not in kinds
    assert not any("status-line" in (getattr(block, "elem_classes", None) or []) for block in demo.blocks.values())
    app.preload([spec])  # nothing to load, nothing fails


def test_every_models_folder_belongs_to_a_tab():
    """models/<slug>/ holds the weights of the tab of that name (the slug, once more)."""
    slugs = {spec.slug for spec in REGISTRY}
    for folder in sorted(p for p in (ROOT / "models").iterdir() if p.is_dir()):
        assert folder.name in slugs, f"models/{folder.name}/ matches no tab: name it after its tab's slug"
