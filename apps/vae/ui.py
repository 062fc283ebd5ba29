"""VAE tab: components and events. Plain Gradio, no torch here."""

from pathlib import Path

import gradio as gr

from apps.vae.model import (CHOICES, MAP_RANGE, VAE_2D, VAE_16D, decode, from_map_pixels, interpolate,
                            latent_map, legend_markdown, sample_grid)
from apps.vae.sd_vae import SD_CHOICES, sd_roundtrip
from shared.ui import image_input, Link, localize, model_picker, read_image, settings, t

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.png"))
PAIRS = [[str(EXAMPLES[i]), str(EXAMPLES[j])] for i, j in [(5, 4), (0, 1), (2, 3)]]
SD_EXAMPLE = Path(__file__).parents[1] / "classify" / "examples" / "chelsea.jpg"


def decode_point(z1, z2):
    """Decode a point of the 2-D VAE's latent space into a Fashion-MNIST image.

    Args:
        z1: the first latent coordinate (about -4 to 4).
        z2: the second latent coordinate (about -4 to 4).
    """
    return decode([float(z1), float(z2)], VAE_2D)


def show_map(z1, z2):
    return latent_map(VAE_2D, marker=(float(z1), float(z2)))


def pick_point(evt: gr.SelectData):
    """A click on the map moves the sliders there (and so decodes the point)."""
    return from_map_pixels(*evt.index)


def run_interpolation(image_a, image_b, model, steps):
    """Walk in a VAE's latent space from one image to another: the decodings of points on the line between them.

    Args:
        image_a: the first image (a piece of clothing, as in Fashion-MNIST).
        image_b: the second image.
        model: which VAE (2-D or 16-D latent).
        steps: how many points on the line.
    """
    return interpolate(read_image(image_a), read_image(image_b), model, int(steps))


def run_samples(model, seed, rows):
    """New images from a VAE: random latent points from its prior, decoded.

    Args:
        model: which VAE (2-D or 16-D latent).
        seed: the random points' seed.
        rows: rows of the grid of samples.
    """
    return sample_grid(model, int(seed), int(rows))


def run_sd(image, model):
    """Encode a photo with Stable Diffusion's VAE and decode it back: its 4 latent channels and the reconstruction (online).

    Args:
        image: the photo.
        model: the VAE (Stable Diffusion's sd-vae-ft-mse, from the hub).
    """
    channels, reconstruction, info = sd_roundtrip(read_image(image), model)
    captions = [localize(f"latent channel {i + 1}") for i in range(len(channels))]
    return list(zip(channels, captions)), reconstruction, info


def latent_map_section():
    gr.Markdown(t("### 1. The latent map: every test image is a point; click anywhere to decode it"))
    with gr.Row():
        with gr.Column(scale=3, min_width=200):
            map_image = gr.Image(show_map(0.0, 0.0), label=t("Test-set latent means (2-D VAE)"), interactive=False,
                                 elem_id="vae-map", height=330)
        with gr.Column(scale=2, min_width=160):
            z1 = gr.Slider(-MAP_RANGE, MAP_RANGE, value=0.0, step=0.05, label=t("z1 (horizontal)"), elem_id="vae-z1")
            z2 = gr.Slider(-MAP_RANGE, MAP_RANGE, value=0.0, step=0.05, label=t("z2 (vertical)"))
            decoded = gr.Image(decode_point(0.0, 0.0), label=t("Decoded item"), interactive=False, elem_id="vae-decoded",
                               height=150)
    gr.HTML(legend_markdown())
    # Decoding takes about a millisecond: no spinner, so dragging a slider feels like a live walk.
    gr.on([z1.change, z2.change], decode_point, [z1, z2], decoded, api_name="vae", trigger_mode="always_last",
          show_progress="hidden", concurrency_limit=4)
    gr.on([z1.change, z2.change], show_map, [z1, z2], map_image, trigger_mode="always_last",
          show_progress="hidden", api_visibility="private")
    map_image.select(pick_point, None, [z1, z2], api_visibility="private")


def interpolation_section():
    gr.Markdown(t("### 2. Walk between two items, and sample the prior N(0, I)"))
    with gr.Row():
        image_a = image_input(t("Start item"), height=150, min_width=120)
        image_b = image_input(t("End item"), height=150, min_width=120)
        with gr.Column(min_width=220):
            model = gr.Dropdown([c.name for c in CHOICES], value=VAE_16D, label=t("Model"))
            with settings():
                steps = gr.Slider(2, 16, value=8, step=1, label=t("Steps"))
            button = gr.Button(t("Interpolate"), variant="primary")
    strip = gr.Gallery(label=t("Decodings along the line from start to end"), columns=8, height=130,
                       elem_id="vae-strip", elem_classes="result")
    examples = gr.Examples(PAIRS, inputs=[image_a, image_b], label=t("Examples"))
    button.click(run_interpolation, [image_a, image_b, model, steps], strip, api_name="vae_interpolate")
    return examples, model, button


def sampling_section():
    with gr.Row():
        with gr.Column(scale=1):
            sample_model = gr.Dropdown([c.name for c in CHOICES], value=VAE_16D, label=t("Model"))
            seed = gr.Number(0, precision=0, label=t("Seed"))
            rows = gr.Slider(2, 10, value=6, step=1, label=t("Grid rows"))
            sample_button = gr.Button(t("Sample from the prior"))
        grid = gr.Image(run_samples(VAE_16D, 0, 6), label=t("Random samples"), interactive=False, height=360)
    sample_button.click(run_samples, [sample_model, seed, rows], grid, api_name="vae_sample")
    return seed


def sd_section():
    with gr.Accordion(t("3. Online extra: the Stable Diffusion VAE (needs the hub)"), open=False):
        gr.Markdown(t("Stable Diffusion does not denoise pixels: its VAE first squeezes the photo into a "
                      "4-channel latent 8x smaller on each side, and the UNet works there."))
        with gr.Row():
            with gr.Column():
                photo = image_input(t("Photo"))
                model = model_picker(SD_CHOICES, label=t("Autoencoder"))
                button = gr.Button(t("Encode and decode"))
            with gr.Column():
                channels = gr.Gallery(label=t("The 4 latent channels"), columns=4, height=200)
                reconstruction = gr.Image(label=t("Decoded from the latent"), interactive=False)
                info = gr.Markdown()
        gr.Examples([[str(SD_EXAMPLE)]], inputs=[photo], label=t("Examples"))
        button.click(run_sd, [photo, model], [channels, reconstruction, info], api_name="vae_sd")


def build_ui():
    with gr.Row():  # the two lessons side by side: the map, and a walk between two items
        with gr.Column():
            latent_map_section()
        with gr.Column():
            examples, model, button = interpolation_section()
    seed = sampling_section()
    sd_section()
    return Link(examples, model, seed, button)  # what a deep link may set (shared/links.py)
