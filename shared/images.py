"""Turn whatever arrives as an image into a safe 8-bit RGB PIL image, or explain why not.

Handles: a file path, a PIL image or a numpy array; grayscale, palette, RGBA (composited on
white), CMYK, 16-bit and float images; EXIF rotation; animated GIF/WebP (first frame).
Rejects with a UserError: nothing, a file that is not an image, too few or too many pixels.
The pixel check runs on the header, before decoding, so a decompression bomb costs nothing.
"""

import os
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from shared.errors import UserError

MAX_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", str(50_000_000)))  # 50 MP, a big phone photo
MIN_SIDE = 16
# We check the size ourselves (above) with a clearer message; PIL's own bomb guard stays as a
# second line of defence at twice our limit.
Image.MAX_IMAGE_PIXELS = 2 * MAX_PIXELS
# The two refusals an upload gets before it is decoded (shared/components.py gives them too).
TOO_MANY_PIXELS = f"the image has too many pixels; the limit is {MAX_PIXELS / 1e6:.0f} MP."
UNREADABLE = "the file is not an image we can read (corrupt, or not PNG/JPEG/WebP/GIF/BMP/TIFF)."


def load_image(image) -> tuple[Image.Image, list[str]]:
    """Return (RGB uint8 PIL image, notes). Notes are short remarks worth showing as warnings."""
    if image is None or (isinstance(image, (str, Path)) and not str(image)):
        raise UserError("No image: upload, paste or take a photo first.")
    notes: list[str] = []
    if isinstance(image, np.ndarray):
        image = _from_array(image)
    elif not isinstance(image, Image.Image):
        image = _open(image)
    _check_size(image.size)
    if getattr(image, "n_frames", 1) > 1:
        notes.append(f"animated image with {image.n_frames} frames: using the first frame")
        image.seek(0)
    try:
        image = ImageOps.exif_transpose(image)
        image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        # Not the decoder's own words ("image file is truncated (11 bytes not processed)"): a class
        # needs to know what to do, not what the library saw.
        raise UserError("the image file is damaged (cut off or corrupt) and cannot be decoded: "
                        "save or export it again.") from exc
    return to_rgb(image), notes


def check_header(path):
    """Read only the file's header: a UserError for a non-image or one of too many pixels
    (any size below the limit passes: an editor's painted layer may be tiny)."""
    with _open(path) as image:
        width, height = image.size
    if width * height > MAX_PIXELS:
        _check_size((width, height))


def _open(path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except Image.DecompressionBombError as exc:
        raise UserError(TOO_MANY_PIXELS) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError(UNREADABLE) from exc


def _check_size(size: tuple[int, int]):
    width, height = size
    if width * height > MAX_PIXELS:
        raise UserError(f"the image is {width}x{height} ({width * height / 1e6:.0f} MP); "
                        f"the limit is {MAX_PIXELS / 1e6:.0f} MP. Downscale it and try again.")
    if min(width, height) < MIN_SIDE:
        raise UserError(f"the image is only {width}x{height} pixels; it needs at least "
                        f"{MIN_SIDE}x{MIN_SIDE} to show anything.")


def _from_array(array: np.ndarray) -> Image.Image:
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise UserError(f"expected an HxW, HxWx3 or HxWx4 image array, got shape {array.shape}.")
    _check_size((array.shape[1], array.shape[0]))
    if array.dtype != np.uint8:
        array = _to_uint8(array.astype(np.float64))
    return Image.fromarray(array)


def _to_uint8(values: np.ndarray) -> np.ndarray:
    """Scale 16-bit, 32-bit or float pixel values to 0..255 (floats in [0, 1] stay as they are)."""
    values = np.nan_to_num(values)
    top = values.max() if values.size else 0
    scale = 1.0 if top <= 1.0 else (65535.0 if top > 255 else 255.0)
    return np.clip(values / scale * 255.0, 0, 255).round().astype(np.uint8)


def to_rgb(image: Image.Image) -> Image.Image:
    """Any PIL mode -> RGB. Transparent parts become white, like on a web page."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = Image.fromarray(_to_uint8(np.asarray(image, dtype=np.float64)))
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")
