"""The `inpaint` tab: paint a mask, see it filled by diffusion and by a classical method.
Plain Gradio; the model code is in model.py (and repaint.py, stable.py, images.py)."""

import tempfile
from pathlib import Path

import gradio as gr
from PIL import Image

from apps.inpaint.editor import PAINTED_ONLY, QUICK_MASKS, read_editor
from apps.inpaint.images import enlarge
from apps.inpaint.model import CHOICES, SETTINGS, preview
from apps.inpaint.model import inpaint as run_inpaint
from shared.components import ImageEditorInput
from shared.errors import UserError
from shared.models import default_choice, find_choice
from shared.ui import Job, Link, localize, model_picker, settings, t, warn

FOLDER = Path(__file__).parent / "examples"
# (image, quick mask): Fashion-MNIST test items first (what the offline model knows), then a
# photo for Stable Diffusion. The first one is what the end-to-end test clicks. Quick masks,
# not painted layers: Gradio 6.31's editor neither draws nor keeps layers given as a value.
PAIRS = [("ankle_boot.png", "right half"), ("trouser.png", "lower half"), ("tshirt.png", "centre square"),
         ("dress.png", "right half"), ("sneaker.png", "lower half"), ("bag.png", "centre square"),
         ("chelsea.jpg", "centre square")]
EXAMPLES = [FOLDER / name for name, _ in PAIRS]
BRUSH = gr.Brush(colors=[("#ff3b3b", 0.6)], color_mode="fixed", default_size=12)


def editor_input(**kwargs) -> gr.ImageEditor:
    """The editor hands over PIL images: layers keep their alpha, which is the mask."""
    return ImageEditorInput(type="pil", label=t("Image: paint over the part to fill"), brush=BRUSH,
                            eraser=gr.Eraser(default_size=12), layers=False, transforms=(),
                            sources=("upload", "clipboard", "webcam"), height=300, **kwargs)


def save_png(pixels) -> str:
    """The filled image at the upload's size as a PNG file to download."""
    with tempfile.NamedTemporaryFile(prefix="inpainted_", suffix=".png", delete=False) as file:
        Image.fromarray(pixels).save(file, format="PNG")
        return file.name


def report(result, seed) -> str:
    height, width = result.filled.shape[:2]
    canvas_height, canvas_width = result.result.shape[:2]
    rate = result.evaluations / result.seconds if result.seconds > 0 else 0.0
    return (f"**{result.seconds:.1f} s** for {result.evaluations} denoising network evaluations "
            f"({rate:.1f} it/s) on *{result.model}*, seed {seed}; it painted at {canvas_width}x{canvas_height} px "
            f"(what the model sees, below), pasted into your {width}x{height} px image, whose other pixels "
            "are unchanged.")


def inpaint(image, mask=PAINTED_ONLY, model=None, prompt="", negative_prompt="", steps=50, guidance=7.5,
            strength=1.0, seed=0, jump_length=5, jump_n_sample=2, eta=1.0, progress=gr.Progress()):
    """Inpainting with a diffusion model: fill the masked part of an image (RePaint offline, Stable Diffusion online).

    Args:
        image: the image editor's value, a dict: background (the image) and layers (painted RGBA layers; alpha marks what to fill).
        mask: a quick mask added to the painted one: "painted only", "right half", "lower half", ...
        model: which diffusion model; the default works offline.
        prompt: what to paint in the mask (Stable Diffusion only).
        negative_prompt: what not to paint (Stable Diffusion only).
        steps: denoising steps (each model's own: 50, or 4 for the LCM-LoRA model).
        guidance: classifier-free guidance scale (Stable Diffusion only; 1 = none, LCM's own).
        strength: how much of the masked area is re-noised, 0-1 (Stable Diffusion only).
        seed: the noise's seed.
        jump_length: RePaint's jump length (how far it goes back in time).
        jump_n_sample: RePaint's number of jumps back.
        eta: the DDIM eta of RePaint's sampler.
    Returns:
        the image with its mask and the filled image (a before/after pair), OpenCV Telea's fill, the reverse process frame by frame, what the model sees, the filled PNG, and one info line. Only the masked pixels change.
    """
    image, mask, notes = read_editor(image, mask)
    for note in notes:
        warn(note)
    progress(0, desc=localize("loading the model"))
    job = Job("Inpainting", fix="Use fewer steps (or, for RePaint, fewer jump samples).")  # Stop, APP_TIME_LIMIT
    result = run_inpaint(image, mask, model, prompt=prompt, negative_prompt=negative_prompt, steps=steps,
                         guidance=guidance, strength=strength, seed=seed, jump_length=jump_length,
                         jump_n_sample=jump_n_sample, eta=eta,
                         on_step=job.progress(progress, localize("denoising"), localize("steps")))
    for note in result.notes:
        warn(note)
    gallery = [(enlarge(frame, 128), localize(caption)) for frame, caption in result.frames]
    return ((enlarge(result.before), enlarge(result.filled)), enlarge(result.telea), gallery, enlarge(result.seen),
            save_png(result.filled), report(result, seed))


def show_input(image, mask, model=None):
    """Live preview of what the method will see (UI only). Quiet until there is an image."""
    try:
        image, mask, _ = read_editor(image, mask, check=False)
        return enlarge(preview(image, mask, model))
    except UserError:
        return None


def method_controls(name):
    """Show the settings of the method the chosen model uses, and set its own steps and guidance
    (4 and 1 for LCM, 50 and 7.5 otherwise). UI only, not in the API."""
    choice = find_choice(CHOICES, name)
    hub = not choice.embedded
    steps, guidance = SETTINGS[choice.name]
    return (gr.Group(visible=not hub), gr.Group(visible=hub), gr.Group(visible=hub),
            gr.Slider(value=steps), gr.Slider(value=guidance))


def quick_mask() -> gr.Radio:
    return gr.Radio([(t(name), name) for name in QUICK_MASKS], value=PAINTED_ONLY,
                    label=t("Quick mask (added to what you paint)"), render=False)


def seen_image() -> gr.Image:
    return gr.Image(label=t("What the model sees (red = to fill)"), interactive=False, format="png", height=200,
                    render=False)


def build_ui():
    hub_default = not default_choice(CHOICES).embedded
    default_steps, default_guidance = SETTINGS[default_choice(CHOICES).name]
    # The examples (beside the editor) set the quick mask and fill "what the model sees", which
    # are placed further down: made here, placed with .render() below.
    mask, seen = quick_mask(), seen_image()
    with gr.Row():
        with gr.Column():
            with gr.Row():
                image = editor_input(scale=3)
                with gr.Column(scale=1, min_width=130, elem_classes="examples-beside"):
                    # An example also shows what the (default) model will see, from the example's own
                    # values: the editor loads its image asynchronously, so reading it right away is stale.
                    examples = gr.Examples(
                        [[{"background": str(FOLDER / name), "layers": [], "composite": None}, quick]
                         for name, quick in PAIRS], inputs=[image, mask], outputs=[seen],
                        fn=show_input, run_on_click=True, visible_columns=[0],
                        label=t("Examples (click one: it sets the image and a quick mask; then Inpaint)"))
            mask.render()
            with gr.Group(visible=hub_default) as sd_group:
                prompt = gr.Textbox(label=t("Prompt (what to paint, in English)"), placeholder="a red knitted scarf")
            with gr.Row():
                button = gr.Button(t("Inpaint"), variant="primary", scale=3)
                stop = gr.Button(t("Stop"), variant="stop", scale=1, min_width=80)
            model = model_picker(CHOICES)
            with settings():
                with gr.Row():
                    steps = gr.Slider(1, 250, value=default_steps, step=1, label=t("Steps (num_inference_steps)"))
                    seed = gr.Number(0, precision=0, label=t("Seed (same seed, same result)"))
                with gr.Group(visible=not hub_default) as repaint_group:
                    gr.Markdown(t("**RePaint** resampling: after every *jump length* steps, add noise back "
                                  "and redo them, *jump samples* times in all."))
                    with gr.Row():
                        jump_length = gr.Slider(1, 50, value=5, step=1, label=t("Jump length"))
                        jump_n_sample = gr.Slider(1, 10, value=2, step=1, label=t("Jump samples"))
                        eta = gr.Slider(0, 1, value=1, step=0.1, label="eta", info=t("1 = DDPM noise, 0 = DDIM"))
                with gr.Group(visible=hub_default) as sd_settings:
                    negative_prompt = gr.Textbox(label=t("Negative prompt (what to avoid)"), placeholder="blurry")
                    with gr.Row():
                        guidance = gr.Slider(0, 20, value=default_guidance, step=0.5, label=t("Guidance scale"))
                        strength = gr.Slider(0.05, 1, value=1, step=0.05, label=t("Strength (1 = repaint fully)"))
        with gr.Column():
            with gr.Row(elem_classes="result"):
                # A slider over your image (red = to fill) and the filled one, both at your image's size.
                result = gr.ImageSlider(label=t("Filled in (diffusion; drag: your image | filled)"), interactive=False,
                                        format="png", height=256, type="numpy")
                telea = gr.Image(label=t("Classical: OpenCV Telea (no learning)"), interactive=False,
                                 format="png", height=256)
            info = gr.Markdown()
            frames = gr.Gallery(label=t("Reverse process: x_t from noise to image"), columns=4, height=300,
                                format="png")
            with gr.Row():
                seen.render()
                download = gr.File(label=t("Filled image at your image's size (PNG)"))
    model.change(method_controls, model, [repaint_group, sd_group, sd_settings, steps, guidance],
                 api_visibility="private")
    # .input, not .change: only what the person does (paints, uploads, picks), not an example.
    gr.on([image.input, mask.input, model.input], show_input, [image, mask, model], seen,
          api_visibility="private", show_progress="hidden", trigger_mode="always_last")
    painting = button.click(inpaint, [image, mask, model, prompt, negative_prompt, steps, guidance, strength,
                                      seed, jump_length, jump_n_sample, eta],
                            [result, telea, frames, seen, download, info], api_name="inpaint", concurrency_limit=1)
    stop.click(None, None, None, cancels=[painting])  # the loop stops at its next denoising step
    return Link(examples, model, seed, button)  # what a deep link may set (shared/links.py)
