"""From what gr.ImageEditor hands over to (image, mask). Plain PIL/numpy: no gradio, no torch.

The editor's value is a dict: `background` (the uploaded image), `layers` (what the person
painted, one RGBA image per layer, transparent where nothing was painted) and `composite`
(both flattened). The mask comes from the layers' alpha, never from the composite's colours:
a red brush on a red dress would otherwise be invisible.

A quick mask (right half, centre square, ...) may be added to what was painted: the examples
use it, and it is quicker on a phone. For API callers a layer may also be a plain
black-and-white mask (no transparency): white means "fill this".
"""

import numpy as np
from PIL import Image

from shared.errors import UserError
from shared.images import load_image

ALPHA_PAINTED = 25  # alpha above this (of 255) counts as painted: soft brush edges included
FULL_COVER = 0.98   # a mask over more than this share of the image leaves nothing to fill from
PAINTED_ONLY = "painted only"
QUICK_MASKS = (PAINTED_ONLY, "right half", "left half", "lower half", "upper half", "centre square")


def quick_mask(shape: tuple[int, int], name: str | None) -> np.ndarray:
    """bool (H, W): one of QUICK_MASKS; 'centre square' has sides 40 % of the shorter side."""
    height, width = shape
    mask = np.zeros(shape, dtype=bool)
    name = name or PAINTED_ONLY
    if name == "right half":
        mask[:, width // 2:] = True
    elif name == "left half":
        mask[:, :width // 2] = True
    elif name == "lower half":
        mask[height // 2:, :] = True
    elif name == "upper half":
        mask[:height // 2, :] = True
    elif name == "centre square":
        side = round(0.4 * min(shape))
        top, left = (height - side) // 2, (width - side) // 2
        mask[top:top + side, left:left + side] = True
    elif name != PAINTED_ONLY:
        raise UserError(f"unknown quick mask {name!r}; choose one of: {', '.join(QUICK_MASKS)}")
    return mask


def layer_mask(layer: Image.Image) -> np.ndarray:
    """One layer -> bool (H, W), True where painted. Opaque layers are read as B/W masks."""
    rgba = np.asarray(layer.convert("RGBA"))
    alpha = rgba[:, :, 3]
    if alpha.min() == 255:  # no transparency at all: a black-and-white mask image
        return rgba[:, :, :3].mean(axis=2) > 127
    return alpha > ALPHA_PAINTED


def as_pil(layer) -> Image.Image:
    """A layer as PIL keeps its alpha: a numpy array or a file path is opened, not flattened."""
    if isinstance(layer, Image.Image):
        return layer
    if isinstance(layer, np.ndarray):
        return Image.fromarray(layer)
    try:
        return Image.open(layer)
    except (OSError, ValueError) as exc:
        raise UserError("a mask layer is not an image we can read (corrupt, or not PNG/WebP).") from exc


def read_editor(value, quick: str | None = None, check: bool = True) -> tuple[Image.Image, np.ndarray, list[str]]:
    """ImageEditor value (dict of PIL images) and a quick-mask name -> (RGB image, bool mask
    (H, W) True = fill, notes). With check, refuse no painted mask and a mask over everything;
    always refuse no image or an unreadable one (UserError)."""
    if not isinstance(value, dict) or value.get("background") is None:
        raise UserError("No image: upload an image (or pick an example), then paint over the part to fill.")
    image, notes = load_image(value["background"])
    mask = quick_mask((image.height, image.width), quick)
    for layer in value.get("layers") or []:
        if layer is None:
            continue
        painted = layer_mask(as_pil(layer))
        if painted.shape != mask.shape:  # a layer of another size: stretch it onto the image
            painted = np.asarray(Image.fromarray(painted).resize(image.size, Image.Resampling.NEAREST))
        mask |= painted
    if check:
        check_mask(mask)
    return image, mask, notes


def check_mask(mask: np.ndarray):
    """Refuse an empty mask or one that covers (almost) everything, with the fix."""
    share = float(mask.mean()) if mask.size else 0.0
    if share == 0.0:
        raise UserError("No mask: paint over the part to fill with the brush (or pick a quick mask), "
                        "then run again.")
    if share > FULL_COVER:
        raise UserError(f"the mask covers {share:.0%} of the image, so nothing is left to fill it "
                        "from: erase part of it and leave some of the image unpainted.")
