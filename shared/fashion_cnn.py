"""The small Fashion-MNIST CNN this repo trains itself (training/train_fashion_cnn.py).

Plain PyTorch, shared by the training script, the `classify` tab and the `gradcam` tab.
Input: float32 tensor (N, 1, 28, 28), values in [0, 1], white garment on a black
background (the Fashion-MNIST convention). Output: logits (N, 10).
"""

import gzip
from pathlib import Path

import numpy as np
import torch
from torch import nn

CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]
# Debian's `dataset-fashion-mnist` package installs the original IDX files here.
DEFAULT_DATA_DIR = Path("/usr/share/datasets/fashion-mnist")


def conv_block(c_in: int, c_out: int) -> nn.Sequential:
    """Two 3x3 conv + BatchNorm + ReLU layers, then 2x2 max-pooling (halves H and W)."""
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
        nn.Conv2d(c_out, c_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
    )


class FashionCNN(nn.Module):
    """28x28 -> 14x14 -> 7x7 -> 3x3 feature maps, global average pooling, linear classifier."""

    def __init__(self, width: int = 32, num_classes: int = 10, dropout: float = 0.2):
        super().__init__()
        self.features = nn.Sequential(
            conv_block(1, width),
            conv_block(width, 2 * width),
            conv_block(2 * width, 4 * width),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(4 * width, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(self.features(x)).flatten(1)
        return self.classifier(self.dropout(x))


def read_idx(path: Path) -> np.ndarray:
    """Read one gzip IDX file (images: uint8 (N, 28, 28); labels: uint8 (N,))."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def load_split(data_dir: Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """split is 'train' (60k) or 't10k' (10k test). Returns (images uint8 (N,28,28), labels)."""
    images = read_idx(Path(data_dir) / f"{split}-images-idx3-ubyte.gz")
    labels = read_idx(Path(data_dir) / f"{split}-labels-idx1-ubyte.gz")
    return images, labels
