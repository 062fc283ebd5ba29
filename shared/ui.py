"""What a tab's ui.py needs from shared/, in one import: the image input, the model picker
with its status line, read_image and warn, and (re-exported) t and localize (shared/i18n.py),
Link (shared/links.py), Job (shared/jobs.py) and current_tab().

Only the UI layer imports gradio (this module, shared/jobs.py, shared/i18n.py); model code never does.
"""

import functools
import math

import gradio as gr

from shared.components import ImageInput
from shared.errors import quoted
from shared.gradio_internals import events, parameter_names, tab_being_built, wrap_preprocess
from shared.i18n import localize, t
from shared.images import load_image
from shared.jobs import Job
from shared.links import Link
from shared.models import CACHE, ModelChoice, default_choice, status_line
from shared.remote import about_rows, new_names


__all__ = ["Job", "Link", "availability", "current_tab", "guard_inputs", "image_input", "localize", "model_picker",
           "examples_beside", "read_image", "settings", "t", "warn"]


def image_input(label=None, **kwargs) -> gr.Image:
    """An image input that hands the handler a file path (shared.images.load_image reads it
    safely): upload, webcam or clipboard."""
    kwargs.setdefault("sources", ["upload", "webcam", "clipboard"])
    # No mode conversion by Gradio: it would decode a 99-megapixel grey PNG (a few KB of zeros)
    # before load_image could refuse it from the header. load_image makes any mode RGB.
    kwargs.setdefault("image_mode", None)
    return ImageInput(type="filepath", label=label or t("Image"), **kwargs)


def model_picker(choices: list[ModelChoice], label=None, own: str | None = None) -> gr.Dropdown:
    """A dropdown of the demo's models (default: best hub model online, embedded offline),
    with a status line above it that says which mode the app is in, and a folded table below
    it that says where each model comes from. own: what a person may type instead of picking
    (a hub id of a kind of model; the tab's model code loads it), said under the table."""
    status = gr.Markdown(t(status_line(choices)), elem_classes=["status-line"])
    names, tab = [c.name for c in choices], current_tab()  # APP_REMOTE may add names (shared/remote.py)
    dropdown = gr.Dropdown(names + new_names(tab, names), value=default_choice(choices).name,
                           label=label or t("Model"), allow_custom_value=own is not None)
    # On each page load: mark the models that failed to load, and say why (shared/models.py).
    gr.on(None, functools.partial(availability, choices, dropdown.choices), dropdown, [status, dropdown],
          api_visibility="private", queue=False, show_progress="hidden")
    # The status line names the model picked now, not the default.
    dropdown.change(lambda name: localize(status_line(choices, name)), dropdown, status,
                    api_visibility="private", queue=False, show_progress="hidden")
    with gr.Accordion(t("About these models"), open=False, elem_classes="advanced"):
        rows = [f"| {c.name} | {'embedded, works offline' if c.embedded else f'hub: `{c.hub_id}`'} "
                f"| {c.about} |" for c in choices]
        gr.Markdown(t("\n".join(["| model | source | notes |", "| --- | --- | --- |", *rows, *about_rows(tab)])))
        if own:
            gr.Markdown(t(own))
    return dropdown


def examples_beside(examples: list, inputs: list, label: str):
    """gr.Examples in a narrow column, to be called inside a gr.Row right after the input: small
    thumbnails beside the image, so that a projector shows input, examples and button at once."""
    with gr.Column(scale=1, min_width=130, elem_classes="examples-beside"):
        return gr.Examples(examples, inputs=inputs, label=label)


def settings(label="Settings", open=False) -> gr.Accordion:
    """A folded group for the controls a lecture does not need on screen (sizes, weights,
    top-k): `with settings():`. Hidden in presenter mode (shared/layout.py)."""
    return gr.Accordion(t(label), open=open, elem_classes="advanced")


def availability(choices: list[ModelChoice], options: list[tuple[str, str]], selected: str | None = None):
    """The status line (for the `selected` model) and the dropdown's options, models that
    failed to load marked as such."""
    marked = [(localize(f"{label} (unavailable)") if CACHE.unavailable(value) else label, value)
              for label, value in options]
    return localize(status_line(choices, selected)), gr.Dropdown(choices=marked)


def current_tab() -> str | None:
    """The slug of the tab being built: a tab's main endpoint is `api_name=current_tab()`."""
    return tab_being_built()


def read_image(image):
    """shared.images.load_image for UI code: notes become gr.Warning toasts."""
    image, notes = load_image(image)
    for note in notes:
        warn(note)
    return image


def warn(message: str):
    """gr.Warning in the language of the person who sent the request (shared/i18n.py)."""
    gr.Warning(localize(message))


def guard_inputs(demo: gr.Blocks):
    """Make Gradio's own input checks answer like ours: one short line naming the argument.

    Gradio itself refuses a slider value out of range or a dropdown value not among the
    choices, but its message names no input and quotes the value whole (a 10,000-character
    model name comes back whole), and it lets NaN and infinity through to the handler.
    Call once on the built demo; inputs are named after the handlers' parameters (the
    argument names of the API)."""
    names = {}
    public_first = sorted(events(demo), key=lambda event: event.api_visibility != "public")
    for event in public_first:
        if event.fn is not None:
            for component, name in zip(event.inputs, parameter_names(event)):
                names.setdefault(id(component), name)
    for component in demo.blocks.values():
        if isinstance(component, (gr.Slider, gr.Number, gr.Dropdown, gr.Radio)) and id(component) in names:
            _guard(component, names[id(component)])


def _guard(component, name: str):
    def check(payload, gradio_preprocess):
        if isinstance(payload, float) and not math.isfinite(payload):
            raise gr.Error(localize(f"{name} must be a finite number, got {payload}."), print_exception=False)
        try:
            return gradio_preprocess(payload)
        except Exception:
            raise gr.Error(localize(_refusal(component, name, payload)), print_exception=False) from None

    wrap_preprocess(component, check)  # Gradio has no public hook for this: see there


def _refusal(component, name: str, payload) -> str:
    if isinstance(component, (gr.Dropdown, gr.Radio)):
        values = ", ".join(repr(value) for _, value in component.choices)
        return f"unknown {name} {quoted(payload)}; choose one of: {values}"
    shown = f"{payload:g}" if isinstance(payload, (int, float)) else quoted(payload)
    if component.minimum is None or component.maximum is None:
        return f"{name} must be a number, got {shown}."
    return f"{name} must be between {component.minimum:g} and {component.maximum:g}, got {shown}."
