"""TEMPLATE tab: components and events. Plain Gradio, no torch here.

Handlers are plain functions: take the inputs, return the outputs, raise
shared.errors.UserError("what is wrong and how to fix it") for bad input. app.py shows errors
as one clear line, translates Markdown results, and routes APP_REMOTE models, for every tab.
"""

from pathlib import Path

import gradio as gr

from shared.ui import current_tab, examples_beside, image_input, Link, model_picker, read_image, settings, t

from .model import CHOICES, predict

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.jpg"))


def run(image, model, strength=1.0):
    """Edge detection as a convolution with fixed 3x3 kernels: a photo in, its edges out.

    The docstring is the endpoint's description in the API page and for AI assistants (MCP):
    one line of what it does, then each argument on one line.

    Args:
        image: the photo.
        model: which kernels: Sobel (gradient magnitude) or Laplacian (second derivative).
        strength: how bright the edges are drawn, 0.5-4.
    Returns:
        the edges as a grayscale image, brighter where the edge is stronger.
    """
    return predict(read_image(image), model, float(strength))


def build_ui():
    # Inputs left, results right, examples beside the input: on a 1280x720 projector the image,
    # the button and the result share one screen (tests/test_layout_browser.py checks it).
    with gr.Row():
        with gr.Column():
            with gr.Row():
                image = image_input(height=270, scale=3)
                examples = examples_beside([str(p) for p in EXAMPLES], [image], t("Examples"))
            model = model_picker(CHOICES)
            button = gr.Button(t("Run"), variant="primary")
            # t("..."): shown in the browser's language; the Russian goes in this folder's ru.py.
            with settings():  # what a lecture does not need on screen: hidden in presenter mode
                strength = gr.Slider(0.5, 4.0, value=1.0, label=t("Strength"))
        output = gr.Image(label=t("Edges"), interactive=False, elem_classes="result")
    # current_tab() is this folder's name: the endpoint is /<slug>.
    button.click(run, [image, model, strength], output, api_name=current_tab(), concurrency_limit=2)
    return Link(examples, model, None, button)  # what a deep link may set (shared/links.py)
