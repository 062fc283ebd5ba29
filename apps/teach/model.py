"""Transfer learning, the notebook way: a frozen pretrained CNN turns each photo into a feature
vector once; a linear layer (the "head") learns your classes on top, in a second. No gradio.

    feats = features(photos, "EfficientNet-Lite0 (embedded)")       # (N, 1280), unit length
    head, history = train_head(feats[train], y[train], feats[val], y[val], classes, ...)

Features are the backbone's globally pooled last feature map (timm's `pre_logits`), scaled to
unit length, so a head and a nearest-neighbour baseline see the same geometry. They are cached
per (backbone, photo, augmentation): training again with another optimiser costs no forward pass.
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image, ImageOps

from shared.classifiers import CHOICES as CLASSIFIERS
from shared.classifiers import FASHION_CNN
from shared.gpu import gpu
from shared.images import load_image
from shared.models import CACHE, find_choice

# Backbones: the classify tab's ImageNet models (hub ones online), not the 28x28 Fashion CNN.
CHOICES = [c for c in CLASSIFIERS if c.name != FASHION_CNN]
OPTIMIZERS = ("SGD", "SGD with momentum", "Adam")
BATCH = 16  # photos per forward pass
AUGMENTED_COPIES = 2  # with augmentation, each training photo adds this many altered copies


class FeatureCache:
    """(backbone, photo sha1, augmentation) -> feature vector, least recently used dropped."""

    def __init__(self, max_items: int = 8000):  # 8000 x 1280 float32 = 41 MB
        self.items, self.max_items, self.lock = OrderedDict(), max_items, threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key, vector: np.ndarray):
        with self.lock:
            self.items[key] = vector
            while len(self.items) > self.max_items:
                self.items.popitem(last=False)


FEATURES = FeatureCache()


def sha1(path) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def augment(image: Image.Image, copy: int, key: str) -> Image.Image:
    """Altered copy number `copy` (1, 2, ...) of a photo: a mirror image and/or a random crop of
    60-100 % of its area, the same every time for the same photo (seeded by its hash)."""
    rng = np.random.default_rng([int(key[:8], 16), copy])
    if copy % 2 == 1:
        image = ImageOps.mirror(image)
    scale = rng.uniform(0.6, 1.0)
    w, h = int(image.width * scale ** 0.5), int(image.height * scale ** 0.5)
    left, top = rng.integers(0, image.width - w + 1), rng.integers(0, image.height - h + 1)
    return image.crop((left, top, left + w, top + h))


def unit_features(clf, x: torch.Tensor) -> torch.Tensor:
    """(B, 3, H, W) preprocessed photos -> (B, D) float32: the pooled last feature map (timm's
    pre_logits), scaled to unit length."""
    pooled = clf.model.forward_head(clf.model.forward_features(x), pre_logits=True).float()
    return torch.nn.functional.normalize(pooled, dim=1)


@gpu(duration=120, callbacks=("on_batch",))
def features(paths: list, backbone: str | None = None, copies: int = 0,
             on_batch: Callable | None = None) -> tuple[np.ndarray, list[str]]:
    """Photos -> (float32 array (N * (1 + copies), D) of unit vectors, notes). Rows: every photo
    as it is, then each altered copy in turn (copy 1 of every photo, then copy 2, ...).
    on_batch(done, total) is called after every forward pass (progress, Stop)."""
    choice = find_choice(CHOICES, backbone)
    keys = [sha1(p) for p in paths]
    jobs = [(i, copy) for copy in range(copies + 1) for i in range(len(paths))]
    todo = [(i, copy) for i, copy in jobs if FEATURES.get((choice.name, keys[i], copy)) is None]
    notes = []
    with CACHE.use(choice) as clf, torch.inference_mode():
        for start in range(0, len(todo), BATCH):
            batch = todo[start:start + BATCH]
            images = []
            for i, copy in batch:
                image, image_notes = load_image(paths[i])
                notes += image_notes
                images.append(augment(image, copy, keys[i]) if copy else image)
            x = torch.stack([clf.preprocess(im) for im in images]).to(clf.device)
            pooled = unit_features(clf, x).cpu().numpy()
            for (i, copy), vector in zip(batch, pooled):
                FEATURES.put((choice.name, keys[i], copy), vector)
            if on_batch:
                on_batch(min(start + BATCH, len(todo)), len(todo))
    return np.stack([FEATURES.get((choice.name, keys[i], copy)) for i, copy in jobs]), notes


def split(labels: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratified split: indices (train, validation), at least one photo of each class in each."""
    rng = np.random.default_rng(seed)
    train, val = [], []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        n_val = min(max(1, round(len(members) * fraction)), len(members) - 1)
        val += members[:n_val].tolist()
        train += members[n_val:].tolist()
    return np.array(sorted(train)), np.array(sorted(val))


@dataclass
class Split:
    """Features ready to train on. x, y: training rows (with augmentation: each training photo
    and its altered copies); x_val, y_val: one row per validation photo, never altered;
    photos: one row per photo, as it is (the 2-D map); val: indices of the validation photos."""

    x: np.ndarray
    y: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    photos: np.ndarray
    val: np.ndarray
    notes: list[str]

    def plain(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the training photos as they are, without altered copies (the baseline's)."""
        rows = len(self.photos) - len(self.val)
        return self.x[:rows], self.y[:rows]


def prepare(paths: list, labels: np.ndarray, backbone: str | None, augment: bool, validation: float,
            seed: int, on_batch: Callable | None = None) -> Split:
    """Split the photos (stratified), then compute features: every photo as it is, and with
    augmentation, altered copies of the training photos only (a validation photo stays itself)."""
    train, val = split(labels, validation, seed)
    copies = AUGMENTED_COPIES if augment else 0
    x, notes = features([paths[i] for i in train], backbone, copies, on_batch)
    x_val, _ = features([paths[i] for i in val], backbone, 0, on_batch)
    photos = np.zeros((len(paths), x.shape[1]), np.float32)
    photos[train], photos[val] = x[:len(train)], x_val
    return Split(x, np.tile(labels[train], copies + 1), x_val, labels[val], photos, val, notes)


@dataclass
class Head:
    """A linear classifier on unit feature vectors: logits = x @ weight.T + bias."""

    weight: np.ndarray  # float32 (C, D)
    bias: np.ndarray    # float32 (C,)
    classes: list[str]
    backbone: str
    metrics: dict = field(default_factory=dict)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """x: (N, D) unit vectors -> (N, C) softmax probabilities."""
        logits = torch.from_numpy(x) @ torch.from_numpy(self.weight).T + torch.from_numpy(self.bias)
        return logits.softmax(dim=1).numpy()


def make_optimizer(name: str, params, lr: float) -> torch.optim.Optimizer:
    if name == "SGD":
        return torch.optim.SGD(params, lr=lr)
    if name == "SGD with momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == "Adam":
        return torch.optim.Adam(params, lr=lr)
    raise ValueError(f"unknown optimizer {name!r}; choose one of: {', '.join(OPTIMIZERS)}")


def train_head(x: np.ndarray, y: np.ndarray, x_val: np.ndarray, y_val: np.ndarray, n_classes: int,
               optimizer: str = "Adam", lr: float = 0.01, epochs: int = 50, seed: int = 0):
    """Train a linear layer with cross-entropy on mini-batches of 32, `epochs` passes over
    (x, y); a generator that yields (epoch, layer, figures) after each pass, so a caller can
    draw the curves and stop. figures: train/validation loss and accuracy.
    x: (N, D) float32 unit vectors, y: (N,) int64 class indices; the same for validation."""
    torch.manual_seed(seed)
    layer = torch.nn.Linear(x.shape[1], n_classes)
    opt = make_optimizer(optimizer, layer.parameters(), lr)
    data, target = torch.from_numpy(x), torch.from_numpy(y)
    for epoch in range(1, epochs + 1):
        for batch in torch.randperm(len(data)).split(32):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(layer(data[batch]), target[batch]).backward()
            opt.step()
        yield epoch, layer, {**evaluate(layer, x, y, "train"), **evaluate(layer, x_val, y_val, "validation")}


def to_head(layer: torch.nn.Linear, classes: list[str], backbone: str, metrics: dict) -> Head:
    return Head(layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy(), classes, backbone, metrics)


def evaluate(layer: torch.nn.Linear, x: np.ndarray, y: np.ndarray, name: str) -> dict:
    with torch.no_grad():
        logits = layer(torch.from_numpy(x))
        loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(y)).item()
        accuracy = (logits.argmax(dim=1).numpy() == y).mean()
    return {f"{name} loss": float(loss), f"{name} accuracy": float(accuracy)}


def knn_predict(x: np.ndarray, y: np.ndarray, queries: np.ndarray, k: int = 3) -> np.ndarray:
    """The baseline: each query takes the majority class of its k nearest training photos by
    cosine similarity (ties: the class of the nearest)."""
    k = min(k, len(x))
    nearest = np.argsort(-(queries @ x.T), axis=1)[:, :k]
    votes = y[nearest]
    predictions = []
    for row in votes:
        counts = np.bincount(row)
        best = np.flatnonzero(counts == counts.max())
        predictions.append(row[0] if row[0] in best else best[0])
    return np.array(predictions)


def pca_2d(x: np.ndarray) -> np.ndarray:
    """(N, D) -> (N, 2): the two directions along which the features vary most."""
    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ vt[:2].T


def confusion(y_true: np.ndarray, y_pred: np.ndarray, n: int) -> np.ndarray:
    """(n, n) counts: row = true class, column = predicted class."""
    matrix = np.zeros((n, n), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def predict(image: Image.Image, head: Head) -> dict[str, float]:
    """A photo -> {class: probability} for a trained head, every class, highest first."""
    vector, _ = features_of_image(image, head.backbone)
    probs = head.probabilities(vector[None])[0]
    return dict(sorted(zip(head.classes, map(float, probs)), key=lambda kv: -kv[1]))


@gpu
def features_of_image(image: Image.Image, backbone: str) -> tuple[np.ndarray, str]:
    """One RGB PIL image -> (its unit feature vector (D,), backbone name). Not cached: a
    webcam frame is never seen twice."""
    with CACHE.use(find_choice(CHOICES, backbone)) as clf, torch.inference_mode():
        x = clf.preprocess(image).unsqueeze(0).to(clf.device)
        return unit_features(clf, x)[0].cpu().numpy(), backbone
