"""The `classify` tab: components and events. Plain Gradio; the model code is in model.py."""

from pathlib import Path

import gradio as gr

from apps.classify.model import predict
from shared.classifiers import CHOICES, FASHION_CNN
from shared.own_classifier import OWN_HINT
from shared.ui import examples_beside, image_input, Link, model_picker, read_image, settings, t

# In the order shown: photos the offline model gets right first, then the small CNN's own kind.
EXAMPLES = [Path(__file__).parent / "examples" / name for name in (
    "chelsea.jpg", "coffee.jpg", "rocket.jpg", "astronaut.jpg",
    "fashion_ankle_boot.png", "fashion_trouser.png")]


def classify(image, model, top_k=5):
    """Classify a photo with an ImageNet CNN (or the Fashion-MNIST CNN): the top classes with probabilities.

    Args:
        image: the photo, any size (JPEG, PNG, WebP, ...).
        model: which network; the default works offline (EfficientNet-Lite0); see the tab's model list.
        top_k: how many classes to return, 1-10.
    Returns:
        the top classes with probabilities, what the model sees (the resized, cropped input), the small CNN's first-layer feature maps (or nothing), and one line with the model's time.
    """
    result = predict(read_image(image), model, int(top_k))
    info = f"{result.model}: {result.seconds * 1000:.0f} ms for preprocessing + forward pass"
    return result.probs, result.seen, result.features, info


def build_ui():
    with gr.Row():
        with gr.Column():
            with gr.Row():
                image = image_input(height=270, scale=3)
                examples = examples_beside([str(p) for p in EXAMPLES], [image], t("Examples (click one, then Classify)"))
            model = model_picker(CHOICES, own=OWN_HINT)
            button = gr.Button(t("Classify"), variant="primary")
            with settings():
                top_k = gr.Slider(1, 10, value=5, step=1, label=t("How many classes to show (top-k)"))
        with gr.Column():
            label = gr.Label(label=t("Top classes"), elem_classes="result")
            info = gr.Markdown()
            with gr.Row():
                seen = gr.Image(label=t("What the model sees (resized, cropped)"),
                                height=224, interactive=False, format="jpeg")  # 0.3 ms to encode, WebP 11
                features = gr.Image(label=t("First-layer feature maps (small CNN)"), interactive=False,
                                    visible=model.value == FASHION_CNN)
    # Only the small CNN has feature maps to show; a UI-only event, not part of the API.
    model.change(lambda name: gr.Image(visible=name == FASHION_CNN), model, features,
                 api_visibility="private")
    button.click(classify, [image, model, top_k], [label, seen, features, info],
                 api_name="classify", concurrency_limit=4)  # bench/load_test.py
    return Link(examples, model, None, button)  # what a deep link may set (shared/links.py)
