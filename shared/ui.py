"""UI pieces every tab uses: the model picker with its status line, and error handling.

This is the only shared module that imports gradio; model code never does.
"""

import functools
import inspect
import logging

import gradio as gr

from shared.errors import UserError
from shared.images import MAX_PIXELS, load_image
from shared.models import ModelChoice, default_choice, status_line

log = logging.getLogger(__name__)


def image_input(label: str = "Image", **kwargs) -> gr.Image:
    """gr.Image for inputs: hands the handler a file path (shared.images.load_image reads it
    safely) and answers an upload that is not a readable image with a clear message instead of
    Gradio's long technical one."""
    kwargs.setdefault("sources", ["upload", "webcam", "clipboard"])
    image = gr.Image(type="filepath", label=label, **kwargs)
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
            raise gr.Error(message, print_exception=False) from None

    image.preprocess = preprocess  # per instance: the browser still sees a plain gr.Image
    return image


def model_picker(choices: list[ModelChoice], label: str = "Model") -> gr.Dropdown:
    """A dropdown of the demo's models (default: best hub model online, embedded offline),
    with a status line above it that says which mode the app is in, and a folded table below
    it that says where each model comes from."""
    gr.Markdown(status_line(choices), elem_classes=["status-line"])
    dropdown = gr.Dropdown([c.name for c in choices], value=default_choice(choices).name, label=label)
    with gr.Accordion("About these models", open=False):
        rows = [f"| {c.name} | {'embedded, works offline' if c.embedded else f'hub: `{c.hub_id}`'} "
                f"| {c.about} |" for c in choices]
        gr.Markdown("\n".join(["| model | source | notes |", "| --- | --- | --- |", *rows]))
    return dropdown


def read_image(image):
    """shared.images.load_image for UI code: notes become gr.Warning toasts."""
    image, notes = load_image(image)
    for note in notes:
        gr.Warning(note)
    return image


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
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, UserError):
        return gr.Error(str(exc), print_exception=False)
    log.exception("error in %s", fn.__name__, exc_info=exc)
    return gr.Error(f"Something went wrong ({type(exc).__name__}: {exc}). "
                    "The app is still running: try another input or model.", print_exception=False)
