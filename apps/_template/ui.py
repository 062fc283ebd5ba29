"""TEMPLATE tab: components and events. Plain Gradio, no torch here."""

from pathlib import Path

import gradio as gr

from apps._template.model import CHOICES, predict
from shared.i18n import t
from shared.links import Link
from shared.remote import remotable
from shared.ui import friendly_errors, image_input, model_picker, read_image

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.jpg"))


@friendly_errors  # turns UserError and crashes into a clear message in the UI and the API
@remotable("template")  # a model named in APP_REMOTE runs on another machine (README)
def run(image, model, strength=1.0):
    return predict(read_image(image), model, float(strength))


def build_ui():
    with gr.Row():
        with gr.Column():
            image = image_input()
            model = model_picker(CHOICES)
            # t("..."): shown in the browser's language; add the Russian to shared/locales/ru.py
            strength = gr.Slider(0.5, 4.0, value=1.0, label=t("Strength"))
            button = gr.Button(t("Run"), variant="primary")
        output = gr.Image(label=t("Edges"), interactive=False)
    examples = gr.Examples([str(p) for p in EXAMPLES], inputs=[image], label=t("Examples"))
    # api_name = your slug: the endpoint becomes /template (rename it with your folder).
    button.click(run, [image, model, strength], output, api_name="template", concurrency_limit=2)
    return Link(examples, model, None, button)  # what a deep link may set (shared/links.py)
