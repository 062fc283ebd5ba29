"""A fix for Gradio 6.31, applied by app.py: output images are written to the cache atomically.

Gradio names a cached output image after its content and writes it in place. When two users
get the same image at once (the same example, the same gallery thumbnails), one request can
serve the file while the other is rewriting it: a cut-off download, a broken image. Found by
bench/load_test.py (about 0.3 % of calls under 50 users). Here the bytes go to a temporary
file in the same folder first, and os.replace swaps it in whole.
"""

import os
import tempfile
from pathlib import Path

from gradio import processing_utils


def save_pil_to_cache(img, cache_dir: str, name: str = "image", format: str = "webp") -> str:
    data = processing_utils.encode_pil_to_bytes(img, format)
    folder = Path(cache_dir) / processing_utils.hash_bytes(data)
    folder.mkdir(exist_ok=True, parents=True)
    target = (folder / f"{name}.{format}").resolve()
    fd, staging = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(staging, target)
    return str(target)


def apply():
    processing_utils.save_pil_to_cache = save_pil_to_cache
