"""Pixels in and out of the inpainting methods: a photo as a Fashion-MNIST item, the classical
Telea fill, and pictures for the UI. Plain numpy / PIL / OpenCV.

Fashion-MNIST convention (what the repo's DDPM learned): a 28x28 grey item, white on black,
padded with black to 32x32; as a tensor, values in [-1, 1] with -1 = black.
"""

from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image, ImageOps


ITEM, SIDE = 28, 32
HOLE_SHARE = 0.2  # a 32x32 pixel is filled when at least this share of it was painted


@dataclass
class Framing:
    """How fit_item turned an upload into a Fashion-MNIST item, so that paste_back can undo it:
    the upload's size, whether its greys were inverted, the grey range autocontrast stretched
    to 0..255, and where the upload sits in the black square that was shrunk to 28x28."""

    size: tuple[int, int]  # (width, height)
    inverted: bool
    low: int
    high: int
    side: int
    offset: tuple[int, int]


def framing(image: Image.Image) -> Framing:
    gray = ImageOps.grayscale(image)
    pixels = np.asarray(gray)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    inverted = bool(border.mean() > 127)
    if inverted:
        pixels = 255 - pixels
    side = max(gray.size)
    return Framing(gray.size, inverted, int(pixels.min()), int(pixels.max()), side,
                   ((side - gray.width) // 2, (side - gray.height) // 2))


def fit_item(image: Image.Image, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RGB photo + bool mask (H, W) -> (uint8 item (32, 32), bool hole (32, 32)).

    As the classify tab reads photos for its Fashion CNN: grayscale, inverted when the border
    is light (a dark item on white), contrast stretched, padded to a square with black,
    resized to 28x28, then padded to 32x32. The mask goes through the same geometry."""
    frame = framing(image)
    gray = ImageOps.grayscale(image)
    if frame.inverted:
        gray = ImageOps.invert(gray)
    gray = ImageOps.autocontrast(gray)
    square, painted = Image.new("L", (frame.side, frame.side), 0), Image.new("L", (frame.side, frame.side), 0)
    square.paste(gray, frame.offset)
    painted.paste(Image.fromarray(mask.astype(np.uint8) * 255), frame.offset)
    item = np.asarray(square.resize((ITEM, ITEM), Image.Resampling.BOX))  # area mean
    hole = np.asarray(painted.resize((ITEM, ITEM), Image.Resampling.BOX)) > HOLE_SHARE * 255
    pad = (SIDE - ITEM) // 2
    return np.pad(item, pad), np.pad(hole, pad)


def paste_back(item: np.ndarray, image: Image.Image, mask: np.ndarray) -> np.ndarray:
    """fit_item undone for the pixels to fill: the 32x32 item brought back to the upload's
    size, framing and greys, in the upload's masked pixels; every other pixel exactly as
    uploaded. uint8 RGB (H, W, 3)."""
    frame = framing(image)
    pad = (SIDE - ITEM) // 2
    square = Image.fromarray(item[pad:pad + ITEM, pad:pad + ITEM]).resize((frame.side, frame.side),
                                                                           Image.Resampling.BICUBIC)
    x, y = frame.offset
    grey = np.asarray(square.crop((x, y, x + frame.size[0], y + frame.size[1])), dtype=np.float32)
    if frame.high > frame.low:  # autocontrast undone: 0..255 back to the upload's range
        grey = frame.low + grey * (frame.high - frame.low) / 255
    if frame.inverted:
        grey = 255 - grey
    out = np.array(image.convert("RGB"))
    out[mask] = np.clip(grey[mask].round(), 0, 255).astype(np.uint8)[:, None]
    return out


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
