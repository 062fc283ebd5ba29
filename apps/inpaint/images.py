"""Pixels in and out of the inpainting methods: a photo as a Fashion-MNIST item, the classical
Telea fill, and pictures for the UI. Plain numpy / PIL / OpenCV.

Fashion-MNIST convention (what the repo's DDPM learned): a 28x28 grey item, white on black,
padded with black to 32x32; as a tensor, values in [-1, 1] with -1 = black.
"""

import numpy as np
import torch
from PIL import Image, ImageOps


ITEM, SIDE = 28, 32
HOLE_SHARE = 0.2  # a 32x32 pixel is filled when at least this share of it was painted


def fit_item(image: Image.Image, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RGB photo + bool mask (H, W) -> (uint8 item (32, 32), bool hole (32, 32)).

    As the classify tab reads photos for its Fashion CNN: grayscale, inverted when the border
    is light (a dark item on white), contrast stretched, padded to a square with black,
    resized to 28x28, then padded to 32x32. The mask goes through the same geometry."""
    gray = ImageOps.grayscale(image)
    pixels = np.asarray(gray, dtype=np.float32)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    if border.mean() > 127:
        gray = ImageOps.invert(gray)
    gray = ImageOps.autocontrast(gray)
    side = max(gray.size)
    offset = ((side - gray.width) // 2, (side - gray.height) // 2)
    square, painted = Image.new("L", (side, side), 0), Image.new("L", (side, side), 0)
    square.paste(gray, offset)
    painted.paste(Image.fromarray(mask.astype(np.uint8) * 255), offset)
    item = np.asarray(square.resize((ITEM, ITEM), Image.Resampling.BOX))  # area mean
    hole = np.asarray(painted.resize((ITEM, ITEM), Image.Resampling.BOX)) > HOLE_SHARE * 255
    pad = (SIDE - ITEM) // 2
    return np.pad(item, pad), np.pad(hole, pad)


def looks_like_fashion(image: Image.Image) -> bool:
    """Grey with a dark border, as Fashion-MNIST items are (a cheap test for the warning)."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    colourful = np.abs(rgb - rgb.mean(axis=2, keepdims=True)).mean() > 8
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    return not colourful and border.mean() < 40


def to_tensor(item: np.ndarray) -> torch.Tensor:
    """uint8 (32, 32) -> float32 (1, 1, 32, 32) in [-1, 1]."""
    return torch.from_numpy(item.astype(np.float32) / 127.5 - 1.0)[None, None]


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """(1, 1, H, W) or (H, W) in [-1, 1] -> uint8 (H, W)."""
    x = x.reshape(x.shape[-2:]).float()
    return ((x.clamp(-1, 1) + 1) * 127.5).round().byte().numpy()


def telea(image: np.ndarray, hole: np.ndarray, radius: int = 3) -> np.ndarray:
    """OpenCV's Telea inpainting (2004): each hole pixel a weighted average of known pixels
    nearby, filled from the edge inwards. uint8 grey (H, W) or RGB (H, W, 3) in and out."""
    import cv2

    return cv2.inpaint(np.ascontiguousarray(image), hole.astype(np.uint8) * 255, radius, cv2.INPAINT_TELEA)


def show_mask(image: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """The image with the hole tinted red: uint8 grey or RGB in, uint8 RGB (H, W, 3) out."""
    rgb = np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image.copy()
    red = np.array([230, 40, 40], dtype=np.float32)
    rgb[hole] = (0.4 * rgb[hole] + 0.6 * red).astype(np.uint8)
    return rgb


def enlarge(image: np.ndarray, min_side: int = 256) -> np.ndarray:
    """Nearest-neighbour upscaling by a whole factor so the pixels stay crisp on screen."""
    factor = max(1, min_side // min(image.shape[:2]))
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)
