"""VAE latent spaces: the repo's Fashion-MNIST VAEs (2-D and 16-D latents) and, online, the
Stable Diffusion VAE. Plain PyTorch/numpy/PIL; the tab's UI lives in ui.py.

Images in and out of the small VAEs are 28x28 grey items, white on black, floats in [0, 1].
The functions here return PIL images scaled up with NEAREST, so the pixels stay visible.
"""

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw
from safetensors.torch import load_file

from apps.vae.vae import ConvVAE
from shared.classifiers import fashion_preprocess
from shared.errors import UserError
from shared.fashion_cnn import CLASSES
from shared.models import CACHE, ModelChoice, find_choice

MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "vae"
# The small VAEs always run on the CPU: a decode takes about a millisecond there, less than a
# trip to a GPU (and on ZeroGPU a GPU exists only inside @gpu-decorated calls).
DEVICE = "cpu"
MAP_RANGE = 3.5  # the map shows latents in [-3.5, 3.5]^2: the prior N(0, I) lives there
MAP_SIZE = 480
# One colour per Fashion-MNIST class (tab10), for the scatter plot and its legend.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


@dataclass
class LoadedVAE:
    model: ConvVAE
    test_means: np.ndarray   # (10000, latent_dim) float32: the test images' latent means
    test_labels: np.ndarray  # (10000,) int


def load_fashion_vae(folder: Path, device: str, dtype: str) -> LoadedVAE:
    config = json.loads((folder / "config.json").read_text())
    model = ConvVAE(latent_dim=config["latent_dim"], width=config["width"], hidden=config["hidden"])
    model.load_state_dict(load_file(str(folder / "vae.safetensors")))
    latents = load_file(str(folder / "test_latents.safetensors"))
    return LoadedVAE(model.eval().to(device), latents["means"].float().numpy(), latents["labels"].long().numpy())


VAE_2D = "Fashion-MNIST VAE · 2-D latent (this repo)"
VAE_16D = "Fashion-MNIST VAE · 16-D latent (this repo)"
CHOICES = [
    ModelChoice(VAE_2D, partial(load_fashion_vae, MODELS_DIR / "latent2"),
                about="1.7 M parameters, test -ELBO 256 nats; the whole latent space fits on screen"),
    ModelChoice(VAE_16D, partial(load_fashion_vae, MODELS_DIR / "latent16"),
                about="the same network with 16 latent dimensions: sharper, -ELBO 237 nats"),
]


def upscale(x: torch.Tensor, scale: int = 6) -> Image.Image:
    """(1, 28, 28) or (28, 28) float in [0, 1] -> grey PIL image, `scale` times larger."""
    pixels = (x.detach().cpu().float().clamp(0, 1).numpy().reshape(28, 28) * 255).round().astype(np.uint8)
    return Image.fromarray(pixels).resize((28 * scale, 28 * scale), Image.Resampling.NEAREST)


@torch.no_grad()
def decode(z: list[float], model: str = VAE_2D) -> Image.Image:
    """A latent point (as many numbers as the model's latent dimensions) -> its decoded item."""
    with CACHE.use(find_choice(CHOICES, model), DEVICE) as vae:
        if len(z) != vae.model.latent_dim:
            raise UserError(f"{model} has {vae.model.latent_dim} latent dimensions; got {len(z)} numbers")
        z = torch.tensor([z], dtype=torch.float32, device=next(vae.model.parameters()).device)
        return upscale(vae.model.decode(z)[0])


def to_map_pixels(z: np.ndarray) -> np.ndarray:
    """Latent coordinates (N, 2) -> pixel coordinates on the map (y grows downwards)."""
    scale = MAP_SIZE / (2 * MAP_RANGE)
    return np.stack([(z[:, 0] + MAP_RANGE) * scale, (MAP_RANGE - z[:, 1]) * scale], 1)


def from_map_pixels(x: float, y: float) -> tuple[float, float]:
    """A click on the map (pixels) -> latent coordinates (z1, z2)."""
    scale = MAP_SIZE / (2 * MAP_RANGE)
    return round(x / scale - MAP_RANGE, 2), round(MAP_RANGE - y / scale, 2)


def latent_map(model: str = VAE_2D, marker: tuple[float, float] | None = None, points: int = 3000) -> Image.Image:
    """The scatter plot of the test images' latent means, coloured by class, with an optional
    cross at `marker`. Only for a 2-D latent space (the point of that model)."""
    with CACHE.use(find_choice(CHOICES, model), DEVICE) as vae:
        if vae.model.latent_dim != 2:
            raise UserError(f"the latent map needs a 2-D latent space; choose {VAE_2D!r}")
        means, labels = vae.test_means[:points], vae.test_labels[:points]
    canvas = Image.new("RGB", (MAP_SIZE, MAP_SIZE), "white")
    draw = ImageDraw.Draw(canvas)
    for v in range(-3, 4):  # grid lines at whole latent units
        (px, py), = to_map_pixels(np.array([[v, v]], dtype=np.float32))
        draw.line([(px, 0), (px, MAP_SIZE)], fill="#eeeeee")
        draw.line([(0, py), (MAP_SIZE, py)], fill="#eeeeee")
    for (px, py), label in zip(to_map_pixels(means), labels):
        draw.ellipse([px - 2, py - 2, px + 2, py + 2], fill=PALETTE[label])
    if marker is not None:
        (px, py), = to_map_pixels(np.array([marker], dtype=np.float32))
        draw.line([(px - 10, py), (px + 10, py)], fill="black", width=3)
        draw.line([(px, py - 10), (px, py + 10)], fill="black", width=3)
    return canvas


def legend_markdown() -> str:
    """The map's colour legend as HTML spans (one per class)."""
    return " ".join(f'<span style="color:{c}">&#9679;</span> {name}' for c, name in zip(PALETTE, CLASSES))


@torch.no_grad()
def encode(image: Image.Image, vae: LoadedVAE) -> torch.Tensor:
    """Any RGB photo -> the latent mean (latent_dim,) of its Fashion-MNIST-style 28x28 version."""
    x = fashion_preprocess(image)[None].to(next(vae.model.parameters()).device)
    return vae.model.encode(x)[0][0]


@torch.no_grad()
def interpolate(image_a: Image.Image, image_b: Image.Image, model: str = VAE_16D, steps: int = 8) -> list[Image.Image]:
    """Decodings of `steps` points on the straight line from the latent of a to that of b
    (both ends included)."""
    if not 2 <= steps <= 32:
        raise UserError(f"steps must be between 2 and 32; got {steps}")
    with CACHE.use(find_choice(CHOICES, model), DEVICE) as vae:
        za, zb = encode(image_a, vae), encode(image_b, vae)
        t = torch.linspace(0, 1, steps, device=za.device)[:, None]
        return [upscale(x, 4) for x in vae.model.decode((1 - t) * za + t * zb)]


@torch.no_grad()
def sample_grid(model: str = VAE_16D, seed: int = 0, rows: int = 6) -> Image.Image:
    """rows x rows decodings of z ~ N(0, I) (the prior), drawn with `seed`: one grid image."""
    if not 1 <= rows <= 16:
        raise UserError(f"rows must be between 1 and 16; got {rows}")
    with CACHE.use(find_choice(CHOICES, model), DEVICE) as vae:
        generator = torch.Generator().manual_seed(int(seed) % 2**63)  # any integer is a seed
        z = torch.randn(rows * rows, vae.model.latent_dim, generator=generator)
        x = vae.model.decode(z.to(next(vae.model.parameters()).device)).cpu().numpy()[:, 0]
    grid = x.reshape(rows, rows, 28, 28).transpose(0, 2, 1, 3).reshape(rows * 28, rows * 28)
    return Image.fromarray((grid * 255).round().astype(np.uint8)).resize((rows * 28 * 3,) * 2, Image.Resampling.NEAREST)
