"""TEMPLATE model code: edge detection as a convolution with fixed weights.

Copy this folder to start your own demo. Replace the kernels with your network; keep the
shape: pure functions on PIL/numpy/torch, no gradio here.

Why edges? A CNN's first layer learns filters much like these hand-made ones (compare with
the classify tab's feature maps).
"""

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps

from shared.gpu import gpu
from shared.models import CACHE, ModelChoice, find_choice

SOBEL_X = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]
LAPLACE = [[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]


def load_sobel(device: str, dtype: str) -> torch.Tensor:
    """A 'model' is anything the loader returns: here two 3x3 kernels, shape (2, 1, 3, 3)."""
    kx = torch.tensor(SOBEL_X)
    return torch.stack([kx, kx.T])[:, None].to(device)


def load_laplace(device: str, dtype: str) -> torch.Tensor:
    return torch.tensor(LAPLACE)[None, None].to(device)


# Hub models go first (they are the online default), embedded ones after. Each needs a name
# and a loader(device, dtype); hub ones also a hub_id and a pinned revision.
CHOICES = [
    ModelChoice("Sobel (fixed weights)", load_sobel, about="gradient magnitude, two kernels"),
    ModelChoice("Laplacian (fixed weights)", load_laplace, about="second derivative, one kernel"),
]


@gpu  # a GPU for the duration of the call on ZeroGPU Spaces; does nothing elsewhere
def predict(image: Image.Image, model: str | None = None, strength: float = 1.0) -> np.ndarray:
    """image: RGB PIL image. Returns uint8 grayscale edges (H, W), brighter = stronger edge."""
    gray = np.asarray(ImageOps.grayscale(image), dtype=np.float32) / 255.0
    with CACHE.use(find_choice(CHOICES, model)) as kernels:
        x = torch.from_numpy(gray)[None, None].to(kernels.device)
        responses = F.conv2d(x, kernels, padding=1)  # (1, K, H, W)
    magnitude = responses.pow(2).sum(dim=1).sqrt()[0].cpu().numpy()
    magnitude = magnitude / (magnitude.max() + 1e-6) * strength
    return (np.clip(magnitude, 0, 1) * 255).round().astype(np.uint8)
