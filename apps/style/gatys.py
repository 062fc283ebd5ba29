"""Neural style transfer by optimisation (Gatys, Ecker & Bethge 2016). No gradio here.

No network is trained: we optimise the *pixels* of an image so that, seen through a frozen
ImageNet CNN (apps/style/model.py), its deep features match the content image's (content
loss) while the Gram matrices of its features, which channels fire together regardless of
where, match the style image's (style loss). Slow (one forward + backward pass per step)
but it works for any pair of images and shows exactly what "style" means to a CNN.
"""

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from apps.style.model import CHOICES, FeatureNet
from shared.errors import UserError
from shared.gpu import gpu
from shared.models import CACHE, find_choice

MAX_SIZE = 384  # px on the long side: the cost grows with the pixel count
MIN_SIZE = 64  # the deepest layers see the image at 1/16 of its size
MAX_STEPS = 1000
# Adam step, in pixel units (pixels are in [0, 1]). On ImageNet VGG weights, 0.05 gets in 60
# steps a lower style loss than 0.02 did in 100; 0.1 overshoots; L-BFGS did no better and is
# unstable with the clamp to [0, 1] (bench/gatys_cpu.py, README "Gatys on VGG-19 on a CPU").
LEARNING_RATE = 0.05
DEFAULT_STEPS = 60  # VGG-19 at 256 px: 26 s on 2 CPU threads, 49 s on 1 (bench/gatys_cpu.py)
INIT_NOISE = 0.01  # std of the seeded noise added to the start image: the seed matters
# Total variation (squared differences of neighbouring pixels), weighed with the style term:
# the style gradients leave pixel-level colour speckle that this smooths away.
TV_WEIGHT = 30.0
PAD = 16  # reflect-padding before the network: without it the borders get garish stripes


@dataclass
class Losses:
    """content: relative squared difference of the features at the content layer to the
    content image's. style: the sum over the style layers of the relative squared difference
    of the Gram matrices to the style image's (see relative_error)."""

    content: float
    style: float


@dataclass
class Step:
    """One progress report. image: uint8 RGB (H, W, 3), the current pixels. before: losses of
    the start image; now: losses at this step. seconds: since the start, model loading
    excluded. done: True for the last report."""

    step: int
    steps: int
    image: np.ndarray
    before: Losses
    now: Losses
    model: str
    seconds: float
    done: bool = False


def gram(features: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) -> (N, C, C): how strongly each pair of channels fires together, averaged
    over the H*W positions. Where things are is gone; which textures co-occur stays."""
    n, c, h, w = features.shape
    flat = features.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2) / (h * w)


def to_tensor(image: Image.Image, size: int, device) -> torch.Tensor:
    """RGB PIL image -> (1, 3, H, W) float32 in [0, 1], long side resized to `size`."""
    scale = size / max(image.size)
    w, h = max(1, round(image.width * scale)), max(1, round(image.height * scale))
    pixels = np.asarray(image.resize((w, h), Image.Resampling.LANCZOS), dtype=np.float32) / 255.0
    return torch.from_numpy(pixels).permute(2, 0, 1)[None].to(device)


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """(1, 3, H, W) in [0, 1] -> uint8 RGB (H, W, 3)."""
    return (x[0].detach().clamp(0, 1).permute(1, 2, 0).cpu().numpy() * 255).round().astype(np.uint8)


def total_variation(x: torch.Tensor) -> torch.Tensor:
    """Mean squared difference between neighbouring pixels of x (N, 3, H, W): small = smooth."""
    return (x[..., 1:, :] - x[..., :-1, :]).pow(2).mean() + (x[..., :, 1:] - x[..., :, :-1]).pow(2).mean()


def relative_error(x: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Squared error relative to the target's size, ||x - t||^2 / ||t||^2: 0 = equal,
    1 = as far off as a blank image. Scale-free, so every layer, and every network (VGG's ReLU
    features are far larger than EfficientNet's), weighs the same with the same weights."""
    return (x - target).pow(2).sum() / target.pow(2).sum().clamp_min(1e-12)


class Targets:
    """What the optimised image must match: the content image's features, the style image's
    Gram matrices. Computed once; losses(x) then costs one forward pass."""

    def __init__(self, net: FeatureNet, content: torch.Tensor, style: torch.Tensor):
        self.net = net
        with torch.no_grad():
            self.content = self.features(content)[net.content_layer]
            style_features = self.features(style)
            self.grams = {name: gram(style_features[name]) for name in net.style_layers}

    def features(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        return self.net(F.pad(x, (PAD, PAD, PAD, PAD), mode="reflect"))

    def losses(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(content loss, style loss) of the image x (1, 3, H, W) in [0, 1], differentiable."""
        features = self.features(x)
        content = relative_error(features[self.net.content_layer], self.content)
        style = sum(relative_error(gram(features[name]), self.grams[name]) for name in self.net.style_layers)
        return content, style


def measure(targets: Targets, x: torch.Tensor) -> Losses:
    """The losses of image x, as numbers to report."""
    with torch.no_grad():
        content, style = targets.losses(x)
    return Losses(float(content), float(style))


@gpu(duration=120, callbacks=("check",))
def stylize_gatys(content: Image.Image, style: Image.Image, model: str | None = None,
                  content_weight: float = 1.0, style_weight: float = 3.0, steps: int = DEFAULT_STEPS,
                  size: int = 256, seed: int = 0, every: int = 10, check: Callable[[], None] | None = None):
    """Generator: optimise an image for `steps` Adam steps; yields a Step every `every` steps
    and once at the end (done=True). content, style: RGB PIL images; the output has the
    content's aspect ratio with its long side `size` px; the style image is resized alike.
    The start image is the content image plus a little seeded noise: same seed, same output.
    check: called after every step; it may raise to stop (a Stop button, a time limit)."""
    _check(content_weight, style_weight, steps, size)
    choice = find_choice(CHOICES, model)
    with CACHE.use(choice) as net:
        start_time = time.perf_counter()
        content_x, style_x = to_tensor(content, size, net.device), to_tensor(style, size, net.device)
        targets = Targets(net, content_x, style_x)
        noise = torch.randn(content_x.shape, generator=torch.Generator().manual_seed(int(seed) % 2**63))
        x = (content_x + INIT_NOISE * noise.to(net.device)).clamp(0, 1).requires_grad_(True)
        before = measure(targets, x)
        optimiser = torch.optim.Adam([x], lr=LEARNING_RATE)
        for step in range(1, steps + 1):
            optimiser.zero_grad()
            content_loss, style_loss = targets.losses(x)
            style_term = style_loss + TV_WEIGHT * total_variation(x)
            loss = content_weight * content_loss + style_weight * style_term
            loss.backward()
            optimiser.step()
            with torch.no_grad():
                x.clamp_(0, 1)  # stay a valid image
            if check is not None:
                check()
            if step % every == 0 or step == steps:
                now = measure(targets, x)
                yield Step(step, steps, to_uint8(x), before, now, choice.name,
                           time.perf_counter() - start_time, step == steps)


def _check(content_weight: float, style_weight: float, steps: int, size: int):
    if content_weight < 0 or style_weight < 0 or content_weight + style_weight == 0:
        raise UserError("content and style weights must be >= 0 and not both 0")
    if not 1 <= steps <= MAX_STEPS:
        raise UserError(f"iterations must be between 1 and {MAX_STEPS}, got {steps}")
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise UserError(f"size must be between {MIN_SIZE} and {MAX_SIZE} pixels, got {size}")
