"""Image classification: a photo in, the top-k classes with probabilities out.

Plain PyTorch on PIL images; no gradio here. The models themselves live in
shared/classifiers.py because the gradcam tab explains the very same ones.
"""

import time
import warnings
import weakref
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from PIL import Image

from shared.classifiers import Classifier
from shared.own_classifier import find_classifier
from shared.gpu import gpu
from shared.models import CACHE


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
    """image: RGB PIL image of any size. model: a name from shared.classifiers.CHOICES (None = the
    default), or the hub id of a timm or transformers classifier (shared/own_classifier.py)."""
    choice = find_classifier(model)
    with CACHE.use(choice) as clf, torch.no_grad():  # no_grad, not inference_mode: the first
        # call also loads the model, and parameters made in inference mode could not take the
        # gradients Grad-CAM needs later.
        start = time.perf_counter()
        x = clf.preprocess(image).unsqueeze(0).to(clf.device)
        preprocessed = time.perf_counter()
        net = inference_model(clf, x)  # the first call for an input size traces (not timed)
        forward = time.perf_counter()
        probs = net(x).softmax(dim=1)[0].float().cpu()
        seconds = (preprocessed - start) + (time.perf_counter() - forward)
        features = feature_grid(clf, x) if clf.extra.get("fashion") else None
    values, indices = probs.topk(min(top_k, len(clf.labels)))
    top = {clf.labels[i]: float(v) for v, i in zip(values.tolist(), indices.tolist())}
    return Prediction(top, clf.show_input(x[0]), features, choice.name, seconds)


_frozen = weakref.WeakKeyDictionary()  # model -> {input shape: its frozen trace}


def inference_model(clf: Classifier, x: torch.Tensor) -> Callable:
    """On a CPU, the model traced and frozen by TorchScript for this input shape: BatchNorm is
    folded into the convolutions and Python leaves the loop. EfficientNet-Lite0 takes 19 ms
    instead of 33 ms on one thread here, with the same logits to 1e-5 (tests/test_classify.py).
    The eager model stays for Grad-CAM, which needs gradients and hooks.
    torch.jit is deprecated in favour of torch.export/torch.compile, which have no such
    CPU inference path without a compiler yet; anything that fails to trace runs eagerly."""
    if clf.device != "cpu":
        return clf.model
    traces = _frozen.setdefault(clf.model, {})
    shape = tuple(x.shape)
    if shape not in traces:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the deprecation notice and tracer hints
                traces[shape] = torch.jit.freeze(torch.jit.trace(clf.model.eval(), x))
        except Exception:  # noqa: BLE001 - a model TorchScript cannot trace: run it as it is
            traces[shape] = clf.model
    return traces[shape]


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
