"""Device and dtype choice, shared by every demo.

APP_DEVICE=cpu|cuda|mps overrides; otherwise cuda, then mps, then cpu.
fp32 everywhere by default; fp16 only on CUDA and only where a demo asks for it.
"""

import os
import threading
from contextlib import contextmanager
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
    """CPU threads a runtime session may use (onnxruntime, LiteRT, CTranslate2, FAISS: fixed
    when the session is made): APP_CPU_THREADS, default 1. PyTorch follows the load instead
    (TorchThreads) unless APP_CPU_THREADS is set.

    Why 1 for sessions: the app serves several requests at once on a 2-core Space, and a
    session's threads cannot shrink when others start (TorchThreads below can).
    """
    return max(1, int(os.environ.get("APP_CPU_THREADS", "1")))


class TorchThreads:
    """PyTorch threads that follow the load: a request that runs alone uses every core; while n
    requests run, each gets cores / n (at least 1), so that the threads never outnumber the
    cores (threads that wait on each other: with a core busy elsewhere, an EfficientNet-B0
    pass took 124 ms on 2 threads, 40 ms on 1; an earlier torch, 2-3 s). torch.set_num_threads is
    process-wide, so one setting serves every running request; it changes when a request
    starts or ends (`with TORCH_THREADS.running():` around a model's use, shared/models.py).
    APP_CPU_THREADS=N fixes N threads instead, as before."""

    def __init__(self):
        self.running_now = 0
        self.lock = threading.Lock()

    @contextmanager
    def running(self):
        with self.lock:
            self.running_now += 1
            self._apply()
        try:
            yield
        finally:
            with self.lock:
                self.running_now -= 1
                self._apply()

    def share(self) -> int:
        """Threads per request now."""
        if os.environ.get("APP_CPU_THREADS"):
            return cpu_threads()
        return max(1, cores() // max(1, self.running_now))

    def _apply(self):
        import torch

        share = self.share()
        if self.running_now and torch.get_num_threads() != share:
            torch.set_num_threads(share)


TORCH_THREADS = TorchThreads()


@lru_cache(maxsize=1)
def cores() -> int:
    """The cores this process may use: its CPU set, and no more than a container's CPU quota
    (a Space's "2 vCPU" can be a cgroup quota on a host with many more cores). Read once: it
    is asked at every model use."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cgroup_cpu_quota()
    return max(1, min(count, quota)) if quota else count


def cgroup_cpu_quota(root: str = "/sys/fs/cgroup") -> int | None:
    """CPUs allowed by the cgroup's quota (v2: cpu.max "200000 100000" is 2; v1: cfs_quota_us
    over cfs_period_us), rounded up; None when there is no quota."""
    import math
    from pathlib import Path

    try:  # cgroup v2
        quota, period = (Path(root) / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:  # cgroup v1
            quota = (Path(root) / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (Path(root) / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None
    if quota in ("max", "-1"):
        return None
    return max(1, math.ceil(int(quota) / int(period)))


def configure_cpu_threads():
    """PyTorch's threads at start: APP_CPU_THREADS if set, else all cores (a lone request's
    share; TORCH_THREADS lowers it while several run)."""
    import torch

    torch.set_num_threads(TORCH_THREADS.share())
