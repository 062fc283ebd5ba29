"""Deep links: a URL that opens a tab with a given example, model and seed, for a lecture slide.

    http://127.0.0.1:7860/?tab=gradcam&example=2&model=EfficientNet-Lite0%20(offline)&run=1

tab: a slug; example: 1 = the tab's first example; model: a name from the tab's dropdown;
seed: a number; run=1 also presses the tab's main button. Each tab's build_ui returns a Link
naming the components a URL may set; app.py wires them up with `wire_links` below, and adds a
"Copy link" button to every tab (shared/layout.py puts it beside the lecture text).
"""

from __future__ import annotations  # gr.Examples is a function: keep the hints as text

from dataclasses import dataclass
from urllib.parse import urlencode

import gradio as gr

from shared.i18n import localize, t


@dataclass
class Link:
    """What a URL may set in one tab. Any part may be None (the tab has no seed, ...)."""

    examples: gr.Examples | None = None
    model: gr.Dropdown | None = None
    seed: gr.Number | None = None
    button: gr.Button | None = None  # pressed when the URL says run=1


def link_query(slug: str, example: int | None, model: str | None, seed) -> str:
    """The query string for a state: '?tab=classify&example=2&model=...'."""
    params = {"tab": slug, "example": example, "model": model,
              "seed": int(seed) if seed is not None else None}
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def read_link(params: dict, slug: str, link: Link) -> tuple[dict, list[str]]:
    """The values a URL's query parameters give this tab's components, and notes on the
    parameters it had to ignore (a bad link must never break the page)."""
    values, notes = {}, []
    example = params.get("example")
    if example is not None and link.examples is not None:
        rows = link.examples.examples
        if str(example).isdigit() and 1 <= int(example) <= len(rows):
            row = rows[int(example) - 1]
            values.update(zip(link.examples.inputs, row if isinstance(row, list) else [row]))
        else:
            notes.append(f"the link asks for example {example!r}; the {slug} tab has examples 1 to {len(rows)}.")
    model = params.get("model")
    if model and link.model is not None:
        names = [choice[1] if isinstance(choice, tuple) else choice for choice in link.model.choices]
        if model in names:
            values[link.model] = model
        else:
            notes.append(f"the link asks for model {model!r}, which the {slug} tab does not have.")
    seed = params.get("seed")
    if seed is not None and link.seed is not None:
        try:
            values[link.seed] = int(seed)
        except ValueError:
            notes.append(f"the link's seed {seed!r} is not a whole number.")
    return values, notes


def wire_links(demo: gr.Blocks, tabs: gr.Tabs, links: dict[str, Link]):
    """On page load, apply the URL's parameters; with run=1 press the tab's main button."""
    outputs = [tabs]
    for link in links.values():
        outputs += [c for c in [*(link.examples.inputs if link.examples else []), link.model, link.seed] if c]
    outputs = list(dict.fromkeys(outputs))  # a component listed twice (an example's model) once

    def open_link(request: gr.Request):
        params = dict(request.query_params) if request else {}
        slug = params.get("tab")
        if slug not in links:
            if slug:
                gr.Warning(localize(f"the link names tab {slug!r}; the tabs are: {', '.join(links)}."))
            return {tabs: gr.skip()}  # no link: leave the page as it is
        values, notes = read_link(params, slug, links[slug])
        for note in notes:
            gr.Warning(localize(note))
        return {tabs: gr.Tabs(selected=slug), **values}

    for slug, link in links.items():
        if link.button is not None:
            link.button.elem_id = link.button.elem_id or f"run-{slug}"
    # The tab renders when it is shown and its example files arrive after that: wait for the
    # button, then give the inputs a moment before pressing it.
    press = """() => {
        const params = new URLSearchParams(window.location.search);
        if (params.get("run") !== "1") return;
        let tries = 0;
        const timer = setInterval(() => {
            const button = document.getElementById("run-" + params.get("tab"));
            if (button || ++tries > 40) clearInterval(timer);
            if (button) setTimeout(() => button.click(), 1500);
        }, 250);
    }"""
    demo.load(open_link, None, outputs, api_visibility="private").then(None, js=press)


def example_number(evt: gr.SelectData) -> int:
    return evt.index + 1


def copy_link_button(slug: str, link: Link, button: gr.Button, url: gr.Textbox):
    """Wire the tab's "Copy link" button (shared/layout.py puts it beside the lecture text): it
    copies a link to the tab, the last example clicked, model and seed, and shows the link in
    `url` (for a browser that refuses the clipboard)."""
    example = gr.State(None)
    if link.examples is not None:
        link.examples.dataset.select(example_number, None, example, api_visibility="private")
        for component in link.examples.inputs:  # the person changed an input: no longer the example
            if hasattr(component, "upload"):
                component.upload(lambda: None, None, example, api_visibility="private")
    inputs = [example, *[c if c is not None else gr.State(None) for c in (link.model, link.seed)]]
    button.click(lambda *values: gr.Textbox(link_query(slug, *values), visible=True), inputs, url,
                 api_visibility="private").then(
        None, url, url, js="""(query) => {
            const url = window.location.origin + window.location.pathname + query;
            if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
            return url;
        }""")
