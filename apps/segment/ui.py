"""The `segment` tab: components and events. Plain Gradio; the model code is in model.py."""

from pathlib import Path

import gradio as gr

from apps.segment.model import CHOICES, OWN_HINT, UNET, annotations, class_shares, segment
from shared.ui import examples_beside, image_input, Link, model_picker, read_image, settings, t

EXAMPLE_DIR = Path(__file__).parent / "examples"
EXAMPLES = [EXAMPLE_DIR / name for name in (
    "astronaut.jpg", "grace_hopper.jpg", "coffee.jpg",
    "scene_heldout_6.png", "scene_heldout_8.png", "scene_heldout_9.png")]  # scenes: for the U-Net


def run_segment(image, model, opacity=0.6):
    """Semantic segmentation: a class for every pixel of a photo (SegFormer, a U-Net, or MediaPipe's selfie model).

    Args:
        image: the photo.
        model: which network; the default works offline.
        opacity: how strongly the class colours cover the photo, 0-1.
    Returns:
        the photo with its segments, each class's share of the pixels, one info line, the network's feature maps, and the segmentation kept for restyling.
    """
    seg = segment(read_image(image), model)
    shares = class_shares(seg)
    info = (f"{seg.model}: {seg.seconds * 1000:.0f} ms for {seg.image.width}x{seg.image.height} px, "
            f"{len(shares)} classes present. Click a class in the legend to highlight it.")
    return ((seg.image, annotations(seg, opacity)), shares, info, seg.features, seg)


def restyle(seg, opacity, evt: gr.SelectData | None = None):
    """Redraw the overlay with a new opacity, or with the clicked class highlighted."""
    if seg is None:
        return gr.skip()
    highlight = evt.value.rsplit(" ", 1)[0] if evt is not None and isinstance(evt.value, str) else None
    return seg.image, annotations(seg, opacity, highlight)


def build_ui():
    state = gr.State(None)
    with gr.Row():
        with gr.Column():
            with gr.Row():
                image = image_input(height=270, scale=3)
                examples = examples_beside([str(p) for p in EXAMPLES], [image], t("Examples (click one, then Segment)"))
            model = model_picker(CHOICES, own=OWN_HINT)
            button = gr.Button(t("Segment"), variant="primary")
            with settings():
                opacity = gr.Slider(0.0, 1.0, value=0.6, step=0.05, label=t("Mask opacity"))
        with gr.Column():
            annotated = gr.AnnotatedImage(label=t("Segmentation (click a class to highlight it)"), height=420,
                                          elem_classes="result")
            info = gr.Markdown()
            shares = gr.Label(label=t("Share of the image per class"), num_top_classes=10)
    features = gr.Gallery(label=t("U-Net feature maps (mean over channels), encoder to decoder"),
                          columns=7, height=220, visible=model.value == UNET)
    button.click(run_segment, [image, model, opacity], [annotated, shares, info, features, state],
                 api_name="segment", concurrency_limit=2)
    # Only our U-Net has feature maps to show; a UI-only event, not part of the API.
    model.change(lambda name: gr.Gallery(visible=name == UNET), model, features, api_visibility="private")
    opacity.release(restyle, [state, opacity], annotated, api_visibility="private")
    annotated.select(restyle, [state, opacity], annotated, api_visibility="private")
    return Link(examples, model, None, button)  # what a deep link may set (shared/links.py)
