"""DemoSpec: everything app.py needs to know about one demo (one tab)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from shared.models import ModelChoice


@dataclass(frozen=True)
class DemoSpec:
    """slug: the folder name, registry key, main api_name, test file and models/ subfolder.
    description: Markdown shown at the top of the tab (what to look at, which lecture topic).
    build_ui: builds the tab's components and events inside the surrounding gr.Tab; returns a
        shared.links.Link (the example, model and seed a deep link may set) or None.
    models: the model choices (hub first, embedded after); [] for a demo with none.
    warm_up: optional work `python app.py` starts at launch, before the first visitor (it
        should return at once and do its work in shared.background, e.g. clip's gallery).
    Endpoints follow the slug: the main one is /<slug>, others /<slug>_<what>
    (tests/test_registry.py checks it).
    """

    slug: str
    title: str
    description: str
    build_ui: Callable[[], object]
    models: list[ModelChoice] = field(default_factory=list)
    examples: list[Path] = field(default_factory=list)
    warm_up: Callable[[], object] | None = None


def folder_slug(init_file: str) -> str:
    """A tab's slug from its apps/<slug>/__init__.py: the folder's name (apps/_template: 'template')."""
    return Path(init_file).resolve().parent.name.removeprefix("_")


@dataclass(frozen=True)
class BrowserRun:
    """How tests/test_e2e.py runs a tab in Chromium (declared in apps/<slug>/cases.py): open the
    tab, click its first example, wait until `loaded` shows (default: the tab's first image),
    press `button`, then wait until every output shows. A block is found by (the start of) its
    label, in English.

    outputs: {block label: CSS selector inside it, or (selector, regex its text must match),
              or a list of those}
    texts: regexes that some Markdown block of the tab must match
    values: {exact label of a textbox: regex its value must match}
    loaded: a CSS selector inside the tab, or (block label, CSS selector inside that block)
    then: optional extra steps, then(panel), with the tab's Playwright locator
    input, result: labels of the main input and the main result, which must share the first
        screen with the button at 1280x720 (tests/test_layout_browser.py); default: the tab's
        first file input, and the first of `outputs`
    """

    button: str
    outputs: dict[str, str | tuple[str, str] | list]
    texts: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)
    loaded: str | tuple[str, str] | None = None
    then: Callable | None = None
    input: str | None = None
    result: str | None = None
