"""UI pieces every tab uses: the model picker with its status line, and error handling.

Only the UI layer imports gradio (this module, shared/jobs.py, shared/i18n.py); model code never does.
"""

import functools
import inspect
import logging
import math

import gradio as gr

from shared.errors import UserError, one_line, quoted
from shared.i18n import localize, t
from shared.images import MAX_PIXELS, load_image
from shared.models import CACHE, ModelChoice, default_choice, status_line
from shared.remote import about_rows, new_names

log = logging.getLogger(__name__)


def image_input(label=None, **kwargs) -> gr.Image:
    """gr.Image for inputs: hands the handler a file path (shared.images.load_image reads it
    safely) and answers an upload that is not a readable image with a clear message instead of
    Gradio's long technical one."""
    kwargs.setdefault("sources", ["upload", "webcam", "clipboard"])
    # No mode conversion by Gradio: it would decode a 99-megapixel grey PNG (a few KB of zeros)
    # before load_image could refuse it from the header. load_image makes any mode RGB.
    kwargs.setdefault("image_mode", None)
    image = gr.Image(type="filepath", label=label or t("Image"), **kwargs)
    gradio_preprocess = image.preprocess

    def preprocess(payload):
        try:
            return gradio_preprocess(payload)
        except gr.Error:
            raise
        except Exception as exc:
            too_big = "DecompressionBomb" in type(exc).__name__
            message = (f"the image has too many pixels; the limit is {MAX_PIXELS / 1e6:.0f} MP." if too_big
                       else "the file is not an image we can read (corrupt, or not PNG/JPEG/WebP/GIF/BMP/TIFF).")
            raise gr.Error(localize(message), print_exception=False) from None

    image.preprocess = preprocess  # per instance: the browser still sees a plain gr.Image
    return image


def model_picker(choices: list[ModelChoice], label=None) -> gr.Dropdown:
    """A dropdown of the demo's models (default: best hub model online, embedded offline),
    with a status line above it that says which mode the app is in, and a folded table below
    it that says where each model comes from."""
    status = gr.Markdown(t(status_line(choices)), elem_classes=["status-line"])
    names, tab = [c.name for c in choices], current_tab()  # APP_REMOTE may add names (shared/remote.py)
    dropdown = gr.Dropdown(names + new_names(tab, names), value=default_choice(choices).name,
                           label=label or t("Model"))
    # On each page load: mark the models that failed to load, and say why (shared/models.py).
    gr.on(None, functools.partial(availability, choices, dropdown.choices), dropdown, [status, dropdown],
          api_visibility="private", queue=False, show_progress="hidden")
    # The status line names the model picked now, not the default.
    dropdown.change(lambda name: localize(status_line(choices, name)), dropdown, status,
                    api_visibility="private", queue=False, show_progress="hidden")
    with gr.Accordion(t("About these models"), open=False):
        rows = [f"| {c.name} | {'embedded, works offline' if c.embedded else f'hub: `{c.hub_id}`'} "
                f"| {c.about} |" for c in choices]
        gr.Markdown(t("\n".join(["| model | source | notes |", "| --- | --- | --- |", *rows, *about_rows(tab)])))
    return dropdown


def availability(choices: list[ModelChoice], options: list[tuple[str, str]], selected: str | None = None):
    """The status line (for the `selected` model) and the dropdown's options, models that
    failed to load marked as such."""
    marked = [(localize(f"{label} (unavailable)") if CACHE.unavailable(value) else label, value)
              for label, value in options]
    return localize(status_line(choices, selected)), gr.Dropdown(choices=marked)


def current_tab() -> str | None:
    """The id of the gr.Tab being built (app.py gives each tab its slug), or None."""
    block = gr.context.Context.block
    while block is not None and not isinstance(block, gr.Tab):
        block = block.parent
    return getattr(block, "id", None)


def read_image(image):
    """shared.images.load_image for UI code: notes become gr.Warning toasts."""
    image, notes = load_image(image)
    for note in notes:
        warn(note)
    return image


def warn(message: str):
    """gr.Warning in the language of the person who sent the request (shared/i18n.py)."""
    gr.Warning(localize(message))


def friendly_errors(fn):
    """Decorate an event handler so the person sees a clear message, never a traceback.

    UserError (bad input, a model not available) -> its own message. Anything else is a bug:
    logged with its traceback on the server, shown as a short message; the worker lives on.
    Works for plain handlers and for generators (streamed outputs) alike.
    """
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def stream(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                raise _as_gr_error(exc, fn) from None

        return stream

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise _as_gr_error(exc, fn) from None

    return wrapper


def _as_gr_error(exc: Exception, fn) -> gr.Error:
    # Messages are written in English; localize() puts them in the person's language.
    if isinstance(exc, gr.Error):
        exc.message = localize(exc.message)
        return exc
    if isinstance(exc, UserError):
        return gr.Error(localize(str(exc)), print_exception=False)
    log.exception("error in %s", fn.__name__, exc_info=exc)
    return gr.Error(localize(f"Something went wrong ({type(exc).__name__}: {one_line(exc, 150)}). "
                             "The app is still running: try another input or model."), print_exception=False)


def guard_inputs(demo: gr.Blocks):
    """Make Gradio's own input checks answer like ours: one short line naming the argument.

    Gradio itself refuses a slider value out of range or a dropdown value not among the
    choices, but its message names no input and quotes the value whole (a 10,000-character
    model name comes back whole), and it lets NaN and infinity through to the handler.
    Call once on the built demo; inputs are named after the handlers' parameters (the
    argument names of the API)."""
    names = {}
    public_first = sorted(demo.fns.values(), key=lambda event: event.api_visibility != "public")
    for event in public_first:
        if event.fn is not None:
            for component, name in zip(event.inputs, inspect.signature(event.fn).parameters):
                names.setdefault(component._id, name)
    for component in demo.blocks.values():
        if isinstance(component, (gr.Slider, gr.Number, gr.Dropdown, gr.Radio)) and component._id in names:
            _guard(component, names[component._id])


def _guard(component, name: str):
    gradio_preprocess = component.preprocess

    def preprocess(payload):
        if isinstance(payload, float) and not math.isfinite(payload):
            raise gr.Error(localize(f"{name} must be a finite number, got {payload}."), print_exception=False)
        try:
            return gradio_preprocess(payload)
        except Exception:
            raise gr.Error(localize(_refusal(component, name, payload)), print_exception=False) from None

    component.preprocess = preprocess  # per instance, as in image_input


def _refusal(component, name: str, payload) -> str:
    if isinstance(component, (gr.Dropdown, gr.Radio)):
        values = ", ".join(repr(value) for _, value in component.choices)
        return f"unknown {name} {quoted(payload)}; choose one of: {values}"
    shown = f"{payload:g}" if isinstance(payload, (int, float)) else quoted(payload)
    if component.minimum is None or component.maximum is None:
        return f"{name} must be a number, got {shown}."
    return f"{name} must be between {component.minimum:g} and {component.maximum:g}, got {shown}."
