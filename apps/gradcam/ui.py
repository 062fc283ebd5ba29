"""The `gradcam` tab: components and events. Plain Gradio; the CAM code is in model.py."""

from pathlib import Path

import gradio as gr

from apps.gradcam.model import METHODS, TOP_1, explain, layer_names, top_classes
from shared.classifiers import CHOICES
from shared.own_classifier import OWN_HINT
from shared.ui import examples_beside, image_input, Job, Link, localize, model_picker, read_image, settings, t

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.[jp][pn]g"))


def gradcam(image, model, method="GradCAM", target=TOP_1, layer="", progress=gr.Progress(track_tqdm=True)):
    """Explain a CNN's decision: a heat map of where it looked for a class (Grad-CAM and its relatives).

    Args:
        image: the photo.
        model: which network to explain (the classify tab's models).
        method: GradCAM, GradCAM++, XGradCAM, HiResCAM, LayerCAM, EigenCAM or ScoreCAM.
        target: the class to explain, by name, or "top-1" for the predicted class (see /gradcam_classes).
        layer: the layer to look at; "" for the model's default (see /gradcam_layers).
    Returns:
        the heat map over the photo, the raw map, the top-5 classes, and one line saying what was explained.
    """
    job = Job(method, fix="ScoreCAM is the slow method: try GradCAM.")  # Stop, APP_TIME_LIMIT
    result = explain(read_image(image), model, method, target, layer or None, check=job.check)
    info = f"{result.method} for class **{result.target}** at layer `{result.layer}`"
    if result.scored:  # say what made it fast, so that the lesson stays honest
        scored, total = result.scored
        info += f"\n\nIt scored the {scored} of {total} channels whose maps vary most (Faster Score-CAM); the others weigh 0."
    return result.overlay, result.heatmap, result.top, info


def gradcam_classes(image, model):
    """The top-5 classes a model sees in a photo: the targets worth explaining with /gradcam.

    Args:
        image: the photo.
        model: which network (the classify tab's models).
    """
    if not image:
        return gr.Dropdown(choices=[TOP_1], value=TOP_1)
    top = top_classes(read_image(image), model)
    choices = [(f"top-1 ({next(iter(top))})", TOP_1)] + [(f"{name} ({p:.0%})", name) for name, p in top.items()]
    return gr.Dropdown(choices=choices, value=TOP_1)


def gradcam_layers(model):
    """The layers of a model that /gradcam can look at, its default first.

    Args:
        model: which network (the classify tab's models).
    """
    names = layer_names(model)
    return gr.Dropdown(choices=[(localize(f"{names[0]} (default)"), "")] + names[1:], value="")


def build_ui():
    with gr.Row():
        with gr.Column():
            with gr.Row():
                image = image_input(height=270, scale=3)
                examples = examples_beside([str(p) for p in EXAMPLES], [image], t("Examples (click one, then Explain)"))
            method = gr.Dropdown(list(METHODS), value="GradCAM", label=t("Method"),
                                 info=t("ScoreCAM runs one forward pass per channel it scores: "
                                        "here the 128 that vary most (Faster Score-CAM)"))
            with gr.Row():
                button = gr.Button(t("Explain"), variant="primary", scale=3)
                stop = gr.Button(t("Stop"), variant="stop", scale=1, min_width=80)
            model = model_picker(CHOICES, own=OWN_HINT)
            with settings():
                target = gr.Dropdown([TOP_1], value=TOP_1, label=t("Explain which class"),
                                     info=t("the top-5 classes of the image, or type any class name"),
                                     allow_custom_value=True)
                layer = gr.Dropdown([(t("the model's default"), "")], value="", label=t("Target layer"),
                                    info=t("later layers: more semantic, coarser maps"))
        with gr.Column():
            with gr.Row(elem_classes="result"):
                overlay = gr.Image(label=t("Heat map on the model's view"), interactive=False)
                raw = gr.Image(label=t("Raw map"), interactive=False)
            info = gr.Markdown()
            top = gr.Label(label=t("Top-5 classes"), num_top_classes=5)
    explaining = button.click(gradcam, [image, model, method, target, layer], [overlay, raw, top, info],
                              api_name="gradcam", concurrency_limit=2)
    stop.click(None, None, None, cancels=[explaining])  # ScoreCAM then stops within one forward pass
    gr.on([image.change, model.change], gradcam_classes, [image, model], [target],
          api_name="gradcam_classes", concurrency_limit=2)
    # The layer list needs the model loaded, so fill it once an image (or another model) arrives.
    gr.on([image.change, model.change], gradcam_layers, [model], [layer], api_name="gradcam_layers")
    return Link(examples, model, None, button)  # what a deep link may set (shared/links.py)
