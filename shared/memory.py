"""How the app asks Linux and glibc for memory: bounded after a busy lecture, and fast.

Measured with bench/load_test.py (50 users, 60 s runs, 2 cores): the app held 3.4 GB after each
run although its live objects needed 1.7 GB. glibc's malloc gives every thread that allocates
its own arena (up to 8 per core) and keeps what requests free there for later; Gradio serves
requests from a pool of threads, so freed image and tensor buffers piled up in many arenas.
Two arenas instead: 1.9-2.1 GB after the same runs.

Measured with bench/bench.py's model rows: a fifth of EfficientNet-Lite0's classify time and
two thirds of its ScoreCAM time went to the kernel. glibc gives large freed buffers straight
back to the kernel, so every forward pass mapped and zeroed its activations afresh, 4 KB at a
time: ~100,000 page faults per 30 classify calls. Two settings keep them: PyTorch's own switch
THP_MEM_ALLOC_ENABLE puts buffers of 2 MB and more on 2 MB "huge" pages (512x fewer faults),
and fixed glibc thresholds (32 MiB for mmap, 128 MiB for trimming) keep smaller buffers in the
heap. README, Performance: classify 54 -> 33 ms, ScoreCAM 151 -> 60 s on this 2-core machine.

Each setting is skipped where the environment already sets it (MALLOC_ARENA_MAX,
MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, THP_MEM_ALLOC_ENABLE): the user's value wins.
"""

import ctypes
import functools
import inspect
import os
import sys
import threading

# From glibc's malloc.h.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
MMAP_THRESHOLD = 32 * 2**20  # glibc's largest: buffers up to this size are reused, not re-mapped
TRIM_THRESHOLD = 128 * 2**20  # free memory an arena may keep at its top


def tune_memory(arenas: int = 2) -> dict[str, bool]:
    """Call at the very top of a program, before torch is imported and before threads start.
    Returns which settings took effect; none do on macOS, Windows or musl."""
    done = {"arenas": False, "thresholds": False, "huge_pages": False}
    if not sys.platform.startswith("linux"):
        return done
    if "THP_MEM_ALLOC_ENABLE" not in os.environ:  # read by torch at its first allocation
        os.environ["THP_MEM_ALLOC_ENABLE"] = "1"
        done["huge_pages"] = True
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return done
    if "MALLOC_ARENA_MAX" not in os.environ:
        done["arenas"] = bool(mallopt(M_ARENA_MAX, arenas))
    if not {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"} & set(os.environ):
        done["thresholds"] = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                                  and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    return done


# The thresholds above keep freed buffers in the heap while the app is busy (fast, no page
# faults), so after a busy spell up to TRIM_THRESHOLD per arena stays with the process. When the
# last request in flight ends, malloc_trim hands that back to the kernel (a few ms, while nobody
# waits). Measured with bench/load_test.py --scenario stress (20 users, 45 s): RSS 5 s after the
# run had grown +139 and +214 MiB over the warm-up without it (two runs), +104 MiB with it.
_in_flight = 0
_lock = threading.Lock()


def _release_if_idle():
    global _in_flight
    with _lock:
        _in_flight -= 1
        idle = _in_flight == 0
    if idle and sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass


def trim_when_idle(fn):
    """fn (a handler, plain or a generator), counted while it runs; the last one to end trims."""
    def enter():
        global _in_flight
        with _lock:
            _in_flight += 1

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def stream(*args, **kwargs):
            enter()
            try:
                yield from fn(*args, **kwargs)
            finally:
                _release_if_idle()
        return stream

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        enter()
        try:
            return fn(*args, **kwargs)
        finally:
            _release_if_idle()
    return wrapper
