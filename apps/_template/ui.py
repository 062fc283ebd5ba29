"""TEMPLATE tab: components and events. Plain Gradio, no torch here."""

from pathlib import Path

import gradio as gr

from apps._template.model import CHOICES, predict
from shared.ui import friendly_errors, image_input, model_picker, read_image

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.jpg"))


@friendly_errors  # turns UserError and crashes into a clear message in the UI and the API
def run(image, model, strength=1.0):
    return predict(read_image(image), model, float(strength))


def build_ui():
    with gr.Row():
        with gr.Column():
            image = image_input()
            model = model_picker(CHOICES)
            strength = gr.Slider(0.5, 4.0, value=1.0, label="Strength")
            button = gr.Button("Run", variant="primary")
        output = gr.Image(label="Edges", interactive=False)
    gr.Examples([str(p) for p in EXAMPLES], inputs=[image])
    # api_name = your slug: the endpoint becomes /template (rename it with your folder).
    button.click(run, [image, model, strength], output, api_name="template", concurrency_limit=2)
