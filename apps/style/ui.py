"""The `style` tab: the fast feed-forward method and the Gatys optimisation side by side.
Plain Gradio; the model code is in fast.py, gatys.py and model.py."""

from pathlib import Path

import gradio as gr
import numpy as np

from apps.style.fast import stylize_fast
from apps.style.gatys import DEFAULT_STEPS, MAX_SIZE, MAX_STEPS, MIN_SIZE, stylize_gatys
from apps.style.model import CHOICES
from shared.errors import UserError
from shared.ui import image_input, Job, Link, localize, model_picker, read_image, settings, t

FOLDER = Path(__file__).parent / "examples"
# (content, style) pairs; the first one is what the end-to-end test clicks.
PAIRS = [("chelsea.jpg", "starry_night.jpg"), ("astronaut.jpg", "gravel.jpg"),
         ("coffee.jpg", "brick.jpg"), ("astronaut.jpg", "starry_night.jpg"), ("chelsea.jpg", "grass.jpg")]
EXAMPLES = sorted({FOLDER / name for pair in PAIRS for name in pair})


def read_pair(content, style):
    """Both images as RGB PIL images; a problem says which of the two it is about."""
    images = []
    for name, image in (("Content image", content), ("Style image", style)):
        try:
            images.append(read_image(image))
        except UserError as exc:
            raise UserError(f"{name}: {exc}") from None
    return images


def style(content, style_image, strength=1.0, size=512):
    """Fast neural style transfer: repaint a photo in the style of another image, in one pass of Magenta's network.

    Args:
        content: the photo to repaint.
        style_image: the painting (or any image) whose style to copy.
        strength: how much style, 0 (the photo) to 1 (full style).
        size: the longer side of the result in pixels.
    Returns:
        the photo and the stylised image at the same size (a before/after pair), and one info line.
    """
    content, style_image = read_pair(content, style_image)
    result = stylize_fast(content, style_image, float(strength), int(size))
    h, w = result.image.shape[:2]
    info = (f"**{result.seconds:.2f} s** for one pass through two networks (style predictor "
            f"at 256 px, transformer at 384 px), output {w}x{h}, strength {result.strength:g}")
    photo = np.asarray(content.convert("RGB").resize((w, h)))
    return (photo, result.image), info


def style_gatys(content, style_image, model, content_weight=1.0, style_weight_log10=0.5,
                steps=DEFAULT_STEPS, size=256, seed=0, progress=gr.Progress()):
    """Style transfer as optimisation (Gatys et al.): the image is changed step by step until its CNN features match.

    Args:
        content: the photo to repaint.
        style_image: the image whose style to copy.
        model: which CNN's features to match; the default works offline.
        content_weight: how much the result must keep the photo's content.
        style_weight_log10: the style weight as a power of ten (0.5 means 3.16).
        steps: optimisation steps (Adam).
        size: the longer side of the result in pixels.
        seed: the starting noise's seed.
    Returns:
        the image every 10 steps while it optimises, then the last one, with a table of the losses.
    """
    content, style_image = read_pair(content, style_image)
    progress(0, desc=localize("loading the feature network"))
    job = Job("Gatys", fix="Use fewer iterations or a smaller size.")  # Stop, APP_TIME_LIMIT
    run = stylize_gatys(content, style_image, model, float(content_weight),
                        10.0 ** float(style_weight_log10), int(steps), int(size), int(seed or 0),
                        check=job.check)
    for step in run:
        progress((step.step, step.steps), desc=localize("optimising the pixels"))
        yield step.image, losses_table(step)


def losses_table(step) -> str:
    """A Markdown report of one Step: progress, speed, and both losses at the start and now."""
    rate = step.step / step.seconds if step.seconds > 0 else 0.0
    before, now = step.before, step.now
    fall = f" (÷{before.style / now.style:.0f})" if now.style > 0 else ""
    return (f"**Step {step.step}/{step.steps}** on *{step.model}*: {step.seconds:.1f} s, "
            f"{rate:.1f} steps/s{' (done)' if step.done else ''}\n\n"
            "| loss (relative squared error) | start image | now |\n| --- | --- | --- |\n"
            f"| content: features vs the content image's | {before.content:.3f} | {now.content:.3f} |\n"
            f"| style: Gram matrices vs the style image's | {before.style:.3f} | {now.style:.3f}{fall} |")


def build_ui():
    with gr.Row():
        with gr.Column(scale=2):
            with gr.Row():
                content = image_input(t("Content image (the photo)"), height=220)
                style_image = image_input(t("Style image (the painting or texture)"), height=220)
            examples = gr.Examples([[str(FOLDER / c), str(FOLDER / s)] for c, s in PAIRS],
                                   inputs=[content, style_image], label=t("Examples (click one, then run either method)"))
            with settings("Settings of the fast method"):
                strength = gr.Slider(0, 1, value=1, step=0.05, label=t("Style strength"),
                                     info=t("blends the 100 numbers: 0 = the photo's own style, "
                                            "1 = the style image's"))
                fast_size = gr.Slider(128, 1024, value=512, step=64, label=t("Output size (px, long side)"),
                                      info=t("the network paints at 384 px; the result is resized"))
            with settings("Settings of the slow method"):
                model = model_picker(CHOICES, label=t("Feature network"))
                with gr.Row():
                    content_weight = gr.Slider(0, 10, value=1, step=0.1, label=t("Content weight"))
                    style_weight = gr.Slider(-2, 2, value=0.5, step=0.25, label=t("Style weight (log10)"),
                                             info="0 = 1, 0.5 = 3.2, 1 = 10")
                with gr.Row():
                    steps = gr.Slider(10, MAX_STEPS, value=DEFAULT_STEPS, step=10, label=t("Iterations (Adam steps)"))
                    size = gr.Slider(MIN_SIZE, MAX_SIZE, value=256, step=32, label=t("Size (px, long side)"))
                seed = gr.Number(0, precision=0, label=t("Seed (the start image's noise)"))
        with gr.Column(scale=3):
            with gr.Row(elem_classes="result"):
                with gr.Column():
                    gr.Markdown(t("### Fast: a network trained to stylise (Magenta, Ghiasi et al. 2017)\n"
                                  "One forward pass, any style: a painting becomes 100 numbers, which steer "
                                  "a transformer network."))
                    fast_button = gr.Button(t("Stylise (fast)"), variant="primary")
                    # A slider over the photo and its stylised version: drag to compare.
                    fast_out = gr.ImageSlider(label=t("Fast result (drag: photo | stylised)"), interactive=False,
                                              format="png", height=300, type="numpy")
                    fast_info = gr.Markdown()
                with gr.Column():
                    gr.Markdown(t("### Slow: optimise the pixels (Gatys et al. 2016)\n"
                                  "No training: gradient descent on the image itself, to match the photo's "
                                  "deep features and the painting's Gram matrices."))
                    with gr.Row():
                        gatys_button = gr.Button(t("Optimise (Gatys)"), variant="primary", scale=3)
                        gatys_stop = gr.Button(t("Stop"), variant="stop", scale=1, min_width=80)
                    gatys_out = gr.Image(label=t("Gatys result (updates while it optimises)"), interactive=False,
                                         format="png", height=300)
                    gatys_info = gr.Markdown()
    fast_button.click(style, [content, style_image, strength, fast_size], [fast_out, fast_info],
                      api_name="style", concurrency_limit=2)
    optimising = gatys_button.click(style_gatys, [content, style_image, model, content_weight, style_weight,
                                                  steps, size, seed], [gatys_out, gatys_info],
                                    api_name="style_gatys", concurrency_limit=1)
    gatys_stop.click(None, None, None, cancels=[optimising])  # keeps the last image shown
    return Link(examples, model, seed, fast_button)  # what a deep link may set (shared/links.py)
