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


def cpu_threads() -> int:
    """CPU threads one request may use (APP_CPU_THREADS, default 1).

    Why 1: the app serves several requests at once on a 2-core Space. Measured here, with a
    second process busy on one core, EfficientNet-Lite0 took 30-40 ms on 1 thread and 2-3 s
    on 2 (the threads wait on each other). One thread per request, several requests side by
    side, keeps every answer fast. Raise it for a single user on a big machine.
    """
    return max(1, int(os.environ.get("APP_CPU_THREADS", "1")))


def configure_cpu_threads():
    """Apply cpu_threads() to PyTorch (onnxruntime and LiteRT sessions read it themselves)."""
    import torch

    torch.set_num_threads(cpu_threads())
