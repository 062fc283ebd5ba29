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
    api_names: every endpoint the tab exposes, the main one (== slug) first.
    """

    slug: str
    title: str
    description: str
    build_ui: Callable[[], object]
    models: list[ModelChoice] = field(default_factory=list)
    examples: list[Path] = field(default_factory=list)
    api_names: tuple[str, ...] = ()
