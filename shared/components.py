"""Input components that answer a file they cannot read with our one-line message, in the
person's language, instead of Gradio's technical one (which names the component's index, the
exception and the server's path: "Could not preprocess input component at index 0 ...").

Plain subclasses that the browser draws, and API clients see, as the Gradio component they
extend: `is_template = True` is how Gradio's own component templates (gr.Sketchpad,
gr.ClearButton) say so (see Block.get_block_name and get_block_class). Nothing else here but
their one helper: Gradio writes a type stub (components.pyi, git-ignored) beside any module
that subclasses a component.
"""

import gradio as gr

from shared.errors import UserError
from shared.i18n import localize
from shared.images import TOO_MANY_PIXELS, UNREADABLE, check_header


class ImageInput(gr.Image):
    """gr.Image for inputs (shared.ui.image_input makes one)."""

    is_template = True  # to the browser and API clients, a plain gr.Image

    def preprocess(self, payload):
        try:
            return super().preprocess(payload)
        except gr.Error:
            raise
        except Exception as exc:
            message = TOO_MANY_PIXELS if "DecompressionBomb" in type(exc).__name__ else UNREADABLE
            raise gr.Error(naming(self, localize(message)), print_exception=False) from None


class ImageEditorInput(gr.ImageEditor):
    """gr.ImageEditor for inputs: each part (the background, every painted layer) is checked
    from its header before Gradio decodes it, so a decompression bomb costs nothing."""

    is_template = True  # to the browser and API clients, a plain gr.ImageEditor

    def preprocess(self, payload):
        try:
            for part in [getattr(payload, "background", None), *(getattr(payload, "layers", None) or [])]:
                if getattr(part, "path", None):
                    check_header(part.path)
            return super().preprocess(payload)
        except gr.Error:
            raise
        except UserError as exc:
            raise gr.Error(naming(self, localize(str(exc))), print_exception=False) from None
        except Exception:
            raise gr.Error(naming(self, localize(UNREADABLE)), print_exception=False) from None


def naming(component, message: str) -> str:
    """'Content image: the file is not ...' where a tab has several inputs, each with its own
    label; the message alone under the plain label 'Image'."""
    label = getattr(component.label, "key", component.label)  # a t() label is an I18nData
    if not label or label == "Image":
        return message
    return f"{localize(label)}: {message}"
