"""Device and dtype choice, shared by every demo.

APP_DEVICE=cpu|cuda|mps overrides; otherwise cuda, then mps, then cpu.
fp32 everywhere by default; fp16 only on CUDA and only where a demo asks for it.
"""

import os
from functools import lru_cache


@lru_cache(maxsize=1)
def pick_device() -> str:
    forced = os.environ.get("APP_DEVICE", "").strip().lower()
    if forced:
        return forced
    import torch  # heavy import kept inside the function so `import shared` stays fast

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def pick_dtype(device: str, allow_fp16: bool = False) -> str:
    """'float16' on CUDA when the model allows it, else 'float32' (kept as a string for cache keys)."""
    return "float16" if allow_fp16 and device == "cuda" else "float32"
