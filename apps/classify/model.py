"""Image classification: a photo in, the top-k classes with probabilities out.

Plain PyTorch on PIL images; no gradio here. The models themselves live in
shared/classifiers.py because the gradcam tab explains the very same ones.
"""

import time
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from shared.classifiers import CHOICES, Classifier
from shared.gpu import gpu
from shared.models import CACHE, find_choice


@dataclass
class Prediction:
    """probs: {label: probability} for the top-k classes, highest first.
    seen: uint8 RGB array (H, W, 3), the preprocessed input as the model sees it.
    features: uint8 RGB grid of first-layer feature maps (the small CNN only), else None.
    """

    probs: dict[str, float]
    seen: np.ndarray
    features: np.ndarray | None
    model: str
    seconds: float


@gpu
def predict(image: Image.Image, model: str | None = None, top_k: int = 5) -> Prediction:
    """image: RGB PIL image of any size. model: a name from CHOICES (None = the default)."""
    choice = find_choice(CHOICES, model)
    with CACHE.use(choice) as clf, torch.no_grad():  # no_grad, not inference_mode: the first
        # call also loads the model, and parameters made in inference mode could not take the
        # gradients Grad-CAM needs later.
        start = time.perf_counter()
        x = clf.preprocess(image).unsqueeze(0).to(clf.device)
        probs = clf.model(x).softmax(dim=1)[0].float().cpu()
        seconds = time.perf_counter() - start
        features = feature_grid(clf, x) if clf.extra.get("fashion") else None
    values, indices = probs.topk(min(top_k, len(clf.labels)))
    top = {clf.labels[i]: float(v) for v, i in zip(values.tolist(), indices.tolist())}
    return Prediction(top, clf.show_input(x[0]), features, choice.name, seconds)


def feature_grid(clf: Classifier, x: torch.Tensor, columns: int = 8, scale: int = 3) -> np.ndarray:
    """The first conv block's activations (after ReLU) for one input, as a tiled grayscale image.

    x: (1, 1, 28, 28). Each of the C maps is min-max scaled on its own and upscaled `scale`x.
    """
    first_block = clf.model.features[0]
    maps = first_block[:3](x)[0].cpu()  # conv -> BN -> ReLU: (C, 28, 28)
    lo = maps.amin(dim=(1, 2), keepdim=True)
    hi = maps.amax(dim=(1, 2), keepdim=True)
    maps = ((maps - lo) / (hi - lo + 1e-6) * 255).round().byte().numpy()
    channels, h, w = maps.shape
    rows = (channels + columns - 1) // columns
    gap = 2
    grid = np.full((rows * (h * scale + gap), columns * (w * scale + gap)), 40, dtype=np.uint8)
    for i, fmap in enumerate(maps):
        r, c = divmod(i, columns)
        tile = np.kron(fmap, np.ones((scale, scale), dtype=np.uint8))
        grid[r * (h * scale + gap): r * (h * scale + gap) + h * scale,
             c * (w * scale + gap): c * (w * scale + gap) + w * scale] = tile
    return np.stack([grid] * 3, axis=-1)
